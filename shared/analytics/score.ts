/**
 * Composite scores: each indicator standardised across the compared regions (one level, optionally one 考核分组)
 * by its method, direction-aware, then S = Σ w·d / Σ w per region, with dimension sub-scores, a competition rank
 * and its movement against the previous period and the same period last year. Missing values follow a stated
 * policy (score-plan.ts). Everything is one SQL statement per question; results come back by column.
 */
import type { ColumnResult, Connector } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { sql } from '../db/sql.js';
import { periodEndDate, previousPeriod, samePeriodLastYear } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import type { Direction } from '../model/vocab.js';
import { keys, periodKey, regionKey, validityChangesSql } from './derived-readers.js';
import { comparedSql } from './scope.js';
import { memoWhileDerived } from './derived-memo.js';
import {
  DEFAULT_TARGET_CAP,
  dimensionsOf,
  MISSING_POLICY_TEXT,
  planIndicators,
  type CatalogueRow,
  type LeftOut,
  type MissingPolicy,
  type PlannedIndicator,
  type ScoreMethod,
} from './score-plan.js';

/** Serialisable parameters: saved views and packs reuse them. */
export interface ScoreParams {
  readonly period: string;
  readonly level: RegionLevel;
  readonly group?: string | null;
  /** One method for every indicator; default each indicator's catalogue 计分方法, else 功效系数法. */
  readonly method?: ScoreMethod | null;
  /** A scheme's weights (indicator id → weight), replacing the catalogue's; 0 leaves an indicator out. */
  readonly weights?: Readonly<Record<string, number>> | null;
  readonly missing?: MissingPolicy;
  /** Target completion is capped at this ratio (default 1.2: 120%). */
  readonly targetCap?: number;
  readonly indicators?: readonly string[] | null;
}

export interface ScoredRegion {
  readonly regionCode: string;
  readonly name: string;
  readonly group: string | null;
  readonly composite: number | null;
  readonly rank: number | null;
  /** Sub-score per dimension, in ScoreResult.dimensions order (null: no indicator of it scored). */
  readonly dimensions: readonly (number | null)[];
  /** Indicators scored from the region's own values, and those missing (left out or scored as the minimum). */
  readonly scored: number;
  readonly missing: number;
  readonly rankPrevious: number | null;
  readonly rankLastYear: number | null;
  /** Δrank = earlier − current: > 0 前进, < 0 后退, 0 持平. */
  readonly movePrevious: number | null;
  readonly moveLastYear: number | null;
}

export interface ScoreResult {
  readonly params: ScoreParams;
  readonly indicators: readonly PlannedIndicator[];
  /** Indicators not scored, each with its reason (no weight, no value in the period, no target). */
  readonly leftOut: readonly LeftOut[];
  readonly dimensions: readonly string[];
  readonly missingPolicy: MissingPolicy;
  readonly missingPolicyText: string;
  readonly previousPeriod: string;
  readonly lastYearPeriod: string;
  /** Mean of each dimension's sub-score over the scored regions (the radar's comparison line). */
  readonly dimensionAverages: readonly (number | null)[];
  readonly averageComposite: number | null;
  /** Best first; regions without a score last. */
  readonly rows: readonly ScoredRegion[];
}

/** The catalogue with the columns scoring needs. */
export async function scoringCatalogue(db: Connector): Promise<CatalogueRow[]> {
  const r = await db.query(
    'SELECT indicator_id, name, dimension, unit, direction, weight, method, satisfactory_value, disallowed_value, target_value FROM indicators ORDER BY indicator_id',
  );
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return r.rows.map((x) => ({
    id: String(x.indicator_id),
    name: String(x.name ?? x.indicator_id),
    dimension: x.dimension === null ? null : String(x.dimension),
    unit: x.unit === null ? null : String(x.unit),
    direction: (Number(x.direction) < 0 ? -1 : 1) as Direction,
    weight: n(x.weight),
    method: x.method === null ? null : String(x.method),
    satisfactory: n(x.satisfactory_value),
    disallowed: n(x.disallowed_value),
    target: n(x.target_value),
  }));
}

const f = (x: number | null) => (x === null || !Number.isFinite(x) ? 'NULL' : String(x));

/**
 * The plan as columns (indicator_id, dimension index, weight, method, direction, 满意值, 不允许值, 目标值) and `ik`,
 * the indicator as the values table keys it (its ENUM in derived_scores, compared without casting every row). One
 * list a column: DuckDB binds 8 lists of 200 in ~5 ms, a 200-row VALUES list of typed literals in ~17 ms.
 */
function planSql(used: readonly PlannedIndicator[], dims: readonly string[], derived: boolean): string {
  const ik = derived ? 'TRY_CAST(indicator_id AS hj_d_indicator)' : 'indicator_id';
  if (!used.length) return `SELECT NULL::VARCHAR AS indicator_id, 0 AS dim, 0::DOUBLE AS w, NULL::VARCHAR AS method, 1::DOUBLE AS dir, NULL::DOUBLE AS xh, NULL::DOUBLE AS xs, NULL::DOUBLE AS tgt, ${derived ? 'NULL::hj_d_indicator' : 'NULL::VARCHAR'} AS ik WHERE false`;
  const col = (name: string, type: string, xs: readonly string[]) => `unnest([${xs.join(', ')}]::${type}[]) AS ${name}`;
  const cols = [
    col('indicator_id', 'VARCHAR', used.map((u) => sql`${u.id}`)),
    col('dim', 'INTEGER', used.map((u) => String(dims.indexOf(u.dimension)))),
    col('w', 'DOUBLE', used.map((u) => f(u.weight))),
    col('method', 'VARCHAR', used.map((u) => sql`${u.method}`)),
    col('dir', 'DOUBLE', used.map((u) => String(u.direction))),
    col('xh', 'DOUBLE', used.map((u) => f(u.satisfactory))),
    col('xs', 'DOUBLE', used.map((u) => f(u.disallowed))),
    col('tgt', 'DOUBLE', used.map((u) => f(u.target))),
  ];
  return `SELECT t.*, ${ik} AS ik FROM (SELECT ${cols.join(', ')}) t`;
}

/** A period or region as the values table keys it (see planSql). */
export const periodLiteral = (period: string, derived: boolean) => (derived ? periodKey(period) : sql`${period}`);
export const regionLiteral = (code: string, derived: boolean) => (derived ? regionKey(code) : sql`${code}`);

/**
 * Whether the scores are the catalogue's own (each indicator's 计分方法, the default target cap): then, over the
 * regions derived_stats describes, derived_scores.d_cat holds each value's score already.
 */
export const catalogueScores = (p: ScoreParams): boolean => !p.method && (p.targetCap ?? DEFAULT_TARGET_CAP) === DEFAULT_TARGET_CAP;

/**
 * The CTEs up to `cells(period, region_code, indicator_id, dim, w, value, d, filled)`: one row per compared region
 * and scored indicator in each of `periods` (after the missing policy), d the standardised score, NULL for a value
 * that cannot be scored (target completion without a target; under 'reweight' only: aggregate with count(d) and
 * sum(w) FILTER (WHERE d IS NOT NULL), which is cheaper than filtering 600k rows). Values come from derived_scores
 * when it is current (the same values, read by period without scanning the whole table); with `derivedStats` each
 * indicator's min, max, mean and sd too, from derived_stats, which holds them over the regions of the level valid
 * at each period's end: the caller says so only when those are the compared regions (no group, no region beginning
 * or ending between the periods), and the rows of those regions are then the ones derived_scores ranks.
 */
export function scoreCellsSql(p: ScoreParams, used: readonly PlannedIndicator[], dims: readonly string[], periods: readonly string[], derived: boolean, derivedStats = false): string {
  const asOf = periodEndDate(p.period);
  const cap = p.targetCap ?? DEFAULT_TARGET_CAP;
  // With derived tables the keys stay ENUMs throughout (period, region_code, indicator_id of `cells` included).
  // Indicators outside the plan drop out at the join with its coefficients. Each period is its own chain (scan, join
  // on the indicator alone, score), united at the end: one scan of `period IN (a, b, c)` is not pruned by the zone
  // maps, and a join on (period, indicator) pushes a period filter back onto every scan (24M rows: 16 against 27 ms
  // to read three periods).
  // The catalogue's own methods at the default cap: each value's score is derived_scores.d_cat (derived.ts).
  const cat = derivedStats && catalogueScores(p);
  const one = (period: string) =>
    derived
      ? `SELECT period, region_code, indicator_id, value, annual_target${cat ? ', d_cat' : ''} FROM derived_scores WHERE period = ${periodKey(period)}` +
        sql` AND level = ${p.level}` +
        (derivedStats ? ' AND rnk IS NOT NULL' : ' AND region_code IN (SELECT rk FROM compared)')
      : sql`SELECT period, region_code, indicator_id, value, annual_target FROM indicator_values WHERE period = ${period} AND value IS NOT NULL` +
        ' AND region_code IN (SELECT rk FROM compared)';
  const rk = derived ? 'TRY_CAST(r.region_code AS hj_d_region)' : 'r.region_code';
  const missing = (p.missing ?? 'reweight') === 'minimum';
  const chain = (period: string, i: number) =>
    (cat
      ? `
sc_${i} AS (SELECT v.period, v.region_code, v.indicator_id, p.dim, p.w, v.value, v.d_cat AS d FROM v_${i} v JOIN plan p ON p.ik = v.indicator_id),`
      : `
sc_${i} AS (
  -- The clip as CASE: greatest/least cost ~50 ms more over 600k values in duckdb-wasm.
  SELECT period, region_code, indicator_id, dim, w, value,
    CASE WHEN tm THEN (CASE WHEN t IS NULL OR t = 0 THEN NULL
        WHEN dir > 0 THEN 100 * greatest(0, least(${cap}, value / t))
        WHEN value <= 0 THEN 100 * ${cap}
        ELSE 100 * greatest(0, least(${cap}, t / value)) END)
      WHEN y < lo THEN lo WHEN y > hi THEN hi ELSE y END AS d
  FROM (
    SELECT v.period, v.region_code, v.indicator_id, c.dim, c.w, v.value, c.tm, c.dir, c.lo, c.hi, c.ca + c.cb * v.value AS y,
      coalesce(v.annual_target, c.tgt) AS t
    FROM v_${i} v JOIN (SELECT * FROM co WHERE period = ${periodLiteral(period, derived)}) c ON c.indicator_id = v.indicator_id
  )
),`) +
    (missing
      ? `
scored_${i} AS (SELECT indicator_id, min(d) AS dmin FROM sc_${i} WHERE d IS NOT NULL GROUP BY indicator_id),
cells_${i} AS (
  SELECT ${periodLiteral(period, derived)} AS period, c.rk AS region_code, k.indicator_id, p.dim, p.w, x.value, coalesce(x.d, k.dmin) AS d, x.d IS NULL AS filled
  FROM scored_${i} k JOIN plan p ON p.ik = k.indicator_id CROSS JOIN compared c
  LEFT JOIN sc_${i} x ON x.indicator_id = k.indicator_id AND x.region_code = c.rk
),`
      : `
cells_${i} AS (SELECT period, region_code, indicator_id, dim, w, value, d, false AS filled FROM sc_${i}),`);
  return (
    `
plan AS (${planSql(used, dims, derived)}),
compared AS (SELECT r.*, ${rk} AS rk FROM (${comparedSql(p, asOf)}) r),` +
    periods.map((period, i) => `\nv_${i} AS (${one(period)}),`).join('') +
    `
st AS (${
      derivedStats
        ? `SELECT period, indicator_id, mn, mx, mean, sd FROM derived_stats WHERE period IN (${keys(periods, periodKey)}) AND indicator_id IN (SELECT ik FROM plan)` + sql` AND level = ${p.level}`
        : `SELECT period, indicator_id, min(value) AS mn, max(value) AS mx, avg(value) AS mean, stddev_pop(value) AS sd FROM (${periods.map((x, i) => `SELECT * FROM v_${i}`).join(' UNION ALL ')}) WHERE indicator_id IN (SELECT ik FROM plan) GROUP BY period, indicator_id`
    }),
bounds AS (
  SELECT st.*, p.dim, p.w, p.method, p.dir, p.tgt,
    coalesce(p.xh, CASE WHEN p.dir > 0 THEN st.mx ELSE st.mn END) AS h,
    coalesce(p.xs, CASE WHEN p.dir > 0 THEN st.mn ELSE st.mx END) AS s
  FROM st JOIN plan p ON p.ik = st.indicator_id
),
co AS (
  -- Per period and indicator, d = lo ≤ a + b·x ≤ hi for min-max (0–100), z-score and 功效系数法 (clipped to 0–100):
  -- one multiply-add per value instead of the formula; target completion needs each value's own target.
  SELECT period, indicator_id, dim, w, method = 'target' AS tm, dir, tgt, cb,
    CASE method
      WHEN 'minmax' THEN CASE WHEN mx = mn THEN 100 ELSE -(CASE WHEN dir > 0 THEN mn ELSE mx END) * cb END
      WHEN 'zscore' THEN -mean * cb
      WHEN 'efficacy' THEN CASE WHEN h = s THEN 100 ELSE 60 - s * cb END
    END AS ca,
    CASE method WHEN 'efficacy' THEN 0 ELSE -1e308 END AS lo,
    CASE method WHEN 'efficacy' THEN 100 ELSE 1e308 END AS hi
  FROM (
    SELECT *, CASE method
        WHEN 'minmax' THEN CASE WHEN mx = mn THEN 0 ELSE 100 * dir / (mx - mn) END
        WHEN 'zscore' THEN CASE WHEN sd IS NULL OR sd = 0 THEN 0 ELSE dir / sd END
        WHEN 'efficacy' THEN CASE WHEN h = s THEN 0 ELSE 40 / (h - s) END
      END AS cb
    FROM bounds
  )
),` +
    periods.map(chain).join('') +
    `
cells AS (${periods.map((_, i) => `SELECT * FROM cells_${i}`).join(' UNION ALL ')})`
  );
}

/**
 * Composite, sub-scores (dim_0 …), counts and ranks per compared region, with the rank movement (unless
 * `movement` is false: the period alone, movement columns NULL).
 */
export function scoreSql(p: ScoreParams, used: readonly PlannedIndicator[], dims: readonly string[], derived: boolean, movement = true, derivedStats = false): string {
  const prev = previousPeriod(p.period);
  const ly = samePeriodLastYear(p.period);
  const periods = movement ? [p.period, prev, ly] : [p.period];
  // Per period, two steps: sums per (region, dimension) in one pass over the cells, then a row per region (the
  // dimension columns pivoted from a few rows per region rather than filtered over every cell), and its rank. Each
  // period its own ranked_i: one CTE joined three times with a period filter each gets their OR pushed back onto
  // every scan.
  const dimCols = dims.map((_, i) => `max(CASE WHEN dim = ${i} THEN wd / w END) AS dim_${i}`);
  const ranked = (_: string, i: number) => `
ranked_${i} AS (
  SELECT *, rank() OVER (ORDER BY round(composite, 9) DESC) AS rnk FROM (
    SELECT region_code, sum(wd) / sum(w) AS composite, sum(n) AS n_scored${dimCols.length ? ', ' + dimCols.join(', ') : ''}
    FROM (
      SELECT region_code, dim, sum(w * d) AS wd, sum(w) FILTER (WHERE d IS NOT NULL) AS w, count(d) FILTER (WHERE NOT filled) AS n
      FROM cells_${i} GROUP BY region_code, dim
    ) GROUP BY region_code
  ) WHERE composite IS NOT NULL
)`;
  return (
    `WITH ${scoreCellsSql(p, used, dims, periods, derived, derivedStats)},${periods.map(ranked).join(',')}
SELECT c.region_code, c.name, c.eval_group, k.composite, k.rnk AS rank, coalesce(k.n_scored, 0) AS n_scored,
  ${used.length} - coalesce(k.n_scored, 0) AS n_missing,` +
    dims.map((_, i) => ` k.dim_${i},`).join('') +
    (movement
      ? `
  kp.rnk AS rank_previous, ky.rnk AS rank_last_year, kp.rnk - k.rnk AS move_previous, ky.rnk - k.rnk AS move_last_year
FROM compared c
LEFT JOIN ranked_0 k ON k.region_code = c.rk
LEFT JOIN ranked_1 kp ON kp.region_code = c.rk
LEFT JOIN ranked_2 ky ON ky.region_code = c.rk`
      : `
  NULL::BIGINT AS rank_previous, NULL::BIGINT AS rank_last_year, NULL::BIGINT AS move_previous, NULL::BIGINT AS move_last_year
FROM compared c
LEFT JOIN ranked_0 k ON k.region_code = c.rk`) +
    `
ORDER BY rank NULLS LAST, c.region_code`
  );
}

/** Per scored indicator in the period: how many compared regions have a score (0: left out, no value / no target). */
function coverageSql(p: ScoreParams, used: readonly PlannedIndicator[], dims: readonly string[], derived: boolean, derivedStats: boolean): string {
  return `WITH ${scoreCellsSql({ ...p, missing: 'reweight' }, used, dims, [p.period], derived, derivedStats)}
SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, count(d) AS n FROM cells GROUP BY indicator_id`;
}

/**
 * How many compared regions can be scored on each indicator in the period. From derived_stats when it holds the
 * compared regions: n_cat (the values with a catalogue score) for the catalogue's methods, else n, except for
 * target completion (a value without a target scores nothing): those are counted.
 */
async function coverage(db: Connector, p: ScoreParams, used: readonly PlannedIndicator[], derived: boolean, derivedStats: boolean): Promise<Map<string, number>> {
  const cat = derivedStats && catalogueScores(p);
  const counted = derivedStats ? (cat ? [] : used.filter((u) => u.method === 'target')) : used;
  const out = new Map<string, number>();
  if (counted.length) for (const r of (await db.query(coverageSql(p, counted, dimensionsOf(counted), derived, derivedStats))).rows) out.set(String(r.indicator_id), Number(r.n));
  if (derivedStats) {
    const q = `SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, ${cat ? 'n_cat' : 'n'} AS n FROM derived_stats WHERE period = ${periodKey(p.period)}` + sql` AND level = ${p.level}`;
    const isCounted = new Set(counted.map((u) => u.id));
    for (const r of (await memoWhileDerived(db, q, () => db.query(q))).rows) if (!isCounted.has(String(r.indicator_id))) out.set(String(r.indicator_id), Number(r.n));
  }
  return out;
}

/**
 * Whether derived_stats holds each indicator's statistics over exactly the compared regions in every period
 * asked: no group filter, and no region of the level beginning or ending between the first and the last.
 */
export async function statsApply(db: Connector, p: ScoreParams, periods: readonly string[]): Promise<boolean> {
  if (!derivedReady(db) || (p.group ?? null) !== null) return false;
  const ends = periods.map(periodEndDate).sort();
  if (ends.length < 2) return true;
  const q = validityChangesSql(p.level, ends[0] as string, ends[ends.length - 1] as string);
  const n = (await memoWhileDerived(db, q, () => db.query(q))).rows[0]?.n;
  return Number(n ?? 1) === 0;
}

const num = (v: unknown): number | null => (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : Number(v));

/** The composite of every compared region in each of many periods (warning rules on the 综合得分). */
export interface CompositeSeries {
  readonly period: readonly string[];
  readonly regionCode: readonly string[];
  readonly composite: readonly number[];
}

/**
 * The catalogue's composite (its weights and methods, missing values re-weighted) of every compared region in each
 * of `periods`. From derived_scores.d_cat in one grouped statement when the derived tables are current and no
 * group is asked (the same sums as scoreSql: Σ w·d / Σ w over the scored values); else scoreSql once per period.
 */
export async function compositeSeries(db: Connector, scope: { readonly level: RegionLevel; readonly group?: string | null }, periods: readonly string[]): Promise<CompositeSeries> {
  const used = planIndicators(await scoringCatalogue(db)).used;
  const out = { period: [] as string[], regionCode: [] as string[], composite: [] as number[] };
  if (!used.length || !periods.length) return out;
  const add = (period: unknown, code: unknown, v: number | undefined) => {
    if (code === null || code === undefined || v === undefined || Number.isNaN(v)) return;
    out.period.push(String(period));
    out.regionCode.push(String(code));
    out.composite.push(v);
  };
  if (derivedReady(db) && (scope.group ?? null) === null) {
    const q = `WITH plan AS (${planSql(used, dimensionsOf(used), true)})
SELECT CAST(s.period AS VARCHAR) AS period, CAST(s.region_code AS VARCHAR) AS region_code, sum(p.w * s.d_cat) / sum(p.w) FILTER (WHERE s.d_cat IS NOT NULL) AS composite
FROM derived_scores s JOIN plan p ON p.ik = s.indicator_id
WHERE s.period IN (${keys(periods, periodKey)})` + sql` AND s.level = ${scope.level}` + ` AND s.rnk IS NOT NULL
GROUP BY s.period, s.region_code HAVING count(s.d_cat) > 0`;
    const r = await db.queryColumns(q);
    const ps = r.texts.period ?? [];
    const codes = r.texts.region_code ?? [];
    const v = r.numbers.composite ?? new Float64Array();
    for (let i = 0; i < r.length; i++) add(ps[i], codes[i], v[i]);
    return out;
  }
  for (const period of periods) {
    const params = { period, level: scope.level, group: scope.group ?? null };
    const r = await db.queryColumns(scoreSql(params, used, dimensionsOf(used), derivedReady(db), false, await statsApply(db, params, [period])));
    const codes = r.texts.region_code ?? [];
    for (let i = 0; i < r.length; i++) add(period, codes[i], r.numbers.composite?.[i]);
  }
  return out;
}

/** Each compared region's rank in the period alone, by the given plan (robustness: the same plan, another method). */
export async function composeRanks(db: Connector, params: ScoreParams, used: readonly PlannedIndicator[], dims: readonly string[]): Promise<Map<string, number | null>> {
  if (!used.length) return new Map();
  const r = await db.queryColumns(scoreSql(params, used, dims, derivedReady(db), false, await statsApply(db, params, [params.period])));
  const codes = r.texts.region_code ?? [];
  const rank = r.numbers.rank ?? new Float64Array();
  return new Map(codes.map((c, i) => [String(c), num(rank[i])]));
}

/** The composite score of every compared region (see ScoreParams). */
export async function score(db: Connector, params: ScoreParams): Promise<ScoreResult> {
  const missingPolicy = params.missing ?? 'reweight';
  const derived = derivedReady(db);
  const planned = planIndicators(await memoWhileDerived(db, 'scoringCatalogue', () => scoringCatalogue(db)), params);
  // Indicators no compared region can be scored on in this period are left out, with the reason.
  const stats = await statsApply(db, params, [params.period, previousPeriod(params.period), samePeriodLastYear(params.period)]);
  const cover = planned.used.length ? await coverage(db, params, planned.used, derived, stats) : new Map<string, number>();
  const used = planned.used.filter((u) => (cover.get(u.id) ?? 0) > 0);
  const leftOut = [
    ...planned.leftOut,
    ...planned.used.filter((u) => !cover.get(u.id)).map((u) => ({ id: u.id, name: u.name, reason: u.method === 'target' ? '本期无数据或无目标值' : '本期无数据' })),
  ];
  const dims = dimensionsOf(used);
  const r: ColumnResult = await db.queryColumns(scoreSql(params, used, dims, derived, true, stats));
  const col = (name: string) => r.numbers[name];
  const text = (name: string) => r.texts[name] ?? [];
  const at = (name: string, i: number) => num(col(name)?.[i]);
  const rows: ScoredRegion[] = Array.from({ length: r.length }, (_, i) => ({
    regionCode: String(text('region_code')[i]),
    name: String(text('name')[i] ?? text('region_code')[i]),
    group: text('eval_group')[i] ?? null,
    composite: at('composite', i),
    rank: at('rank', i),
    dimensions: dims.map((_, k) => at(`dim_${k}`, i)),
    scored: at('n_scored', i) ?? 0,
    missing: at('n_missing', i) ?? 0,
    rankPrevious: at('rank_previous', i),
    rankLastYear: at('rank_last_year', i),
    movePrevious: at('move_previous', i),
    moveLastYear: at('move_last_year', i),
  }));
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  return {
    params,
    indicators: used,
    leftOut,
    dimensions: dims,
    missingPolicy,
    missingPolicyText: MISSING_POLICY_TEXT[missingPolicy],
    previousPeriod: previousPeriod(params.period),
    lastYearPeriod: samePeriodLastYear(params.period),
    dimensionAverages: dims.map((_, k) => mean(rows.map((x) => x.dimensions[k] ?? null))),
    averageComposite: mean(rows.map((x) => x.composite)),
    rows,
  };
}

/** One indicator's part in a region's composite. */
export interface Contribution {
  readonly id: string;
  readonly name: string;
  readonly dimension: string;
  readonly method: ScoreMethod;
  readonly value: number | null;
  /** The standardised score; for a missing value under 'minimum', the minimum it was scored as. */
  readonly score: number;
  readonly weight: number;
  /** w·d / Σw: what it adds to the composite (the contributions sum to the composite). */
  readonly contribution: number;
  readonly filled: boolean;
}

export interface ScoreBreakdown {
  readonly regionCode: string;
  readonly composite: number | null;
  /** Largest contribution first. */
  readonly contributions: readonly Contribution[];
  /** Indicators the region has no score on (left out of its composite under 'reweight'). */
  readonly missing: readonly { readonly id: string; readonly name: string }[];
}

/** Why a region scored what it did: each indicator's standardised value × its weight, largest first. */
export async function scoreBreakdown(db: Connector, params: ScoreParams, regionCode: string, result?: ScoreResult): Promise<ScoreBreakdown> {
  const r = result ?? (await score(db, params));
  const dims = r.dimensions;
  const derived = derivedReady(db);
  const q = `WITH ${scoreCellsSql(params, r.indicators, dims, [params.period], derived, await statsApply(db, params, [params.period]))}
SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, value, d, w, filled FROM cells WHERE region_code = ${regionLiteral(regionCode, derived)} AND d IS NOT NULL`;
  const rows = r.indicators.length ? (await db.query(q)).rows : [];
  const byId = new Map(r.indicators.map((u) => [u.id, u]));
  const totalW = rows.reduce((s, x) => s + Number(x.w), 0);
  const contributions = rows
    .map((x): Contribution => {
      const u = byId.get(String(x.indicator_id)) as PlannedIndicator;
      const d = Number(x.d);
      return { id: u.id, name: u.name, dimension: u.dimension, method: u.method, value: num(x.value), score: d, weight: Number(x.w), contribution: totalW ? (Number(x.w) * d) / totalW : 0, filled: x.filled === true };
    })
    .sort((a, b) => b.contribution - a.contribution || a.id.localeCompare(b.id));
  const seen = new Set(contributions.map((c) => c.id));
  return {
    regionCode,
    composite: r.rows.find((x) => x.regionCode === regionCode)?.composite ?? null,
    contributions,
    missing: r.indicators.filter((u) => !seen.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
  };
}
