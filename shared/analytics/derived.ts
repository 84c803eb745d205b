/**
 * Derived tables, computed once after an import or a workspace load, so that views over national-scale data
 * (thousands of regions × hundreds of indicators × dozens of periods) read a small sorted slice instead of running
 * window functions over the whole indicator table:
 *
 * - derived_scores: one row per value (period, indicator, region) with its region level, YoY, competition rank
 *   and standardised score (z × direction) among the regions of its level valid at the end of the period;
 * - derived_stats: per indicator, period and level, the count, mean and population sd of those values.
 *
 * Keys are ENUMs of their own (hj_d_region, hj_d_indicator, hj_d_period), recreated with the tables: 1-2 bytes a
 * row, and they reach JS as Arrow dictionaries (decoded once, not per row). Readers compare them with typed
 * literals (derived-readers.ts), because DuckDB compares an ENUM column with a VARCHAR literal by casting every
 * row to VARCHAR, which also defeats the zone maps. Moving averages are left to the trend module (40 points in JS).
 *
 * Also here: the layout of indicator_values itself (sorted by indicator and period; ENUM keys) and CHECKPOINT,
 * which compresses in-memory tables (24M rows: 2.2 GiB → 0.17 GiB).
 */
import type { Connector } from '../db/connector.js';
import { sql } from '../db/sql.js';

export const DERIVED_TABLES = ['derived_scores', 'derived_stats', 'derived_periods'] as const;
export const DERIVED_TYPES = ['hj_d_region', 'hj_d_indicator', 'hj_d_period'] as const;

/** Indicators per statement when building derived_scores: bounds the memory of the window sort. */
export const DERIVED_CHUNK = 20;

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
  CASE length(k.t) WHEN 6 THEN last_day(make_date(k.yr, k.ix * 3, 1)) WHEN 7 THEN last_day(make_date(k.yr, k.ix, 1)) ELSE make_date(k.yr, 12, 31) END AS end_date
FROM k LEFT JOIN p l ON l.t = CAST(k.yr - 1 AS VARCHAR) || substr(k.t, 5)`;

const enumOf = (name: string, values: string) =>
  `CREATE TYPE ${name} AS ENUM (SELECT DISTINCT CAST(x AS VARCHAR) FROM (${values}) s(x) WHERE x IS NOT NULL ORDER BY 1)`;

const TYPES_SQL = [
  enumOf('hj_d_region', 'SELECT region_code FROM regions UNION ALL SELECT DISTINCT region_code FROM indicator_values'),
  enumOf('hj_d_indicator', 'SELECT indicator_id FROM indicators'),
  enumOf('hj_d_period', 'SELECT period FROM derived_periods'),
];

/**
 * One chunk of derived_scores: the values of a range of indicators (ids in [from, to]), every period. YoY follows
 * trend-series: for % indicators the change in 个百分点, otherwise the delivered yoy_pct when present, else growth
 * against the same period a year earlier (NULL on a zero base). Ranks and scores are NULL for regions not valid at
 * the end of the period (or unknown to the regions table). The rank is one window sort; mean and sd are a grouped
 * aggregate joined back (an ordered window frame over the whole partition costs ~10x more in duckdb-wasm).
 */
function scoresChunkSql(range: readonly [string, string] | null, create: boolean): string {
  const head = create ? 'CREATE TABLE derived_scores AS' : 'INSERT INTO derived_scores';
  const [from, to] = range ?? [null, null];
  return head + sql`
WITH v AS (
  SELECT v.indicator_id, v.period, v.region_code, v.value, v.yoy_pct, p.ly, i.dir, i.pct, r.level,
    CASE WHEN r.region_code IS NOT NULL AND (r.valid_from IS NULL OR r.valid_from <= p.end_date)
      AND (r.valid_to IS NULL OR r.valid_to >= p.end_date) THEN coalesce(r.level, '') END AS grp
  FROM indicator_values v
  JOIN (SELECT indicator_id, CAST(direction AS DOUBLE) AS dir, coalesce(unit, '') = '%' AS pct FROM indicators) i ON i.indicator_id = v.indicator_id
  JOIN derived_periods p ON p.period = v.period
  LEFT JOIN regions r ON r.region_code = v.region_code
  WHERE v.indicator_id BETWEEN ${from} AND ${to} AND v.value IS NOT NULL
),
g AS (
  SELECT indicator_id, period, grp, avg(value) AS mean, stddev_pop(value) AS sd FROM v WHERE grp IS NOT NULL GROUP BY indicator_id, period, grp
),
s AS (
  SELECT *, rank() OVER (PARTITION BY indicator_id, period, grp ORDER BY round(value * dir, 9) DESC) AS rnk_all FROM v
)
SELECT CAST(CAST(s.period AS VARCHAR) AS hj_d_period) AS period, CAST(CAST(s.indicator_id AS VARCHAR) AS hj_d_indicator) AS indicator_id,
  s.level, CAST(CAST(s.region_code AS VARCHAR) AS hj_d_region) AS region_code, s.value,
  CASE WHEN s.pct THEN round(s.value - l.value, 6)
    WHEN s.yoy_pct IS NOT NULL THEN s.yoy_pct
    WHEN l.value IS NULL OR l.value = 0 THEN NULL
    ELSE round((s.value - l.value) / abs(l.value) * 100, 6) END AS yoy,
  CAST(CASE WHEN s.grp IS NOT NULL THEN s.rnk_all END AS INTEGER) AS rnk,
  CASE WHEN s.grp IS NULL THEN NULL WHEN g.sd IS NULL OR g.sd = 0 THEN 0 ELSE (s.value - g.mean) / g.sd * s.dir END AS score
FROM s
LEFT JOIN g ON g.indicator_id = s.indicator_id AND g.period = s.period AND g.grp = s.grp
LEFT JOIN v l ON l.indicator_id = s.indicator_id AND l.region_code = s.region_code AND l.period = s.ly
ORDER BY 1, 2, 3, 4`;
}

const STATS_SQL = `
CREATE TABLE derived_stats AS
SELECT indicator_id, period, level, CAST(count(*) AS INTEGER) AS n, avg(value) AS mean, stddev_pop(value) AS sd
FROM derived_scores WHERE rnk IS NOT NULL
GROUP BY indicator_id, period, level
ORDER BY indicator_id, period, level`;

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
  const chunk = Math.max(1, opts.chunk ?? DERIVED_CHUNK);
  const every = opts.checkpointEvery ?? 0;
  const out = [...dropDerivedSql(), PERIODS_SQL, ...TYPES_SQL];
  if (ids.length === 0) out.push(scoresChunkSql(null, true));
  for (let i = 0, n = 0; i < ids.length; i += chunk, n++) {
    out.push(scoresChunkSql([ids[i] as string, ids[Math.min(i + chunk, ids.length) - 1] as string], i === 0));
    if (every > 0 && (n + 1) % every === 0) out.push('CHECKPOINT');
  }
  out.push(STATS_SQL);
  if (every > 0) out.push('CHECKPOINT');
  return out;
}

export interface DerivedBuild {
  readonly indicators: number;
  readonly rows: number;
  readonly ms: number;
}

/** Rebuild the derived tables (after an import, an undo or a workspace load), compressing every 3 chunks. */
export async function buildDerived(db: Connector, opts: { readonly chunk?: number; readonly checkpointEvery?: number } = { checkpointEvery: 3 }): Promise<DerivedBuild> {
  const t0 = Date.now();
  const ids = (await db.query('SELECT DISTINCT indicator_id FROM indicators WHERE indicator_id IS NOT NULL ORDER BY 1')).rows.map((r) => String(r.indicator_id));
  for (const s of derivedTablesSql(ids, opts)) await db.query(s);
  const rows = Number((await db.query('SELECT count(*) AS n FROM derived_scores')).rows[0]?.n ?? 0);
  return { indicators: ids.length, rows, ms: Date.now() - t0 };
}

/**
 * Rewrite indicator_values in (indicator_id, period, region_code) order, `chunk` indicators at a time, compressing
 * (CHECKPOINT) after each, so that the copy never holds more than a chunk uncompressed. `indicatorIds` are the
 * distinct ids of the values; they are taken by range, so none is lost between chunks.
 */
export function sortValuesSql(indicatorIds: readonly string[], chunk = 40): string[] {
  const ids = [...new Set(indicatorIds)].sort();
  const out = ['DROP TABLE IF EXISTS indicator_values_sorted', 'CREATE TABLE indicator_values_sorted AS SELECT * FROM indicator_values LIMIT 0'];
  for (let i = 0; i < ids.length; i += chunk) {
    const from = ids[i] as string;
    const to = ids[Math.min(i + chunk, ids.length) - 1] as string;
    out.push(
      sql`INSERT INTO indicator_values_sorted SELECT * FROM indicator_values WHERE indicator_id BETWEEN ${from} AND ${to} ORDER BY indicator_id, period, region_code`,
      'CHECKPOINT',
    );
  }
  out.push(
    'INSERT INTO indicator_values_sorted SELECT * FROM indicator_values WHERE indicator_id IS NULL',
    'DROP TABLE indicator_values',
    'ALTER TABLE indicator_values_sorted RENAME TO indicator_values',
    'CHECKPOINT',
  );
  return out;
}

/** Sort indicator_values in place (see sortValuesSql). */
export async function sortValues(db: Connector): Promise<void> {
  const r = await db.query('SELECT DISTINCT CAST(indicator_id AS VARCHAR) AS id FROM indicator_values WHERE indicator_id IS NOT NULL ORDER BY 1');
  for (const s of sortValuesSql(r.rows.map((x) => String(x.id)))) await db.query(s);
}

const KEY_TYPES = ['region', 'indicator', 'period', 'stage'] as const;

/**
 * Re-lay indicator_values with ENUM keys (region_code, indicator_id, period, data_stage) and, with `sort`, in
 * (indicator_id, period, region_code) order. Column names, order and values stay those of the canonical table, so
 * every query still runs, but slowly: DuckDB compares an ENUM column with a VARCHAR literal by casting every row
 * (measured: ranking 460 ms against 107 ms on the checkpointed VARCHAR table). Kept to measure that; the
 * compact layout that needs no query changes is CHECKPOINT (dictionary/FSST-compressed VARCHAR).
 * The ENUMs list, ascending, every code of the catalogue tables, of the values and of `extra`; the previous
 * `generation`'s types are dropped. It copies the table: run it on the empty table for large workspaces.
 */
export function enumKeysSql(opts: {
  readonly sort: boolean;
  readonly generation: number;
  readonly extra?: { readonly periods?: readonly string[]; readonly stages?: readonly string[] };
}): string[] {
  const t = 'indicator_values';
  const g = Math.trunc(opts.generation);
  const ty = (name: string, n = g) => `hj_${name}_g${n}`;
  const listed = (xs: readonly string[] | undefined) => (xs && xs.length ? sql` UNION ALL SELECT unnest([${xs}]::VARCHAR[])` : '');
  return [
    `DROP TABLE IF EXISTS ${t}_enum`,
    ...KEY_TYPES.map((k) => `DROP TYPE IF EXISTS ${ty(k)}`),
    enumOf(ty('region'), `SELECT region_code FROM regions UNION ALL SELECT DISTINCT CAST(region_code AS VARCHAR) FROM ${t}`),
    enumOf(ty('indicator'), `SELECT indicator_id FROM indicators UNION ALL SELECT DISTINCT CAST(indicator_id AS VARCHAR) FROM ${t}`),
    enumOf(ty('period'), `SELECT DISTINCT CAST(period AS VARCHAR) FROM ${t}${listed(opts.extra?.periods)}`),
    enumOf(ty('stage'), `SELECT DISTINCT CAST(data_stage AS VARCHAR) FROM ${t}${listed(opts.extra?.stages)}`),
    `CREATE TABLE ${t}_enum AS SELECT
       CAST(CAST(region_code AS VARCHAR) AS ${ty('region')}) AS region_code,
       CAST(CAST(indicator_id AS VARCHAR) AS ${ty('indicator')}) AS indicator_id,
       CAST(CAST(period AS VARCHAR) AS ${ty('period')}) AS period,
       value, yoy_pct, annual_target,
       CAST(CAST(data_stage AS VARCHAR) AS ${ty('stage')}) AS data_stage,
       * EXCLUDE (region_code, indicator_id, period, value, yoy_pct, annual_target, data_stage)
     FROM ${t}${opts.sort ? ' ORDER BY indicator_id, period, region_code' : ''}`,
    `DROP TABLE ${t}`,
    `ALTER TABLE ${t}_enum RENAME TO ${t}`,
    ...KEY_TYPES.map((k) => `DROP TYPE IF EXISTS ${ty(k, g - 1)}`),
  ];
}
