/**
 * The import report of one sheet: every row after the header accounted for, and the issues people need to
 * fix their file, located as they see it in Excel (file, sheet, row number, Chinese column header).
 */
import type { Connector } from '../db/connector.js';
import { quoteIdent } from '../db/sql.js';
import type { TableName } from '../model/tables.js';
import { csvField } from '../format/sheet-cell.js';
import { maskField, maskProfile } from '../format/mask.js';
import { matchText, type ColumnOutcome } from './layout/column-outcomes.js';
import type { Shape } from './layout/layout-types.js';
import type { PeriodSource } from './layout/period-text.js';

/**
 * - 'rejected': a value or row not imported (unknown region, unparseable value, missing required field);
 *   a rejected cell of an optional column is imported as empty and its row still counts as imported;
 * - 'corrected': a value imported after normalisation (full-width digits, '1,234.5', '12.3%' …);
 * - 'missing': a cell holding a missing-value mark ('—', '/', '#N/A' …), imported as empty (缺失, not a correction);
 * - 'warning': imported as read, but worth checking (ID check digit, '1975.1', a unit conversion);
 * - 'skipped': a structural row deliberately not imported (blank, totals, footnote, column numbering).
 */
export type IssueKind = 'rejected' | 'warning' | 'missing' | 'corrected' | 'skipped';

/** The kinds in the order the report shows them: what needs attention first. */
export const ISSUE_KINDS: readonly IssueKind[] = ['rejected', 'warning', 'missing', 'corrected', 'skipped'];

/** Issues of one kind and one reason, counted over the whole sheet, with the first few as examples. */
export interface IssueGroup {
  readonly kind: IssueKind;
  /** The reason with the cell-specific parts (in 「」, and numbers) replaced by …, so that alike issues count together. */
  readonly reason: string;
  readonly count: number;
  readonly examples: readonly { readonly row: number; readonly column: string | null; readonly value: string | null }[];
}

/** One issue, located as people see it in Excel. */
export interface ReportIssue {
  readonly file: string;
  readonly sheet: string | null;
  /** 1-based row number as shown in Excel (src_row). */
  readonly row: number;
  /** The column header as in the file; null for a whole-row issue. */
  readonly column: string | null;
  /** The raw cell text; null for a whole-row issue. */
  readonly value: string | null;
  readonly kind: IssueKind;
  /** Why, in Chinese. */
  readonly reason: string;
}

/**
 * Rows of one sheet, accounted for. INVARIANT (checked in code; applyLayout throws when it fails):
 * rowsRead = rowsImported + rowsRejected + rowsSkipped, where rowsRead counts every row after the header
 * block (including blank, totals and footnote rows at the bottom).
 *
 * Rules: a row is skipped when it is structural (blank, totals 合计/全省…, footnote 注：…, column numbering,
 * a repeated header, or a data row whose every value is missing); rejected when it has a fatal problem
 * (unknown or ambiguous region, unknown indicator or period, a required field missing or unreadable, a
 * duplicate key); imported otherwise. A wide row (many values in one row) counts as imported when at least one
 * of its values is imported; each bad cell is its own 'rejected' issue. A wide row whose every non-missing value
 * is rejected counts as rejected.
 */
export interface SheetReport {
  readonly file: string;
  readonly sheet: string | null;
  readonly format?: string;
  readonly encoding?: string;
  readonly table: TableName;
  readonly shape: Shape;
  /** The sheet's period, or null when it comes per row from a period column or per column from the header. */
  readonly period: string | null;
  readonly periodSource: PeriodSource;
  /** The period as users read it, with the basis of the sheet's indicators: 2025年前三季度（1-9月累计）. */
  readonly periodLabel?: string | null;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly rowsSkipped: number;
  /** Canonical rows produced (for wide sheets, one per region × indicator × period). */
  readonly valuesImported: number;
  /** The first issues (up to the limit asked for), ordered by row and column. */
  readonly issues: readonly ReportIssue[];
  readonly issueCount: number;
  readonly issueCounts: Readonly<Record<IssueKind, number>>;
  /** Every issue counted by kind and reason (all of them, not only the first), kinds in ISSUE_KINDS order. */
  readonly issueGroups: readonly IssueGroup[];
  /** Plan notes for the user (unit conversions, derived keys …), and a line for each numeric column not imported. */
  readonly notes: readonly string[];
  /** Every column of the sheet, imported or not, with its target, rule and confidence or its reason. */
  readonly columns: readonly ColumnOutcome[];
  /** Columns holding numbers that are not imported although the user did not leave them out. */
  readonly columnWarnings: number;
}

/** Throw when the accounting invariant does not hold: a bug, never the user's file. */
export function checkInvariant(r: Pick<SheetReport, 'rowsRead' | 'rowsImported' | 'rowsRejected' | 'rowsSkipped' | 'file'>): void {
  if (r.rowsRead !== r.rowsImported + r.rowsRejected + r.rowsSkipped) {
    throw new Error(
      `导入行数不平衡（${r.file}）：读取 ${r.rowsRead} 行 ≠ 导入 ${r.rowsImported} + 拒绝 ${r.rowsRejected} + 跳过 ${r.rowsSkipped}`,
    );
  }
}

/** Chinese names of the issue kinds. */
export const ISSUE_KIND_ZH: Record<IssueKind, string> = { rejected: '拒绝', warning: '提示', missing: '缺失', corrected: '更正', skipped: '跳过' };

/** How many examples each issue group carries. */
export const GROUP_EXAMPLES = 3;

/** Group every issue of an issues table by kind and reason (cell-specific 「…」 parts folded), largest first within a kind. */
export async function readIssueGroups(db: Connector, issuesTable: string): Promise<IssueGroup[]> {
  const folded = `regexp_replace(regexp_replace(reason, '「[^」]*」', '「…」', 'g'), '[0-9]+(\\.[0-9]+)?', '…', 'g')`;
  const g = `WITH g AS (SELECT kind, ${folded} AS reason, src_row, col, col_label, raw FROM ${quoteIdent(issuesTable)})`;
  const counts = await db.query(`${g} SELECT kind, reason, count(*) AS n FROM g GROUP BY kind, reason ORDER BY n DESC, reason`);
  const firsts = await db.query(
    `${g} SELECT kind, reason, src_row, col_label, raw FROM g ` +
      `QUALIFY row_number() OVER (PARTITION BY kind, reason ORDER BY src_row, col NULLS FIRST) <= ${GROUP_EXAMPLES} ORDER BY src_row, col NULLS FIRST`,
  );
  const key = (r: Record<string, unknown>): string => `${String(r.kind)}\u0000${String(r.reason)}`;
  const examples = new Map<string, IssueGroup['examples'][number][]>();
  for (const r of firsts.rows) {
    const list = examples.get(key(r)) ?? [];
    list.push({ row: Number(r.src_row), column: (r.col_label as string | null) ?? null, value: (r.raw as string | null) ?? null });
    examples.set(key(r), list);
  }
  const groups = counts.rows.map((r) => ({ kind: r.kind as IssueKind, reason: String(r.reason), count: Number(r.n), examples: examples.get(key(r)) ?? [] }));
  return ISSUE_KINDS.flatMap((k) => groups.filter((x) => x.kind === k));
}

/** Read issues from an issues table (all of them, or the first `limit`), ordered by row and column. */
export async function readIssues(db: Connector, issuesTable: string, where: { file: string; sheet: string | null }, limit?: number): Promise<ReportIssue[]> {
  const res = await db.query(
    `SELECT src_row, col_label, raw, kind, reason FROM ${quoteIdent(issuesTable)} ORDER BY src_row, col NULLS FIRST, kind` +
      (limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : ''),
  );
  return res.rows.map((r) => ({
    file: where.file,
    sheet: where.sheet,
    row: Number(r.src_row),
    column: (r.col_label as string | null) ?? null,
    value: (r.raw as string | null) ?? null,
    kind: r.kind as IssueKind,
    reason: String(r.reason),
  }));
}

/** What the CSV export holds: the issues, and the column list of each sheet. */
export interface CsvReportInput {
  readonly issues: readonly ReportIssue[];
  readonly sheets?: readonly Pick<SheetReport, 'file' | 'sheet' | 'columns'>[];
}

/**
 * The report as CSV for Excel: UTF-8 with BOM, CRLF, Chinese header; first the outcome of every column (列已导入 /
 * 列未导入), then the issues. ID and phone numbers are masked unless `unmasked` (a deliberate choice); no cell can
 * start a formula.
 */
export function reportToCsv(
  input: CsvReportInput | SheetReport,
  issues: readonly ReportIssue[] = input.issues,
  opts: { readonly unmasked?: boolean } = {},
): string {
  const profile = maskProfile({ unmasked: opts.unmasked });
  const shown = (v: string | null): string | null => maskField(profile, 'text', v);
  const sheets = 'columns' in input ? [input] : (input.sheets ?? []);
  const lines = [['文件', '工作表', '行号', '列', '原值', '类别', '原因'].join(',')];
  for (const sh of sheets) {
    for (const c of sh.columns) {
      const kind = c.status === 'imported' ? '列已导入' : c.warning ? '列未导入（含数值）' : '列未导入';
      lines.push([sh.file, sh.sheet, null, c.header, c.target, kind, matchText(c)].map(csvField).join(','));
    }
  }
  for (const i of issues) {
    lines.push([i.file, i.sheet, i.row, i.column, shown(i.value), ISSUE_KIND_ZH[i.kind], shown(i.reason)].map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** reportToCsv as bytes. */
export function reportToCsvBytes(input: CsvReportInput | SheetReport, issues?: readonly ReportIssue[], opts: { readonly unmasked?: boolean } = {}): Uint8Array {
  return new TextEncoder().encode(reportToCsv(input, issues, opts));
}
