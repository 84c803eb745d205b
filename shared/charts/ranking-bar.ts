import type { RankingResult } from '../analytics/ranking.js';
import { html } from '../format/html.js';
import { columnDecimals, formatGap, formatRank, formatValue, gapUnit } from '../format/number.js';
import type { Locale, Translate } from '../i18n/messages.js';
import { CHART_FONT, PALETTE, sourceNoteGraphic } from './theme.js';

export interface RankingChartOptions {
  readonly locale: Locale;
  readonly t: Translate;
  /** Period label already localised, e.g. 2025年全年. */
  readonly periodLabel: string;
  readonly levelLabel: string;
  /** The data is the fictional sample: the chart says so in its corner (screenshots and projection included). */
  readonly demo?: boolean;
  /** What the gaps are measured against (e.g. 参与比较地区平均, 全国值); default the average. */
  readonly benchmarkLabel?: string;
  /** The highlighted region (shared selection): its bar is outlined and its label marked. */
  readonly selected?: string | null;
  readonly sourceNote?: string | null;
  /**
   * Draw only these bars (positions among the bars, best first): the view of a long ranking (rankingWindow). The
   * value axis, the label column and the number format stay those of the whole ranking, so scrolling moves the
   * bars and never rescales them.
   */
  readonly window?: { readonly first: number; readonly count: number };
}

/** Pixels per bar: the chart grows with the number of regions so every name stays legible when projected. */
export const RANKING_ROW_HEIGHT = 24;

/** Height in px for a ranking chart of n bars. */
export function rankingChartHeight(n: number): number {
  return Math.max(320, n * RANKING_ROW_HEIGHT + 110);
}

/**
 * Up to this many bars the screen draws every one (the page scrolls). Beyond, it draws a window of
 * RANKING_VISIBLE_BARS and scrolls that, as the heat map does: 3,000 bars in SVG took 226 ms to draw, a window of 30
 * about as long as the sample's 102 bars (docs/performance.md).
 */
export const RANKING_ALL_BARS = 300;
export const RANKING_VISIBLE_BARS = 30;

/** How many of n bars the screen draws at once. */
export function rankingWindow(n: number): number {
  return n > RANKING_ALL_BARS ? RANKING_VISIBLE_BARS : n;
}

/**
 * Horizontal bar chart, best at the top, bars coloured better/worse than the chosen benchmark
 * (direction-aware) with the benchmark drawn as a labelled line when it is one number. Regions without a value are left out.
 */
export function rankingBarOption(result: RankingResult, o: RankingChartOptions): Record<string, unknown> {
  const { t, locale } = o;
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const unit = result.indicator.unit ?? '';
  const rows = result.rows.filter((r) => r.value !== null);
  // One benchmark line when every region is measured against the same number (average, parent, national value);
  // targets differ by region, so then each bar is coloured against its own and no line is drawn.
  const benches = [...new Set(rows.map((r) => r.benchmark).filter((b): b is number => b !== null))];
  const line = benches.length === 1 ? (benches[0] as number) : null;
  const benchLabel = o.benchmarkLabel ?? t('ranking.average');
  // One format for every label of the chart, as in the table.
  const d = columnDecimals(unit, rows.map((r) => r.value));
  const gd = columnDecimals(unit, rows.map((r) => r.gap));
  // A value equal to its benchmark (up to float noise) counts as not worse.
  const better = (gap: number | null): boolean => gap === null || gap * result.indicator.direction >= -1e-9;
  const first = o.window ? Math.max(0, Math.min(o.window.first, rows.length - o.window.count)) : 0;
  const shown = o.window ? rows.slice(first, first + o.window.count) : rows;
  const data = shown.map((r) => ({
    value: r.value,
    name: r.name,
    code: r.regionCode,
    rank: r.rank,
    gap: r.gap,
    itemStyle: {
      color: better(r.gap) ? PALETTE.better : PALETTE.worse,
      ...(o.selected === r.regionCode ? { borderColor: '#b71c1c', borderWidth: 2.5 } : {}),
    },
  }));
  const label = (r: (typeof rows)[number]) => `${o.selected === r.regionCode ? '▶ ' : ''}${r.rank}. ${r.name}`;
  const labels = shown.map(label);
  // A window keeps the whole ranking's label column and value axis (fixedExtent): the bars move, the frame does not.
  const labelColumn = labelWidth(o.window ? rows.map(label) : labels, 12);
  const extent = o.window ? fixedExtent([...rows.map((r) => r.value as number), ...(line === null ? [] : [line])]) : {};
  const directionText = result.indicator.direction > 0 ? t('ranking.higherBetter') : t('ranking.lowerBetter');
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: PALETTE.text },
    title: {
      text: t('ranking.chartTitle', { indicator: result.indicator.name, period: o.periodLabel, level: o.levelLabel }),
      subtext: `${unit ? `${t('ranking.unit')}：${unit}\u3000` : ''}${directionText}\u3000{b|■} ${t('ranking.better', { benchmark: benchLabel })}\u3000{w|■} ${t('ranking.worse', { benchmark: benchLabel })}`,
      left: 'center',
      textStyle: { fontSize: 16, fontFamily: CHART_FONT },
      subtextStyle: {
        fontFamily: CHART_FONT,
        rich: { b: { color: PALETTE.better, fontSize: 14 }, w: { color: PALETTE.worse, fontSize: 14 } },
      },
    },
    graphic: [
      ...(o.demo ? [{ type: 'text', right: 8, top: 6, style: { text: t('ws.demoChart'), fill: '#ad8b00', fontSize: 12, fontFamily: CHART_FONT } }] : []),
      ...sourceNoteGraphic(o.sourceNote),
    ],
    // The grid is laid out here (the label column measured above), so ECharts' own pass that builds every axis label
    // once more to fit the grid into the container (outerBounds, ECharts 6) is skipped: about a quarter of the draw
    // at 300 bars, and the same picture (screenshots identical to the byte).
    grid: { left: labelColumn + 16, right: 72, top: 92, bottom: 24, outerBoundsMode: 'none' },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: (typeof data)[number] }) =>
        html`${p.data.name}<br/>${formatRank(p.data.rank, lang)}\u3000${formatValue(p.data.value, unit, locale, d)} ${unit}<br/>` +
        html`${t('ranking.gapTo', { benchmark: benchLabel })}：${formatGap(p.data.gap, unit, locale, gd)} ${gapUnit(unit, lang)}`,
    },
    xAxis: {
      type: 'value',
      name: unit,
      ...extent,
      axisLabel: { color: PALETTE.axis },
      splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: 12 },
    },
    series: [
      {
        type: 'bar',
        name: result.indicator.name,
        data,
        barMaxWidth: 18,
        label: {
          show: true,
          position: 'right',
          fontSize: 11,
          formatter: (p: { value: number }) => formatValue(p.value, unit, locale, d),
        },
        markLine:
          line === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { color: PALETTE.benchmark, type: 'dashed', width: 1.5 },
                label: {
                  formatter: `${benchLabel} ${formatValue(line, unit, locale)}`,
                  // the category axis is inverted, so the line's start is at the top, next to the best bars
                  position: 'start',
                  color: PALETTE.benchmark,
                  backgroundColor: '#fff',
                  padding: [2, 4],
                },
                data: [{ xAxis: line }],
              },
      },
    ],
  };
}

/** A value axis from 0 (bars start there) over every value, widened to a round step, as ECharts would choose it. */
function fixedExtent(values: readonly number[]): { min: number; max: number } {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const raw = (hi - lo) / 5;
  if (!(raw > 0)) return { min: lo, max: hi + 1 };
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  const round = (x: number) => Number(x.toPrecision(12));
  return { min: round(Math.floor(lo / step) * step), max: round(Math.ceil(hi / step) * step) };
}

/** Width in px of the widest label at a font size: CJK characters are square, others about 0.6 em. */
export function labelWidth(labels: readonly string[], fontSize: number): number {
  let max = 0;
  for (const l of labels) {
    let w = 0;
    for (const ch of l) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.6;
    max = Math.max(max, w);
  }
  return Math.ceil(max);
}
