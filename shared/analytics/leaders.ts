/**
 * Who led what: the 一把手 in office for a region and period, from appointments (is_top_leader). A period is
 * answered for by the leader in office at its last month; when terms overlap there (a handover), the one who took
 * office last; when no term covers it, nobody (空缺). Every top leader who served during the period is listed too,
 * so a change mid-quarter is visible. Dates come as the rosters write them: YYYY-MM, YYYYMM, YYYY.MM, YYYY年M月,
 * YYYYMMDD or a bare year (taken as January for a start, December for an end).
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { parsePeriod } from '../model/period.js';

/** A date text with every run of non-digits turned into '-' (1990年6月 → 1990-6-, 1990.06.15 → 1990-06-15). */
function dateDigitsSql(column: string): string {
  return `regexp_replace(trim(CAST(${column} AS VARCHAR)), '[^0-9]+', '-', 'g')`;
}

/** A date text as a month number (year × 12 + month − 1), in SQL; NULL when it holds no year. */
export function monthIndexSql(column: string, end: boolean): string {
  const t = dateDigitsSql(column);
  const y = `TRY_CAST(regexp_extract(${t}, '^([0-9]{4})', 1) AS INTEGER)`;
  // YYYYMM(DD) without separators, else the number after the first separator.
  const m = `coalesce(TRY_CAST(nullif(regexp_extract(${t}, '^[0-9]{4}([0-9]{2})', 1), '') AS INTEGER), TRY_CAST(nullif(regexp_extract(${t}, '^[0-9]{4}-([0-9]{1,2})', 1), '') AS INTEGER))`;
  const general = `CASE WHEN ${y} IS NULL THEN NULL ELSE ${y} * 12 + (CASE WHEN ${m} BETWEEN 1 AND 12 THEN ${m} ELSE ${end ? 12 : 1} END) - 1 END`;
  // Fast path for the common YYYY-MM, with the same answer as the general one: regular expressions cost about
  // 7 µs a row in the wasm engine, which is seconds over a 100k-cadre roster's date columns.
  const x = `trim(CAST(${column} AS VARCHAR))`;
  const digits = [1, 2, 3, 4, 6, 7].map((i) => `substr(${x}, ${i}, 1) BETWEEN '0' AND '9'`).join(' AND ');
  const fm = `CAST(substr(${x}, 6, 2) AS INTEGER)`;
  return `CASE WHEN length(${x}) = 7 AND substr(${x}, 5, 1) = '-' AND ${digits} AND substr(${x}, 6, 2) BETWEEN '01' AND '12' THEN CAST(substr(${x}, 1, 4) AS INTEGER) * 12 + ${fm} - 1 ELSE ${general} END`;
}

/**
 * The day of the month of a date text when it has one (YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD, YYYY年M月D日), in SQL;
 * NULL for month- or year-only texts, so callers can fall back to month precision (ages, see cadre-facts.ts).
 */
export function dayOfMonthSql(column: string): string {
  const t = dateDigitsSql(column);
  const d = `coalesce(TRY_CAST(nullif(regexp_extract(${t}, '^[0-9]{6}([0-9]{2})$', 1), '') AS INTEGER), TRY_CAST(nullif(regexp_extract(${t}, '^[0-9]{4}-[0-9]{1,2}-([0-9]{1,2})', 1), '') AS INTEGER))`;
  // Month- and year-only texts (up to 7 characters) hold no day: skip the regular expressions for them.
  return `CASE WHEN length(trim(CAST(${column} AS VARCHAR))) > 7 AND ${d} BETWEEN 1 AND 31 THEN ${d} END`;
}

/** A canonical period's first and last month numbers (year × 12 + month − 1). */
export function periodMonths(period: string): { first: number; last: number } | null {
  const p = parsePeriod(period);
  if (!p) return null;
  if (p.kind === 'year') return { first: p.year * 12, last: p.year * 12 + 11 };
  if (p.kind === 'quarter') return { first: p.year * 12 + (p.index - 1) * 3, last: p.year * 12 + p.index * 3 - 1 };
  return { first: p.year * 12 + p.index - 1, last: p.year * 12 + p.index - 1 };
}

/** The top leaders' terms: cadre_id, name, region_code, post_title, s and e (month numbers; e NULL: in office). */
export const TERMS_SQL = `
SELECT a.cadre_id, coalesce(c.name, a.cadre_id) AS name, a.region_code, a.post_title,
  ${monthIndexSql('a.start_ym', false)} AS s, ${monthIndexSql('a.end_ym', true)} AS e
FROM appointments a LEFT JOIN cadres c ON c.cadre_id = a.cadre_id
WHERE a.is_top_leader AND a.region_code IS NOT NULL AND ${monthIndexSql('a.start_ym', false)} IS NOT NULL`;

/**
 * Per (region_code, period) of `periods` (a relation with columns period, first_m, last_m): leader_id and
 * leader_name in office at the last month (the latest start wins an overlap), NULL when vacant.
 */
export function leaderInOfficeSql(periods: string): string {
  return `
SELECT region_code, period, cadre_id AS leader_id, name AS leader_name FROM (
  SELECT t.region_code, p.period, t.cadre_id, t.name,
    row_number() OVER (PARTITION BY t.region_code, p.period ORDER BY t.s DESC, t.cadre_id) AS k
  FROM (${TERMS_SQL}) t JOIN (${periods}) p ON t.s <= p.last_m AND (t.e IS NULL OR t.e >= p.last_m)
) WHERE k = 1`;
}

export interface Term {
  readonly cadreId: string;
  readonly name: string;
  readonly postTitle: string;
  /** First and last month as YYYY-MM (to: null while in office). */
  readonly from: string;
  readonly to: string | null;
}

export interface LeaderAnswer {
  readonly regionCode: string;
  readonly regionName: string | null;
  readonly period: string;
  /** In office at the period's last month; null: vacant. */
  readonly leader: Term | null;
  /** Every top leader in office during the period, earliest first (more than one: a change within the period). */
  readonly during: readonly Term[];
}

const ym = (m: number | null) => (m === null ? null : `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);

/** The 一把手 of a region in a period (see the module comment). */
export async function leaderOf(db: Connector, regionCode: string, period: string): Promise<LeaderAnswer> {
  const months = periodMonths(period);
  if (!months) throw new Error(`无法识别的期间：${period}`);
  const r = await db.query(
    `SELECT * FROM (${TERMS_SQL}) t WHERE region_code = ${sql`${regionCode}`} AND t.s <= ${months.last} AND (t.e IS NULL OR t.e >= ${months.first}) ORDER BY t.s, t.cadre_id`,
  );
  const name = await db.query(sql`SELECT name FROM regions WHERE region_code = ${regionCode}`);
  const terms = r.rows.map((x) => ({
    term: { cadreId: String(x.cadre_id), name: String(x.name), postTitle: String(x.post_title ?? ''), from: ym(Number(x.s)) as string, to: x.e === null ? null : ym(Number(x.e)) },
    s: Number(x.s),
    e: x.e === null ? null : Number(x.e),
  }));
  const atEnd = terms.filter((t) => t.s <= months.last && (t.e === null || t.e >= months.last)).sort((a, b) => b.s - a.s || a.term.cadreId.localeCompare(b.term.cadreId));
  return {
    regionCode,
    regionName: name.rows[0] ? String(name.rows[0].name) : null,
    period,
    leader: atEnd[0]?.term ?? null,
    during: terms.map((t) => t.term),
  };
}
