/**
 * indicator_values from a staged sheet, all in SQL: per data row the region (code, else name via the
 * name→code table), the indicator and period (from columns, per-column header roles, or the sheet), see
 * apply-row-source.ts. A sheet whose measure columns share one indicator and period source (long sheets, sheets of
 * one indicator) is applied row by row (apply-indicator-rows.ts); any other (wide sheets) cell by cell here: the
 * measure cells unpivoted and normalised with numberSql, grouped back per row, duplicates rejected. The cell way
 * produces `<prefix>_ri` (row info), `<prefix>_cells` and the output table.
 */
import { ImportError } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import { col } from './apply-rows.js';
import { applyIndicatorRows, rowWise } from './apply-indicator-rows.js';
import { DUPLICATE_REASON_SQL, scaledSql, unitErrorSql } from './apply-measures.js';
import { rowSource, type RowSource } from './apply-row-source.js';
import type { ColumnPlan, LayoutPlan } from '../layout/layout-types.js';
import type { RegionAlias } from '../layout/region-match.js';
import type { StagedSheet } from '../types.js';
import { numberSql } from '../values/values.js';

const MEASURES = ['value', 'yoy', 'target'];
const META_TYPES = ['VARCHAR', 'INTEGER', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'VARCHAR'];
const find = (plan: LayoutPlan, kind: string): ColumnPlan | undefined => plan.columns.find((c) => c.role.kind === kind);
const field = (s: string, f: string): string => `struct_extract(${s}, '${f}')`;

/** Stop with a clear message when the plan cannot place values (no region column, no period, no indicator). */
export function checkIndicatorPlan(plan: LayoutPlan, where: { file: string; sheet?: string }): ColumnPlan[] {
  const fail = (code: string, msg: string): never => {
    throw new ImportError(code, msg, where);
  };
  if (!find(plan, 'region_code') && !find(plan, 'region_name')) fail('ingest.plan.region', '未指定地区列（区划代码或地区名称），无法导入指标数据');
  const measures = plan.columns.filter((c) => MEASURES.includes(c.role.kind));
  if (measures.length === 0) fail('ingest.plan.values', '未指定数值列，无法导入指标数据');
  const rowInd = find(plan, 'indicator_id') ?? find(plan, 'indicator_name');
  if (measures.some((c) => !c.role.indicator && !rowInd && !plan.indicator)) fail('ingest.plan.indicator', '未能确定指标：请指定该表的指标，或指定指标列');
  if (measures.some((c) => !c.role.period && !find(plan, 'period') && !plan.period)) {
    fail('ingest.plan.period', '未能确定期间：请在标题或文件名中注明期间，或手动指定（命令行 --period）');
  }
  return measures;
}

/** Row info `<prefix>_ri`: region_code with its problem or correction, row indicator and period, stage, unit. */
async function rowInfo(db: Connector, src: RowSource, prefix: string): Promise<void> {
  const fields = Object.entries(src.fields).map(([name, sql]) => `${sql} AS ${name}`);
  await db.query(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(`${prefix}_ri`)} AS SELECT d.src_row, ${fields.join(', ')} ${src.from}`);
}

/** Measure cells `<prefix>_cells`: one per non-empty measure cell, normalised, with indicator and period placed. */
async function cells(db: Connector, staged: StagedSheet, plan: LayoutPlan, prefix: string, measures: readonly ColumnPlan[]): Promise<void> {
  const t = (s: string): string => quoteIdent(`${prefix}_${s}`);
  const meta = measures
    .map((c) => {
      const vals = [`c${c.index}`, c.index, c.role.kind, c.role.indicator ?? null, c.role.period ?? null, c.role.scale?.mul ?? null, c.role.scale?.div ?? null, c.role.unitError ?? null, c.header];
      return `(${vals.map((v, i) => `${q(v)}::${META_TYPES[i]}`).join(', ')})`;
    })
    .join(', ');
  const cols = measures.map((c) => col(c.index)).join(', ');
  const unitJoin = find(plan, 'unit') ? `LEFT JOIN ${t('unit')} ul ON ul.raw = x.unit_raw AND ul.indicator_id = x.indicator_id` : '';
  const ul = (f: string): string => (unitJoin ? `ul.${f}` : 'NULL');
  // Normalise in a table of its own: struct fields read later must not re-run the normaliser per field.
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${t('norm')} AS WITH u AS (UNPIVOT (SELECT src_row, ${cols} FROM ${quoteIdent(staged.table)} ` +
      `WHERE src_row IN (SELECT src_row FROM ${t('ri')})) ON ${cols} INTO NAME cname VALUE raw), ` +
      `m(cname, col, kind, indicator, period, mul, div, unit_error, label) AS (VALUES ${meta}) ` +
      `SELECT u.src_row, m.*, u.raw, ${numberSql('u.raw')} AS nv FROM u JOIN m USING (cname)`,
  );
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${t('cells')} AS WITH n AS (SELECT * FROM ${t('norm')}), ` +
      `x AS (SELECT n.*, coalesce(n.indicator, ri.row_indicator, ${q(plan.indicator?.id ?? null)}) AS indicator_id, ` +
      `coalesce(n.period, ri.row_period, ${q(plan.period)}) AS period_id, ri.region_code, ri.unit_raw, ri.data_stage FROM n JOIN ${t('ri')} ri USING (src_row)) ` +
      `SELECT x.src_row, x.col, x.label, x.raw, x.kind, x.indicator_id, x.period_id AS period, x.region_code, x.data_stage, ` +
      `${field('x.nv', 'st')} AS st, ${field('x.nv', 'why')} AS why, ` +
      `CASE WHEN x.kind = 'yoy' THEN ${scaledSql('yoy', field('x.nv', 'v'), '', '', ul)} ELSE ${scaledSql('value', field('x.nv', 'v'), 'x.mul', 'x.div', ul)} END AS v, ` +
      `CASE WHEN x.kind <> 'yoy' THEN ${unitErrorSql('value', 'x.unit_error', ul)} END AS unit_error ` +
      `FROM x ${unitJoin}`,
  );
}

/** Build `out` (canonical indicator_values + src_row) and record issues; returns nothing, counts come later. */
export async function applyIndicatorValues(
  db: Connector,
  staged: StagedSheet,
  plan: LayoutPlan,
  prefix: string,
  out: string,
  issues: string,
  aliases: readonly RegionAlias[],
  pending: readonly string[] = [],
  /** Apply cell by cell even where row by row is possible (tests compare the two). */
  cellWise = false,
): Promise<void> {
  const measures = checkIndicatorPlan(plan, { file: staged.file, ...(staged.sheet ? { sheet: staged.sheet } : {}) });
  const src = await rowSource(db, staged, plan, prefix, aliases, pending);
  if (!cellWise && rowWise(measures)) return applyIndicatorRows(db, plan, prefix, out, issues, src, measures);
  await rowInfo(db, src, prefix);
  await cells(db, staged, plan, prefix, measures);
  const t = (s: string): string => quoteIdent(`${prefix}_${s}`);
  const I = quoteIdent(issues);
  // Rows with something to import (a value that is not empty or a missing marker).
  const valued = `(SELECT DISTINCT src_row FROM ${t('cells')} WHERE st NOT IN ('empty', 'missing'))`;
  await db.query(
    `INSERT INTO ${I} ` +
      `SELECT src_row, NULL, problem_col, problem_raw, 'rejected', region_problem FROM ${t('ri')} WHERE region_problem IS NOT NULL AND src_row IN ${valued} ` +
      `UNION ALL SELECT src_row, NULL, note_col, note_raw, 'corrected', region_note FROM ${t('ri')} WHERE region_note IS NOT NULL AND src_row IN ${valued} ` +
      `UNION ALL SELECT DISTINCT c.src_row, NULL, ri.ind_col, ri.ind_raw, 'rejected', ri.ind_problem FROM ${t('cells')} c JOIN ${t('ri')} ri USING (src_row) ` +
      `WHERE c.indicator_id IS NULL AND c.st NOT IN ('empty', 'missing') AND ri.region_code IS NOT NULL ` +
      `UNION ALL SELECT DISTINCT c.src_row, NULL, ri.per_col, ri.per_raw, 'rejected', ri.per_problem FROM ${t('cells')} c JOIN ${t('ri')} ri USING (src_row) ` +
      `WHERE c.period IS NULL AND c.st NOT IN ('empty', 'missing') AND ri.region_code IS NOT NULL ` +
      `UNION ALL SELECT src_row, col, label, raw, CASE WHEN unit_error IS NOT NULL AND v IS NOT NULL THEN 'rejected' ` +
      `ELSE st END, CASE WHEN unit_error IS NOT NULL AND v IS NOT NULL THEN unit_error ELSE why END ` +
      `FROM ${t('cells')} WHERE region_code IS NOT NULL AND (st NOT IN ('empty', 'ok') OR (unit_error IS NOT NULL AND v IS NOT NULL))`,
  );
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${t('long')} AS SELECT c.src_row, c.region_code, c.indicator_id, c.period, ` +
      `max(v) FILTER (WHERE kind = 'value') AS value, max(v) FILTER (WHERE kind = 'yoy') AS yoy_pct, ` +
      `max(v) FILTER (WHERE kind = 'target') AS annual_target, any_value(c.data_stage) AS data_stage, ` +
      `min(c.src_row) OVER (PARTITION BY c.region_code, c.indicator_id, c.period) AS first_row ` +
      `FROM ${t('cells')} c ` +
      `WHERE v IS NOT NULL AND unit_error IS NULL AND c.region_code IS NOT NULL AND c.indicator_id IS NOT NULL AND c.period IS NOT NULL ` +
      `GROUP BY c.src_row, c.region_code, c.indicator_id, c.period`,
  );
  await db.query(
    `INSERT INTO ${I} SELECT src_row, NULL, NULL, NULL, 'rejected', ${DUPLICATE_REASON_SQL} FROM ${t('long')} WHERE src_row <> first_row`,
  );
  await db.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(out)} AS SELECT region_code, indicator_id, period, value, yoy_pct, annual_target, data_stage, src_row ` +
      `FROM ${t('long')} WHERE src_row = first_row ORDER BY src_row, indicator_id, period`,
  );
}
