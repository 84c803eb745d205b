/**
 * The views' questions answered from the derived tables (derived.ts). Each reader returns the very columns of the
 * direct SQL it replaces (rankingSql, heatmapSql, periodHeatmapSql, trendBenchmarkSql and the modules' catalogue
 * queries), so the modules' shaping (toRankedRegions, toMatrix, buildPoints) applies unchanged.
 *
 * They answer exactly what the direct SQL answers when no group or parent filter is set (derivedApplies) and no
 * region of the level starts or ends its validity within the periods compared (validityChangesSql returns 0);
 * otherwise the views use their direct SQL. Keys are compared with typed literals (TRY_CAST to the derived ENUMs:
 * folded to a constant, so zone maps apply; an unknown code matches nothing instead of failing).
 */
import { sql } from '../db/sql.js';
import { periodEndDate, previousPeriod, samePeriodLastYear } from '../model/period.js';
import type { HeatmapParams, PeriodHeatmapParams } from './heatmap.js';
import type { RankingParams } from './ranking.js';

const indicatorKey = (x: string) => sql`TRY_CAST(${x} AS hj_d_indicator)`;
const periodKey = (x: string) => sql`TRY_CAST(${x} AS hj_d_period)`;
const regionKey = (x: string) => sql`TRY_CAST(${x} AS hj_d_region)`;
const keys = (xs: readonly string[], key: (x: string) => string) => (xs.length ? xs.map(key).join(', ') : 'NULL');

/**
 * Regions of the level whose validity starts or ends between two dates (inclusive): when there is any, ranks and
 * scores among "the regions valid at each period's end" differ from those among "the regions valid now".
 */
export function validityChangesSql(level: string, from: string, to: string): string {
  return sql`
SELECT count(*) AS n FROM regions
WHERE level = ${level}
  AND ((valid_from > DATE ${from} AND valid_from <= DATE ${to}) OR (valid_to >= DATE ${from} AND valid_to < DATE ${to}))`;
}

/** Whether the derived readers answer these parameters (no 考核分组 or parent filter). */
export function derivedApplies(p: { readonly group?: string | null; readonly parent?: string | null }): boolean {
  return (p.group ?? null) === null && (p.parent ?? null) === null;
}

function mustApply(p: { readonly group?: string | null; readonly parent?: string | null }, what: string): void {
  if (!derivedApplies(p)) throw new Error(`${what}: group and parent filters need the direct SQL`);
}

/** rankingSql's answer (same columns, same order) from derived_scores and derived_stats. */
export function rankingFromDerivedSql(p: RankingParams): string {
  mustApply(p, 'rankingFromDerivedSql');
  const asOf = periodEndDate(p.period);
  const b = p.benchmark ?? 'avg';
  const fixed = typeof b === 'number' && Number.isFinite(b) ? b : null;
  const mode = typeof b === 'number' ? 'number' : b;
  const prev = previousPeriod(p.period);
  const lastYear = samePeriodLastYear(p.period);
  const target =
    mode === 'target'
      ? sql`(SELECT t.annual_target FROM indicator_values t WHERE t.indicator_id = ${p.indicator} AND t.period = ${p.period} AND t.region_code = c.region_code)`
      : 'NULL::DOUBLE';
  const parent =
    mode === 'parent'
      ? sql`(SELECT pv.value FROM indicator_values pv WHERE pv.region_code = cur.parent_code AND pv.indicator_id = ${p.indicator} AND pv.period = ${p.period})`
      : 'NULL::DOUBLE';
  return (
    sql`
WITH ind AS (
  SELECT target_value, unit FROM indicators WHERE indicator_id = ${p.indicator}
),
compared AS (
  SELECT r.region_code, r.name, r.eval_group, r.parent_code
  FROM regions r
  WHERE r.level = ${p.level}
    AND (r.valid_from IS NULL OR r.valid_from <= DATE ${asOf})
    AND (r.valid_to IS NULL OR r.valid_to >= DATE ${asOf})
),
ranked AS (
  SELECT CAST(region_code AS VARCHAR) AS region_code, CAST(period AS VARCHAR) AS period, value, CAST(rnk AS BIGINT) AS rnk
  FROM derived_scores
  WHERE indicator_id = ` + indicatorKey(p.indicator) + ` AND period IN (` + keys([p.period, prev, lastYear], periodKey) + sql`)
    AND level = ${p.level} AND rnk IS NOT NULL
),
stat AS (
  SELECT mean AS average, CAST(n AS BIGINT) AS compared FROM derived_stats
  WHERE indicator_id = ` + indicatorKey(p.indicator) + ' AND period = ' + periodKey(p.period) + sql` AND level = ${p.level}
),
cur AS (
  SELECT c.*, k.value, k.rnk, ` + target + sql` AS annual_target,
    (SELECT average FROM stat) AS average, coalesce((SELECT compared FROM stat), 0) AS compared
  FROM compared c LEFT JOIN ranked k ON k.region_code = c.region_code AND k.period = ${p.period}
),
bench AS (
  SELECT cur.*,
    CASE ${mode}
      WHEN 'avg' THEN cur.average
      WHEN 'parent' THEN ` + parent + sql`
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
 * heatmapSql's cells (region_code, col, value, score, rnk) from derived_scores. region_code and col stay ENUMs, so
 * they cross to JS as Arrow dictionaries; the indicator filter is a semi-join (an IN list of 200 literals costs
 * ~100 ms of per-row comparisons).
 */
export function heatmapFromDerivedSql(p: HeatmapParams): string {
  mustApply(p, 'heatmapFromDerivedSql');
  const only = p.indicators && p.indicators.length ? sql` AND indicator_id IN (SELECT TRY_CAST(unnest([${p.indicators}]::VARCHAR[]) AS hj_d_indicator))` : '';
  return (
    `SELECT region_code, indicator_id AS col, value, score, rnk
FROM derived_scores WHERE period = ${periodKey(p.period)}` + sql` AND level = ${p.level} AND rnk IS NOT NULL` + only
  );
}

/** periodHeatmapSql's cells from derived_scores (ENUM keys, see heatmapFromDerivedSql). */
export function periodHeatmapFromDerivedSql(p: PeriodHeatmapParams, periods: readonly string[]): string {
  mustApply(p, 'periodHeatmapFromDerivedSql');
  return (
    `SELECT region_code, period AS col, value, score, rnk
FROM derived_scores WHERE indicator_id = ${indicatorKey(p.indicator)} AND period IN (${keys(periods, periodKey)})` +
    sql` AND level = ${p.level} AND rnk IS NOT NULL`
  );
}

/** The indicators with a value in a period (heatmap's default columns), from derived_stats. */
export function indicatorsInPeriodFromDerivedSql(period: string): string {
  return `SELECT DISTINCT CAST(indicator_id AS VARCHAR) AS indicator_id FROM derived_stats WHERE period = ${periodKey(period)} ORDER BY 1`;
}

/** The periods with a value of an indicator, ascending (periodHeatmap's default columns), from derived_stats. */
export function periodsOfIndicatorFromDerivedSql(indicator: string): string {
  return `SELECT DISTINCT CAST(period AS VARCHAR) AS period FROM derived_stats WHERE indicator_id = ${indicatorKey(indicator)} ORDER BY 1`;
}

/**
 * A trend's benchmark line (period, b): the mean over the regions of a level valid at each period's end, from
 * derived_stats. (trendBenchmarkSql averages every region of the level, abolished ones included.)
 */
export function trendBenchmarkFromDerivedSql(indicator: string, level: string): string {
  return `SELECT CAST(period AS VARCHAR) AS period, mean AS b FROM derived_stats WHERE indicator_id = ${indicatorKey(indicator)}` + sql` AND level = ${level}`;
}

/** One or several regions' values with YoY over every period, from derived_scores. */
export function trendFromDerivedSql(indicator: string, regions: readonly string[]): string {
  return `SELECT CAST(region_code AS VARCHAR) AS region_code, CAST(period AS VARCHAR) AS period, value, yoy
FROM derived_scores WHERE indicator_id = ${indicatorKey(indicator)} AND region_code IN (${keys(regions, regionKey)}) ORDER BY region_code, period`;
}

/**
 * The regions × indicators cells as numbers only: the region's and the indicator's position in the derived ENUMs
 * (see derivedKeysSql) instead of their codes. Crossing to JS, numbers cost a fraction of strings or dictionaries
 * (600k cells: ~50 ms against ~350 ms); a matrix builder maps the positions to rows and columns with two small arrays.
 */
export function heatmapIndexedFromDerivedSql(p: HeatmapParams): string {
  mustApply(p, 'heatmapIndexedFromDerivedSql');
  return (
    `SELECT CAST(enum_code(region_code) AS INTEGER) AS region_ix, CAST(enum_code(indicator_id) AS INTEGER) AS col_ix, value, score, rnk
FROM derived_scores WHERE period = ${periodKey(p.period)}` + sql` AND level = ${p.level} AND rnk IS NOT NULL`
  );
}

/** The codes of one derived ENUM in position order (column `code`), for heatmapIndexedFromDerivedSql. */
export function derivedKeysSql(key: 'region' | 'indicator' | 'period'): string {
  return `SELECT unnest(enum_range(NULL::hj_d_${key})) AS code`;
}
