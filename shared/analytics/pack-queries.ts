/**
 * The few questions the quarterly pack asks that no other analytics module answers, each in one statement for every
 * region at once (the batch builds ~115 packs from one period's answers): who is 一把手 of each region at the
 * period's end with their roster facts, their annual assessments, and where each value of the period came from
 * (provenance src_id/src_row joined to import_sources) with its 数据阶段.
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { periodEndDate } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { monthIndexSql, periodMonths, TERMS_SQL } from './leaders.js';

/** A region with the 一把手 in office at the period's last month (vacant regions are not listed). */
export interface TopLeaderRow {
  readonly regionCode: string;
  readonly regionName: string;
  readonly level: RegionLevel;
  readonly group: string | null;
  readonly parentName: string | null;
  readonly leaderId: string;
  readonly leaderName: string;
  readonly postTitle: string | null;
  /** Start of this term in this region as a month number (year × 12 + month − 1). */
  readonly termStart: number;
  /** Roster facts as month numbers (null when unknown) and the roster's 现任职务. */
  readonly birthM: number | null;
  readonly postSinceM: number | null;
  readonly currentPost: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Every region valid at the period's end whose 一把手 is in office at its last month (the latest start wins an
 * overlap, as leaders.ts decides), in level then code order.
 */
export function topLeadersSql(period: string): string {
  const m = periodMonths(period);
  if (!m) throw new Error(`无法识别的期间：${period}`);
  const asOf = periodEndDate(period);
  return (
    `
WITH t AS (${TERMS_SQL}),
k AS (
  SELECT t.*, row_number() OVER (PARTITION BY t.region_code ORDER BY t.s DESC, t.cadre_id) AS k
  FROM t WHERE t.s <= ${m.last} AND (t.e IS NULL OR t.e >= ${m.last})
)
SELECT r.region_code, r.name AS region_name, r.level, r.eval_group, p.name AS parent_name,
  k.cadre_id, k.name AS leader_name, k.post_title, k.s AS term_start,
  ${monthIndexSql('c.birth_ym', false)} AS birth_m, ${monthIndexSql('c.current_post_since', false)} AS since_m, c.current_post
FROM k JOIN regions r ON r.region_code = k.region_code
LEFT JOIN regions p ON p.region_code = r.parent_code
LEFT JOIN cadres c ON c.cadre_id = k.cadre_id
WHERE k.k = 1` +
    sql`
  AND (r.valid_from IS NULL OR r.valid_from <= DATE ${asOf}) AND (r.valid_to IS NULL OR r.valid_to >= DATE ${asOf})
ORDER BY CASE r.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, r.region_code`
  );
}

/** The regions with a 一把手 at the period's end (see topLeadersSql). */
export async function topLeaders(db: Connector, period: string): Promise<TopLeaderRow[]> {
  const r = await db.query(topLeadersSql(period));
  return r.rows.map((x) => ({
    regionCode: String(x.region_code),
    regionName: String(x.region_name ?? x.region_code),
    level: String(x.level) as RegionLevel,
    group: str(x.eval_group),
    parentName: str(x.parent_name),
    leaderId: String(x.cadre_id),
    leaderName: String(x.leader_name ?? x.cadre_id),
    postTitle: str(x.post_title),
    termStart: Number(x.term_start),
    birthM: num(x.birth_m),
    postSinceM: num(x.since_m),
    currentPost: str(x.current_post),
  }));
}

/** Annual (年度, or kind not given) assessments of the cadres up to `lastYear`, by cadre, oldest first. */
export async function annualAssessments(db: Connector, cadreIds: readonly string[], lastYear: number): Promise<Map<string, { year: number; result: string }[]>> {
  const out = new Map<string, { year: number; result: string }[]>();
  if (!cadreIds.length) return out;
  const r = await db.query(
    sql`SELECT cadre_id, year, result FROM assessments
WHERE cadre_id IN (${cadreIds}) AND year IS NOT NULL AND year <= ${lastYear} AND (kind IS NULL OR kind = '年度') AND result IS NOT NULL
ORDER BY cadre_id, year`,
  );
  for (const x of r.rows) {
    const id = String(x.cadre_id);
    const list = out.get(id) ?? [];
    if (list.at(-1)?.year !== Number(x.year)) list.push({ year: Number(x.year), result: String(x.result) });
    out.set(id, list);
  }
  return out;
}

/** Where one value came from: the import source's file and sheet and its row there (null: no provenance). */
export interface ValueSource {
  readonly regionCode: string;
  readonly indicatorId: string;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly dataStage: string | null;
}

/** Provenance and 数据阶段 of every value of the indicators in the period, keyed `${region}|${indicator}`. */
export async function valueSources(db: Connector, period: string, indicatorIds: readonly string[]): Promise<Map<string, ValueSource>> {
  const out = new Map<string, ValueSource>();
  if (!indicatorIds.length) return out;
  const r = await db.query(
    sql`SELECT v.region_code, v.indicator_id, s.file, s.sheet, v.src_row, v.data_stage
FROM indicator_values v LEFT JOIN import_sources s ON s.src_id = v.src_id
WHERE v.period = ${period} AND v.indicator_id IN (${indicatorIds}) AND v.value IS NOT NULL`,
  );
  for (const x of r.rows) {
    const v: ValueSource = { regionCode: String(x.region_code), indicatorId: String(x.indicator_id), file: str(x.file), sheet: str(x.sheet), row: num(x.src_row), dataStage: str(x.data_stage) };
    out.set(`${v.regionCode}|${v.indicatorId}`, v);
  }
  return out;
}

/** The newest committed (not undone) import's time, or null when nothing was imported. */
export async function newestImport(db: Connector): Promise<string | null> {
  const r = await db.query("SELECT max(committed_at) AS t FROM import_batches WHERE coalesce(status, '') <> 'undone'");
  return str(r.rows[0]?.t);
}

/** The first period with any value (the start of the data), or null for an empty workspace. */
export async function firstPeriod(db: Connector): Promise<string | null> {
  return str((await db.query('SELECT min(period) AS p FROM indicator_values WHERE value IS NOT NULL')).rows[0]?.p);
}
