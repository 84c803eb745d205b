/**
 * Trends: one or several regions on one indicator over time, with a benchmark line, YoY (and QoQ only for
 * single-period values), a moving average, 时序进度, streaks, and where each region's 一把手 changed.
 */
import type { Connector, Row } from '../db/connector.js';
import { sql } from '../db/sql.js';
import { listIndicators, type IndicatorMeta } from '../model/catalog.js';
import { derivedReady } from '../db/derived-state.js';
import { parsePeriod, periodEndDate, type PeriodKind } from '../model/period.js';
import { trendBenchmarkFromDerivedSql, trendFromDerivedSql } from './derived-readers.js';
import { buildPoints, findStreaks, movingAverageOf, qoqAllowed, type RawPoint, type SeriesRules, type Streak, type TrendPoint } from './trend-series.js';

export type { Streak, TrendPoint } from './trend-series.js';

/** Serialisable parameters: saved views and packs reuse them. */
export interface TrendParams {
  readonly indicator: string;
  /** One or several regions (at most 8 lines stay readable). */
  readonly regions: readonly string[];
  /**
   * The benchmark line: the average of the regions of the first region's level (default), that region's parent,
   * or national values the user entered, by period.
   */
  readonly benchmark?: 'avg' | 'parent' | 'national';
  readonly national?: Readonly<Record<string, number>>;
  /** Periods in the moving average; default 4 quarters, 12 months or 3 years. */
  readonly window?: number;
  /** Shortest run reported as a streak; default 2. */
  readonly minStreak?: number;
}

/** Where a region's 一把手 changed, so that before and after can be read. */
export interface LeaderChange {
  readonly regionCode: string;
  /** The period the new leader took office in. */
  readonly period: string;
  readonly startYm: string;
  readonly name: string;
  readonly previousName: string | null;
  readonly postTitle: string | null;
}

export interface TrendSeries {
  readonly regionCode: string;
  readonly name: string;
  readonly points: readonly TrendPoint[];
  readonly streaks: readonly Streak[];
  readonly leaderChanges: readonly LeaderChange[];
}

export interface TrendResult {
  readonly params: TrendParams;
  readonly indicator: IndicatorMeta & { readonly targetValue: number | null };
  readonly periods: readonly string[];
  readonly kind: PeriodKind;
  /** QoQ is offered only for single-period (当期) values; otherwise the reason it is not. */
  readonly qoqAllowed: boolean;
  readonly qoqNote: string | null;
  /** YoY is growth in % for totals, the change in 个百分点 for % indicators. */
  readonly yoyUnit: '%' | '个百分点';
  readonly maOf: 'value' | 'yoy';
  readonly window: number;
  readonly benchmarkName: string;
  readonly series: readonly TrendSeries[];
  /** Regions asked for that are not in the workspace. */
  readonly unknownRegions: readonly string[];
}

/** The values of the asked regions on the indicator, every period (filtered on indicator first). */
export function trendSql(p: TrendParams): string {
  return sql`
SELECT v.region_code, v.period, v.value, v.yoy_pct, v.annual_target
FROM indicator_values v
WHERE v.indicator_id = ${p.indicator} AND v.region_code IN (${p.regions})
ORDER BY v.region_code, v.period`;
}

/**
 * The benchmark per period: the mean over the regions of a level valid at the end of each of `periods` (as the
 * ranking's average), or one region's own values.
 */
export function trendBenchmarkSql(indicator: string, by: { level: string } | { region: string }, periods: readonly string[]): string {
  if ('region' in by)
    return sql`SELECT period, value AS b FROM indicator_values WHERE indicator_id = ${indicator} AND region_code = ${by.region} AND value IS NOT NULL`;
  const ends = periods.length ? periods.map((p) => sql`(${p}, DATE ${periodEndDate(p)})`).join(', ') : sql`(${''}, DATE '1900-01-01')`;
  return sql`
WITH p(period, end_date) AS (VALUES ` + ends + sql`)
SELECT v.period, avg(v.value) AS b
FROM indicator_values v JOIN p ON p.period = v.period JOIN regions r ON r.region_code = v.region_code
WHERE v.indicator_id = ${indicator} AND r.level = ${by.level} AND v.value IS NOT NULL
  AND (r.valid_from IS NULL OR r.valid_from <= p.end_date) AND (r.valid_to IS NULL OR r.valid_to >= p.end_date)
GROUP BY v.period`;
}

/** The 一把手 appointments of the regions, in order of start. */
export function leadersSql(regions: readonly string[]): string {
  return sql`
SELECT a.region_code, a.start_ym, a.post_title, coalesce(c.name, a.cadre_id) AS name
FROM appointments a LEFT JOIN cadres c ON c.cadre_id = a.cadre_id
WHERE a.is_top_leader AND a.region_code IN (${regions}) AND a.start_ym IS NOT NULL
ORDER BY a.region_code, a.start_ym`;
}

/** The period of a kind that contains a 'YYYY-MM' (or 'YYYYMM', 'YYYY.MM') month. */
export function periodOfMonth(ym: string, kind: PeriodKind): string | null {
  const m = /^(\d{4})\D?(\d{1,2})/.exec(ym);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (kind === 'year') return m[1] as string;
  if (kind === 'month') return `${m[1]}-${String(month).padStart(2, '0')}`;
  return `${m[1]}Q${Math.ceil(month / 3)}`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const DEFAULT_WINDOW: Record<PeriodKind, number> = { quarter: 4, month: 12, year: 3 };

/** Lines of one indicator for the given regions (see TrendParams). */
export async function trend(db: Connector, params: TrendParams): Promise<TrendResult> {
  const meta = (await listIndicators(db)).find((i) => i.id === params.indicator);
  if (!meta) throw new Error(`指标 ${params.indicator} 不在指标目录中`);
  if (params.regions.length === 0) throw new Error('请至少选择一个地区');
  const target = await db.query(sql`SELECT target_value FROM indicators WHERE indicator_id = ${params.indicator}`);
  const targetValue = num(target.rows[0]?.target_value);
  const regionRows = (await db.query(sql`SELECT region_code, name, level, parent_code FROM regions WHERE region_code IN (${params.regions})`)).rows;
  const known = new Map(regionRows.map((r) => [String(r.region_code), r]));
  const regions = params.regions.filter((c) => known.has(c));
  const derived = derivedReady(db);
  const values = regions.length ? (await db.query(derived ? trendFromDerivedSql(params.indicator, regions) : trendSql({ ...params, regions }))).rows : [];

  // Periods of the most common kind (a sheet of quarters with a few annual rows draws the quarters).
  const all = [...new Set(values.filter((v) => v.value !== null).map((v) => String(v.period)))].sort();
  const kinds = new Map<PeriodKind, number>();
  for (const p of all) { const k = parsePeriod(p)?.kind; if (k) kinds.set(k, (kinds.get(k) ?? 0) + 1); }
  const kind = [...kinds].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'quarter';
  const periods = all.filter((p) => parsePeriod(p)?.kind === kind);
  const window = params.window ?? DEFAULT_WINDOW[kind];
  const rules: SeriesRules = { basis: meta.basis, unit: meta.unit, direction: meta.direction, targetValue, window };

  const first = known.get(regions[0] ?? '');
  const mode = params.benchmark ?? 'avg';
  let bench = new Map<string, number>();
  let benchmarkName = '平均值';
  if (mode === 'national') {
    bench = new Map(Object.entries(params.national ?? {}).filter(([, v]) => Number.isFinite(v)));
    benchmarkName = '全国';
  } else if (first) {
    const parent = first.parent_code === null ? null : String(first.parent_code);
    const by: { region: string } | { level: string } = mode === 'parent' && parent ? { region: parent } : { level: String(first.level) };
    const rows = (await db.query(derived && 'level' in by ? trendBenchmarkFromDerivedSql(params.indicator, by.level) : trendBenchmarkSql(params.indicator, by, periods))).rows;
    bench = new Map(rows.map((r) => [String(r.period), Number(r.b)]));
    if ('region' in by) {
      const pn = (await db.query(sql`SELECT name FROM regions WHERE region_code = ${by.region}`)).rows[0]?.name;
      benchmarkName = `${pn === undefined || pn === null ? by.region : String(pn)}本级`;
    } else benchmarkName = `${levelName(String(first.level))}平均`;
  }

  const leaders = regions.length ? (await db.query(leadersSql(regions))).rows : [];
  const series = regions.map((code): TrendSeries => {
    const raw: RawPoint[] = values
      .filter((v) => String(v.region_code) === code)
      .map((v) => ({ period: String(v.period), value: num(v.value), yoyReported: num(v.yoy_pct), annualTarget: num(v.annual_target) }));
    const points = buildPoints(periods, raw, rules, bench);
    return {
      regionCode: code,
      name: String(known.get(code)?.name ?? code),
      points,
      streaks: findStreaks(points, rules, params.minStreak ?? 2),
      leaderChanges: leaderChanges(code, leaders, kind, periods),
    };
  });
  const qoqOk = qoqAllowed(meta.basis, kind);
  return {
    params,
    indicator: { ...meta, targetValue },
    periods,
    kind,
    qoqAllowed: qoqOk,
    qoqNote: qoqOk ? null : meta.basis === '年度' || kind === 'year' ? '年度数据只比较同比' : '累计值（1至本期）的环比没有意义，只提供同比',
    yoyUnit: meta.unit === '%' ? '个百分点' : '%',
    maOf: movingAverageOf(meta.basis, meta.unit),
    window,
    benchmarkName,
    series,
    unknownRegions: params.regions.filter((c) => !known.has(c)),
  };
}

/** Each new 一把手 whose term starts inside the drawn periods (the first one in office is not a change). */
function leaderChanges(code: string, rows: readonly Row[], kind: PeriodKind, periods: readonly string[]): LeaderChange[] {
  const mine = rows.filter((r) => String(r.region_code) === code);
  const first = periods[0];
  const last = periods[periods.length - 1];
  const out: LeaderChange[] = [];
  mine.forEach((r, i) => {
    if (i === 0) return;
    const period = periodOfMonth(String(r.start_ym), kind);
    if (!period || !first || !last || period <= first || period > last) return;
    out.push({
      regionCode: code,
      period,
      startYm: String(r.start_ym),
      name: String(r.name),
      previousName: String(mine[i - 1]?.name ?? '') || null,
      postTitle: r.post_title === null ? null : String(r.post_title),
    });
  });
  return out;
}

function levelName(level: string): string {
  return level === 'county' ? '县（市、区）' : level === 'city' ? '各市' : '各省';
}
