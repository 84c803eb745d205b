/**
 * Resolving region names without codes. A small name→code table is built from the regions table (+ aliases,
 * + name variants: without 市/县/区/旗/自治县 suffix when the rest keeps two characters, without the
 * '××族自治县' part), and data rows join to it in SQL. 新区, 开发区, 高新区 … are never shortened, so they stay
 * distinct from the county they sit in. A key that denotes several regions resolves to the one still valid if
 * exactly one is; otherwise it is ambiguous and the row is rejected naming the value and the candidates.
 */
import type { Connector } from '../../db/connector.js';
import { isRegionCode, parentOf } from '../../model/region-code.js';
import { quoteIdent, quoteValue } from '../../db/sql.js';
import { cleanWideSql, wideFold, WS_CLASS } from '../values/values-core.js';

/** A region as the resolver needs it. */
export interface RegionRef {
  readonly code: string;
  readonly name: string;
  readonly level?: string;
  /** 'YYYY-MM-DD' when abolished (撤县设区); null or absent while valid. */
  readonly validTo?: string | null;
}

/** Another name of a region (old names after 撤县设区, common short names). */
export interface RegionAlias {
  readonly name: string;
  readonly code: string;
}

/** Endings that name a distinct unit, never a removable suffix. */
const DISTINCT_END = '(?:新区|开发区|高新区|园区|管理区|示范区|试验区|实验区|工业区|经济区|保税区|风景区|旅游区|度假区|城区|林区|矿区|郊区|特区)$';
const SUFFIX = '^(.{2,}?)(?:自治县|自治旗|市|县|区|旗)$';
const ETHNIC = /^(.{2,}?)(?:[\u4e00-\u9fff]{1,6}?族)+自治(?:县|旗|州)$/u;
/** Numbering and markers around names in tables: '其中：', '1.', '一、', '（一）', '*', '△', '①'. */
const PREFIX = '^(?:其中[:：]?|[0-9]+[.、]|[一二三四五六七八九十]+、|\\([一二三四五六七八九十0-9]+\\))';
const MARKS = '^[*#△▲]+|[*#△▲①②③④⑤⑥⑦⑧⑨⑩]+$';
const DISTINCT_RE = new RegExp(DISTINCT_END, 'u');
const SUFFIX_RE = new RegExp(SUFFIX, 'u');
const PREFIX_RE = new RegExp(PREFIX, 'u');
const MARKS_RE = new RegExp(MARKS, 'gu');

/** The key a name is looked up by: folded, without spaces, numbering or markers. */
export function regionKey(text: string): string {
  return wideFold(text).replace(/\s+/gu, '').replace(PREFIX_RE, '').replace(MARKS_RE, '');
}
/** SQL twin of regionKey. */
export function regionKeySql(x: string): string {
  const squeezed = `regexp_replace(${cleanWideSql(x)}, ${quoteValue(`${WS_CLASS}+`)}, '', 'g')`;
  return `regexp_replace(regexp_replace(${squeezed}, ${quoteValue(PREFIX)}, ''), ${quoteValue(MARKS)}, '', 'g')`;
}

/** The key without its administrative suffix ('通州区' → '通州'); null when it has none or must keep it. */
export function shortKey(key: string): string | null {
  if (DISTINCT_RE.test(key)) return null;
  return SUFFIX_RE.exec(key)?.[1] ?? null;
}
/** SQL twin of shortKey. */
export function shortKeySql(k: string): string {
  return `CASE WHEN regexp_matches(${k}, ${quoteValue(DISTINCT_END)}) THEN NULL ELSE nullif(regexp_extract(${k}, ${quoteValue(SUFFIX)}, 1), '') END`;
}

/** Every key a region is known by, with its priority: 0 its name, 1 an alias, 2 a shortened variant. */
export function regionKeys(r: { name: string }, prio = 0): { key: string; prio: number }[] {
  const key = regionKey(r.name);
  const out = [{ key, prio }];
  const eth = ETHNIC.exec(key)?.[1];
  for (const v of [shortKey(key), eth]) if (v && v !== key) out.push({ key: v, prio: 2 });
  return out;
}

/** One row of the name→code table. */
export interface NameIndexEntry {
  readonly key: string;
  readonly code: string;
  readonly prio: number;
  readonly valid: boolean;
}

/**
 * Full names as exports write them: a county after its city and province ('杭州市西湖区', '浙江省杭州市西湖区'), a
 * city after its province. The chain comes from the code (GB/T 2260) and stops at a level the table lacks.
 */
function qualifiedKeys(r: RegionRef, nameOf: ReadonlyMap<string, string>): string[] {
  if (!isRegionCode(r.code)) return [];
  const chain: string[] = [];
  for (let p = parentOf(r.code); p !== null; p = parentOf(p)) {
    const name = nameOf.get(p);
    if (name === undefined) break;
    chain.unshift(regionKey(name));
  }
  const own = regionKey(r.name);
  return chain.map((_, i) => chain.slice(i).join('') + own);
}

/** The name→code rows for regions and aliases. */
export function nameIndexRows(regions: readonly RegionRef[], aliases: readonly RegionAlias[] = []): NameIndexEntry[] {
  const rows: NameIndexEntry[] = [];
  const nameOf = new Map(regions.filter((r) => !r.validTo).map((r) => [r.code, r.name]));
  for (const r of regions) {
    for (const k of regionKeys(r)) rows.push({ ...k, code: r.code, valid: !r.validTo });
    for (const key of qualifiedKeys(r, nameOf)) rows.push({ key, prio: 1, code: r.code, valid: !r.validTo });
  }
  for (const a of aliases) for (const k of regionKeys(a, 1)) rows.push({ key: k.key, prio: Math.max(k.prio, 1), code: a.code, valid: true });
  return rows;
}

/** A resolved code (exact: by the full name), an ambiguity, or nothing. */
export type NameResolution = { readonly code: string; readonly exact: boolean } | { readonly ambiguous: readonly string[] } | null;

/** Resolve one key over index rows: the lowest priority wins; among several codes, the only valid one. */
function resolveKey(rows: readonly NameIndexEntry[]): NameResolution {
  if (rows.length === 0) return null;
  const min = Math.min(...rows.map((r) => r.prio));
  const top = rows.filter((r) => r.prio === min);
  const codes = [...new Set(top.map((r) => r.code))].sort();
  if (codes.length === 1) return { code: codes[0] as string, exact: min === 0 };
  const valid = [...new Set(top.filter((r) => r.valid).map((r) => r.code))];
  if (valid.length === 1) return { code: valid[0] as string, exact: min === 0 };
  return { ambiguous: codes };
}

/** A JS resolver over the same index (layout detection on the sample; imports use the SQL one). */
export function regionResolver(regions: readonly RegionRef[], aliases: readonly RegionAlias[] = []): (text: string) => NameResolution {
  const byKey = new Map<string, NameIndexEntry[]>();
  for (const row of nameIndexRows(regions, aliases)) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return (text) => {
    const key = regionKey(text);
    const hit = resolveKey(byKey.get(key) ?? []);
    if (hit) return hit;
    const short = shortKey(key);
    const alt = short ? resolveKey(byKey.get(short) ?? []) : null;
    return alt && 'code' in alt ? { code: alt.code, exact: false } : alt;
  };
}

/**
 * The regions an import may refer to: the canonical table and the regions sheets validated earlier in the same
 * import (`pending`: their output tables), so a workbook holding regions and data for them imports in one go.
 */
export function regionsSql(pending: readonly string[] = []): string {
  const cols = 'region_code, name, valid_to';
  return pending.length ? `(SELECT ${cols} FROM regions ${pending.map((t) => `UNION ALL SELECT ${cols} FROM ${quoteIdent(t)}`).join(' ')})` : 'regions';
}

/** The workspace's region aliases (table region_aliases, or an import's output of that shape), in a fixed order. */
export async function readRegionAliases(db: Connector, table = 'region_aliases'): Promise<RegionAlias[]> {
  const res = await db.query(`SELECT alias, region_code FROM ${quoteIdent(table)} WHERE alias IS NOT NULL AND region_code IS NOT NULL ORDER BY region_code, alias`);
  return res.rows.map((r) => ({ name: String(r.alias), code: String(r.region_code) }));
}

/**
 * Create `table` (key, code, exact, candidates): one row per known key, resolved as above, where `code` is
 * NULL and `candidates` lists the codes for an ambiguous key. Regions and their aliases are read from the
 * canonical tables; `extra` aliases are added to those.
 */
export async function createRegionNameTable(db: Connector, table: string, extra: readonly RegionAlias[] = [], pending: readonly string[] = []): Promise<void> {
  const res = await db.query(`SELECT region_code, name, CAST(valid_to AS VARCHAR) AS valid_to FROM ${regionsSql(pending)} WHERE name IS NOT NULL`);
  const regions = res.rows.map((r) => ({ code: String(r.region_code), name: String(r.name), validTo: r.valid_to as string | null }));
  const rows = nameIndexRows(regions, [...(await readRegionAliases(db)), ...extra]);
  const t = quoteIdent(table);
  await db.query(`CREATE OR REPLACE TEMP TABLE ${t} (key VARCHAR, code VARCHAR, exact BOOLEAN, candidates VARCHAR)`);
  if (rows.length === 0) return;
  const values = rows.map((r) => `(${quoteValue(r.key)}, ${quoteValue(r.code)}, ${r.prio}, ${r.valid})`).join(', ');
  await db.query(
    `INSERT INTO ${t} WITH raw(key, code, prio, valid) AS (VALUES ${values}), ` +
      `top AS (SELECT * FROM raw QUALIFY prio = min(prio) OVER (PARTITION BY key)), ` +
      `agg AS (SELECT key, min(prio) AS prio, list_sort(list_distinct(list(code))) AS codes, ` +
      `list_distinct(list(code) FILTER (WHERE valid)) AS valid_codes FROM top GROUP BY key) ` +
      `SELECT key, CASE WHEN len(codes) = 1 THEN codes[1] WHEN len(valid_codes) = 1 THEN valid_codes[1] END, prio = 0, ` +
      `array_to_string(codes, '、') FROM agg`,
  );
}
