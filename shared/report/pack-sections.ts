/**
 * The pack's sections from the per-period context: the core indicator rows, the trends, the peers with their heat
 * map, the composite. Pure shaping of what the analytics modules answered; a missing number stays null.
 */
import type { HeatMatrix } from '../analytics/heatmap.js';
import { periodOfMonth, type TrendResult } from '../analytics/trend.js';
import { ymOf } from '../analytics/cadre-adjustments.js';
import { movingAverageOf } from '../analytics/trend-series.js';
import { isAdditive } from '../analytics/quality.js';
import { parsePeriod } from '../model/period.js';
import type { RegionLevel } from '../model/region-code.js';
import type { CoreIndicator, LevelData, PackContext, ScopeData } from './pack-context.js';
import type { PackComposite, PackIndicatorRow, PackPeers, PackTrend } from './pack-types.js';

/** 'province' packs compare with the national value; the others with the province's average of their level. */
export function benchmarkLabelOf(level: RegionLevel): string {
  return level === 'province' ? '全国' : '全省平均';
}

/** The scope's label: the 考核分组's name, or the whole level. */
export function scopeLabelOf(level: RegionLevel, group: string | null): string {
  if (group) return group;
  return level === 'county' ? '全省县（市、区）' : level === 'city' ? '全省各市' : '全省';
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A cell of a heat matrix (row = region, col = indicator), null when missing. */
function cell(m: HeatMatrix, a: Float64Array, code: string, col: string): number | null {
  const r = m.rowCodes.indexOf(code);
  const c = m.cols.indexOf(col);
  return r < 0 || c < 0 ? null : finite(a[r * m.cols.length + c] as number);
}

/** The region's competition rank in one column of the scope's heat map, how many were ranked, whether tied. */
function scopeRankOf(m: HeatMatrix, code: string, col: string): { scopeRank: number | null; scopeCompared: number; scopeTied: boolean } {
  const c = m.cols.indexOf(col);
  const ranks = c < 0 ? [] : m.rowCodes.map((_, r) => m.ranks[r * m.cols.length + c] as number).filter((x) => Number.isFinite(x));
  const scopeRank = c < 0 ? null : cell(m, m.ranks, code, col);
  return { scopeRank, scopeCompared: ranks.length, scopeTied: scopeRank !== null && ranks.filter((x) => x === scopeRank).length > 1 };
}

/** The point of a trend series at the period, and the streak behind the benchmark that ends there. */
function trendAt(t: TrendResult | undefined, code: string, period: string) {
  const s = t?.series.find((x) => x.regionCode === code);
  const point = s?.points.find((p) => p.period === period) ?? null;
  const behind = s?.streaks.find((x) => x.kind === 'behind' && x.to === period)?.length ?? 0;
  return { point, behind };
}

/** Section 3: one row per core indicator, in catalogue order. */
export function indicatorRows(ctx: PackContext, lv: LevelData, sc: ScopeData, code: string, level: RegionLevel, group: string | null): PackIndicatorRow[] {
  return ctx.core.map((ind: CoreIndicator): PackIndicatorRow => {
    const rk = lv.rankings.get(ind.id);
    const me = rk?.rows.find((r) => r.regionCode === code) ?? null;
    const { point, behind } = trendAt(lv.trends.get(ind.id), code, ctx.period);
    const value = me?.value ?? null;
    const national = ctx.national[ind.id]?.[ctx.period];
    const benchmark = level === 'province' ? (national ?? null) : (rk?.average ?? null);
    const gap = value === null || benchmark === null ? null : level === 'province' ? value - benchmark : (me?.gap ?? null);
    const rank = me?.rank ?? null;
    const scope = scopeRankOf(sc.heat.matrix, code, ind.id);
    // Completion of an annual target only for additive totals (a rate, an average or an intensity is not completed by parts).
    const completes = value !== null && point?.completion != null && isAdditive({ name: ind.name, unit: ind.unit });
    return {
      indicatorId: ind.id,
      name: ind.name,
      dimension: ind.dimension,
      unit: ind.unit,
      direction: ind.direction,
      basis: ind.basis,
      value,
      yoy: value === null ? null : (point?.yoy ?? null),
      benchmarkLabel: benchmarkLabelOf(level),
      benchmark,
      gap,
      rank,
      compared: rk?.compared ?? 0,
      tied: rank !== null && (rk?.rows.filter((r) => r.rank === rank).length ?? 0) > 1,
      move: me?.movePrevious ?? null,
      completion: completes ? (point?.completion ?? null) : null,
      schedule: completes ? (point?.schedule ?? null) : null,
      z: value === null ? null : cell(sc.heat.matrix, sc.heat.matrix.scores, code, ind.id),
      behindStreak: level === 'province' ? 0 : behind,
      ...(group ? scope : {}),
    };
  });
}

/** Top (z > 0) and bottom (z < 0) three rows by the direction-aware z among the peers. */
export function strengthsAndWeaknesses(rows: readonly PackIndicatorRow[]): { strengths: PackIndicatorRow[]; weaknesses: PackIndicatorRow[] } {
  const scored = rows.filter((r) => r.z !== null).sort((a, b) => (b.z as number) - (a.z as number));
  return {
    strengths: scored.filter((r) => (r.z as number) > 0).slice(0, 3),
    weaknesses: scored.filter((r) => (r.z as number) < 0).reverse().slice(0, 3),
  };
}

const mean = (xs: readonly (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** A month number (year × 12 + month − 1) as the period of the given one's kind that contains it. */
export function periodOfMonthNumber(m: number, kindOf: string): string | null {
  return periodOfMonth(ymOf(m) as string, parsePeriod(kindOf)?.kind ?? 'quarter');
}

/** Section 4: the most weighted core indicators over the 8 periods ending at the pack's period. */
export function trendsOf(ctx: PackContext, lv: LevelData, code: string, tenureStart: number | null): PackTrend[] {
  return ctx.trendIds.flatMap((id): PackTrend[] => {
    const t = lv.trends.get(id);
    const ind = ctx.core.find((i) => i.id === id);
    const s = t?.series.find((x) => x.regionCode === code);
    if (!t || !ind || !s) return [];
    const last = t.kind === 'year' ? String(parsePeriod(ctx.period)?.year ?? '') : ctx.period;
    const periods = t.periods.filter((p) => p <= last).slice(-8);
    if (!periods.length) return [];
    const series = movingAverageOf(ind.basis, ind.unit);
    const at = (p: string) => s.points.find((x) => x.period === p);
    const values = periods.map((p) => (series === 'yoy' ? (at(p)?.yoy ?? null) : (at(p)?.value ?? null)));
    // The benchmark of a YoY line is the mean YoY of the level's regions; of a value line, the trend's average.
    const benchmark = periods.map((p) =>
      series === 'yoy' ? mean(t.series.map((x) => x.points.find((q) => q.period === p)?.yoy ?? null)) : (at(p)?.benchmark ?? null),
    );
    const start = tenureStart === null ? null : periodOfMonthNumber(tenureStart, periods[0] as string);
    const idx = start === null ? -1 : periods.indexOf(start);
    return [{ indicatorId: id, name: ind.name, unit: series === 'yoy' ? '%' : ind.unit, series, periods, values, benchmark, tenureStartIndex: idx >= 0 ? idx : null }];
  });
}

/** The map whose boundaries include the region (the workspace's 'maps' document, by file name), or null. */
export function mapNameOf(maps: unknown, code: string): string | null {
  if (!maps || typeof maps !== 'object' || Array.isArray(maps)) return null;
  for (const [name, fc] of Object.entries(maps as Record<string, unknown>)) {
    const features = (fc as { features?: unknown } | null)?.features;
    if (Array.isArray(features) && features.some((f) => (f as { properties?: { adcode?: unknown } } | null)?.properties?.adcode === code)) return name;
  }
  return null;
}

/** Section 5: the scope's regions by composite, with the heat map of the core indicators (z per cell). */
export function peersOf(ctx: PackContext, sc: ScopeData, code: string, level: RegionLevel, group: string | null): PackPeers {
  const m = sc.heat.matrix;
  const regions = sc.score.rows.map((r) => ({ regionCode: r.regionCode, name: r.name, composite: r.composite, rank: r.rank, self: r.regionCode === code }));
  const cols = ctx.core.map((i) => i.id);
  return {
    scopeLabel: scopeLabelOf(level, group),
    regions,
    heat: { indicators: ctx.core.map((i) => i.name), cells: regions.map((r) => cols.map((c) => cell(m, m.scores, r.regionCode, c))) },
    mapName: mapNameOf(ctx.opts.documents?.maps, code),
  };
}

/** Section 6: the composite in its scope, with the dimensions and the rank's robustness interval. */
export function compositeOf(sc: ScopeData, code: string): PackComposite | null {
  const s = sc.score;
  const me = s.rows.find((r) => r.regionCode === code);
  if (!me) return null;
  const rob = sc.robust?.rows.find((r) => r.regionCode === code) ?? null;
  return {
    score: me.composite,
    rank: me.rank,
    compared: s.rows.filter((r) => r.rank !== null).length,
    tied: me.rank !== null && s.rows.filter((r) => r.rank === me.rank).length > 1,
    move: me.movePrevious,
    dimensions: s.dimensions.map((name, k) => ({ name, score: me.dimensions[k] ?? null, average: s.dimensionAverages[k] ?? null })),
    rankLow: rob?.p5 ?? null,
    rankHigh: rob?.p95 ?? null,
  };
}
