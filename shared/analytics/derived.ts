/**
 * Derived tables, computed once after an import or a workspace load, so that views over national-scale data
 * (thousands of regions × hundreds of indicators × dozens of periods) read a small sorted slice instead of running
 * window functions over the whole indicator table:
 *
 * - derived_scores: one row per value (period, indicator, region) with its region level, YoY, competition rank
 *   and standardised score (z × direction) among the regions of its level valid at the end of the period, and the
 *   delivered yoy_pct and annual_target (so that no view reads indicator_values itself), and d_cat, its score by
 *   the catalogue's own method (the composite then only weights and sums: score.ts), and the ranks of the same
 *   indicator and region in the previous period (rnk_prev, grnk_prev within its 考核分组) and the same period last
 *   year (rnk_ly), each NULL when that period has no value or the region was not valid then (the warning rules'
 *   rank drops read them instead of a self-join: ~10 s of a 35 s warnings build at 24M rows);
 * - derived_stats: per indicator, period and level, the count, mean, population sd, min and max of those values,
 *   and n_cat, how many have a catalogue score;
 * - derived_composite: per period, level and region, the mean of its scores (the heat map's row order).
 *
 * Keys are ENUMs of their own (hj_d_region, hj_d_indicator, hj_d_period), recreated with the tables: 1-2 bytes a
 * row; the heat maps take their positions (enum_code) as numbers. Readers compare them with typed literals
 * (derived-readers.ts), because DuckDB compares an ENUM column with a VARCHAR literal by casting every row to
 * VARCHAR, which also defeats the zone maps. Moving averages are left to the trend module (40 points in JS).
 *
 * indicator_values itself keeps its canonical layout: no view reads it once these tables are built. Measured on the
 * 24M-row bench set (session 6): CHECKPOINT compresses it in memory from 2.2 GiB to 0.17 GiB; sorting it by
 * (indicator, period) took 74 s and ENUM keys on it made the direct SQL slower (460 ms against 107 ms a ranking).
 */
import type { Connector } from '../db/connector.js';
import { derivedGeneration, derivedReady, enqueueBuild, markDerivedReady } from '../db/derived-state.js';
import { sql } from '../db/sql.js';
import { derivedKeysSql } from './derived-readers.js';
import { DEFAULT_TARGET_CAP, methodOfSql } from './score-plan.js';

export const DERIVED_TABLES = ['derived_scores', 'derived_stats', 'derived_group_stats', 'derived_composite', 'derived_periods'] as const;
export const DERIVED_TYPES = ['hj_d_region', 'hj_d_indicator', 'hj_d_period'] as const;

/**
 * Values per statement when building derived_scores, at most (whole indicators: at least one): bounds the memory of
 * its two window sorts and its last-year self-join. 20 indicators of the 24M-row set (2.4M values) a statement ran
 * duckdb-wasm out of its 3.1 GiB once the rank within the group joined the rank within the level.
 */
export const DERIVED_CHUNK_VALUES = 1_200_000;

/** How many indicators a statement builds, and after how many statements to CHECKPOINT (about 3.6M values written). */
export function derivedPlan(values: number, indicators: number): { readonly chunk: number; readonly checkpointEvery: number } {
  const per = indicators > 0 ? Math.max(1, values / indicators) : 1;
  const chunk = Math.max(1, Math.min(Math.max(1, indicators), Math.floor(DERIVED_CHUNK_VALUES / per)));
  return { chunk, checkpointEvery: Math.max(1, Math.floor((3 * DERIVED_CHUNK_VALUES) / (chunk * per))) };
}

/**
 * The canonical periods of the values (as text), the same period a year earlier and the period's end date for
 * region validity.
 */
const PERIODS_SQL = `
CREATE TABLE derived_periods AS
WITH p AS (
  SELECT period, CAST(period AS VARCHAR) AS t FROM (SELECT DISTINCT period FROM indicator_values)
  WHERE regexp_full_match(CAST(period AS VARCHAR), '[0-9]{4}(Q[1-4]|-(0[1-9]|1[0-2]))?')
),
k AS (
  SELECT period, t, CAST(substr(t, 1, 4) AS INTEGER) AS yr,
    CASE length(t) WHEN 4 THEN 0 WHEN 6 THEN CAST(substr(t, 6, 1) AS INTEGER) ELSE CAST(substr(t, 6, 2) AS INTEGER) END AS ix
  FROM p
)
SELECT k.t AS period, l.t AS ly,
  CASE length(k.t) WHEN 6 THEN last_day(make_date(k.yr, k.ix * 3, 1)) WHEN 7 THEN last_day(make_date(k.yr, k.ix, 1)) ELSE make_date(k.yr, 12, 31) END AS end_date,
  q.t AS prev
FROM k LEFT JOIN p l ON l.t = CAST(k.yr - 1 AS VARCHAR) || substr(k.t, 5)
LEFT JOIN p q ON q.t = CASE
  WHEN length(k.t) = 4 THEN CAST(k.yr - 1 AS VARCHAR)
  WHEN length(k.t) = 6 THEN CASE WHEN k.ix = 1 THEN CAST(k.yr - 1 AS VARCHAR) || 'Q4' ELSE CAST(k.yr AS VARCHAR) || 'Q' || CAST(k.ix - 1 AS VARCHAR) END
  ELSE CASE WHEN k.ix = 1 THEN CAST(k.yr - 1 AS VARCHAR) || '-12' ELSE CAST(k.yr AS VARCHAR) || '-' || lpad(CAST(k.ix - 1 AS VARCHAR), 2, '0') END END`;

/** An ENUM of the values; '' is always in it (DuckDB refuses an empty ENUM, e.g. in a new, empty workspace). */
const enumOf = (name: string, values: string) =>
  `CREATE TYPE ${name} AS ENUM (SELECT DISTINCT CAST(x AS VARCHAR) FROM (${values} UNION ALL SELECT '') s(x) WHERE x IS NOT NULL ORDER BY 1)`;

const TYPES_SQL = [
  enumOf('hj_d_region', 'SELECT region_code FROM regions UNION ALL SELECT DISTINCT region_code FROM indicator_values'),
  enumOf('hj_d_indicator', 'SELECT indicator_id FROM indicators'),
  enumOf('hj_d_period', 'SELECT period FROM derived_periods'),
];

/**
 * The standardised score of a value by its catalogue's own method (score-plan.ts: 计分方法, else 功效系数法) over
 * the regions of its level valid at the end of the period, the target cap at its default: what score.ts computes
 * when neither a method nor a cap is asked for, so that a composite (and each robustness draw) only weights and
 * sums. Weights do not enter it; a weighting scheme needs no rebuild. The expressions are score.ts's (co, sc_i).
 */
const CATALOGUE_SCORE = `CASE g.method
    WHEN 'zscore' THEN CASE WHEN g.sd IS NULL OR g.sd = 0 THEN 0 ELSE -g.mean * (s.dir / g.sd) + (s.dir / g.sd) * s.value END
    WHEN 'minmax' THEN CASE WHEN g.mx = g.mn THEN 100
      ELSE -(CASE WHEN s.dir > 0 THEN g.mn ELSE g.mx END) * (100 * s.dir / (g.mx - g.mn)) + (100 * s.dir / (g.mx - g.mn)) * s.value END
    WHEN 'efficacy' THEN CASE WHEN g.h = g.s THEN 100
      ELSE least(100, greatest(0, 60 - g.s * (40 / (g.h - g.s)) + (40 / (g.h - g.s)) * s.value)) END
    ELSE CASE WHEN coalesce(s.annual_target, g.tgt) IS NULL OR coalesce(s.annual_target, g.tgt) = 0 THEN NULL
      WHEN s.dir > 0 THEN 100 * greatest(0, least(${DEFAULT_TARGET_CAP}, s.value / coalesce(s.annual_target, g.tgt)))
      WHEN s.value <= 0 THEN 100 * ${DEFAULT_TARGET_CAP}
      ELSE 100 * greatest(0, least(${DEFAULT_TARGET_CAP}, coalesce(s.annual_target, g.tgt) / s.value)) END
  END`;

/**
 * One chunk of derived_scores: the values of a range of indicators (ids in [from, to]), every period. YoY follows
 * trend-series: for % indicators the change in 个百分点, otherwise the delivered yoy_pct when present, else growth
 * against the same period a year earlier (NULL on a zero base). Ranks and scores are NULL for regions not valid at
 * the end of the period (or unknown to the regions table). The previous period is the one before in the same kind
 * (2025Q1 → 2024Q4, 2025-01 → 2024-12, 2025 → 2024): derived_periods.prev, when the data have it. The rank is one window sort; mean, sd, min and max are a
 * grouped aggregate joined back (an ordered window frame over the whole partition costs ~10x more in duckdb-wasm).
 */
function scoresChunkSql(range: readonly [string, string] | null, create: boolean): string {
  const head = create ? 'CREATE TABLE derived_scores AS' : 'INSERT INTO derived_scores';
  const [from, to] = range ?? [null, null];
  return head + sql`
WITH v AS (
  SELECT v.indicator_id, v.period, v.region_code, v.value, v.yoy_pct, v.annual_target, p.ly, p.prev, i.dir, i.pct, r.level, r.eval_group AS egrp,
    CASE WHEN r.region_code IS NOT NULL AND (r.valid_from IS NULL OR r.valid_from <= p.end_date)
      AND (r.valid_to IS NULL OR r.valid_to >= p.end_date) THEN coalesce(r.level, '') END AS grp
  FROM indicator_values v
  JOIN (SELECT indicator_id, CAST(direction AS DOUBLE) AS dir, coalesce(unit, '') = '%' AS pct FROM indicators) i ON i.indicator_id = v.indicator_id
  JOIN derived_periods p ON p.period = v.period
  LEFT JOIN regions r ON r.region_code = v.region_code
  WHERE v.indicator_id BETWEEN ${from} AND ${to} AND v.value IS NOT NULL
),
g AS (
  -- The catalogue's 计分方法, 满意值, 不允许值 and 目标值 ride on the grouped statistics, not on every value
  -- (wider rows under the window sort ran a 24M-row build out of memory).
  SELECT a.*, c.method, c.tgt,
    coalesce(c.xh, CASE WHEN c.dir > 0 THEN a.mx ELSE a.mn END) AS h,
    coalesce(c.xs, CASE WHEN c.dir > 0 THEN a.mn ELSE a.mx END) AS s
  FROM (
    SELECT indicator_id, period, grp, avg(value) AS mean, stddev_pop(value) AS sd, min(value) AS mn, max(value) AS mx
    FROM v WHERE grp IS NOT NULL GROUP BY indicator_id, period, grp
  ) a
  JOIN (
    SELECT indicator_id, CAST(direction AS DOUBLE) AS dir, ` +
    methodOfSql('method') +
    sql` AS method,
      CAST(satisfactory_value AS DOUBLE) AS xh, CAST(disallowed_value AS DOUBLE) AS xs, CAST(target_value AS DOUBLE) AS tgt
    FROM indicators
  ) c ON c.indicator_id = a.indicator_id
),
s AS MATERIALIZED (
  SELECT *, rank() OVER (PARTITION BY indicator_id, period, grp ORDER BY round(value * dir, 9) DESC) AS rnk_all,
    rank() OVER (PARTITION BY indicator_id, period, grp, egrp ORDER BY round(value * dir, 9) DESC) AS grnk_all
  FROM v
)
SELECT CAST(CAST(s.period AS VARCHAR) AS hj_d_period) AS period, CAST(CAST(s.indicator_id AS VARCHAR) AS hj_d_indicator) AS indicator_id,
  s.level, CAST(CAST(s.region_code AS VARCHAR) AS hj_d_region) AS region_code, s.value,
  CASE WHEN s.pct THEN round(s.value - l.value, 6)
    WHEN s.yoy_pct IS NOT NULL THEN s.yoy_pct
    WHEN l.value IS NULL OR l.value = 0 THEN NULL
    ELSE round((s.value - l.value) / abs(l.value) * 100, 6) END AS yoy,
  CAST(CASE WHEN s.grp IS NOT NULL THEN s.rnk_all END AS INTEGER) AS rnk,
  CASE WHEN s.grp IS NULL THEN NULL WHEN g.sd IS NULL OR g.sd = 0 THEN 0 ELSE (s.value - g.mean) / g.sd * s.dir END AS score,
  CASE WHEN s.grp IS NOT NULL THEN ` +
    CATALOGUE_SCORE +
    ` END AS d_cat,
  s.yoy_pct, s.annual_target, CAST(CASE WHEN s.grp IS NOT NULL THEN s.grnk_all END AS INTEGER) AS grnk,
  CAST(CASE WHEN q.grp IS NOT NULL THEN q.rnk_all END AS INTEGER) AS rnk_prev,
  CAST(CASE WHEN q.grp IS NOT NULL THEN q.grnk_all END AS INTEGER) AS grnk_prev,
  CAST(CASE WHEN l.grp IS NOT NULL THEN l.rnk_all END AS INTEGER) AS rnk_ly
FROM s
LEFT JOIN g ON g.indicator_id = s.indicator_id AND g.period = s.period AND g.grp = s.grp
LEFT JOIN s l ON l.indicator_id = s.indicator_id AND l.region_code = s.region_code AND l.period = s.ly
LEFT JOIN s q ON q.indicator_id = s.indicator_id AND q.region_code = s.region_code AND q.period = s.prev
ORDER BY 1, 2, 3, 4`;
}

const STATS_SQL = `
CREATE TABLE derived_stats AS
SELECT indicator_id, period, level, CAST(count(*) AS INTEGER) AS n, avg(value) AS mean, stddev_pop(value) AS sd, min(value) AS mn, max(value) AS mx,
  CAST(count(d_cat) AS INTEGER) AS n_cat, avg(yoy) AS mean_yoy
FROM derived_scores WHERE rnk IS NOT NULL
GROUP BY indicator_id, period, level
ORDER BY indicator_id, period, level`;

/**
 * The same per 考核分组 (the region's eval_group; '' for none) within a level: what grnk compares with (the warning
 * rules by group). The group is the regions table's, as when grnk was ranked.
 */
const GROUP_STATS_SQL = `
CREATE TABLE derived_group_stats AS
SELECT s.indicator_id, s.period, s.level, coalesce(r.eval_group, '') AS eval_group, CAST(count(*) AS INTEGER) AS n, avg(s.value) AS mean, avg(s.yoy) AS mean_yoy
FROM derived_scores s
LEFT JOIN (SELECT TRY_CAST(region_code AS hj_d_region) AS rk, eval_group FROM regions) r ON r.rk = s.region_code
WHERE s.rnk IS NOT NULL
GROUP BY ALL
ORDER BY 1, 2, 3, 4`;

/** Per period, level and region: the mean of its standardised scores over every indicator (the heat map's default composite). */
const COMPOSITE_SQL = `
CREATE TABLE derived_composite AS
SELECT period, level, region_code, avg(score) AS composite, CAST(count(*) AS INTEGER) AS n
FROM derived_scores WHERE rnk IS NOT NULL
GROUP BY period, level, region_code
ORDER BY period, level, region_code`;

/** Drop the derived tables and their types (e.g. before swapping in another workspace). */
export function dropDerivedSql(): string[] {
  return [...DERIVED_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`), ...DERIVED_TYPES.map((t) => `DROP TYPE IF EXISTS ${t}`)];
}

/**
 * The statements that (re)build every derived table from indicator_values, indicators and regions, given the
 * distinct indicator ids of the catalogue (values of other ids have no direction and are left out, as are
 * non-canonical periods): `chunk` indicators a statement. With `checkpointEvery`, a CHECKPOINT after so many chunks
 * and at the end compresses what was written (an in-memory table stays uncompressed until then).
 */
export function derivedTablesSql(indicatorIds: readonly string[], opts: { readonly chunk?: number; readonly checkpointEvery?: number } = {}): string[] {
  const ids = [...new Set(indicatorIds)].sort();
  const chunk = Math.max(1, opts.chunk ?? 20);
  const every = opts.checkpointEvery ?? 0;
  const out = [...dropDerivedSql(), PERIODS_SQL, ...TYPES_SQL];
  if (ids.length === 0) out.push(scoresChunkSql(null, true));
  for (let i = 0, n = 0; i < ids.length; i += chunk, n++) {
    out.push(scoresChunkSql([ids[i] as string, ids[Math.min(i + chunk, ids.length) - 1] as string], i === 0));
    if (every > 0 && (n + 1) % every === 0) out.push('CHECKPOINT');
  }
  out.push(STATS_SQL, GROUP_STATS_SQL, COMPOSITE_SQL);
  if (every > 0) out.push('CHECKPOINT');
  return out;
}

export interface DerivedBuild {
  readonly indicators: number;
  readonly rows: number;
  readonly ms: number;
}

/** Rebuild the derived tables now, outside the build queue (tests; the app and the benchmark use refreshDerived). */
export async function buildDerived(db: Connector, opts: { readonly chunk?: number; readonly checkpointEvery?: number } = {}): Promise<DerivedBuild> {
  const t0 = Date.now();
  const generation = derivedGeneration(db);
  const ids = await catalogueIds(db);
  const plan = opts.chunk ? { chunk: opts.chunk, checkpointEvery: opts.checkpointEvery ?? 3 } : derivedPlan(await valueCount(db), ids.length);
  for (const s of derivedTablesSql(ids, plan)) await db.query(s);
  const rows = await derivedRows(db);
  markDerivedReady(db, generation);
  return { indicators: ids.length, rows, ms: Date.now() - t0 };
}

const catalogueIds = async (db: Connector) =>
  (await db.query('SELECT DISTINCT indicator_id FROM indicators WHERE indicator_id IS NOT NULL ORDER BY 1')).rows.map((r) => String(r.indicator_id));
/** The values the build reads (DuckDB answers count(*) of a table from its metadata). */
export const valueCount = async (db: Connector) => Number((await db.query('SELECT count(*) AS n FROM indicator_values')).rows[0]?.n ?? 0);
const derivedRows = async (db: Connector) => Number((await db.query('SELECT count(*) AS n FROM derived_scores')).rows[0]?.n ?? 0);

export type DerivedRefresh = (DerivedBuild & { readonly status: 'built' | 'current' }) | { readonly status: 'stale'; readonly ms: number };

/**
 * Bring the derived tables up to date with the data, for the views (after a workspace load, an import or an undo):
 * compress what was written (CHECKPOINT), then rebuild. Builds queue behind each other; one that finds the tables
 * current does nothing, and one overtaken by a write stops at its next statement ('stale': the write's own refresh
 * follows). `signal` stops it too, mid-statement ('stale'): the app's way to let a workspace change go first. Until
 * a build completes, readers use their direct SQL (derived-state.ts).
 */
export function refreshDerived(db: Connector, signal?: AbortSignal): Promise<DerivedRefresh> {
  return enqueueBuild(db, async () => {
    const t0 = Date.now();
    if (derivedReady(db)) return { status: 'current', indicators: 0, rows: await derivedRows(db), ms: 0 };
    const generation = derivedGeneration(db);
    const ids = await catalogueIds(db);
    for (const s of ['CHECKPOINT', ...derivedTablesSql(ids, derivedPlan(await valueCount(db), ids.length))]) {
      if (derivedGeneration(db) !== generation || signal?.aborted) return { status: 'stale', ms: Date.now() - t0 };
      try {
        await db.query(s, signal ? { signal } : {});
      } catch (e) {
        // Stopped by its signal (a workspace change is about to write): the change's own refresh follows.
        if (signal?.aborted) return { status: 'stale', ms: Date.now() - t0 };
        throw e;
      }
    }
    const rows = await derivedRows(db);
    if (!markDerivedReady(db, generation)) return { status: 'stale', ms: Date.now() - t0 };
    return { status: 'built', indicators: ids.length, rows, ms: Date.now() - t0 };
  });
}

/** The codes of the derived ENUMs, in position order: what the heat maps' numeric keys index. */
export interface DerivedKeys {
  readonly region: readonly string[];
  readonly indicator: readonly string[];
  readonly period: readonly string[];
}

const keysCache = new WeakMap<Connector, { readonly generation: number; readonly keys: Promise<DerivedKeys> }>();

/** The derived ENUMs' codes (read once per build; call only while derivedReady). */
export function derivedKeys(db: Connector): Promise<DerivedKeys> {
  const generation = derivedGeneration(db);
  const hit = keysCache.get(db);
  if (hit && hit.generation === generation) return hit.keys;
  const list = async (k: 'region' | 'indicator' | 'period') => ((await db.queryColumns(derivedKeysSql(k))).texts.code ?? []).map(String);
  const keys = (async () => ({ region: await list('region'), indicator: await list('indicator'), period: await list('period') }))();
  keysCache.set(db, { generation, keys });
  keys.catch(() => keysCache.delete(db));
  return keys;
}
