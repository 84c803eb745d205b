/** "Chart this result": a query result's numeric columns against one column, as bars or lines. */
import { columnCell, type ColumnResult } from '../db/connector.js';
import { html } from '../format/html.js';
import { CHART_FONT, SERIES_COLORS, sourceNoteGraphic } from './theme.js';

/** Points drawn at most (a result of 100k rows is charted from its first rows, and the chart says so). */
export const RESULT_CHART_LIMIT = 2000;

/** The columns that can be drawn as values (numeric) and as categories (any). */
export function chartableColumns(r: ColumnResult): { numeric: string[]; all: string[] } {
  return { numeric: r.columns.filter((c) => r.numbers[c] !== undefined), all: [...r.columns] };
}

export function resultChartOption(r: ColumnResult, o: { x: string; y: readonly string[]; type: 'bar' | 'line'; sourceNote?: string | null; truncatedLabel?: string }): Record<string, unknown> {
  const n = Math.min(r.length, RESULT_CHART_LIMIT);
  const xs = Array.from({ length: n }, (_, i) => String(columnCell(r, o.x, i) ?? ''));
  return {
    textStyle: { fontFamily: CHART_FONT },
    color: [...SERIES_COLORS],
    grid: { left: 64, right: 24, top: 40, bottom: 64 },
    legend: { top: 4 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { dataIndex: number; seriesName: string; value: number | null }[]) =>
        html`<b>${xs[ps[0]?.dataIndex ?? 0] ?? ''}</b>` + ps.map((p) => html`<br/>${p.seriesName}：${p.value === null ? '—' : p.value}`).join(''),
    },
    xAxis: { type: 'category', data: xs, axisLabel: { rotate: xs.length > 12 ? 45 : 0, fontSize: 11 } },
    yAxis: { type: 'value', scale: true },
    series: o.y.map((c) => ({
      type: o.type,
      name: c,
      data: Array.from({ length: n }, (_, i) => {
        const v = r.numbers[c]?.[i];
        return v === undefined || Number.isNaN(v) ? null : v;
      }),
    })),
    graphic: [
      ...sourceNoteGraphic(o.sourceNote),
      ...(r.length > n && o.truncatedLabel ? [{ type: 'text', right: 8, bottom: 4, silent: true, style: { text: o.truncatedLabel, fill: '#8c8c8c', fontSize: 11 } }] : []),
    ],
  };
}
