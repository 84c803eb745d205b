/**
 * Structural rows over all rows of a staging table, in SQL: column numbering under the header, blank rows,
 * footnotes (注：… and the lines that follow them), repeated header rows and totals rows (合计, 全省 …).
 * The result, `<prefix>_class` (src_row, skip_kind, skip_reason), covers every row after the header block.
 */
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import type { LayoutPlan } from '../layout/layout-types.js';
import { FOOTNOTE_LEADS, FOOTNOTE_SRC, TOTALS_LEADS, TOTALS_SRC } from '../layout/layout-rows.js';
import { cellText } from '../stage/stage-rows.js';
import { stageColumn, type StagedSheet } from '../types.js';
import { WIDE_CLASS, wideFold, wideFoldSql, WS_CLASS } from '../values/values-core.js';

/** The SQL twin of squeezeCell: folded, every space removed ('' for NULL). Text with neither passes as it is. */
export function squeezeSql(x: string): string {
  const any = q(`${WS_CLASS.slice(0, -1)}${WIDE_CLASS.slice(1)}`);
  return `CASE WHEN ${x} IS NULL THEN '' WHEN NOT regexp_matches(${x}, ${any}) THEN ${x} ELSE coalesce(regexp_replace(${wideFoldSql(x)}, ${q(`${WS_CLASS}+`)}, '', 'g'), '') END`;
}

/** The quoted staging column c{i}. */
export const col = (i: number): string => quoteIdent(stageColumn(i));

/** Any character outside WS_CLASS (SQL only: RE2 reads the negated class as JS would). */
const NON_SPACE = `[^${WS_CLASS.slice(1, -1)}]`;
/** Code points of WS_CLASS: a cell whose first character is none of them is not blank (no regex needed). */
const WS_CODES = [9, 10, 11, 12, 13, 32, 160, 5760, ...Array.from({ length: 11 }, (_, i) => 8192 + i), 8232, 8233, 8239, 8287, 12288, 65279];

/**
 * TRUE when a cell holds a non-space character. CASE evaluates a branch only for the rows that reach it, so
 * the common first characters (printable ASCII, CJK) settle it at once and the rest pay for the full test.
 */
function nonBlankSql(c: string): string {
  return (
    `CASE WHEN ${c} IS NULL THEN FALSE WHEN ascii(${c}) BETWEEN 33 AND 126 OR ascii(${c}) BETWEEN 12289 AND 65278 THEN TRUE ` +
    `ELSE ascii(${c}) NOT IN (${WS_CODES.join(', ')}) OR regexp_matches(${c}, ${q(NON_SPACE)}) END`
  );
}

/** Code points a squeezed cell starting with one of `leads` can start with: the leads, what folds to them, and spaces. */
function leadCodes(leads: readonly string[]): number[] {
  const codes = new Set(WS_CODES);
  for (const l of leads) codes.add(l.codePointAt(0) as number);
  for (const c of [...Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, i) => 0xff01 + i), 0x3000, 0x2212]) {
    if (leads.includes(wideFold(String.fromCodePoint(c)))) codes.add(c);
  }
  return [...codes];
}

/**
 * `test`, a pattern over the squeezed cell `x` that only matches text starting with one of `leads`, run only where
 * it can match: squeezing drops spaces and folds full-width forms, so a cell whose first character is neither a
 * space nor (a form of) a lead cannot, and most rows are settled by one ascii() instead of two regex passes.
 */
function leadSql(x: string, leads: readonly string[], test: string): string {
  return `CASE WHEN ${x} IS NULL OR ascii(${x}) NOT IN (${leadCodes(leads).join(', ')}) THEN FALSE ELSE ${test} END`;
}

/** Reasons of skipped rows, by kind. */
export const SKIP_REASON = {
  numbering: '表头下的栏目编号行',
  blank: '空行',
  footnote: '表尾注释或说明',
  'repeated-header': '重复的表头行',
  totals: '合计行',
} as const;

/** The index of the column whose text names the row (region name, else region code, else none). */
function nameColumn(plan: LayoutPlan): number | null {
  const find = (k: string): number | undefined => plan.columns.find((c) => c.role.kind === k)?.index;
  return find('region_name') ?? find('region_code') ?? null;
}

/** Rows of the header as text, to recognise a header repeated further down (page headers of long exports). */
function headerMatchSql(staged: StagedSheet, plan: LayoutPlan): string {
  const tests: string[] = [];
  for (const r of plan.headerRows) {
    const cells = (staged.sample.rows[r - 1] ?? []).map((c, i) => [i, cellText(c)?.trim() ?? null] as const).filter(([i, t]) => t && i < staged.columnCount);
    if (cells.length < 2) continue;
    // trim(c) = t needs c to contain t: the cheap test first (NULL stays NULL, so a row with an empty header cell never matches).
    const hits = cells
      .map(([i, t]) => `CASE WHEN ${col(i)} IS NULL THEN NULL WHEN contains(${col(i)}, ${q(t as string)}) THEN CAST(trim(${col(i)}) = ${q(t as string)} AS INTEGER) ELSE 0 END`)
      .join(' + ');
    tests.push(`coalesce(${hits}, 0) >= ${Math.max(2, Math.ceil(cells.length / 2))}`);
  }
  return tests.length ? tests.join(' OR ') : 'FALSE';
}

/** Classify every row after the header block into `<prefix>_class`. */
export async function classifyRows(db: Connector, staged: StagedSheet, plan: LayoutPlan, prefix: string): Promise<void> {
  const n = staged.columnCount;
  const headerEnd = Math.max(0, ...plan.headerRows);
  // A cell counts when it has a non-space character (a flag per cell, computed once); the first such cell is
  // picked in the next projection and squeezed in the one after, each over plain columns: squeezing one
  // large expression made DuckDB bind it through a lambda, 4 µs a row.
  const flags = Array.from({ length: n }, (_, i) => `${nonBlankSql(col(i))} AS f${i}`);
  const count = n ? Array.from({ length: n }, (_, i) => `CAST(f${i} AS INTEGER)`).join(' + ') : '0';
  const first = n ? `CASE ${Array.from({ length: n }, (_, i) => `WHEN f${i} THEN ${col(i)}`).join(' ')} END` : "''";
  const nameCol = nameColumn(plan);
  const codeCol = plan.columns.find((c) => c.role.kind === 'region_code')?.index;
  const nameRaw = nameCol !== null ? 'name_raw' : 'first_raw';
  const codeOk = codeCol !== undefined ? `regexp_full_match(${squeezeSql('code_raw')}, '[0-9]{6}([0-9]{3}|[0-9]{6})?')` : 'FALSE';
  const totalsTest = `regexp_full_match(${squeezeSql(nameRaw)}, ${q(TOTALS_SRC)}) AND NOT ${codeOk}`;
  // The squeezed name of a totals row (for its reason), NULL on every other row: a pattern match is never empty.
  const totals = plan.table === 'indicator_values' || plan.table === 'regions' ? `CASE WHEN ${leadSql(nameRaw, TOTALS_LEADS, totalsTest)} THEN ${squeezeSql(nameRaw)} END` : 'NULL::VARCHAR';
  const foot = leadSql('first_raw', FOOTNOTE_LEADS, `regexp_full_match(${squeezeSql('first_raw')}, ${q(FOOTNOTE_SRC)})`);
  const t = quoteIdent(`${prefix}_class`);
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${t} AS WITH cells AS (SELECT *${flags.map((f) => `, ${f}`).join('')} ` +
      `FROM ${quoteIdent(staged.table)} WHERE src_row > ${headerEnd}), ` +
      `raw AS (SELECT src_row, ${count} AS n, ${first} AS first_raw, ${nameCol !== null ? col(nameCol) : 'NULL'} AS name_raw, ` +
      `${codeCol !== undefined ? col(codeCol) : 'NULL'} AS code_raw, (${headerMatchSql(staged, plan)}) AS rep FROM cells), ` +
      `base AS (SELECT src_row, n, ${foot} AS foot, ${totals} AS totals_name, rep FROM raw), ` +
      `fn AS (SELECT min(src_row) AS first_fn FROM base WHERE src_row >= ${plan.firstDataRow} AND n > 0 AND foot), ` +
      `kinds AS (SELECT src_row, totals_name, CASE ` +
      `WHEN src_row < ${plan.firstDataRow} THEN 'numbering' WHEN n = 0 THEN 'blank' ` +
      `WHEN foot OR (src_row > first_fn AND n <= 1) THEN 'footnote' ` +
      `WHEN coalesce(rep, FALSE) THEN 'repeated-header' WHEN totals_name IS NOT NULL THEN 'totals' END AS skip_kind FROM base, fn) ` +
      `SELECT src_row, skip_kind, CASE skip_kind ${Object.entries(SKIP_REASON)
        .map(([k, v]) => `WHEN ${q(k)} THEN ${k === 'totals' ? `${q(`${v}（`)} || totals_name || '）'` : q(v)}`)
        .join(' ')} END AS skip_reason FROM kinds`,
  );
}

/** Create the issues table of an import. */
export async function createIssuesTable(db: Connector, table: string): Promise<void> {
  await db.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(table)} (src_row INTEGER, col INTEGER, col_label VARCHAR, raw VARCHAR, kind VARCHAR, reason VARCHAR)`,
  );
}

/** Record skipped structural rows as issues. */
export async function insertSkipIssues(db: Connector, issues: string, prefix: string): Promise<void> {
  await db.query(
    `INSERT INTO ${quoteIdent(issues)} SELECT src_row, NULL, NULL, NULL, 'skipped', skip_reason FROM ${quoteIdent(`${prefix}_class`)} WHERE skip_kind IS NOT NULL`,
  );
}
