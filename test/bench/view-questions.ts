/**
 * The questions of the view benchmark: each view as the app's module asks it on duckdb-wasm (its direct SQL until
 * the derived tables are built, then the derived readers), and the same question in straightforward SQL for native
 * DuckDB over the plain table. Indicators and regions rotate from run to run.
 */
import { heatmap, heatmapSql, periodHeatmap, periodHeatmapSql } from '../../shared/analytics/heatmap.js';
import { ranking } from '../../shared/analytics/ranking.js';
import { isAdditive, jumpsSql, missingSql, outliersSql, quality, sumsSql } from '../../shared/analytics/quality.js';
import { drawsSql, robustness } from '../../shared/analytics/robustness.js';
import { score, scoreSql, scoringCatalogue } from '../../shared/analytics/score.js';
import { dimensionsOf, planIndicators, type PlannedIndicator } from '../../shared/analytics/score-plan.js';
import { trend } from '../../shared/analytics/trend.js';
import { heatmapPage } from '../../shared/analytics/heatmap-page.js';
import { heatmapFromDerivedSql, periodHeatmapFromDerivedSql } from '../../shared/analytics/derived-readers.js';
import type { Connector } from '../../shared/db/connector.js';
import { sql } from '../../shared/db/sql.js';
import { previousPeriod, samePeriodLastYear } from '../../shared/model/period.js';
import { scalePeriods, type ScaleShape } from './scale-data.js';

/** What each run asks: indicators and regions rotate so no run repeats the previous one's question. */
export interface Picks {
  readonly period: string;
  readonly indicators: readonly string[];
  readonly regions: readonly string[];
  readonly allIndicators: readonly string[];
  readonly periods: readonly string[];
  /** The composite's indicators and dimensions (the catalogue's weights and methods). */
  readonly plan: { readonly used: readonly PlannedIndicator[]; readonly dims: readonly string[] };
  /** The additive totals (quality's lower-level sums check). */
  readonly additive: readonly string[];
}

export interface View {
  readonly name: string;
  readonly question: string;
  /** The app's module, as the view calls it (every query, the transfer and the shaping). */
  wasm(db: Connector, i: number): Promise<unknown>;
  /** The same question in straightforward SQL for native DuckDB over the plain table. */
  native(i: number): string;
  /** The heat maps' cell query (direct or derived), to time apart from the rest of the module. */
  core?(i: number, derived: boolean): string;
  /** Fewer timed runs for a slow question (default: the bench's). */
  readonly runs?: number;
  /** What of the answer must be equal with and without the derived tables (default: all of it). */
  comparable?(answer: unknown): unknown;
}

export function views(k: Picks): View[] {
  const ind = (i: number) => k.indicators[i % k.indicators.length] as string;
  const reg = (i: number) => k.regions[i % k.regions.length] as string;
  const p = k.period;
  const prev = previousPeriod(p);
  const ly = samePeriodLastYear(p);
  return [
    {
      name: 'ranking',
      question: `rank the counties on one indicator in ${p}, direction-aware, with gap to the average and rank movement against ${prev} and ${ly}`,
      wasm: (db, i) => ranking(db, { indicator: ind(i), period: p, level: 'county' }),
      native: (i) => sql`
WITH d AS (SELECT CAST(direction AS DOUBLE) AS dir FROM indicators WHERE indicator_id = ${ind(i)}),
v AS (
  SELECT v.region_code, v.period, v.value, rank() OVER (PARTITION BY v.period ORDER BY v.value * (SELECT dir FROM d) DESC) AS rnk
  FROM indicator_values v JOIN regions r ON r.region_code = v.region_code
  WHERE v.indicator_id = ${ind(i)} AND v.period IN (${p}, ${prev}, ${ly}) AND r.level = 'county' AND v.value IS NOT NULL
)
SELECT r.region_code, r.name, c.value, c.rnk, c.value - avg(c.value) OVER () AS gap, cp.rnk - c.rnk AS move_previous, cy.rnk - c.rnk AS move_last_year
FROM regions r
LEFT JOIN v c ON c.region_code = r.region_code AND c.period = ${p}
LEFT JOIN v cp ON cp.region_code = r.region_code AND cp.period = ${prev}
LEFT JOIN v cy ON cy.region_code = r.region_code AND cy.period = ${ly}
WHERE r.level = 'county'
ORDER BY c.rnk NULLS LAST, r.region_code`,
    },
    {
      name: 'gaps',
      question: `差距分析 in ${p}: every county's gap to its city's own value on one indicator (ranking's benchmark 'parent'), in units and %, with its rank`,
      wasm: (db, i) => ranking(db, { indicator: ind(i), period: p, level: 'county', benchmark: 'parent' }),
      native: (i) => sql`
WITH d AS (SELECT CAST(direction AS DOUBLE) AS dir, unit FROM indicators WHERE indicator_id = ${ind(i)}),
v AS (SELECT region_code, value FROM indicator_values WHERE indicator_id = ${ind(i)} AND period = ${p} AND value IS NOT NULL)
SELECT r.region_code, r.name, c.value, rank() OVER (ORDER BY c.value * (SELECT dir FROM d) DESC) AS rnk, pv.value AS benchmark,
  c.value - pv.value AS gap, CASE WHEN (SELECT unit FROM d) <> '%' THEN (c.value - pv.value) / nullif(abs(pv.value), 0) * 100 END AS gap_pct
FROM regions r LEFT JOIN v c ON c.region_code = r.region_code LEFT JOIN v pv ON pv.region_code = r.parent_code
WHERE r.level = 'county'
ORDER BY c.value IS NULL, rnk, r.region_code`,
    },
    {
      name: 'quality',
      question: `data quality in ${p}, every county × every indicator: missing values, robust-z outliers, abnormal YoY jumps against each county's own history, lower-level sums against the parent's total`,
      wasm: (db) => quality(db, { period: p, level: 'county' }),
      // The module's own statements (one per check), counted in one statement on native DuckDB.
      native: () => {
        const q = { period: p, level: 'county' as const };
        const parts = [['missing', missingSql(q)], ['outlier', outliersSql(q)], ['jump', jumpsSql(q)], ...(k.additive.length ? [['sum', sumsSql(p, k.additive)]] : [])];
        return parts.map(([kind, s]) => `SELECT '${kind}' AS kind, count(*) AS n FROM (${s})`).join('\nUNION ALL ');
      },
      runs: 5,
    },
    {
      name: 'trend',
      question: `one county × one indicator over all ${k.periods.length} periods with YoY, a 4-period moving average and the county average`,
      wasm: (db, i) => trend(db, { indicator: ind(i), regions: [reg(i)] }),
      native: (i) => sql`
WITH i AS (SELECT unit, basis FROM indicators WHERE indicator_id = ${ind(i)}),
s AS (SELECT period, value, yoy_pct FROM indicator_values WHERE indicator_id = ${ind(i)} AND region_code = ${reg(i)} AND value IS NOT NULL),
y AS (
  SELECT s.period, s.value,
    CASE WHEN (SELECT unit FROM i) = '%' THEN s.value - l.value WHEN s.yoy_pct IS NOT NULL THEN s.yoy_pct
         ELSE (s.value - l.value) / nullif(abs(l.value), 0) * 100 END AS yoy
  FROM s LEFT JOIN s l ON l.period = CAST(CAST(left(s.period, 4) AS INTEGER) - 1 AS VARCHAR) || substr(s.period, 5)
),
m AS (SELECT *, CASE WHEN (SELECT basis FROM i) = '累计' AND (SELECT unit FROM i) <> '%' THEN yoy ELSE value END AS src FROM y),
b AS (
  SELECT v.period, avg(v.value) AS benchmark FROM indicator_values v JOIN regions r ON r.region_code = v.region_code
  WHERE v.indicator_id = ${ind(i)} AND r.level = 'county' GROUP BY v.period
)
SELECT m.period, m.value, m.yoy, CASE WHEN count(m.src) OVER w = 4 THEN avg(m.src) OVER w END AS ma, b.benchmark
FROM m LEFT JOIN b ON b.period = m.period
WINDOW w AS (ORDER BY m.period ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
ORDER BY m.period`,
    },
    {
      name: 'heatmapRegionsIndicators',
      question: `one period (${p}): every county × every indicator, z-score per indicator × direction, rank per indicator`,
      wasm: (db) => heatmap(db, { period: p, level: 'county' }),
      core: (_i, derived) => (derived ? heatmapFromDerivedSql : heatmapSql)({ period: p, level: 'county', indicators: k.allIndicators }),
      native: () => sql`
SELECT v.region_code, v.indicator_id, v.value,
  CASE WHEN stddev_pop(v.value) OVER w = 0 THEN 0 ELSE (v.value - avg(v.value) OVER w) / stddev_pop(v.value) OVER w * i.direction END AS score,
  rank() OVER (PARTITION BY v.indicator_id ORDER BY v.value * i.direction DESC) AS rnk
FROM indicator_values v JOIN regions r ON r.region_code = v.region_code JOIN indicators i ON i.indicator_id = v.indicator_id
WHERE v.period = ${p} AND r.level = 'county' AND v.value IS NOT NULL
WINDOW w AS (PARTITION BY v.indicator_id)`,
    },
    {
      name: 'heatmapRegionsIndicatorsView',
      question: `the heat map view in ${p}: every county ordered by its composite (mean z-score over every indicator), and the cells of the 40 counties in view (a scroll position that rotates)`,
      wasm: (db, i) => heatmapPage(db, { period: p, level: 'county', sort: 'composite', start: (i * 397) % 2900, count: 40 }),
      // The direct path computes every cell, the derived one those in view: compare the order, composites and rows in view.
      comparable: (a) => {
        const page = a as { order: number[]; first: number; matrix: { rowCodes: string[]; composite: Float64Array; scores: Float64Array; cols: string[] } };
        const C = page.matrix.cols.length;
        const rows = page.order.slice(page.first, page.first + 40);
        return { order: page.order, composite: page.matrix.composite, cells: rows.map((r) => page.matrix.scores.subarray(r * C, (r + 1) * C)) };
      },
      native: (i) => sql`
WITH s AS (
  SELECT v.region_code, v.indicator_id, v.value,
    CASE WHEN stddev_pop(v.value) OVER w = 0 THEN 0 ELSE (v.value - avg(v.value) OVER w) / stddev_pop(v.value) OVER w * i.direction END AS score,
    rank() OVER (PARTITION BY v.indicator_id ORDER BY v.value * i.direction DESC) AS rnk
  FROM indicator_values v JOIN regions r ON r.region_code = v.region_code JOIN indicators i ON i.indicator_id = v.indicator_id
  WHERE v.period = ${p} AND r.level = 'county' AND v.value IS NOT NULL
  WINDOW w AS (PARTITION BY v.indicator_id)
),
c AS (SELECT region_code, avg(score) AS composite FROM s GROUP BY region_code),
inview AS (SELECT region_code FROM c ORDER BY composite DESC, region_code LIMIT 40 OFFSET ${(i * 397) % 2900})
SELECT c.region_code, c.composite, s.indicator_id, s.value, s.score, s.rnk
FROM c LEFT JOIN s ON s.region_code = c.region_code AND s.region_code IN (SELECT region_code FROM inview)`,
    },
    {
      name: 'heatmapRegionsPeriods',
      question: `one indicator: every county × all ${k.periods.length} periods, z-score per period × direction, rank per period`,
      wasm: (db, i) => periodHeatmap(db, { indicator: ind(i), level: 'county' }),
      core: (i, derived) => (derived ? periodHeatmapFromDerivedSql : periodHeatmapSql)({ indicator: ind(i), level: 'county' }, k.periods),
      native: (i) => sql`
SELECT v.region_code, v.period, v.value,
  CASE WHEN stddev_pop(v.value) OVER w = 0 THEN 0 ELSE (v.value - avg(v.value) OVER w) / stddev_pop(v.value) OVER w * i.direction END AS score,
  rank() OVER (PARTITION BY v.period ORDER BY v.value * i.direction DESC) AS rnk
FROM indicator_values v JOIN regions r ON r.region_code = v.region_code JOIN indicators i ON i.indicator_id = v.indicator_id
WHERE v.indicator_id = ${ind(i)} AND r.level = 'county' AND v.value IS NOT NULL
WINDOW w AS (PARTITION BY v.period)`,
    },
    {
      name: 'score',
      question: `one period (${p}): the composite of every county over all ${k.plan.used.length} weighted indicators (catalogue methods: 功效系数法, target completion), dimension sub-scores, rank and movement`,
      wasm: (db) => score(db, { period: p, level: 'county' }),
      native: () => scoreSql({ period: p, level: 'county' }, k.plan.used, k.plan.dims, false),
    },
    {
      name: 'robustness',
      question: `one period (${p}): county ranks over 1,000 draws of the weights ±20% (one statement), plus the ranks under each of the 4 methods`,
      wasm: (db) => robustness(db, { period: p, level: 'county', draws: 1000, seed: 1 }),
      native: () => drawsSql({ period: p, level: 'county', draws: 1000, seed: 1 }, k.plan.used, k.plan.dims, false),
      runs: 5,
    },
  ];
}

/** The indicators (a total, a rate, a lower-is-better one, a single-period one) and counties the runs rotate over. */
export async function picks(db: Connector, shape: ScaleShape): Promise<Picks> {
  const cat = (await db.query('SELECT indicator_id, name, unit, direction, basis FROM indicators ORDER BY indicator_id')).rows;
  const first = (f: (r: (typeof cat)[number]) => boolean) => String(cat.find(f)?.indicator_id ?? cat[0]?.indicator_id);
  // A total in 亿元, a rate in %, a lower-is-better one and a single-period one.
  const indicators = [...new Set([first((r) => r.unit === '亿元'), first((r) => r.unit === '%'), first((r) => Number(r.direction) < 0), first((r) => r.basis === '当期')])];
  const counties = (await db.query("SELECT region_code FROM regions WHERE level = 'county' ORDER BY region_code")).rows.map((r) => String(r.region_code));
  const regions = [0, 0.25, 0.5, 0.75].map((f) => counties[Math.floor(f * counties.length)] as string);
  const periods = scalePeriods(shape);
  const used = planIndicators(await scoringCatalogue(db)).used;
  const additive = cat.filter((r) => isAdditive({ name: String(r.name ?? r.indicator_id), unit: r.unit === null ? null : String(r.unit) })).map((r) => String(r.indicator_id));
  return { period: periods[periods.length - 1] as string, indicators, regions, allIndicators: cat.map((r) => String(r.indicator_id)), periods, plan: { used, dims: dimensionsOf(used) }, additive };
}

/** The wasm modules and the native SQL agree on the first run's question (ranks, trend values and YoY, cell counts). */
export async function crossCheck(db: Connector, vs: readonly View[], native: Record<string, unknown[][]>): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  const col = (name: string, c: number) => (native[name]?.[c] ?? []).map((x) => (x === null ? null : typeof x === 'bigint' ? Number(x) : x));
  const r6 = (x: unknown) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(Number(x) * 1e4) / 1e4);
  for (const v of vs) {
    const a = (await v.wasm(db, 0)) as Record<string, unknown>;
    if (v.name === 'gaps') {
      const rows = (a.rows as { regionCode: string; gap: number | null }[]).map((r) => `${r.regionCode}:${r6(r.gap)}`);
      const codes = col(v.name, 0);
      const gaps = col(v.name, 5);
      out[v.name] = JSON.stringify(rows) === JSON.stringify(codes.map((c, i) => `${String(c)}:${r6(gaps[i])}`));
    } else if (v.name === 'quality') {
      const counts = a.counts as Record<string, number>;
      const kinds = col(v.name, 0);
      const ns = col(v.name, 1);
      out[v.name] = kinds.every((kd, i) => kd === 'sum' || counts[String(kd)] === ns[i]);
    } else if (v.name === 'ranking') {
      const rows = (a.rows as { regionCode: string; rank: number | null }[]).map((r) => `${r.regionCode}:${r.rank}`);
      const codes = col(v.name, 0);
      const ranks = col(v.name, 3);
      out[v.name] = JSON.stringify(rows) === JSON.stringify(codes.map((c, i) => `${String(c)}:${ranks[i] ?? null}`));
    } else if (v.name === 'trend') {
      const pts = ((a.series as { points: { value: number | null; yoy: number | null }[] }[])[0]?.points ?? []).filter((p) => p.value !== null);
      const vals = col(v.name, 1);
      const yoys = col(v.name, 2);
      out[v.name] = pts.length === vals.length && pts.every((p, i) => r6(p.value) === r6(vals[i]) && r6(p.yoy) === r6(yoys[i]));
    } else if (v.name === 'heatmapRegionsIndicatorsView') {
      // The same 40 counties in view, in the same order.
      const page = a as unknown as { order: number[]; first: number; matrix: { rowCodes: string[] } };
      const mine = page.order.slice(page.first, page.first + 40).map((r) => page.matrix.rowCodes[r]);
      const codes = col(v.name, 0);
      const ind = col(v.name, 2);
      const theirs = [...new Set(codes.filter((_, i) => ind[i] !== null).map(String))];
      out[v.name] = JSON.stringify([...mine].sort()) === JSON.stringify([...theirs].sort());
    } else if (v.name === 'score') {
      const rows = (a.rows as { regionCode: string; composite: number | null; rank: number | null }[]).map((r) => `${r.regionCode}:${r6(r.composite)}:${r.rank}`);
      const codes = col(v.name, 0);
      const comp = col(v.name, 3);
      const ranks = col(v.name, 4);
      out[v.name] = JSON.stringify(rows) === JSON.stringify(codes.map((c, i) => `${String(c)}:${r6(comp[i])}:${ranks[i] ?? null}`));
    } else if (v.name === 'robustness') {
      // Native DuckDB's hash() may differ from duckdb-wasm's build: the intervals agree only when the draws do.
      const rows = new Map((a.rows as { regionCode: string; p5: number | null; p95: number | null }[]).map((r) => [r.regionCode, `${r.p5}-${r.p95}`]));
      const codes = col(v.name, 0);
      const p5 = col(v.name, 1);
      const p95 = col(v.name, 3);
      out[v.name] = codes.length === rows.size && codes.every((c, i) => rows.get(String(c)) === `${p5[i]}-${p95[i]}`);
    } else {
      const m = a.matrix as { values: Float64Array };
      const cells = Array.from(m.values).filter((x) => !Number.isNaN(x)).length;
      out[v.name] = cells === col(v.name, 0).length;
    }
  }
  return out;
}
