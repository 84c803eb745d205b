/**
 * indicator_values row by row, for sheets whose measure columns (value, yoy, target) all take their indicator and
 * period from the same place: long sheets (indicator and period from columns or the sheet) and sheets of one
 * indicator. Each data row then gives at most one canonical row, so no cell is unpivoted and grouped back: one
 * statement computes every rule's verdict per row (the canonical row, the hash of its key when it has a value to
 * import, the list of its issues), and the issues and the duplicates are each one read of that.
 * The rows, issues and reasons are the cell way's (apply-indicators.ts); test/ingest/apply/indicator-ways.test.ts
 * compares the two on a sheet that breaks every rule.
 */
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import { col } from './apply-rows.js';
import { DUPLICATE_REASON_SQL, scaledSql, unitErrorSql } from './apply-measures.js';
import type { RowSource } from './apply-row-source.js';
import type { ColumnPlan, LayoutPlan } from '../layout/layout-types.js';
import { numberSql } from '../values/values.js';

/** Every measure column takes its indicator and its period from the same source: one canonical row per sheet row. */
export function rowWise(measures: readonly ColumnPlan[]): boolean {
  const same = (a: ColumnPlan, b: ColumnPlan): boolean => (a.role.indicator ?? null) === (b.role.indicator ?? null) && (a.role.period ?? null) === (b.role.period ?? null);
  return measures.every((c) => same(c, measures[0] as ColumnPlan));
}

const field = (s: string, f: string): string => `struct_extract(${s}, '${f}')`;
/** A cell status that gives the row something to import (or to reject). */
const VALUED = `NOT IN ('empty', 'missing')`;
/** A cell status that is reported. */
const REPORTED = `NOT IN ('empty', 'ok')`;

/** One issue of a row as the issues table holds it (the row's number is added when they are read out). */
function issueSql(col: string, label: string, raw: string, kind: string, reason: string): string {
  return `{'col': ${col}::INTEGER, 'col_label': ${label}::VARCHAR, 'raw': ${raw}::VARCHAR, 'kind': ${kind}::VARCHAR, 'reason': ${reason}::VARCHAR}`;
}

/** The output column of one measure kind: its cell's value (the largest where several columns are of the kind). */
function kindSql(measures: readonly ColumnPlan[], kind: string): string {
  const us = measures.flatMap((c, k) => (c.role.kind === kind ? [`u${k}`] : []));
  return us.length === 0 ? 'NULL::DOUBLE' : us.length === 1 ? (us[0] as string) : `greatest(${us.join(', ')})`;
}

/**
 * The output table with every data row, its verdicts in two more columns: `h`, the hash of its key when it has a
 * value to import (NULL otherwise), and `issues`, the list of its issues (NULL for the many rows with none).
 */
async function verdicts(db: Connector, plan: LayoutPlan, out: string, src: RowSource, measures: readonly ColumnPlan[]): Promise<void> {
  const role = measures[0]?.role ?? { kind: 'value' };
  const ul = (f: string): string => (src.unitTable ? `ul.${f}` : 'NULL');
  // x: the row facts, each measure normalised once; y: indicator and period placed; z: units applied; w: usable values.
  const x = ['d.src_row', ...Object.entries(src.fields).map(([name, sql]) => `${sql} AS ${name}`), ...measures.map((c, k) => `d.${col(c.index)} AS raw${k}, ${numberSql(`d.${col(c.index)}`)} AS nv${k}`)];
  const y =
    `SELECT x.*, coalesce(${q(role.indicator ?? null)}, x.row_indicator, ${q(plan.indicator?.id ?? null)}) AS indicator_id, ` +
    `coalesce(${q(role.period ?? null)}, x.row_period, ${q(plan.period)}) AS period FROM x`;
  const unitJoin = src.unitTable ? `LEFT JOIN ${quoteIdent(src.unitTable)} ul ON ul.raw = y.unit_raw AND ul.indicator_id = y.indicator_id` : '';
  const z = measures.map((c, k) => {
    const kind = c.role.kind;
    const v = scaledSql(kind, field(`nv${k}`, 'v'), `${q(c.role.scale?.mul ?? null)}::DOUBLE`, `${q(c.role.scale?.div ?? null)}::DOUBLE`, ul);
    return `${v} AS v${k}, ${unitErrorSql(kind, `${q(c.role.unitError ?? null)}::VARCHAR`, ul)} AS e${k}, ${field(`nv${k}`, 'st')} AS st${k}, ${field(`nv${k}`, 'why')} AS why${k}`;
  });
  const w = measures.map((_, k) => `CASE WHEN e${k} IS NULL THEN v${k} END AS u${k}`);
  const valued = `(${measures.map((_, k) => `st${k} ${VALUED}`).join(' OR ')})`;
  const located = 'region_code IS NOT NULL';
  // Every rule, as the condition under which the row has that issue and the issue.
  const rules: [string, string][] = [
    [`region_problem IS NOT NULL AND ${valued}`, issueSql('NULL', 'problem_col', 'problem_raw', "'rejected'", 'region_problem')],
    [`region_note IS NOT NULL AND ${valued}`, issueSql('NULL', 'note_col', 'note_raw', "'corrected'", 'region_note')],
    [`indicator_id IS NULL AND ${valued} AND ${located}`, issueSql('NULL', 'ind_col', 'ind_raw', "'rejected'", 'ind_problem')],
    [`period IS NULL AND ${valued} AND ${located}`, issueSql('NULL', 'per_col', 'per_raw', "'rejected'", 'per_problem')],
    ...measures.map((c, k): [string, string] => {
      const unit = `(e${k} IS NOT NULL AND v${k} IS NOT NULL)`;
      const issue = issueSql(String(c.index), q(c.header), `raw${k}`, `CASE WHEN ${unit} THEN 'rejected' ELSE st${k} END`, `CASE WHEN ${unit} THEN e${k} ELSE why${k} END`);
      return [`${located} AND (${unit} OR st${k} ${REPORTED})`, issue];
    }),
  ];
  const anyIssue = rules.map(([when]) => `(${when})`).join(' OR ');
  const issues = `list_filter([${rules.map(([when, issue]) => `CASE WHEN ${when} THEN ${issue} END`).join(', ')}], lambda i: i IS NOT NULL)`;
  const usable = `${located} AND indicator_id IS NOT NULL AND period IS NOT NULL AND (${measures.map((_, k) => `u${k} IS NOT NULL`).join(' OR ')})`;
  await db.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(out)} AS WITH x AS (SELECT ${x.join(', ')} ${src.from}), y AS (${y}), ` +
      `z AS (SELECT y.*, ${z.join(', ')} FROM y ${unitJoin}), w AS (SELECT z.*, ${w.join(', ')} FROM z) ` +
      `SELECT region_code, indicator_id, period, ${kindSql(measures, 'value')} AS value, ${kindSql(measures, 'yoy')} AS yoy_pct, ` +
      `${kindSql(measures, 'target')} AS annual_target, data_stage, src_row, ` +
      // The duplicate check groups one integer per importable row; rows sharing it are then compared in full.
      `CASE WHEN ${usable} THEN hash(region_code, indicator_id, period) END AS h, CASE WHEN ${anyIssue} THEN ${issues} END AS issues FROM w`,
  );
}

/**
 * Build `out` and record the issues of a row-wise sheet: the verdicts are computed into `out` itself (one pass over
 * the data rows), their issues copied out, the duplicates found, then the rows with nothing to import deleted and
 * the two verdict columns dropped, which costs far less than writing a million rows again.
 */
export async function applyIndicatorRows(
  db: Connector,
  plan: LayoutPlan,
  prefix: string,
  out: string,
  issues: string,
  src: RowSource,
  measures: readonly ColumnPlan[],
): Promise<void> {
  await verdicts(db, plan, out, src, measures);
  const o = quoteIdent(out);
  const dup = quoteIdent(`${prefix}_dup`);
  const I = quoteIdent(issues);
  await db.query(
    `INSERT INTO ${I} SELECT src_row, i.col, i.col_label, i.raw, i.kind, i.reason FROM (SELECT src_row, unnest(issues) AS i FROM ${o} WHERE issues IS NOT NULL)`,
  );
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${dup} AS SELECT src_row, region_code, indicator_id, period, ` +
      `min(src_row) OVER (PARTITION BY region_code, indicator_id, period) AS first_row FROM ${o} ` +
      `WHERE h IN (SELECT h FROM ${o} WHERE h IS NOT NULL GROUP BY h HAVING count(*) > 1)`,
  );
  await db.query(`INSERT INTO ${I} SELECT src_row, NULL, NULL, NULL, 'rejected', ${DUPLICATE_REASON_SQL} FROM ${dup} WHERE src_row <> first_row`);
  await db.query(`DELETE FROM ${o} WHERE h IS NULL OR src_row IN (SELECT src_row FROM ${dup} WHERE src_row <> first_row)`);
  await db.query(`ALTER TABLE ${o} DROP COLUMN h`);
  await db.query(`ALTER TABLE ${o} DROP COLUMN issues`);
}
