/**
 * The per-row facts of an indicator sheet, as SQL over its data rows: the region (code, else name via the
 * name→code table) with its problem or correction, the row's indicator and period with theirs, the unit and the
 * stage. The lookups are built once here (per distinct text, never per row); both ways of applying a sheet
 * (cell by cell, apply-indicators.ts; row by row, apply-indicator-rows.ts) select these same expressions.
 */
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import { col } from './apply-rows.js';
import { distinctLookup, indicatorLookup, periodLookup, readCatalogue, unitLookup } from './apply-lookups.js';
import type { ColumnPlan, LayoutPlan } from '../layout/layout-types.js';
import { createRegionNameTable, regionKeySql, regionsSql, shortKeySql, type RegionAlias } from '../layout/region-match.js';
import type { StagedSheet } from '../types.js';
import { regionCodeSql, textSql } from '../values/values.js';

const find = (plan: LayoutPlan, kind: string): ColumnPlan | undefined => plan.columns.find((c) => c.role.kind === kind);
const field = (s: string, f: string): string => `struct_extract(${s}, '${f}')`;

/** The row facts, each an SQL expression over `from` (the data row's cells are `d.c<i>`). */
export interface RowFields {
  readonly region_code: string;
  readonly region_problem: string;
  readonly problem_col: string;
  readonly problem_raw: string;
  readonly region_note: string;
  readonly note_col: string;
  readonly note_raw: string;
  readonly row_indicator: string;
  readonly ind_problem: string;
  readonly ind_col: string;
  readonly ind_raw: string;
  readonly row_period: string;
  readonly per_problem: string;
  readonly per_col: string;
  readonly per_raw: string;
  readonly unit_raw: string;
  readonly data_stage: string;
}

export interface RowSource {
  /** `FROM …`: the sheet's data rows (`d`, with d.src_row) joined with every lookup. */
  readonly from: string;
  readonly fields: RowFields;
  /** `<prefix>_unit` (raw, indicator_id, mul, div, reason) when the sheet has a unit column. */
  readonly unitTable: string | null;
}

/** `WHERE` of a staging table's data rows: after the header, not a structural row of `<prefix>_class`. */
export function dataRowsSql(alias: string, plan: LayoutPlan, prefix: string): string {
  const headerEnd = Math.max(0, ...plan.headerRows);
  // class covers exactly the rows after the header and its skipped rows are few: an anti-join on them is cheap.
  return `${alias}.src_row > ${headerEnd} AND ${alias}.src_row NOT IN (SELECT src_row FROM ${quoteIdent(`${prefix}_class`)} WHERE skip_kind IS NOT NULL)`;
}

/** Build the lookups of a sheet's region, indicator, period, unit and stage columns, and the row facts over them. */
export async function rowSource(db: Connector, staged: StagedSheet, plan: LayoutPlan, prefix: string, aliases: readonly RegionAlias[], pending: readonly string[]): Promise<RowSource> {
  const [codeC, nameC, idC, indC, perC, unitC, stageC] = ['region_code', 'region_name', 'indicator_id', 'indicator_name', 'period', 'unit', 'stage'].map((k) => find(plan, k));
  const catalogue = await readCatalogue(db);
  const joins: string[] = [];
  const t = (s: string): string => quoteIdent(`${prefix}_${s}`);
  // Per distinct text, not per row: the code normalised and looked up in the regions, the name resolved through
  // the name→code table, the stage. The joins with the regions happen here, on a hundred texts, not a million rows.
  const pre: string[] = [];
  const lookup = async (c: ColumnPlan, alias: string, exprs: Parameters<typeof distinctLookup>[4], then?: Parameters<typeof distinctLookup>[5]): Promise<void> => {
    await distinctLookup(db, `${prefix}_lk${c.index}`, staged.table, c.index, exprs, then);
    pre.push(`LEFT JOIN ${t(`lk${c.index}`)} ${alias} ON ${alias}.raw = s.${col(c.index)}`);
  };
  if (codeC) {
    const known = `LEFT JOIN (SELECT DISTINCT region_code FROM ${regionsSql(pending)}) known ON known.region_code = ${field('l.rc', 'v')}`;
    await lookup(codeC, 'lc', { rc: regionCodeSql }, { joins: known, fields: { known_code: 'known.region_code' } });
  }
  if (nameC) {
    await createRegionNameTable(db, `${prefix}_rn`, aliases, pending);
    const code = 'CASE WHEN n1.key IS NOT NULL THEN n1.code ELSE n2.code END';
    const resolve =
      `LEFT JOIN ${t('rn')} n1 ON n1.key = l.nk LEFT JOIN ${t('rn')} n2 ON n2.key = l.sk ` +
      `LEFT JOIN (SELECT region_code, any_value(name) AS name FROM ${regionsSql(pending)} GROUP BY region_code) named ON named.region_code = ${code}`;
    await lookup(
      nameC,
      'ln',
      { nk: regionKeySql, sk: (x) => shortKeySql(regionKeySql(x)) },
      {
        joins: resolve,
        fields: {
          hit: '(n1.key IS NOT NULL OR n2.key IS NOT NULL)',
          name_code: code,
          cands: 'coalesce(n1.candidates, n2.candidates)',
          exact: 'coalesce(n1.exact, FALSE)',
          named_name: 'named.name',
          named_code: 'named.region_code',
        },
      },
    );
  }
  if (stageC) await lookup(stageC, 'ls', { stage: (x) => field(textSql(x), 'v') });
  if (idC) joins.push(`LEFT JOIN ${quoteIdent(await indicatorLookup(db, prefix, staged.table, idC.index, 'id', catalogue))} ii ON ii.raw = d.${col(idC.index)}`);
  if (indC) joins.push(`LEFT JOIN ${quoteIdent(await indicatorLookup(db, prefix, staged.table, indC.index, 'name', catalogue))} iname ON iname.raw = d.${col(indC.index)}`);
  if (perC) joins.push(`LEFT JOIN ${quoteIdent(await periodLookup(db, prefix, staged.table, perC.index))} pp ON pp.raw = d.${col(perC.index)}`);
  const unitTable = unitC ? await unitLookup(db, prefix, staged.table, unitC.index, catalogue) : null;
  const codeRaw = codeC ? `d.${col(codeC.index)}` : 'NULL::VARCHAR';
  const nameRaw = nameC ? `d.${col(nameC.index)}` : 'NULL::VARCHAR';
  const [code, codeSt, codeWhy] = codeC ? ['v', 'st', 'why'].map((f) => field('d.rc', f)) : ['NULL::VARCHAR', 'NULL::VARCHAR', 'NULL::VARCHAR'];
  // A cell with no lookup row (empty) reads NULL: as FALSE where the row-wise joins gave FALSE.
  const known = 'd.known_code';
  const nameCode = nameC ? 'd.name_code' : 'NULL';
  const nameHit = nameC ? 'coalesce(d.hit, FALSE)' : 'FALSE';
  const cands = nameC ? 'd.cands' : 'NULL';
  const exact = nameC ? 'coalesce(d.exact, FALSE)' : 'FALSE';
  // Without a name column these fields are never read (nameHit is FALSE), but the binder still resolves them.
  const [namedName, namedCode] = nameC ? ['d.named_name', 'd.named_code'] : ['NULL::VARCHAR', 'NULL::VARCHAR'];
  const nameTxt = `trim(${nameRaw})`;
  const codeLabel = q(codeC?.header ?? '');
  const nameLabel = q(nameC?.header ?? '');
  const region = `CASE WHEN ${known} IS NOT NULL THEN ${known} WHEN ${nameHit} THEN ${nameCode} END`;
  const problem =
    `CASE WHEN ${known} IS NOT NULL THEN NULL ` +
    `WHEN ${nameHit} AND ${nameCode} IS NULL THEN '地区「' || ${nameTxt} || '」对应多个区划（' || ${cands} || '），请改用区划代码' ` +
    `WHEN ${nameHit} THEN NULL ` +
    `WHEN ${codeSt} = 'rejected' THEN '区划代码「' || trim(${codeRaw}) || '」' || ${codeWhy} ` +
    `WHEN ${code} IS NOT NULL THEN '区划代码 ' || ${code} || ' 不在区划表中（请先导入区划）' || ` +
    `CASE WHEN ${nameRaw} IS NOT NULL THEN '，地区「' || ${nameTxt} || '」也找不到' ELSE '' END ` +
    `WHEN ${nameRaw} IS NOT NULL THEN '地区「' || ${nameTxt} || '」在区划表中找不到' ` +
    `ELSE '缺少地区：区划代码和地区名称均为空' END`;
  // The column a problem is reported on: the name for an ambiguous name, else the code when there is one.
  // A sheet with one of the two columns reports on that column.
  const onName = nameC ? (codeC ? `((${nameHit} AND ${nameCode} IS NULL) OR ${codeRaw} IS NULL)` : 'TRUE') : 'FALSE';
  const note =
    `CASE WHEN ${known} IS NOT NULL AND ${codeSt} = 'corrected' THEN ${codeWhy} ` +
    `WHEN ${known} IS NULL AND ${nameHit} AND ${nameCode} IS NOT NULL AND (NOT ${exact} OR ${codeRaw} IS NOT NULL) THEN ` +
    `'地区「' || ${nameTxt} || '」按「' || ${namedName} || '」（' || ${namedCode} || '）匹配' || ` +
    `CASE WHEN ${codeRaw} IS NOT NULL THEN '，区划代码「' || trim(${codeRaw}) || '」未采用' ELSE '' END END`;
  const rowInd = [idC ? 'ii.indicator_id' : '', indC ? 'iname.indicator_id' : ''].filter(Boolean);
  const indCol = idC ?? indC;
  const fields: RowFields = {
    region_code: region,
    region_problem: problem,
    problem_col: `CASE WHEN ${onName} THEN ${nameLabel} ELSE ${codeLabel} END`,
    problem_raw: `CASE WHEN ${onName} THEN ${nameRaw} ELSE ${codeRaw} END`,
    region_note: note,
    note_col: `CASE WHEN ${known} IS NOT NULL THEN ${codeLabel} ELSE ${nameLabel} END`,
    note_raw: `CASE WHEN ${known} IS NOT NULL THEN ${codeRaw} ELSE ${nameRaw} END`,
    row_indicator: rowInd.length ? `coalesce(${rowInd.join(', ')})` : 'NULL::VARCHAR',
    ind_problem: idC || indC ? `coalesce(${[idC ? 'ii.reason' : '', indC ? 'iname.reason' : ''].filter(Boolean).join(', ')}, '缺少指标')` : 'NULL',
    ind_col: q(indCol?.header ?? null),
    ind_raw: indCol ? `d.${col(indCol.index)}` : 'NULL::VARCHAR',
    row_period: perC ? 'pp.period' : 'NULL::VARCHAR',
    per_problem: perC ? `coalesce(pp.reason, '缺少期间')` : 'NULL::VARCHAR',
    per_col: q(perC?.header ?? null),
    per_raw: perC ? `d.${col(perC.index)}` : 'NULL::VARCHAR',
    unit_raw: unitC ? `trim(d.${col(unitC.index)})` : 'NULL::VARCHAR',
    data_stage: stageC ? 'd.stage' : 'NULL::VARCHAR',
  };
  const looked = [
    codeC ? 'lc.rc AS rc, lc.known_code' : 'NULL AS rc, NULL::VARCHAR AS known_code',
    ...(nameC ? ['ln.hit, ln.name_code, ln.cands, ln.exact, ln.named_name, ln.named_code'] : []),
    `${stageC ? 'ls.stage' : 'NULL::VARCHAR'} AS stage`,
  ];
  const from =
    `FROM (SELECT s.*, ${looked.join(', ')} FROM ${quoteIdent(staged.table)} s ${pre.join(' ')} WHERE ${dataRowsSql('s', plan, prefix)}) d ${joins.join(' ')}`;
  return { from, fields, unitTable };
}
