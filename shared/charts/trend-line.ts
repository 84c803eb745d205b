import type { TrendResult, TrendSeries } from '../analytics/trend.js';
import type { TrendPoint } from '../analytics/trend-series.js';
import { html } from '../format/html.js';
import { columnDecimals, formatValue } from '../format/number.js';
import type { Locale, Translate } from '../i18n/messages.js';
import { periodLabelZh, periodLabelEn } from '../model/period.js';
import { CHART_FONT, PALETTE, SERIES_COLORS, sourceNoteGraphic } from './theme.js';

/** What the trend chart plots: values, YoY, QoQ (only where allowed) or completion against 时序进度. */
export type TrendMeasure = 'value' | 'yoy' | 'qoq' | 'progress';

export interface TrendChartOptions {
  readonly locale: Locale;
  readonly t: Translate;
  readonly measure: TrendMeasure;
  /** The highlighted region (drawn thicker), shared with the other views. */
  readonly selected?: string | null;
  readonly demo?: boolean;
  readonly sourceNote?: string | null;
}

const pick = (p: TrendPoint, m: TrendMeasure): number | null =>
  m === 'value' ? p.value : m === 'yoy' ? p.yoy : m === 'qoq' ? p.qoq : p.completion;

/** The unit of the plotted measure. */
export function measureUnit(r: TrendResult, m: TrendMeasure): string {
  if (m === 'value') return r.indicator.unit ?? '';
  if (m === 'progress') return '%';
  return r.indicator.unit === '%' ? '个百分点' : '%';
}

/**
 * Lines per region with the benchmark (dashed), the moving average (dotted, where it smooths the plotted
 * measure), streaks as shaded bands labelled in words, and a vertical mark where the 一把手 changed.
 */
export function trendLineOption(r: TrendResult, o: TrendChartOptions): Record<string, unknown> {
  const { t, locale, measure } = o;
  const unit = measureUnit(r, measure);
  const basis = r.indicator.basis ?? '累计';
  const labels = r.periods.map((p) => (locale === 'zh-CN' ? periodLabelZh(p, basis) : periodLabelEn(p)));
  const all = r.series.flatMap((s) => s.points.map((p) => pick(p, measure)));
  const d = columnDecimals(unit === '个百分点' ? '%' : unit, all);
  const fmt = (v: number | null) => formatValue(v, unit === '个百分点' ? '%' : unit, locale, d);
  const single = r.series.length === 1;
  const series: Record<string, unknown>[] = [];
  r.series.forEach((s, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length] as string;
    const bold = o.selected ? s.regionCode === o.selected : single;
    series.push({
      type: measure === 'progress' ? 'bar' : 'line',
      name: s.name,
      data: s.points.map((p) => pick(p, measure)),
      color,
      symbolSize: 6,
      connectNulls: false,
      lineStyle: { width: bold ? 3.5 : 1.8 },
      emphasis: { focus: 'series' },
      markArea: single || bold ? streakAreas(s, r, measure, t) : undefined,
      markLine: single || bold ? leaderLines(s, r, labels, t) : undefined,
    });
    const maPlotted = (r.maOf === 'value' && measure === 'value') || (r.maOf === 'yoy' && measure === 'yoy');
    if (maPlotted && (single || bold))
      series.push({
        type: 'line', name: `${s.name}${t('trend.ma', { n: r.window })}`, data: s.points.map((p) => p.ma), color,
        symbol: 'none', lineStyle: { type: 'dotted', width: 2 }, connectNulls: false,
      });
  });
  if (measure === 'value' && r.series[0]?.points.some((p) => p.benchmark !== null))
    series.push({
      type: 'line', name: r.benchmarkName, data: r.series[0].points.map((p) => p.benchmark), color: PALETTE.benchmark,
      symbol: 'none', lineStyle: { type: 'dashed', width: 2 },
    });
  if (measure === 'progress')
    series.push({
      type: 'line', name: t('trend.schedule'), data: r.series[0]?.points.map((p) => p.schedule) ?? [], color: PALETTE.benchmark,
      step: 'middle', symbol: 'none', lineStyle: { type: 'dashed', width: 2 },
    });
  const title = `${r.indicator.name}：${t(`trend.measure.${measure}`)}`;
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: PALETTE.text },
    title: {
      text: title,
      subtext: `${unit ? `${t('ranking.unit')}：${unit}\u3000` : ''}${r.indicator.direction > 0 ? t('ranking.higherBetter') : t('ranking.lowerBetter')}`,
      left: 'center',
      textStyle: { fontSize: 16, fontFamily: CHART_FONT },
    },
    graphic: [
      ...(o.demo ? [{ type: 'text', right: 8, top: 6, style: { text: t('ws.demoChart'), fill: '#ad8b00', fontSize: 12, fontFamily: CHART_FONT } }] : []),
      ...sourceNoteGraphic(o.sourceNote),
    ],
    legend: { bottom: 0, type: 'scroll', textStyle: { fontFamily: CHART_FONT } },
    grid: { left: 64, right: 32, top: 72, bottom: 72 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { seriesName: string; dataIndex: number; value: number | null }[]) => {
        const i = ps[0]?.dataIndex ?? 0;
        return html`${labels[i]}` + ps.map((p) => html`<br/>${p.seriesName}：${fmt(p.value)} ${unit}`).join('');
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 12 ? 35 : 0, fontSize: 11 } },
    yAxis: { type: 'value', name: unit, scale: measure === 'value', splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } }, axisLabel: { formatter: (v: number) => fmt(v) } },
    series,
  };
}

/** Streaks as shaded bands over their periods, warm, labelled in words (never colour alone). */
function streakAreas(s: TrendSeries, r: TrendResult, m: TrendMeasure, t: Translate): Record<string, unknown> | undefined {
  const unitWord = t(`trend.unit.${r.kind}`);
  const dir = r.indicator.direction > 0 ? 'up' : 'down';
  const shown = s.streaks.filter((k) => (k.kind === 'behind' ? m === 'value' : m === 'value' || m === 'yoy'));
  if (!shown.length) return undefined;
  const ytd = r.maOf === 'yoy';
  return {
    silent: true,
    itemStyle: { color: 'rgba(224,123,40,0.12)' },
    label: { color: PALETTE.worse, fontSize: 11, fontFamily: CHART_FONT },
    data: shown.map((k) => [
      {
        name: k.kind === 'behind'
          ? t(`trend.streak.behind.${dir}`, { n: k.length, unit: unitWord, benchmark: r.benchmarkName })
          : t(ytd ? 'trend.streak.yoyDown' : `trend.streak.worse.${dir}`, { n: k.length, unit: unitWord }),
        xAxis: r.periods.indexOf(k.from),
      },
      { xAxis: r.periods.indexOf(k.to) },
    ]),
  };
}

/** A vertical line where a new 一把手 took office, labelled with the name. */
function leaderLines(s: TrendSeries, r: TrendResult, labels: readonly string[], t: Translate): Record<string, unknown> | undefined {
  if (!s.leaderChanges.length) return undefined;
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: '#7a5195', type: 'solid', width: 1.5 },
    label: { formatter: '{b}', color: '#7a5195', fontSize: 11, fontFamily: CHART_FONT, position: 'insideEndTop' },
    data: s.leaderChanges.map((c) => ({ name: t('trend.leader', { name: c.name }), xAxis: labels[r.periods.indexOf(c.period)] })),
  };
}

/** One sentence per streak and leader change, for the panel beside the chart and the CLI. */
export function trendFindings(r: TrendResult, t: Translate, locale: Locale = 'zh-CN'): string[] {
  const label = (p: string) => (locale === 'zh-CN' ? periodLabelZh(p, r.indicator.basis ?? '累计') : periodLabelEn(p));
  const unitWord = t(`trend.unit.${r.kind}`);
  const dir = r.indicator.direction > 0 ? 'up' : 'down';
  const ytd = r.maOf === 'yoy';
  const out: string[] = [];
  for (const s of r.series) {
    for (const k of s.streaks) {
      const what = k.kind === 'behind'
        ? t(`trend.streak.behind.${dir}`, { n: k.length, unit: unitWord, benchmark: r.benchmarkName })
        : t(ytd ? 'trend.streak.yoyDown' : `trend.streak.worse.${dir}`, { n: k.length, unit: unitWord });
      out.push(`${s.name}：${what}（${label(k.from)}至${label(k.to)}）`);
    }
    for (const c of s.leaderChanges) out.push(`${s.name}：${t('trend.leaderChange', { period: label(c.period), name: c.name, previous: c.previousName ?? '—' })}`);
  }
  return out;
}
