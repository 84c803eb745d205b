/**
 * The views' questions answered from the derived tables (derived.ts). Each reader returns the very columns of the
 * direct SQL it replaces (heatmapSql, periodHeatmapSql, trendSql, trendBenchmarkSql and the modules' catalogue
 * queries; the ranking's reader is rankingFromDerivedSql in ranking.ts), so the
 * modules' shaping (toRankedRegions, toMatrix, buildPoints) applies unchanged.
 *
 * They answer exactly what the direct SQL answers when no group or parent filter is set (derivedApplies) and no
 * region of the level starts or ends its validity within the periods compared (validityChangesSql returns 0);
 * otherwise the views use their direct SQL. Keys are compared with typed literals (TRY_CAST to the derived ENUMs:
 * folded to a constant, so zone maps apply; an unknown code matches nothing instead of failing).
 */
import { sql } from '../db/sql.js';
import type { HeatmapParams, PeriodHeatmapParams } from './heatmap.js';

export const indicatorKey = (x: string) => sql`TRY_CAST(${x} AS hj_d_indicator)`;
export const periodKey = (x: string) => sql`TRY_CAST(${x} AS hj_d_period)`;
export const regionKey = (x: string) => sql`TRY_CAST(${x} AS hj_d_region)`;
export const keys = (xs: readonly string[], key: (x: string) => string) => (xs.length ? xs.map(key).join(', ') : 'NULL');

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

export function mustApply(p: { readonly group?: string | null; readonly parent?: string | null }, what: string): void {
  if (!derivedApplies(p)) throw new Error(`${what}: group and parent filters need the direct SQL`);
}

/**
 * heatmapSql's cells from derived_scores, keyed by number: region_ix and col_ix are the region's and the
 * indicator's positions in the derived ENUMs (derivedKeysSql lists their codes), because numbers cross from the
 * engine at a fraction of the cost of strings or dictionaries (600k cells: ~50 ms against ~350 ms). The indicator
 * filter is a semi-join (an IN list of 200 literals costs ~100 ms of per-row comparisons).
 */
export function heatmapFromDerivedSql(p: HeatmapParams, regions?: readonly string[]): string {
  mustApply(p, 'heatmapFromDerivedSql');
  const only = p.indicators && p.indicators.length ? sql` AND indicator_id IN (SELECT TRY_CAST(unnest([${p.indicators}]::VARCHAR[]) AS hj_d_indicator))` : '';
  const rows = regions ? ` AND region_code IN (${keys(regions, regionKey)})` : '';
  return (
    `SELECT CAST(enum_code(region_code) AS INTEGER) AS region_ix, CAST(enum_code(indicator_id) AS INTEGER) AS col_ix, value, score, rnk
FROM derived_scores WHERE period = ${periodKey(p.period)}` + sql` AND level = ${p.level} AND rnk IS NOT NULL` + only + rows
  );
}

/**
 * Each region's composite (mean of its scores) in a period: from derived_composite for every indicator, or over the
 * asked indicators from derived_scores. Columns region_code, composite.
 */
export function heatmapCompositeFromDerivedSql(p: HeatmapParams, allIndicators: boolean): string {
  mustApply(p, 'heatmapCompositeFromDerivedSql');
  if (allIndicators)
    return `SELECT CAST(region_code AS VARCHAR) AS region_code, composite FROM derived_composite WHERE period = ${periodKey(p.period)}` + sql` AND level = ${p.level}`;
  const only = p.indicators && p.indicators.length ? sql` AND indicator_id IN (SELECT TRY_CAST(unnest([${p.indicators}]::VARCHAR[]) AS hj_d_indicator))` : '';
  return (
    `SELECT CAST(region_code AS VARCHAR) AS region_code, avg(score) AS composite FROM derived_scores WHERE period = ${periodKey(p.period)}` +
    sql` AND level = ${p.level} AND rnk IS NOT NULL` + only + ' GROUP BY region_code'
  );
}

/** One indicator's scores in a period (column region_code, score), to order the heat map's rows by that column. */
export function heatmapColumnFromDerivedSql(p: HeatmapParams, indicator: string): string {
  mustApply(p, 'heatmapColumnFromDerivedSql');
  return (
    `SELECT CAST(region_code AS VARCHAR) AS region_code, score FROM derived_scores WHERE period = ${periodKey(p.period)} AND indicator_id = ${indicatorKey(indicator)}` +
    sql` AND level = ${p.level} AND rnk IS NOT NULL`
  );
}

/** periodHeatmapSql's cells from derived_scores, keyed by number (col_ix: the period's position; see heatmapFromDerivedSql). */
export function periodHeatmapFromDerivedSql(p: PeriodHeatmapParams, periods: readonly string[]): string {
  mustApply(p, 'periodHeatmapFromDerivedSql');
  return (
    `SELECT CAST(enum_code(region_code) AS INTEGER) AS region_ix, CAST(enum_code(period) AS INTEGER) AS col_ix, value, score, rnk
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

/** trendBenchmarkSql's answer by level (period, b): the mean over the regions of the level valid at each period's end. */
export function trendBenchmarkFromDerivedSql(indicator: string, level: string): string {
  return `SELECT CAST(period AS VARCHAR) AS period, mean AS b FROM derived_stats WHERE indicator_id = ${indicatorKey(indicator)}` + sql` AND level = ${level}`;
}

/** trendSql's answer (region_code, period, value, yoy_pct, annual_target) from derived_scores. */
export function trendFromDerivedSql(indicator: string, regions: readonly string[]): string {
  return `SELECT CAST(region_code AS VARCHAR) AS region_code, CAST(period AS VARCHAR) AS period, value, yoy_pct, annual_target
FROM derived_scores WHERE indicator_id = ${indicatorKey(indicator)} AND region_code IN (${keys(regions, regionKey)}) ORDER BY region_code, period`;
}

/** The codes of one derived ENUM in position order (column `code`): what the heat maps' numeric keys index. */
export function derivedKeysSql(key: 'region' | 'indicator' | 'period'): string {
  return `SELECT CAST(unnest(enum_range(NULL::hj_d_${key})) AS VARCHAR) AS code`;
}
