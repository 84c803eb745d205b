/**
 * How far a composite ranking can be trusted: each region's rank when the weights vary at random (every weight
 * times 1 ± spread, uniform, over a fixed number of draws from a fixed seed) and when the standardisation method
 * changes; a 5th–95th percentile rank interval, and the ranks that are fragile because that interval (or another
 * method) crosses a list boundary such as the top 10 or the bottom 3. A meeting should not punish a county for a
 * weight choice.
 *
 * The draws are one DuckDB statement: each region's weighted scores and weights as fixed-size arrays, each draw's
 * weight factors as an array, the composite of every (region, draw) pair as two inner products, then a rank per
 * draw and percentiles per region. The pseudo-random factors are hash(seed, draw, indicator), so a seed gives the
 * same draws on every machine running the same engine.
 */
import type { Connector } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { sql } from '../db/sql.js';
import { composeRanks, score, scoreCellsSql, type ScoreParams, type ScoreResult } from './score.js';
import { SCORE_METHODS, type PlannedIndicator, type ScoreMethod } from './score-plan.js';

export interface RobustnessParams extends ScoreParams {
  /** Number of random weightings (default 1,000, at most 10,000). */
  readonly draws?: number;
  readonly seed?: number;
  /** Each weight varies within ±spread of itself (default 0.2: ±20%). */
  readonly spread?: number;
  /** List boundaries to test: the top N and the bottom N (default top 10, bottom 3). */
  readonly top?: number;
  readonly bottom?: number;
}

export interface FragileRank {
  readonly boundary: string;
  /** What moves it across: the weights (its interval straddles the boundary) or another method. */
  readonly by: 'weights' | 'method';
}

export interface RobustRegion {
  readonly regionCode: string;
  readonly name: string;
  readonly rank: number | null;
  /** Rank percentiles over the draws. */
  readonly p5: number | null;
  readonly median: number | null;
  readonly p95: number | null;
  readonly best: number | null;
  readonly worst: number | null;
  /** The rank under each standardisation method applied to every indicator. */
  readonly methodRanks: Readonly<Record<ScoreMethod, number | null>>;
  /** Worst minus best of methodRanks. */
  readonly methodSpread: number | null;
  readonly fragile: readonly FragileRank[];
}

export interface RobustnessResult {
  readonly params: RobustnessParams;
  readonly draws: number;
  readonly seed: number;
  readonly spread: number;
  readonly regions: number;
  readonly boundaries: readonly string[];
  readonly score: ScoreResult;
  /** In the base ranking's order. */
  readonly rows: readonly RobustRegion[];
  readonly fragileCount: number;
}

/** The draws' statement: rank percentiles per region over `draws` random weightings. */
export function drawsSql(p: RobustnessParams, used: readonly PlannedIndicator[], dims: readonly string[], derived: boolean, derivedStats = false): string {
  const K = used.length;
  const draws = Math.trunc(p.draws ?? 1000);
  const seed = Math.trunc(p.seed ?? 1);
  const spread = p.spread ?? 0.2;
  const ix = used.map((u, k) => sql`(${u.id}, ${k})`).join(', ');
  return (
    `WITH ${scoreCellsSql(p, used, dims, [p.period], derived, derivedStats)},
ix AS (SELECT ${derived ? 'TRY_CAST(indicator_id AS hj_d_indicator)' : 'indicator_id'} AS indicator_id, k FROM (VALUES ${ix}) t(indicator_id, k)),
grid AS (
  SELECT r.region_code, ix.k, x.w * x.d AS wd, CASE WHEN x.d IS NULL THEN 0 ELSE x.w END AS av
  FROM (SELECT DISTINCT region_code FROM cells) r CROSS JOIN ix
  LEFT JOIN cells x ON x.region_code = r.region_code AND x.indicator_id = ix.indicator_id
),
reg AS (
  SELECT region_code, CAST(list(coalesce(wd, 0) ORDER BY k) AS DOUBLE[${K}]) AS wd, CAST(list(coalesce(av, 0) ORDER BY k) AS DOUBLE[${K}]) AS av
  FROM grid GROUP BY region_code
),
dr AS (
  SELECT j AS draw, CAST(list_transform(range(${K}), k -> 1 + ${spread} * (2 * ((hash(${seed}, j, k) % 1000000) / 1000000.0) - 1)) AS DOUBLE[${K}]) AS e
  FROM range(${draws}) t(j)
),
s AS (SELECT reg.region_code, dr.draw, array_inner_product(reg.wd, dr.e) / array_inner_product(reg.av, dr.e) AS s FROM reg CROSS JOIN dr),
k AS (SELECT region_code, CAST(rank() OVER (PARTITION BY draw ORDER BY round(s, 9) DESC) AS INTEGER) AS rk FROM s)
SELECT CAST(region_code AS VARCHAR) AS region_code, quantile_disc(rk, 0.05) AS p5, quantile_disc(rk, 0.5) AS median, quantile_disc(rk, 0.95) AS p95, min(rk) AS best, max(rk) AS worst
FROM k GROUP BY region_code`
  );
}

/** The ranking's robustness to weights and method (see RobustnessParams). */
export async function robustness(db: Connector, params: RobustnessParams): Promise<RobustnessResult> {
  const draws = Math.trunc(params.draws ?? 1000);
  if (!(draws >= 1 && draws <= 10000)) throw new Error(`抽样次数应为 1～10000：${params.draws}`);
  const spread = params.spread ?? 0.2;
  if (!(spread > 0 && spread < 1)) throw new Error(`权重浮动幅度应在 0 与 1 之间：${spread}`);
  const seed = Math.trunc(params.seed ?? 1);
  const base = await score(db, params);
  const ranked = base.rows.filter((r) => r.rank !== null);
  const n = ranked.length;
  const top = Math.max(0, Math.trunc(params.top ?? 10));
  const bottom = Math.max(0, Math.trunc(params.bottom ?? 3));
  const boundaries = [...(top > 0 && top < n ? [`前${top}名`] : []), ...(bottom > 0 && bottom < n ? [`后${bottom}名`] : [])];

  const stats = new Map<string, Record<string, number | null>>();
  if (base.indicators.length && n) {
    const r = await db.query(drawsSql({ ...params, draws, seed, spread }, base.indicators, base.dimensions, derivedReady(db), derivedReady(db) && (params.group ?? null) === null));
    const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    for (const x of r.rows) stats.set(String(x.region_code), { p5: nn(x.p5), median: nn(x.median), p95: nn(x.p95), best: nn(x.best), worst: nn(x.worst) });
  }
  // The same indicators and weights, each method for every indicator, the period alone.
  const byMethod = new Map<ScoreMethod, Map<string, number | null>>();
  for (const m of SCORE_METHODS) byMethod.set(m, await composeRanks(db, { ...params, method: m }, base.indicators.map((u) => ({ ...u, method: m })), base.dimensions));

  // Inside the top N: rank ≤ N; inside the bottom N: rank > n − N.
  const sides = (rank: number) => [...(top > 0 && top < n ? [rank <= top] : []), ...(bottom > 0 && bottom < n ? [rank > n - bottom] : [])];
  const rows = base.rows.map((x): RobustRegion => {
    const st = stats.get(x.regionCode);
    const methodRanks = Object.fromEntries(SCORE_METHODS.map((m) => [m, byMethod.get(m)?.get(x.regionCode) ?? null])) as Record<ScoreMethod, number | null>;
    const mr = Object.values(methodRanks).filter((v): v is number => v !== null);
    const fragile: FragileRank[] = [];
    if (x.rank !== null) {
      const here = sides(x.rank);
      boundaries.forEach((b, i) => {
        const lo = st?.p5 ?? null;
        const hi = st?.p95 ?? null;
        if (lo !== null && hi !== null && sides(lo)[i] !== sides(hi)[i]) fragile.push({ boundary: b, by: 'weights' });
        else if (mr.some((r) => sides(r)[i] !== here[i])) fragile.push({ boundary: b, by: 'method' });
      });
    }
    return {
      regionCode: x.regionCode,
      name: x.name,
      rank: x.rank,
      p5: st?.p5 ?? null,
      median: st?.median ?? null,
      p95: st?.p95 ?? null,
      best: st?.best ?? null,
      worst: st?.worst ?? null,
      methodRanks,
      methodSpread: mr.length ? Math.max(...mr) - Math.min(...mr) : null,
      fragile,
    };
  });
  return { params, draws, seed, spread, regions: n, boundaries, score: base, rows, fragileCount: rows.filter((r) => r.fragile.length).length };
}
