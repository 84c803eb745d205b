/**
 * 干部名册: the roster filtered, searched and sorted, handed out a window at a time as columns (arrays per column)
 * with the total count, so a virtualised table over 100k cadres fetches only the rows around its scroll position
 * (row objects for the whole roster would cost seconds). Ages and years in post are at the reference date, by the
 * rules of cadre-facts.ts; unlike the structure statistics, the roster lists everybody in it (also those who started
 * work after the date). ID numbers leave this module masked 6+4 by shared/format/mask.ts unless `unmask` is set.
 */
import type { ColumnResult, Connector } from '../db/connector.js';
import { quoteIdent, sql } from '../db/sql.js';
import { maskField, maskProfile } from '../format/mask.js';
import { cadreFactsTable, type RetirementRule } from './cadre-facts.js';

/** Filters: each a list of accepted values (empty or absent: no filter), and a name search. */
export interface RosterFilters {
  readonly units?: readonly string[];
  /** Region codes ('' for cadres without a region). */
  readonly regions?: readonly string[];
  readonly postLevels?: readonly string[];
  readonly rankLevels?: readonly string[];
  readonly ageBands?: readonly string[];
  /** Highest education level (研究生/大学/大专/中专及以下/未知). */
  readonly education?: readonly string[];
  readonly genders?: readonly string[];
  readonly ethnicities?: readonly string[];
  readonly parties?: readonly string[];
  readonly postBands?: readonly string[];
  /** Part of a name (or a cadre ID). */
  readonly search?: string;
}

export const ROSTER_SORTS = ['level', 'name', 'age', 'unit', 'region', 'postYears', 'id'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

export interface RosterParams {
  /** Reference date YYYY-MM-DD for ages and years in post. */
  readonly date: string;
  readonly filters?: RosterFilters;
  readonly sort?: RosterSort;
  readonly desc?: boolean;
  readonly offset?: number;
  readonly limit?: number;
  /** Show full ID numbers: a deliberate action in the view. */
  readonly unmask?: boolean;
  /** Count the filtered roster (default true); a table fetching further windows of the same filters skips it. */
  readonly withTotal?: boolean;
  readonly retirement?: RetirementRule;
}

/** The columns of a window, in display order. */
export const ROSTER_COLUMNS = [
  'cadre_id', 'name', 'gender', 'birth_ym', 'age', 'ethnicity', 'party', 'top_edu_cat', 'ft_edu', 'ft_degree', 'is_edu', 'is_degree',
  'unit', 'region_name', 'current_post', 'post_level', 'rank_level', 'current_post_since', 'post_years', 'id_no',
] as const;

export interface RosterPage {
  /** The filtered head count; null when not asked for (withTotal: false). */
  readonly total: number | null;
  readonly offset: number;
  /** The window's rows by column (age and post_years numeric, NaN when unknown). */
  readonly rows: ColumnResult;
}

/** Filterable text columns: facts columns, blanks read as 未填 in options and filters alike. */
const FILTER_COLUMNS: Record<Exclude<keyof RosterFilters, 'search'>, string> = {
  units: 'unit',
  regions: "coalesce(region_code, '')",
  postLevels: "coalesce(nullif(trim(post_level), ''), '未填')",
  rankLevels: "coalesce(nullif(trim(rank_level), ''), '未填')",
  ageBands: 'age_band',
  education: 'top_edu_cat',
  genders: 'gender_cat',
  ethnicities: "coalesce(nullif(trim(ethnicity), ''), '未填')",
  parties: "coalesce(nullif(trim(party), ''), '未填')",
  postBands: 'post_band',
};

const SORT_SQL: Record<RosterSort, string> = {
  level: 'level_rank',
  name: 'name',
  age: 'age',
  unit: 'unit',
  region: "coalesce(region_code, '')",
  postYears: 'post_months',
  id: 'cadre_id',
};

/** The WHERE clause of the filters (values quoted by the sql tag). */
export function rosterWhereSql(f: RosterFilters = {}): string {
  const parts = ['TRUE'];
  for (const [k, col] of Object.entries(FILTER_COLUMNS)) {
    const values = f[k as keyof typeof FILTER_COLUMNS];
    if (values && values.length > 0) parts.push(`${col} IN (${sql`${values.slice()}`})`);
  }
  const q = f.search?.trim();
  if (q) parts.push(sql`(contains(name, ${q}) OR cadre_id = ${q})`);
  return parts.join(' AND ');
}

/** The window statement: keys sorted first over the narrow columns, then the window's full rows joined. */
export function rosterPageSql(facts: string, p: RosterParams): string {
  const t = quoteIdent(facts);
  const dir = p.desc ? 'DESC' : 'ASC';
  const key = SORT_SQL[p.sort ?? 'level'];
  const offset = Math.max(0, Math.floor(p.offset ?? 0));
  const limit = Math.max(1, Math.min(5000, Math.floor(p.limit ?? 200)));
  const order = `k ${dir} NULLS LAST, level_rank, unit, cadre_id`;
  return `WITH w AS (
  SELECT cadre_id, ${key} AS k, level_rank, unit FROM ${t} WHERE ${rosterWhereSql(p.filters)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
)
SELECT ${ROSTER_COLUMNS.filter((c) => c !== 'post_years').map((c) => `f.${c}`).join(', ')}, f.post_months / 12.0 AS post_years
FROM w JOIN ${t} f USING (cadre_id) ORDER BY w.${order.replace(/, /g, ', w.')}`;
}

/** One window of the roster and the filtered total. */
export async function rosterPage(db: Connector, p: RosterParams): Promise<RosterPage> {
  const facts = await cadreFactsTable(db, { date: p.date, retirement: p.retirement });
  const count = p.withTotal === false ? null : await db.query(`SELECT count(*) AS n FROM ${quoteIdent(facts)} WHERE ${rosterWhereSql(p.filters)}`);
  const rows = await db.queryColumns(rosterPageSql(facts, p));
  const ids = rows.texts.id_no ?? [];
  const profile = maskProfile({ unmasked: p.unmask });
  const shown = ids.map((x) => maskField(profile, 'idNo', x));
  return { total: count === null ? null : Number(count.rows[0]?.n ?? 0), offset: Math.max(0, Math.floor(p.offset ?? 0)), rows: { ...rows, texts: { ...rows.texts, id_no: shown } } };
}

export interface FilterOption {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

/** Every filter's options with their counts, largest first (one statement). */
export async function rosterFilterOptions(db: Connector, p: { date: string; retirement?: RetirementRule }): Promise<Record<keyof typeof FILTER_COLUMNS, FilterOption[]>> {
  const t = quoteIdent(await cadreFactsTable(db, p));
  const parts = Object.entries(FILTER_COLUMNS).map(([k, col]) => `SELECT ${sql`${k}`} AS k, ${col} AS v, ${k === 'regions' ? 'region_name' : col} AS label FROM ${t}`);
  const r = await db.queryColumns(`SELECT k, v, any_value(label) AS label, count(*) AS n FROM (${parts.join(' UNION ALL ')}) GROUP BY k, v ORDER BY k, n DESC, v`);
  const out = Object.fromEntries(Object.keys(FILTER_COLUMNS).map((k) => [k, [] as FilterOption[]])) as Record<keyof typeof FILTER_COLUMNS, FilterOption[]>;
  for (let i = 0; i < r.length; i++) {
    const list = out[(r.texts.k?.[i] ?? '') as keyof typeof FILTER_COLUMNS];
    const v = r.texts.v?.[i] ?? '';
    list?.push({ value: v, label: r.texts.label?.[i] ?? (v || '未知'), count: r.numbers.n?.[i] ?? 0 });
  }
  return out;
}
