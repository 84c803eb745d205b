import type { Connector, Row } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { periodEndDate } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import { listIndicators, type IndicatorMeta } from '../model/catalog.js';

/** Serialisable parameters: saved views and packs reuse them. */
export interface RankingParams {
  readonly indicator: string;
  readonly period: string;
  readonly level: RegionLevel;
  /** Compare only regions of this 考核分组. */
  readonly group?: string | null;
  /** Compare only regions under this parent (e.g. the counties of one city). */
  readonly parent?: string | null;
}

export interface RankedRegion {
  readonly regionCode: string;
  readonly name: string;
  readonly group: string | null;
  /** null when the region has no value for the period. */
  readonly value: number | null;
  /** Competition rank (1, 2, 2, 4), best first by the indicator's direction; null when the value is missing. */
  readonly rank: number | null;
  /** value − average of the compared regions (in 个百分点 when the unit is %). */
  readonly gap: number | null;
}

export interface RankingResult {
  readonly params: RankingParams;
  readonly indicator: IndicatorMeta;
  /** Mean of the non-missing values of the compared regions. */
  readonly average: number | null;
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
  const asOf = periodEndDate(p.period);
  const group = p.group ?? null;
  const parent = p.parent ?? null;
  return sql`
WITH ind AS (SELECT CAST(direction AS DOUBLE) AS dir FROM indicators WHERE indicator_id = ${p.indicator}),
compared AS (
  SELECT r.region_code, r.name, r.eval_group, v.value
  FROM regions r
  LEFT JOIN indicator_values v
    ON v.region_code = r.region_code AND v.indicator_id = ${p.indicator} AND v.period = ${p.period}
  WHERE r.level = ${p.level}
    AND (r.valid_from IS NULL OR r.valid_from <= DATE ${asOf})
    AND (r.valid_to IS NULL OR r.valid_to >= DATE ${asOf})
    AND (${group}::VARCHAR IS NULL OR r.eval_group = ${group})
    AND (${parent}::VARCHAR IS NULL OR r.parent_code = ${parent})
)
SELECT c.region_code, c.name, c.eval_group, c.value,
  CASE WHEN c.value IS NULL THEN NULL
       ELSE rank() OVER (ORDER BY round(c.value * ind.dir, 9) DESC NULLS LAST) END AS rank,
  c.value - avg(c.value) OVER () AS gap,
  avg(c.value) OVER () AS average,
  count(c.value) OVER () AS compared
FROM compared c, ind
ORDER BY rank NULLS LAST, c.region_code`;
}

/** Shape SQL rows into ranked regions. */
export function toRankedRegions(rows: readonly Row[]): RankedRegion[] {
  return rows.map((r) => ({
    regionCode: String(r.region_code),
    name: String(r.name),
    group: r.eval_group === null ? null : String(r.eval_group),
    value: r.value === null ? null : Number(r.value),
    rank: r.rank === null ? null : Number(r.rank),
    gap: r.gap === null ? null : Number(r.gap),
  }));
}

/** Rank regions on one indicator and period (see rankingSql). */
export async function ranking(db: Connector, params: RankingParams): Promise<RankingResult> {
  const indicator = (await listIndicators(db)).find((i) => i.id === params.indicator);
  if (!indicator) throw new Error(`指标 ${params.indicator} 不在指标目录中`);
  const r = await db.query(rankingSql(params));
  const first = r.rows[0];
  return {
    params,
    indicator,
    average: first && first.average !== null ? Number(first.average) : null,
    compared: first ? Number(first.compared) : 0,
    rows: toRankedRegions(r.rows),
  };
}
