/**
 * Apply a layout plan to a staged sheet: SQL over all rows of the staging table produces the canonical rows
 * (`imp_<importId>_<table>`, the target table's columns plus src_row), the issues (`imp_<importId>_issues`),
 * each row's status (`imp_<importId>_rows`) and the SheetReport, whose accounting invariant is checked here.
 */
import { HengjianError } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue } from '../../db/sql.js';
import { applyIndicatorValues, checkIndicatorPlan } from './apply-indicators.js';
import { applyRecords } from './apply-records.js';
import { classifyRows, createIssuesTable, insertSkipIssues } from './apply-rows.js';
import { columnOutcomes, lostColumnNote } from '../layout/column-outcomes.js';
import type { LayoutPlan } from '../layout/layout-types.js';
import type { RegionAlias } from '../layout/region-match.js';
import { checkInvariant, readIssueGroups, readIssues, type IssueGroup, type IssueKind, type SheetReport } from '../report.js';
import type { StagedSheet } from '../types.js';

/** Options of applyLayout. */
export interface ApplyOptions {
  /** Names the output tables; letters, digits and '_' only; one per sheet. */
  readonly importId: string;
  /** Old or other names of regions (改名, 撤县设区), used when a sheet names regions without codes. */
  readonly regionAliases?: readonly RegionAlias[];
  /** Output tables of regions sheets validated earlier in the same import: their regions count as known. */
  readonly pendingRegions?: readonly string[];
  /** Issues carried in the report (all of them stay in the issues table). Default 200. */
  readonly issueLimit?: number;
  /** The file format, for the report ('xlsx', 'csv' …). */
  readonly format?: string;
  /** Indicator names by code, for the report's column list. */
  readonly indicatorName?: (id: string) => string | undefined;
  /** Apply an indicator sheet cell by cell even where row by row is possible (tests compare the two ways). */
  readonly cellWise?: boolean;
}

/** What applyLayout produced: three DuckDB tables and the report. */
export interface AppliedSheet {
  /** The canonical rows: the target table's columns plus src_row. */
  readonly table: string;
  /** src_row, col, col_label, raw, kind, reason. */
  readonly issuesTable: string;
  /** src_row, status ('imported' | 'rejected' | 'skipped'): every row after the header block. */
  readonly rowsTable: string;
  readonly report: SheetReport;
}

const TEMPS = ['class', 'rn', 'ri', 'cells', 'long', 'per', 'unit', 'norm', 'vals', 'ok', 'dup'];

/** Import a staged sheet according to its plan; nothing reaches the canonical tables here (see AppliedSheet). */
export async function applyLayout(db: Connector, staged: StagedSheet, plan: LayoutPlan, opts: ApplyOptions): Promise<AppliedSheet> {
  if (!/^[A-Za-z0-9_]{1,64}$/u.test(opts.importId)) throw new HengjianError('ingest.import-id', `导入编号只能包含字母、数字和下划线：${opts.importId}`);
  const prefix = `imp_${opts.importId}`;
  const out = `${prefix}_${plan.table}`;
  const issues = `${prefix}_issues`;
  const rows = `${prefix}_rows`;
  const t = (s: string): string => quoteIdent(`${prefix}_${s}`);
  if (plan.table === 'indicator_values') checkIndicatorPlan(plan, { file: staged.file, ...(staged.sheet ? { sheet: staged.sheet } : {}) });
  let counts: Record<string, unknown>;
  const issueCounts: Record<IssueKind, number> = { rejected: 0, warning: 0, missing: 0, corrected: 0, skipped: 0 };
  let issueGroups: IssueGroup[] = [];
  try {
    await createIssuesTable(db, issues);
    await classifyRows(db, staged, plan, prefix);
    await insertSkipIssues(db, issues, prefix);
    const pending = opts.pendingRegions ?? [];
    if (plan.table === 'indicator_values') await applyIndicatorValues(db, staged, plan, prefix, out, issues, opts.regionAliases ?? [], pending, opts.cellWise);
    else await applyRecords(db, staged, plan, prefix, out, issues, pending);
    await db.query(
      `CREATE OR REPLACE TABLE ${quoteIdent(rows)} AS SELECT k.src_row, CASE WHEN k.skip_kind IS NOT NULL THEN 'skipped' ` +
        `WHEN k.src_row IN (SELECT src_row FROM ${quoteIdent(out)}) THEN 'imported' ` +
        `WHEN k.src_row IN (SELECT src_row FROM ${quoteIdent(issues)} WHERE kind = 'rejected') THEN 'rejected' ELSE 'skipped' END AS status ` +
        `FROM ${t('class')} k`,
    );
    // Skipped rows are few: picked first, then told apart from the structural ones.
    await db.query(
      `INSERT INTO ${quoteIdent(issues)} SELECT src_row, NULL, NULL, NULL, 'skipped', '该行没有可导入的数值（均为空或缺失标记）' ` +
        `FROM ${quoteIdent(rows)} WHERE status = 'skipped' AND src_row NOT IN (SELECT src_row FROM ${t('class')} WHERE skip_kind IS NOT NULL)`,
    );
    counts =
      (
        await db.query(
          `SELECT count(*) AS n, count(*) FILTER (WHERE status = 'imported') AS imported, count(*) FILTER (WHERE status = 'rejected') AS rejected, ` +
            `count(*) FILTER (WHERE status = 'skipped') AS skipped, (SELECT count(*) FROM ${quoteIdent(out)}) AS vals FROM ${quoteIdent(rows)}`,
        )
      ).rows[0] ?? {};
    const kinds = await db.query(`SELECT kind, count(*) AS n FROM ${quoteIdent(issues)} GROUP BY kind`);
    for (const r of kinds.rows) issueCounts[r.kind as IssueKind] = Number(r.n);
    issueGroups = await readIssueGroups(db, issues);
  } catch (e) {
    // Nothing is half-imported: the import's own tables go with the error.
    for (const name of [out, issues, rows]) await db.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
    throw e;
  } finally {
    for (const s of TEMPS) await db.query(`DROP TABLE IF EXISTS ${t(s)}`).catch(() => undefined);
    await dropLookups(db, prefix).catch(() => undefined);
  }
  const where = { file: staged.file, sheet: staged.sheet };
  const columns = columnOutcomes(plan.columns, plan.table, opts.indicatorName);
  const report: SheetReport = {
    file: staged.file,
    sheet: staged.sheet,
    ...(opts.format !== undefined ? { format: opts.format } : {}),
    ...(staged.encoding !== undefined ? { encoding: staged.encoding } : {}),
    table: plan.table,
    shape: plan.shape,
    period: plan.period,
    periodSource: plan.periodSource,
    rowsRead: Number(counts.n ?? 0),
    rowsImported: Number(counts.imported ?? 0),
    rowsRejected: Number(counts.rejected ?? 0),
    rowsSkipped: Number(counts.skipped ?? 0),
    valuesImported: Number(counts.vals ?? 0),
    issues: await readIssues(db, issues, where, opts.issueLimit ?? 200),
    issueCount: Object.values(issueCounts).reduce((a, b) => a + b, 0),
    issueCounts,
    issueGroups,
    notes: [...plan.notes, ...columns.filter((c) => c.warning).map(lostColumnNote)],
    columns,
    columnWarnings: columns.filter((c) => c.warning).length,
  };
  const expected = Math.max(0, staged.rowCount - Math.max(0, ...plan.headerRows));
  if (report.rowsRead !== expected) throw new Error(`导入行数不平衡（${staged.file}）：表头后应有 ${expected} 行，实际分类 ${report.rowsRead} 行`);
  checkInvariant(report);
  return { table: out, issuesTable: issues, rowsTable: rows, report };
}

/** Lookups are named by column (`<prefix>_ind_<n>`, `<prefix>_lk<n>`): drop whichever exist. */
async function dropLookups(db: Connector, prefix: string): Promise<void> {
  const starts = [`${prefix}_ind_`, `${prefix}_lk`].map((p) => `starts_with(table_name, ${quoteValue(p)})`).join(' OR ');
  const res = await db.query(`SELECT table_name FROM duckdb_tables() WHERE temporary AND (${starts})`);
  for (const r of res.rows) await db.query(`DROP TABLE IF EXISTS ${quoteIdent(String(r.table_name))}`);
}
