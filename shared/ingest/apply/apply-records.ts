/**
 * Record tables (cadres, regions, indicators, appointments, assessments …) from a staged sheet, in SQL: each
 * mapped column normalised by its value kind, derivable required columns filled (cadre_id from 姓名 + 出生年月
 * or 身份证号, region level/parent from the code, indicator direction +1), rows missing a required value
 * rejected, later duplicates of the primary key rejected.
 */
import { cadreKeySql } from '../../model/cadre-id.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import type { ColumnDef, TableDef } from '../../model/schema.js';
import { tableDef, type TableName } from '../../model/tables.js';
import { col } from './apply-rows.js';
import { CADRE_KEY_COLUMNS, columnsOf } from '../layout/layout-records.js';
import { regionsSql } from '../layout/region-match.js';
import type { ColumnPlan, LayoutPlan } from '../layout/layout-types.js';
import type { StagedSheet } from '../types.js';
import { columnKind, normalizeSql, type ValueKind } from '../values/values.js';

const field = (s: string, f: string): string => `struct_extract(${s}, '${f}')`;
const id = (name: string): string => quoteIdent(name);

/** The kind of a mapped column: the target table's, or the cadres table's for person-key helper columns. */
function kindOf(table: TableName, name: string): ValueKind {
  const own = columnsOf(table).find((c) => c.name === name);
  if (own) return columnKind(table, name, own.type);
  const cadre = columnsOf('cadres').find((c) => c.name === name) as ColumnDef;
  return columnKind('cadres', name, cadre.type);
}

/** SQL for a derivable column the sheet does not provide; null when it cannot be derived. */
function derived(table: TableName, name: string, mapped: ReadonlySet<string>): string | null {
  const v = (c: string): string => (mapped.has(c) ? id(c) : 'NULL::VARCHAR');
  if (name === 'cadre_id' && table !== 'cadres' && !CADRE_KEY_COLUMNS.some((c) => mapped.has(c))) return null;
  if (name === 'cadre_id') {
    // A stable key that does not reveal the ID number. 姓名 + 出生年月 come first because rosters, assessment
    // and appointment sheets all carry them, so the same person gets the same key from each.
    return cadreKeySql(v('name'), v('birth_ym'), v('id_no'));
  }
  if (table === 'regions' && !mapped.has('region_code')) return null;
  if (table === 'regions' && name === 'level') {
    return `CASE WHEN region_code LIKE '%0000' THEN 'province' WHEN region_code LIKE '%00' THEN 'city' WHEN region_code IS NOT NULL THEN 'county' END`;
  }
  if (table === 'regions' && name === 'parent_code') {
    return (
      `CASE WHEN region_code LIKE '%0000' THEN NULL WHEN region_code LIKE '%00' OR substr(region_code, 3, 2) = '90' ` +
      `THEN substr(region_code, 1, 2) || '0000' ELSE substr(region_code, 1, 4) || '00' END`
    );
  }
  if (table === 'indicators' && name === 'direction') return '1';
  if (table === 'assessments' && name === 'kind') return `'年度'`;
  return null;
}

/** Columns that must name a row of another canonical table. */
const REFERENCES: Partial<Record<TableName, readonly { column: string; table: TableName; label: string; tableLabel: string }[]>> = {
  region_aliases: [{ column: 'region_code', table: 'regions', label: '区划代码', tableLabel: '区划表' }],
};

const DERIVED_REASON: Record<string, string> = {
  cadre_id: '无法生成干部编号：需要姓名和出生年月，或身份证号',
};

/** Build `out` (the canonical columns + src_row) and record issues. */
export async function applyRecords(db: Connector, staged: StagedSheet, plan: LayoutPlan, prefix: string, out: string, issues: string, pending: readonly string[] = []): Promise<void> {
  const table = plan.table;
  const def: TableDef = tableDef(table);
  const defCols = columnsOf(table);
  const mapped = new Map<string, ColumnPlan>();
  for (const c of plan.columns) if (c.role.kind === 'column' && c.role.column && !mapped.has(c.role.column)) mapped.set(c.role.column, c);
  const names = [...mapped.keys()];
  const norm = names.map((n) => `${normalizeSql(kindOf(table, n), `s.${col((mapped.get(n) as ColumnPlan).index)}`)} AS ${id(`n_${n}`)}`);
  const values = names.map((n) => `${field(id(`n_${n}`), 'v')} AS ${id(n)}`);
  const mappedSet = new Set(names);
  const finalCols = defCols.map((c) => {
    const d = derived(table, c.name, mappedSet);
    const base = mappedSet.has(c.name) ? id(c.name) : 'NULL';
    const expr = d === null ? base : mappedSet.has(c.name) ? `coalesce(${base}, ${d})` : d;
    return `CAST(${expr} AS ${c.type}) AS ${id(c.name)}`;
  });
  const required = defCols.filter((c) => c.required);
  const t = (s: string): string => quoteIdent(`${prefix}_${s}`);
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${t('norm')} AS SELECT s.src_row${norm.length ? `, ${norm.join(', ')}` : ''} ` +
      `FROM ${quoteIdent(staged.table)} s JOIN ${t('class')} k USING (src_row) WHERE k.skip_kind IS NULL`,
  );
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${t('vals')} AS SELECT src_row, ${finalCols.join(', ')} FROM ` +
      `(SELECT src_row${values.length ? `, ${values.join(', ')}` : ''} FROM ${t('norm')})`,
  );
  const I = quoteIdent(issues);
  // Cell issues: corrections, warnings, and rejected values of optional columns (imported as empty).
  for (const n of names) {
    const c = mapped.get(n) as ColumnPlan;
    const isReq = required.some((r) => r.name === n);
    const s = id(`n_${n}`);
    await db.query(
      `INSERT INTO ${I} SELECT src_row, ${c.index}, ${q(c.header)}, s.${col(c.index)}, ` +
        `${field(s, 'st')}, ` +
        `CASE WHEN ${field(s, 'st')} = 'rejected' THEN ${field(s, 'why')} || '（该项未导入）' ELSE ${field(s, 'why')} END ` +
        `FROM ${t('norm')} JOIN ${quoteIdent(staged.table)} s USING (src_row) ` +
        `WHERE ${field(s, 'st')} IN ('missing', 'corrected', 'warning'${isReq ? '' : ", 'rejected'"})`,
    );
  }
  // Required values missing or unreadable: the row is rejected.
  for (const r of required) {
    const c = mapped.get(r.name);
    const why = c ? `coalesce(${field(id(`n_${r.name}`), 'why')}, ${q(`缺少必填项「${r.label.zh}」`)})` : q(DERIVED_REASON[r.name] ?? `缺少必填项「${r.label.zh}」`);
    await db.query(
      `INSERT INTO ${I} SELECT v.src_row, ${c ? c.index : 'NULL'}, ${q(c?.header ?? r.label.zh)}, ${c ? `s.${col(c.index)}` : 'NULL'}, 'rejected', ${why} ` +
        `FROM ${t('vals')} v JOIN ${t('norm')} USING (src_row) JOIN ${quoteIdent(staged.table)} s USING (src_row) WHERE v.${id(r.name)} IS NULL`,
    );
  }
  // A row that points at a region the workspace does not have is rejected (an alias of nothing).
  const refs = REFERENCES[table] ?? [];
  for (const r of refs) {
    const c = mapped.get(r.column);
    await db.query(
      `INSERT INTO ${I} SELECT v.src_row, ${c ? c.index : 'NULL'}, ${q(c?.header ?? null)}, ${c ? `s.${col(c.index)}` : 'NULL'}, 'rejected', ` +
        `${q(`${r.label}「`)} || v.${id(r.column)} || ${q(`」不在${r.tableLabel}中（请先导入${r.tableLabel}）`)} ` +
        `FROM ${t('vals')} v JOIN ${quoteIdent(staged.table)} s USING (src_row) ` +
        `WHERE v.${id(r.column)} IS NOT NULL AND v.${id(r.column)} NOT IN (SELECT ${id(r.column)} FROM ${r.table === 'regions' ? regionsSql(pending) : id(r.table)} WHERE ${id(r.column)} IS NOT NULL)`,
    );
  }
  const conds = [
    ...required.map((r) => `${id(r.name)} IS NOT NULL`),
    ...refs.map((r) => `${id(r.column)} IN (SELECT ${id(r.column)} FROM ${r.table === 'regions' ? regionsSql(pending) : id(r.table)} WHERE ${id(r.column)} IS NOT NULL)`),
  ];
  const ok = conds.length ? conds.join(' AND ') : 'TRUE';
  const pk = def.primaryKey ?? [];
  const first = pk.length ? `min(src_row) OVER (PARTITION BY ${pk.map(id).join(', ')})` : 'src_row';
  await db.query(`CREATE OR REPLACE TEMP TABLE ${t('ok')} AS SELECT *, ${first} AS first_row FROM ${t('vals')} WHERE ${ok}`);
  if (pk.length) {
    const keyText = pk.map((k) => `CAST(${id(k)} AS VARCHAR)`).join(` || '、' || `);
    await db.query(
      `INSERT INTO ${I} SELECT src_row, NULL, NULL, NULL, 'rejected', '与第 ' || first_row || ' 行重复（' || ${q(pk.map((k) => defCols.find((c) => c.name === k)?.label.zh ?? k).join('、'))} || ' ' || ${keyText} || '），未导入' ` +
        `FROM ${t('ok')} WHERE src_row <> first_row`,
    );
  }
  await db.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(out)} AS SELECT ${defCols.map((c) => id(c.name)).join(', ')}, src_row FROM ${t('ok')} WHERE src_row = first_row ORDER BY src_row`,
  );
}
