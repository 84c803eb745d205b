import type { HeatMatrix } from '../analytics/heatmap.js';
import { html } from '../format/html.js';
import { formatGap, formatRank, formatValue } from '../format/number.js';
import type { Locale, Translate } from '../i18n/messages.js';
import { CHART_FONT, HEAT_PALETTES, PALETTE, sourceNoteGraphic, type HeatPalette } from './theme.js';

/** One column of the grid: its label and the unit of its values. */
export interface HeatColumn {
  readonly key: string;
  readonly label: string;
  readonly unit: string | null;
}

export interface HeatmapChartOptions {
  readonly locale: Locale;
  readonly t: Translate;
  readonly title: string;
  readonly columns: readonly HeatColumn[];
  /** Row order (indices into the matrix rows), from sortRows. */
  readonly order: readonly number[];
  readonly palette?: HeatPalette;
  /** Highlighted region (shared selection): its row label is marked. */
  readonly selected?: string | null;
  readonly demo?: boolean;
  readonly sourceNote?: string | null;
  /** Data-quality flags by `${regionCode}|${column key}` (text of each): flagged cells are marked ⚠ and say why. */
  readonly flags?: ReadonlyMap<string, readonly string[]>;
}

/** Rows drawn at once; the view scrolls a window of this many over the rest (see HeatmapView). */
export const HEAT_VISIBLE_ROWS = 40;
const ROW_PX = 22;

/** Height in px of a heat map with n rows. */
export function heatmapChartHeight(n: number): number {
  return Math.min(n, HEAT_VISIBLE_ROWS) * ROW_PX + 230;
}

/**
 * A grid of regions × columns coloured by standardised score, direction-aware (score > 0 is better, so worse is
 * always the warm end); the legend names which end is better; value and rank in the tooltip. The rows given are
 * the rows drawn: at 3,000 regions the view hands over a window of 40 and scrolls it, so every redraw stays small.
 */
export function heatmapOption(m: HeatMatrix, o: HeatmapChartOptions): Record<string, unknown> {
  const { t, locale } = o;
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const C = m.cols.length;
  const names = o.order.map((r) => m.rowNames[r] as string);
  const codes = o.order.map((r) => m.rowCodes[r] as string);
  const data: [number, number, number][] = [];
  o.order.forEach((r, y) => {
    for (let c = 0; c < C; c++) {
      const s = m.scores[r * C + c] as number;
      if (!Number.isNaN(s)) data.push([c, y, Math.max(-2.5, Math.min(2.5, s))]);
    }
  });
  const colors = [...HEAT_PALETTES[o.palette ?? 'default']];
  // Flagged cells in view: a mark in the cell's corner (the tooltip of the cell says why).
  const marks: [number, number][] = [];
  if (o.flags?.size)
    o.order.forEach((r, y) => o.columns.forEach((col, c) => o.flags?.has(`${m.rowCodes[r]}|${col.key}`) && marks.push([c, y])));
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: PALETTE.text },
    title: { text: o.title, left: 'center', top: 4, textStyle: { fontSize: 16, fontFamily: CHART_FONT } },
    graphic: [
      ...(o.demo ? [{ type: 'text', right: 8, top: 6, style: { text: t('ws.demoChart'), fill: '#ad8b00', fontSize: 12, fontFamily: CHART_FONT } }] : []),
      ...sourceNoteGraphic(o.sourceNote),
    ],
    // room above the grid for the title, the legend and the column labels (rotated when many)
    grid: { left: 120, right: 24, top: C > 8 ? 170 : 110, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { value: [number, number, number] }) => {
        const [c, y] = p.value;
        const r = o.order[y] as number;
        const col = o.columns[c];
        const at = r * C + c;
        const unit = col?.unit ?? '';
        const flagged = o.flags?.get(`${m.rowCodes[r]}|${col?.key ?? ''}`) ?? [];
        return (
          html`${m.rowNames[r]}<br/>${col?.label ?? ''}：${formatValue(m.values[at], unit, locale)} ${unit}<br/>` +
          html`${formatRank(Number.isNaN(m.ranks[at] as number) ? null : m.ranks[at], lang)}\u3000${t('heatmap.score')} ${formatGap(m.scores[at], null, locale, 2)}` +
          flagged.map((f) => html`<br/>⚠ ${f}`).join('')
        );
      },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      // a click on a column label sorts the rows by that column (the view listens)
      triggerEvent: true,
      data: o.columns.map((c) => c.label),
      splitArea: { show: true },
      axisLabel: { interval: 0, rotate: C > 8 ? 40 : 0, fontSize: 11, width: 110, overflow: 'truncate' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisLabel: {
        interval: 0,
        fontSize: 12,
        formatter: (v: string, i: number) => (o.selected && codes[i] === o.selected ? `{sel|▶ ${v}}` : v),
        rich: { sel: { color: '#b71c1c', fontWeight: 'bold', fontSize: 12 } },
      },
    },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: -2,
      max: 2,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      top: 32,
      itemHeight: 240,
      itemWidth: 12,
      text: [t('heatmap.better'), t('heatmap.worse')],
      textStyle: { fontFamily: CHART_FONT },
      inRange: { color: colors },
    },
    series: [
      {
        type: 'heatmap',
        data,
        progressive: 5000,
        progressiveThreshold: 10000,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1.5 } },
      },
      ...(marks.length
        ? [{ type: 'scatter', name: 'quality', data: marks, symbol: 'triangle', symbolSize: 8, symbolOffset: [6, -5], silent: true, itemStyle: { color: '#262626', borderColor: '#fff', borderWidth: 1 }, z: 5, tooltip: { show: false } }]
        : []),
    ],
  };
}
