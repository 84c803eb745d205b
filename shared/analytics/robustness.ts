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
import { composeRanks, score, scoreCellsSql, statsApply, type ScoreParams, type ScoreResult } from './score.js';
import { DEFAULT_TARGET_CAP, SCORE_METHODS, type PlannedIndicator, type ScoreMethod } from './score-plan.js';

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
  const ik = (id: string) => (derived ? `TRY_CAST(${sql`${id}`} AS hj_d_indicator)` : sql`${id}`);
  const weights = `[${used.map((u) => String(u.weight)).join(', ')}]::DOUBLE[${K}]`;
  // Costs at 3,000 regions × 200 indicators × 1,000 draws (duckdb-wasm): the arrays are built with one ordered
  // aggregate of structs (two ordered lists sort twice); a region scored on every indicator shares the draw's
  // denominator Σ w·e (one inner product per draw instead of one per region and draw); the percentiles are one
  // quantile_disc over a list of fractions (three sort the ranks three times); the draw is a SMALLINT (the rank's
  // window sorts 3M rows: 1.6 s with a BIGINT partition key, 1.3 s with a SMALLINT).
  return (
    `WITH ${scoreCellsSql(p, used, dims, [p.period], derived, derivedStats)},
ix AS (SELECT unnest([${used.map((u) => ik(u.id)).join(', ')}]) AS indicator_id, unnest(range(${K})) AS k),
grid AS (
  SELECT r.region_code, ix.k, coalesce(x.w * x.d, 0) AS wd, CASE WHEN x.d IS NULL THEN 0 ELSE x.w END AS av
  FROM (SELECT DISTINCT region_code FROM cells WHERE d IS NOT NULL) r CROSS JOIN ix
  LEFT JOIN cells x ON x.region_code = r.region_code AND x.indicator_id = ix.indicator_id
),
reg AS (
  SELECT region_code, CAST(list_transform(g, x -> x.wd) AS DOUBLE[${K}]) AS wd, CAST(list_transform(g, x -> x.av) AS DOUBLE[${K}]) AS av, complete
  FROM (SELECT region_code, list_sort(list({'k': k, 'wd': wd, 'av': av})) AS g, count(*) FILTER (WHERE av > 0) = ${K} AS complete FROM grid GROUP BY region_code)
),
dr AS (
  SELECT draw, e, array_inner_product(${weights}, e) AS den FROM (
    SELECT CAST(j AS SMALLINT) AS draw, CAST(list_transform(range(${K}), k -> 1 + ${spread} * (2 * ((hash(${seed}, j, k) % 1000000) / 1000000.0) - 1)) AS DOUBLE[${K}]) AS e
    FROM range(${draws}) t(j)
  )
),
s AS (
  SELECT reg.region_code, dr.draw, array_inner_product(reg.wd, dr.e) / (CASE WHEN reg.complete THEN dr.den ELSE array_inner_product(reg.av, dr.e) END) AS s
  FROM reg CROSS JOIN dr
),
k AS (SELECT region_code, CAST(rank() OVER (PARTITION BY draw ORDER BY round(s, 9) DESC) AS INTEGER) AS rk FROM s)
SELECT CAST(region_code AS VARCHAR) AS region_code, q[1] AS p5, q[2] AS median, q[3] AS p95, best, worst FROM (
  SELECT region_code, quantile_disc(rk, [0.05, 0.5, 0.95]) AS q, min(rk) AS best, max(rk) AS worst FROM k GROUP BY region_code
)`
  );
}

/**
 * Each compared region's rank in the period with every indicator scored by one method, for each of the four
 * methods: under 'reweight' one statement (each value read once, its four scores side by side, the same
 * coefficients as score.ts's co; at 3,000 regions × 200 indicators ~110 ms against ~300 ms for four), under
 * 'minimum' (each method's own minimum per indicator) the score module once per method.
 */
export function methodRanksSql(p: ScoreParams, used: readonly PlannedIndicator[], dims: readonly string[], derived: boolean, derivedStats: boolean): string {
  const cap = p.targetCap ?? DEFAULT_TARGET_CAP;
  const rank = (c: string) => `CASE WHEN ${c} IS NULL THEN NULL ELSE rank() OVER (ORDER BY round(${c}, 9) DESC NULLS LAST) END`;
  // The period's values, plan and statistics as score.ts reads them (method 'efficacy': bounds carries 满意值/不允许值).
  return `WITH ${scoreCellsSql({ ...p, method: 'efficacy', missing: 'reweight' }, used.map((u) => ({ ...u, method: 'efficacy' })), dims, [p.period], derived, derivedStats)},
m4 AS (
  SELECT indicator_id, w, dir, tgt,
    b_mm, CASE WHEN mx = mn THEN 100 ELSE -(CASE WHEN dir > 0 THEN mn ELSE mx END) * b_mm END AS a_mm,
    b_z, -mean * b_z AS a_z,
    b_e, CASE WHEN h = s THEN 100 ELSE 60 - s * b_e END AS a_e
  FROM (
    SELECT *, CASE WHEN mx = mn THEN 0 ELSE 100 * dir / (mx - mn) END AS b_mm,
      CASE WHEN sd IS NULL OR sd = 0 THEN 0 ELSE dir / sd END AS b_z,
      CASE WHEN h = s THEN 0 ELSE 40 / (h - s) END AS b_e
    FROM bounds
  )
),
x4 AS (
  SELECT v.region_code, m.w, m.a_mm + m.b_mm * v.value AS d_mm, m.a_z + m.b_z * v.value AS d_z, m.a_e + m.b_e * v.value AS y_e,
    CASE WHEN coalesce(v.annual_target, m.tgt) IS NULL OR coalesce(v.annual_target, m.tgt) = 0 THEN NULL
      WHEN m.dir > 0 THEN v.value / coalesce(v.annual_target, m.tgt)
      WHEN v.value <= 0 THEN ${cap}
      ELSE coalesce(v.annual_target, m.tgt) / v.value END AS r_t
  FROM v_0 v JOIN m4 m ON m.indicator_id = v.indicator_id
),
c4 AS (
  SELECT region_code, sum(w * d_mm) / sum(w) AS c_mm, sum(w * d_z) / sum(w) AS c_z,
    sum(w * CASE WHEN y_e < 0 THEN 0 WHEN y_e > 100 THEN 100 ELSE y_e END) / sum(w) AS c_e,
    sum(w * 100 * CASE WHEN r_t < 0 THEN 0 WHEN r_t > ${cap} THEN ${cap} ELSE r_t END) / sum(w) FILTER (WHERE r_t IS NOT NULL) AS c_t
  FROM x4 GROUP BY region_code
)
SELECT CAST(region_code AS VARCHAR) AS region_code, ${rank('c_mm')} AS minmax, ${rank('c_z')} AS zscore, ${rank('c_e')} AS efficacy, ${rank('c_t')} AS target
FROM c4`;
}

async function methodRanks(db: Connector, params: ScoreParams, used: readonly PlannedIndicator[], dims: readonly string[]): Promise<Map<ScoreMethod, Map<string, number | null>>> {
  const out = new Map<ScoreMethod, Map<string, number | null>>();
  if ((params.missing ?? 'reweight') === 'minimum' || !used.length) {
    for (const m of SCORE_METHODS) out.set(m, await composeRanks(db, { ...params, method: m }, used.map((u) => ({ ...u, method: m })), dims));
    return out;
  }
  const derived = derivedReady(db);
  const r = await db.queryColumns(methodRanksSql(params, used, dims, derived, await statsApply(db, params, [params.period])));
  const codes = r.texts.region_code ?? [];
  for (const m of SCORE_METHODS) {
    const col = r.numbers[m] ?? new Float64Array();
    out.set(m, new Map(codes.map((c, i) => [String(c), Number.isNaN(col[i] as number) ? null : (col[i] as number)])));
  }
  return out;
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
    // The draws are the long part (seconds at national scale): cancellable.
    const r = await db.query(drawsSql({ ...params, draws, seed, spread }, base.indicators, base.dimensions, derivedReady(db), derivedReady(db) && (params.group ?? null) === null), { cancellable: true });
    const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    for (const x of r.rows) stats.set(String(x.region_code), { p5: nn(x.p5), median: nn(x.median), p95: nn(x.p95), best: nn(x.best), worst: nn(x.worst) });
  }
  // The same indicators and weights, each method for every indicator, the period alone.
  const byMethod = await methodRanks(db, params, base.indicators, base.dimensions);

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
