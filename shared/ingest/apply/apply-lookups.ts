/**
 * Lookup tables for long sheets: the distinct indicator codes/names, period texts and units of a sheet are
 * few, so they are read once, resolved in JS (catalogue matching, parsePeriodSet, unit conversion), and joined
 * back in SQL. Data rows never pass through JS.
 */
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q, type SqlValue } from '../../db/sql.js';
import { headerKey, similarity, unitScale } from '../layout/headers.js';
import { parsePeriodSet } from '../layout/period-text.js';
import { col } from './apply-rows.js';

/** An indicator of the workspace catalogue. */
export interface CatalogueIndicator {
  readonly id: string;
  readonly name: string;
  readonly unit: string | null;
}

/** The indicator catalogue as loaded in the workspace. */
export async function readCatalogue(db: Connector): Promise<CatalogueIndicator[]> {
  const res = await db.query('SELECT indicator_id, name, unit FROM indicators');
  return res.rows.map((r) => ({ id: String(r.indicator_id), name: String(r.name ?? ''), unit: (r.unit as string | null) ?? null }));
}

/** Distinct non-empty texts of one staging column among data rows. */
async function distinctTexts(db: Connector, staging: string, classTable: string, index: number): Promise<string[]> {
  // The class table holds every row from its first on; its few structural rows are left out by an anti-join.
  const k = quoteIdent(classTable);
  const res = await db.query(
    `SELECT DISTINCT ${col(index)} AS v FROM ${quoteIdent(staging)} WHERE src_row >= (SELECT min(src_row) FROM ${k}) ` +
      `AND src_row NOT IN (SELECT src_row FROM ${k} WHERE skip_kind IS NOT NULL) AND ${col(index)} IS NOT NULL`,
  );
  return res.rows.map((r) => String(r.v));
}

/**
 * `table` (raw, <name> …): SQL expressions over the distinct texts of one staging column, so a normaliser runs
 * once per distinct value (a region code column of a million rows holds a hundred), not once per row.
 * `then` adds fields computed from those (as `l.<name>`) through joins, e.g. with the regions table: also once
 * per distinct value. Join it with `ON lookup.raw = staging.column`; a NULL cell finds no row, so every field reads NULL.
 */
export async function distinctLookup(
  db: Connector,
  table: string,
  staging: string,
  index: number,
  exprs: Readonly<Record<string, (raw: string) => string>>,
  then?: { readonly joins: string; readonly fields: Readonly<Record<string, string>> },
): Promise<string> {
  const fields = Object.entries(exprs).map(([name, f]) => `${f('raw')} AS ${quoteIdent(name)}`);
  const distinct = `SELECT raw, ${fields.join(', ')} FROM (SELECT DISTINCT ${col(index)} AS raw FROM ${quoteIdent(staging)} WHERE ${col(index)} IS NOT NULL)`;
  const more = then ? Object.entries(then.fields).map(([name, sql]) => `, ${sql} AS ${quoteIdent(name)}`).join('') : '';
  await db.query(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS ${then ? `SELECT l.*${more} FROM (${distinct}) l ${then.joins}` : distinct}`);
  return table;
}

/** Create `table` from rows (all VARCHAR unless typed by `types`), empty when there are none. */
async function createLookup(db: Connector, table: string, columns: readonly string[], rows: readonly SqlValue[][], types: readonly string[]): Promise<void> {
  const t = quoteIdent(table);
  await db.query(`CREATE OR REPLACE TEMP TABLE ${t} (${columns.map((c, i) => `${quoteIdent(c)} ${types[i] ?? 'VARCHAR'}`).join(', ')})`);
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => `(${r.map((v) => q(v)).join(', ')})`);
    await db.query(`INSERT INTO ${t} VALUES ${chunk.join(', ')}`);
  }
}

/** Match one indicator text: by code (case-insensitive), else by normalised name; never fuzzily (a hint only). */
export function matchIndicatorText(text: string, catalogue: readonly CatalogueIndicator[], by: 'id' | 'name'): { id: string | null; reason: string | null } {
  const t = text.trim();
  const byId = catalogue.find((i) => i.id.toUpperCase() === t.toUpperCase());
  if (byId) return { id: byId.id, reason: null };
  const key = headerKey(t);
  const byName = catalogue.find((i) => headerKey(i.name) === key);
  if (byName) return { id: byName.id, reason: null };
  const near = [...catalogue].map((i) => ({ i, s: similarity(key, headerKey(i.name)) })).sort((a, b) => b.s - a.s)[0];
  const hint = near && near.s >= 0.8 ? `（最接近的是「${near.i.name}」，可在映射中指定）` : '';
  return { id: null, reason: `${by === 'id' ? '指标代码' : '指标'}「${t}」在指标目录中找不到${hint}` };
}

/** `<prefix>_ind_<col>` (raw, indicator_id, reason) for an indicator code or name column. */
export async function indicatorLookup(db: Connector, prefix: string, staging: string, index: number, by: 'id' | 'name', catalogue: readonly CatalogueIndicator[]): Promise<string> {
  const table = `${prefix}_ind_${index}`;
  const texts = await distinctTexts(db, staging, `${prefix}_class`, index);
  const rows = texts.map((t) => {
    const m = matchIndicatorText(t, catalogue, by);
    return [t, m.id, m.reason];
  });
  await createLookup(db, table, ['raw', 'indicator_id', 'reason'], rows, []);
  return table;
}

/** `<prefix>_per` (raw, period, reason) for a period column; one series, one granularity (parsePeriodSet). */
export async function periodLookup(db: Connector, prefix: string, staging: string, index: number): Promise<string> {
  const table = `${prefix}_per`;
  const texts = await distinctTexts(db, staging, `${prefix}_class`, index);
  const periods = parsePeriodSet(texts);
  const rows = texts.map((t, i) => [t, periods[i] ?? null, periods[i] ? null : `期间「${t.trim()}」无法识别（应如 2025年三季度、2025年1-9月、2025Q3、2025-09）`]);
  await createLookup(db, table, ['raw', 'period', 'reason'], rows, []);
  return table;
}

/** `<prefix>_unit` (raw, indicator_id, mul, div, reason) for a unit column, against every catalogue unit. */
export async function unitLookup(db: Connector, prefix: string, staging: string, index: number, catalogue: readonly CatalogueIndicator[]): Promise<string> {
  const table = `${prefix}_unit`;
  const texts = await distinctTexts(db, staging, `${prefix}_class`, index);
  const rows: SqlValue[][] = [];
  for (const t of texts) {
    for (const i of catalogue) {
      const u = t.trim();
      if (!i.unit || u === i.unit) continue;
      const s = unitScale(u, i.unit);
      rows.push([t, i.id, s?.mul ?? null, s?.div ?? null, s ? null : `单位「${u}」与指标目录的「${i.unit}」不同，无法换算`]);
    }
  }
  await createLookup(db, table, ['raw', 'indicator_id', 'mul', 'div', 'reason'], rows, ['VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'VARCHAR']);
  return table;
}
