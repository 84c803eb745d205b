/**
 * indicator_values from a staged sheet, all in SQL: per data row the region (code, else name via the
 * name→code table), the indicator and period (from columns, per-column header roles, or the sheet); the
 * measure cells unpivoted (wide sheets) and normalised with numberSql; long rows grouped back, duplicates
 * rejected. Produces `<prefix>_ri` (row info), `<prefix>_cells` and the output table.
 */
import { ImportError } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import { col } from './apply-rows.js';
import { distinctLookup, indicatorLookup, periodLookup, readCatalogue, unitLookup } from './apply-lookups.js';
import type { ColumnPlan, LayoutPlan } from '../layout/layout-types.js';
import { createRegionNameTable, regionKeySql, regionsSql, shortKeySql, type RegionAlias } from '../layout/region-match.js';
import type { StagedSheet } from '../types.js';
import { numberSql, regionCodeSql, textSql } from '../values/values.js';

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
async function rowInfo(db: Connector, staged: StagedSheet, plan: LayoutPlan, prefix: string, aliases: readonly RegionAlias[], pending: readonly string[]): Promise<void> {
  const [codeC, nameC, idC, indC, perC, unitC, stageC] = ['region_code', 'region_name', 'indicator_id', 'indicator_name', 'period', 'unit', 'stage'].map((k) => find(plan, k));
  const catalogue = await readCatalogue(db);
  const joins: string[] = [];
  const t = (s: string): string => quoteIdent(`${prefix}_${s}`);
  // Per distinct text, not per row: the code normalised, the name's lookup keys, the stage.
  const pre: string[] = [];
  const lookup = async (c: ColumnPlan, alias: string, exprs: Parameters<typeof distinctLookup>[4]): Promise<void> => {
    await distinctLookup(db, `${prefix}_lk${c.index}`, staged.table, c.index, exprs);
    pre.push(`LEFT JOIN ${t(`lk${c.index}`)} ${alias} ON ${alias}.raw = s.${col(c.index)}`);
  };
  if (codeC) await lookup(codeC, 'lc', { rc: regionCodeSql });
  if (nameC) {
    await lookup(nameC, 'ln', { nk: regionKeySql, sk: (x) => shortKeySql(regionKeySql(x)) });
    await createRegionNameTable(db, `${prefix}_rn`, aliases, pending);
    joins.push(`LEFT JOIN ${t('rn')} n1 ON n1.key = d.nk LEFT JOIN ${t('rn')} n2 ON n2.key = d.sk`);
  }
  if (stageC) await lookup(stageC, 'ls', { stage: (x) => field(textSql(x), 'v') });
  if (idC) joins.push(`LEFT JOIN ${quoteIdent(await indicatorLookup(db, prefix, staged.table, idC.index, 'id', catalogue))} ii ON ii.raw = d.${col(idC.index)}`);
  if (indC) joins.push(`LEFT JOIN ${quoteIdent(await indicatorLookup(db, prefix, staged.table, indC.index, 'name', catalogue))} iname ON iname.raw = d.${col(indC.index)}`);
  if (perC) joins.push(`LEFT JOIN ${quoteIdent(await periodLookup(db, prefix, staged.table, perC.index))} pp ON pp.raw = d.${col(perC.index)}`);
  const codeRaw = codeC ? `d.${col(codeC.index)}` : 'NULL::VARCHAR';
  const nameRaw = nameC ? `d.${col(nameC.index)}` : 'NULL::VARCHAR';
  const [code, codeSt, codeWhy] = codeC ? ['v', 'st', 'why'].map((f) => field('d.rc', f)) : ['NULL::VARCHAR', 'NULL::VARCHAR', 'NULL::VARCHAR'];
  const nameCode = nameC ? 'CASE WHEN n1.key IS NOT NULL THEN n1.code ELSE n2.code END' : 'NULL';
  const nameHit = nameC ? '(n1.key IS NOT NULL OR n2.key IS NOT NULL)' : 'FALSE';
  const cands = nameC ? 'coalesce(n1.candidates, n2.candidates)' : 'NULL';
  const exact = nameC ? 'coalesce(n1.exact, FALSE)' : 'FALSE';
  const nameTxt = `trim(${nameRaw})`;
  const codeLabel = q(codeC?.header ?? '');
  const nameLabel = q(nameC?.header ?? '');
  const region = `CASE WHEN known.region_code IS NOT NULL THEN known.region_code WHEN ${nameHit} THEN ${nameCode} END`;
  const problem =
    `CASE WHEN known.region_code IS NOT NULL THEN NULL ` +
    `WHEN ${nameHit} AND ${nameCode} IS NULL THEN '地区「' || ${nameTxt} || '」对应多个区划（' || ${cands} || '），请改用区划代码' ` +
    `WHEN ${nameHit} THEN NULL ` +
    `WHEN ${codeSt} = 'rejected' THEN '区划代码「' || trim(${codeRaw}) || '」' || ${codeWhy} ` +
    `WHEN ${code} IS NOT NULL THEN '区划代码 ' || ${code} || ' 不在区划表中（请先导入区划）' || ` +
    `CASE WHEN ${nameRaw} IS NOT NULL THEN '，地区「' || ${nameTxt} || '」也找不到' ELSE '' END ` +
    `WHEN ${nameRaw} IS NOT NULL THEN '地区「' || ${nameTxt} || '」在区划表中找不到' ` +
    `ELSE '缺少地区：区划代码和地区名称均为空' END`;
  // The column a problem is reported on: the name for an ambiguous name, else the code when there is one.
  const onName = `((${nameHit} AND ${nameCode} IS NULL) OR ${codeRaw} IS NULL)`;
  const problemCol = `CASE WHEN ${onName} THEN ${nameLabel} ELSE ${codeLabel} END`;
  const problemRaw = `CASE WHEN ${onName} THEN ${nameRaw} ELSE ${codeRaw} END`;
  const note =
    `CASE WHEN known.region_code IS NOT NULL AND ${codeSt} = 'corrected' THEN ${codeWhy} ` +
    `WHEN known.region_code IS NULL AND ${nameHit} AND ${nameCode} IS NOT NULL AND (NOT ${exact} OR ${codeRaw} IS NOT NULL) THEN ` +
    `'地区「' || ${nameTxt} || '」按「' || named.name || '」（' || named.region_code || '）匹配' || ` +
    `CASE WHEN ${codeRaw} IS NOT NULL THEN '，区划代码「' || trim(${codeRaw}) || '」未采用' ELSE '' END END`;
  const noteCol = `CASE WHEN known.region_code IS NOT NULL THEN ${codeLabel} ELSE ${nameLabel} END`;
  const noteRaw = `CASE WHEN known.region_code IS NOT NULL THEN ${codeRaw} ELSE ${nameRaw} END`;
  const rowInd = [idC ? 'ii.indicator_id' : '', indC ? 'iname.indicator_id' : ''].filter(Boolean);
  const indReason = idC || indC ? `coalesce(${[idC ? 'ii.reason' : '', indC ? 'iname.reason' : ''].filter(Boolean).join(', ')}, '缺少指标')` : 'NULL';
  const indCol = idC ?? indC;
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${t('ri')} AS WITH d AS (SELECT s.*, ${codeC ? 'lc.rc' : 'NULL'} AS rc, ` +
      `${nameC ? 'ln.nk' : 'NULL'} AS nk, ${nameC ? 'ln.sk' : 'NULL'} AS sk, ${stageC ? 'ls.stage' : 'NULL::VARCHAR'} AS stage ` +
      `FROM ${quoteIdent(staged.table)} s JOIN ${t('class')} k USING (src_row) ${pre.join(' ')} WHERE k.skip_kind IS NULL) ` +
      `SELECT d.src_row, ${region} AS region_code, ${problem} AS region_problem, ${problemCol} AS problem_col, ${problemRaw} AS problem_raw, ` +
      `${note} AS region_note, ${noteCol} AS note_col, ${noteRaw} AS note_raw, ` +
      `${rowInd.length ? `coalesce(${rowInd.join(', ')})` : 'NULL::VARCHAR'} AS row_indicator, ${indReason} AS ind_problem, ` +
      `${q(indCol?.header ?? null)} AS ind_col, ${indCol ? `d.${col(indCol.index)}` : 'NULL::VARCHAR'} AS ind_raw, ` +
      `${perC ? 'pp.period' : 'NULL::VARCHAR'} AS row_period, ${perC ? `coalesce(pp.reason, '缺少期间')` : 'NULL::VARCHAR'} AS per_problem, ` +
      `${q(perC?.header ?? null)} AS per_col, ${perC ? `d.${col(perC.index)}` : 'NULL::VARCHAR'} AS per_raw, ` +
      `${unitC ? `trim(d.${col(unitC.index)})` : 'NULL::VARCHAR'} AS unit_raw, ` +
      `${stageC ? 'd.stage' : 'NULL::VARCHAR'} AS data_stage ` +
      `FROM d LEFT JOIN (SELECT DISTINCT region_code FROM ${regionsSql(pending)}) known ON known.region_code = ${code} ${joins.join(' ')} ` +
      `LEFT JOIN (SELECT region_code, any_value(name) AS name FROM ${regionsSql(pending)} GROUP BY region_code) named ON named.region_code = ${nameCode}`,
  );
  if (unitC) await unitLookup(db, prefix, staged.table, unitC.index, catalogue);
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
      `CASE WHEN x.kind = 'yoy' THEN ${field('x.nv', 'v')} ELSE ${field('x.nv', 'v')} * coalesce(x.mul, ${ul('mul')}, 1) / coalesce(x.div, ${ul('div')}, 1) END AS v, ` +
      `CASE WHEN x.kind <> 'yoy' THEN coalesce(x.unit_error, ${ul('reason')}) END AS unit_error ` +
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
): Promise<void> {
  const measures = checkIndicatorPlan(plan, { file: staged.file, ...(staged.sheet ? { sheet: staged.sheet } : {}) });
  await rowInfo(db, staged, plan, prefix, aliases, pending);
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
    `INSERT INTO ${I} SELECT src_row, NULL, NULL, NULL, 'rejected', '与第 ' || first_row || ' 行重复（地区 ' || region_code || '、指标 ' || indicator_id || '、期间 ' || period || ' 相同），未导入' ` +
      `FROM ${t('long')} WHERE src_row <> first_row`,
  );
  await db.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(out)} AS SELECT region_code, indicator_id, period, value, yoy_pct, annual_target, data_stage, src_row ` +
      `FROM ${t('long')} WHERE src_row = first_row ORDER BY src_row, indicator_id, period`,
  );
}
