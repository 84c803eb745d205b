/**
 * ECharts options for the pack's own charts, built from the pack model alone (the pack carries no query results):
 * a trend line against the benchmark with the tenure start marked, and the radar of dimension scores. The ranking
 * bar, heat map and map reuse shared/charts/ through the adapters in pack-chart-adapters.ts.
 */
import { columnDecimals, formatValue } from '../format/number.js';
import { parsePeriod } from '../model/period.js';
import { CHART_FONT, PALETTE, SERIES_COLORS } from '../charts/theme.js';
import type { PackComposite, PackTrend } from './pack-types.js';

const QUARTER_SHORT = ['一季度', '二季度', '三季度', '四季度'];

/** A period as two short lines for a category axis: '2025年\n三季度' (months '2025年\n9月'). */
export function axisPeriodLabel(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'year') return `${p.year}年`;
  return `${p.year}年\n${p.kind === 'quarter' ? QUARTER_SHORT[p.index - 1] : `${p.index}月`}`;
}

/** What a trend plots, for its title and axis: the value in its unit, or 同比 in % (个百分点 never applies here). */
export function trendUnit(t: PackTrend): string {
  return t.series === 'yoy' ? '%' : (t.unit ?? '');
}

/**
 * The region's line and the benchmark (dashed) over the window; a missing quarter is a gap, never a zero; a vertical
 * line labelled 任职起 at the tenure start with the quarters since shaded.
 */
export function packTrendOption(t: PackTrend, o: { readonly regionName: string; readonly benchmarkLabel: string }): Record<string, unknown> {
  const unit = trendUnit(t);
  const d = columnDecimals(unit, [...t.values, ...t.benchmark]);
  const fmt = (v: number) => formatValue(v, unit, 'zh-CN', d);
  const labels = t.periods.map(axisPeriodLabel);
  const start = t.tenureStartIndex;
  const tenure = start !== null && start >= 0 && start < labels.length;
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: PALETTE.text },
    title: {
      text: `${t.name}${t.series === 'yoy' ? '（同比增速）' : ''}`,
      subtext: unit ? `单位：${unit}` : '',
      left: 'center',
      textStyle: { fontSize: 15, fontFamily: CHART_FONT, fontWeight: 'normal' },
      subtextStyle: { fontSize: 11, fontFamily: CHART_FONT },
    },
    legend: { bottom: 0, textStyle: { fontFamily: CHART_FONT, fontSize: 11, width: 240, overflow: 'truncate' }, data: [o.regionName, o.benchmarkLabel] },
    grid: { left: 56, right: 28, top: 58, bottom: 64 },
    xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { fontSize: 10, interval: 0, lineHeight: 13 } },
    yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } }, axisLabel: { fontSize: 10, formatter: fmt } },
    series: [
      {
        type: 'line',
        name: o.regionName,
        data: t.values.map((v) => (v === null ? '-' : v)),
        color: SERIES_COLORS[0],
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 2.5 },
        label: { show: true, fontSize: 9, position: 'top', formatter: (p: { value: number }) => fmt(p.value) },
        markLine: tenure
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#7a5195', type: 'solid', width: 1.5 },
              label: { formatter: '任职起', color: '#7a5195', fontSize: 11, fontFamily: CHART_FONT, position: 'insideEndTop' },
              data: [{ xAxis: labels[start] }],
            }
          : undefined,
        markArea: tenure
          ? { silent: true, itemStyle: { color: 'rgba(122,81,149,0.06)' }, data: [[{ xAxis: labels[start] }, { xAxis: labels[labels.length - 1] }]] }
          : undefined,
      },
      {
        type: 'line',
        name: o.benchmarkLabel,
        data: t.benchmark.map((v) => (v === null ? '-' : v)),
        color: PALETTE.benchmark,
        connectNulls: false,
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1.8 },
      },
    ],
  };
}

/** The radar's scale: 0–100 for the usual scores, widened to 10s when a score lies outside. */
function radarRange(c: PackComposite): [number, number] {
  const all = c.dimensions.flatMap((d) => [d.score, d.average]).filter((x): x is number => x !== null);
  const lo = Math.min(0, ...all.map((x) => Math.floor(x / 10) * 10));
  const hi = Math.max(100, ...all.map((x) => Math.ceil(x / 10) * 10));
  return [lo, hi];
}

/**
 * The region's dimension scores against the compared regions' average. A missing score is drawn at the scale's
 * minimum and named 暂缺 on its axis, so a gap is never read as a real low value.
 */
export function packRadarOption(c: PackComposite, o: { readonly regionName: string; readonly averageLabel: string }): Record<string, unknown> {
  const [min, max] = radarRange(c);
  const r1 = (x: number | null) => (x === null ? '暂缺' : formatValue(x, '分'));
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: PALETTE.text },
    color: [SERIES_COLORS[0], PALETTE.benchmark],
    title: { text: '各维度得分', left: 'center', top: 4, textStyle: { fontSize: 15, fontFamily: CHART_FONT, fontWeight: 'normal' } },
    legend: { bottom: 4, textStyle: { fontFamily: CHART_FONT, fontSize: 11, width: 240, overflow: 'truncate' }, data: [o.regionName, o.averageLabel] },
    radar: {
      indicator: c.dimensions.map((d) => ({ name: `${d.name}\n${r1(d.score)}／${r1(d.average)}`, min, max })),
      radius: '58%',
      center: ['50%', '52%'],
      axisName: { color: PALETTE.text, fontSize: 11, fontFamily: CHART_FONT },
    },
    series: [
      {
        type: 'radar',
        data: [
          { name: o.regionName, value: c.dimensions.map((d) => d.score ?? min), areaStyle: { opacity: 0.2 }, symbolSize: 5 },
          { name: o.averageLabel, value: c.dimensions.map((d) => d.average ?? min), lineStyle: { type: 'dashed' }, symbolSize: 3 },
        ],
      },
    ],
  };
}
