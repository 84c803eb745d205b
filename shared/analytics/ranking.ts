import type { Connector, Row } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { sql } from '../db/sql.js';
import { derivedApplies, indicatorKey, mustApply, periodKey, validityChangesSql } from './derived-readers.js';
import { periodEndDate, previousPeriod, samePeriodLastYear } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { listIndicators, type IndicatorMeta } from '../model/catalog.js';
import { memoWhileDerived } from './derived-memo.js';

/** Serialisable parameters: saved views and packs reuse them. */
export interface RankingParams {
  readonly indicator: string;
  readonly period: string;
  readonly level: RegionLevel;
  /** Compare only regions of this 考核分组. */
  readonly group?: string | null;
  /** Compare only regions under this parent (e.g. the counties of one city). */
  readonly parent?: string | null;
  /**
   * What the gap is measured against: the average of the compared regions (default), the parent region's own
   * value, each region's annual target (else the catalogue's 目标值), or a number the user gives (e.g. national).
   */
  readonly benchmark?: Benchmark;
}

export type Benchmark = 'avg' | 'parent' | 'target' | number;

export interface RankedRegion {
  readonly regionCode: string;
  readonly name: string;
  readonly group: string | null;
  /** null when the region has no value for the period. */
  readonly value: number | null;
  /** Competition rank (1, 2, 2, 4), best first by the indicator's direction; null when the value is missing. */
  readonly rank: number | null;
  /** The benchmark this region is compared with (see RankingParams.benchmark). */
  readonly benchmark: number | null;
  /** value − benchmark, in the indicator's unit (个百分点 when the unit is %). */
  readonly gap: number | null;
  /** gap as % of the benchmark; null for % indicators (their gap is already in 个百分点) or a zero benchmark. */
  readonly gapPct: number | null;
  /** Rank in the previous period and in the same period last year, among the regions compared there. */
  readonly rankPrevious: number | null;
  readonly rankLastYear: number | null;
  /** Δrank = earlier − current: > 0 前进, < 0 后退, 0 持平; null when either rank is missing. */
  readonly movePrevious: number | null;
  readonly moveLastYear: number | null;
}

export interface RankingResult {
  readonly params: RankingParams;
  readonly indicator: IndicatorMeta;
  /** Mean of the non-missing values of the compared regions. */
  readonly average: number | null;
  /** The periods rank movement is measured against. */
  readonly previousPeriod: string;
  readonly lastYearPeriod: string;
  /** Regions with a value. */
  readonly compared: number;
  /** Best first; regions without a value last. */
  readonly rows: readonly RankedRegion[];
}

/**
 * Rank regions of one level on one indicator and period; ties share a rank (competition ranking); higher is
 * better unless the indicator's direction is −1. Only regions valid at the end of the period take part.
 */
export function rankingSql(p: RankingParams): string {
  const prev = previousPeriod(p.period);
  const lastYear = samePeriodLastYear(p.period);
  return rankingOver(p, {
    ranked: sql`
  SELECT region_code, period, value, annual_target,
    rank() OVER (PARTITION BY period ORDER BY round(value * (SELECT dir FROM ind), 9) DESC) AS rnk
  FROM indicator_values v
  WHERE v.indicator_id = ${p.indicator} AND v.period IN (${p.period}, ${prev}, ${lastYear})
    AND v.region_code IN (SELECT region_code FROM compared) AND v.value IS NOT NULL`,
    parentValue: sql`(SELECT pv.value FROM indicator_values pv WHERE pv.region_code = cur.parent_code AND pv.indicator_id = ${p.indicator} AND pv.period = ${p.period})`,
  });
}

/**
 * The ranking's SQL around a source of ranks: `ranked` gives (region_code, period, value, annual_target, rnk) for
 * the compared regions in the period, the previous one and the same one last year, ranked within each period;
 * `parentValue` is a scalar subquery over `cur.parent_code`. rankingSql ranks indicator_values through it; the
 * derived reader (rankingFromDerivedSql) is a leaner statement of its own with the same columns.
 */
export function rankingOver(p: RankingParams, source: { readonly ranked: string; readonly parentValue: string }): string {
  const asOf = periodEndDate(p.period);
  const group = p.group ?? null;
  const parent = p.parent ?? null;
  const b = p.benchmark ?? 'avg';
  const fixed = typeof b === 'number' && Number.isFinite(b) ? b : null;
  const mode = typeof b === 'number' ? 'number' : b;
  const prev = previousPeriod(p.period);
  const lastYear = samePeriodLastYear(p.period);
  return (
    sql`
WITH ind AS (
  SELECT CAST(direction AS DOUBLE) AS dir, target_value, unit FROM indicators WHERE indicator_id = ${p.indicator}
),
compared AS (
  SELECT r.region_code, r.name, r.eval_group, r.parent_code
  FROM regions r
  WHERE r.level = ${p.level}
    AND (r.valid_from IS NULL OR r.valid_from <= DATE ${asOf})
    AND (r.valid_to IS NULL OR r.valid_to >= DATE ${asOf})
    AND (${group}::VARCHAR IS NULL OR r.eval_group = ${group})
    AND (${parent}::VARCHAR IS NULL OR r.parent_code = ${parent})
),
ranked AS (` +
    source.ranked +
    sql`
),
cur AS (
  SELECT c.*, k.value, k.rnk, k.annual_target,
    avg(k.value) OVER () AS average, count(k.value) OVER () AS compared
  FROM compared c LEFT JOIN ranked k ON k.region_code = c.region_code AND k.period = ${p.period}
),
bench AS (
  SELECT cur.*,
    CASE ${mode}
      WHEN 'avg' THEN cur.average
      WHEN 'parent' THEN ` +
    source.parentValue +
    sql`
      WHEN 'target' THEN coalesce(cur.annual_target, (SELECT target_value FROM ind))
      ELSE ${fixed}::DOUBLE END AS benchmark
  FROM cur
)
SELECT b.region_code, b.name, b.eval_group, b.value, b.rnk AS rank, b.benchmark,
  b.value - b.benchmark AS gap,
  CASE WHEN (SELECT unit FROM ind) = '%' OR b.benchmark = 0 THEN NULL
       ELSE (b.value - b.benchmark) / abs(b.benchmark) * 100 END AS gap_pct,
  kp.rnk AS rank_previous, ky.rnk AS rank_last_year,
  kp.rnk - b.rnk AS move_previous, ky.rnk - b.rnk AS move_last_year,
  b.average, b.compared
FROM bench b
LEFT JOIN ranked kp ON kp.region_code = b.region_code AND kp.period = ${prev}
LEFT JOIN ranked ky ON ky.region_code = b.region_code AND ky.period = ${lastYear}
ORDER BY rank NULLS LAST, b.region_code`
  );
}

/**
 * rankingSql's answer (same columns, same order), its ranks and targets read from derived_scores. Not rankingOver
 * around a derived source: that statement's CTEs, window, scalar subqueries and unused benchmark branches cost
 * duckdb-wasm ~20–40 ms to plan whatever the data's size; here the compared regions take their three periods' ranks
 * from one scan of the sorted derived table (its three periods pivoted per region: a region without a value now
 * keeps its earlier ranks, as in rankingSql, which the stored rnk_prev/rnk_ly of the current row could not give),
 * and only the asked benchmark is in the statement.
 */
export function rankingFromDerivedSql(p: RankingParams): string {
  mustApply(p, 'rankingFromDerivedSql');
  const asOf = periodEndDate(p.period);
  const b = p.benchmark ?? 'avg';
  const ik = indicatorKey(p.indicator);
  const level = sql`${p.level}`;
  const [cur, prev, ly] = [p.period, previousPeriod(p.period), samePeriodLastYear(p.period)].map((x) => periodKey(x)) as [string, string, string];
  const benchmark =
    b === 'avg' ? 'b.average'
    : b === 'parent' ? 'pv.value'
    : b === 'target' ? 'coalesce(b.annual_target, i.target_value)'
    : sql`${Number.isFinite(b) ? b : null}::DOUBLE`;
  const parentJoin =
    b === 'parent' ? `\nLEFT JOIN derived_scores pv ON pv.region_code = TRY_CAST(b.parent_code AS hj_d_region) AND pv.indicator_id = ${ik} AND pv.period = ${periodKey(p.period)}` : '';
  return (
    sql`
WITH b AS (
  SELECT c.region_code, c.name, c.eval_group, c.parent_code, k.value, k.annual_target,
    CAST(k.rnk AS BIGINT) AS rnk, CAST(k.rnk_prev AS BIGINT) AS rnk_prev, CAST(k.rnk_ly AS BIGINT) AS rnk_ly,
    avg(k.value) OVER () AS average, count(k.value) OVER () AS compared
  FROM (
    SELECT region_code, name, eval_group, parent_code, TRY_CAST(region_code AS hj_d_region) AS rk FROM regions
    WHERE level = ${p.level} AND (valid_from IS NULL OR valid_from <= DATE ${asOf}) AND (valid_to IS NULL OR valid_to >= DATE ${asOf})
  ) c` +
    `
  LEFT JOIN (
    SELECT region_code, max(value) FILTER (WHERE period = ${cur}) AS value, max(annual_target) FILTER (WHERE period = ${cur}) AS annual_target,
      max(rnk) FILTER (WHERE period = ${cur}) AS rnk, max(rnk) FILTER (WHERE period = ${prev}) AS rnk_prev, max(rnk) FILTER (WHERE period = ${ly}) AS rnk_ly
    FROM derived_scores
    WHERE indicator_id = ${ik} AND period IN (${cur}, ${prev}, ${ly}) AND level = ${level} AND rnk IS NOT NULL
    GROUP BY region_code
  ) k ON k.region_code = c.rk
)
SELECT b.region_code, b.name, b.eval_group, b.value, b.rnk AS rank, ${benchmark} AS benchmark,
  b.value - ${benchmark} AS gap,
  CASE WHEN i.unit = '%' OR ${benchmark} = 0 THEN NULL ELSE (b.value - ${benchmark}) / abs(${benchmark}) * 100 END AS gap_pct,
  b.rnk_prev AS rank_previous, b.rnk_ly AS rank_last_year,
  b.rnk_prev - b.rnk AS move_previous, b.rnk_ly - b.rnk AS move_last_year,
  b.average, b.compared
FROM b LEFT JOIN (` +
    sql`SELECT unit, target_value FROM indicators WHERE indicator_id = ${p.indicator}` +
    `) i ON true${parentJoin}
ORDER BY rank NULLS LAST, b.region_code`
  );
}

/** Shape SQL rows into ranked regions. */
export function toRankedRegions(rows: readonly Row[]): RankedRegion[] {
  return rows.map((r) => ({
    regionCode: String(r.region_code),
    name: String(r.name),
    group: r.eval_group === null ? null : String(r.eval_group),
    value: r.value === null ? null : Number(r.value),
    rank: num(r.rank),
    benchmark: num(r.benchmark),
    gap: num(r.gap),
    gapPct: num(r.gap_pct),
    rankPrevious: num(r.rank_previous),
    rankLastYear: num(r.rank_last_year),
    movePrevious: num(r.move_previous),
    moveLastYear: num(r.move_last_year),
  }));
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** Rank regions on one indicator and period (see rankingSql). */
export async function ranking(db: Connector, params: RankingParams): Promise<RankingResult> {
  const indicator = (await memoWhileDerived(db, 'indicators', () => listIndicators(db))).find((i) => i.id === params.indicator);
  if (!indicator) throw new Error(`指标 ${params.indicator} 不在指标目录中`);
  const r = await db.query((await useDerivedRanking(db, params)) ? rankingFromDerivedSql(params) : rankingSql(params));
  const first = r.rows[0];
  return {
    params,
    indicator,
    average: first && first.average !== null ? Number(first.average) : null,
    previousPeriod: previousPeriod(params.period),
    lastYearPeriod: samePeriodLastYear(params.period),
    compared: first ? Number(first.compared) : 0,
    rows: toRankedRegions(r.rows),
  };
}

/**
 * Whether the ranks built at import answer these parameters exactly: they are current, no group or parent filter
 * is set, and no region of the level began or ended between last year's period and this one (the derived ranks of
 * earlier periods are among the regions valid then, the direct ones among the regions valid now).
 */
async function useDerivedRanking(db: Connector, p: RankingParams): Promise<boolean> {
  if (!derivedReady(db) || !derivedApplies(p)) return false;
  const q = validityChangesSql(p.level, periodEndDate(samePeriodLastYear(p.period)), periodEndDate(p.period));
  const n = (await memoWhileDerived(db, q, () => db.query(q))).rows[0]?.n;
  return Number(n ?? 1) === 0;
}
