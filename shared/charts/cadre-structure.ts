/**
 * Charts of the cadre structure (干部结构分析): one statistic's shares by group as 100% stacked bars (the largest
 * groups, the rest summed as 其他, so a projector stays readable; the tables keep every group), its overall split as a
 * doughnut, and the age bands as a histogram with the average age and the shares under 35 and 40 in the title.
 */
import type { StructureDimension, StructureGroup, StructureResult } from '../analytics/cadre-structure.js';
import { sharePct } from '../analytics/cadre-structure.js';
import { html } from '../format/html.js';
import { labelWidth } from './ranking-bar.js';
import { CHART_FONT, PALETTE, SERIES_COLORS } from './theme.js';

export interface StructureChartOptions {
  /** Groups drawn before the rest are summed as 其他 (default 12). */
  readonly top?: number;
  readonly demo?: boolean;
}

/** Unknown / none categories in grey, the others in the series colours. */
const colourOf = (category: string, i: number) => (['未知', '无'].includes(category) ? PALETTE.neutral : (SERIES_COLORS[i % SERIES_COLORS.length] as string));
const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);

/** The rows drawn: 全部, the `top` largest groups, then 其他 (the sum of the rest) when there is a rest. */
export function chartRows(r: StructureResult, d: StructureDimension, top = 12): { name: string; total: number; counts: readonly number[] }[] {
  const rows = [{ name: '全部', total: r.overall.total, counts: d.overall }];
  r.groups.slice(0, top).forEach((g, i) => rows.push({ name: g.name, total: g.total, counts: d.byGroup[i] ?? [] }));
  const rest = r.groups.slice(top);
  if (rest.length > 0) {
    const counts = d.categories.map((_c, k) => rest.reduce((s, _g, j) => s + (d.byGroup[top + j]?.[k] ?? 0), 0));
    rows.push({ name: `其他（${rest.length}个）`, total: rest.reduce((s, g) => s + g.total, 0), counts });
  }
  return rows;
}

/** One statistic's shares (%) by group, 100% stacked horizontal bars, 全部 on top. */
export function structureBarOption(r: StructureResult, d: StructureDimension, o: StructureChartOptions = {}): Record<string, unknown> {
  const rows = chartRows(r, d, o.top ?? 12).reverse();
  return {
    textStyle: { fontFamily: CHART_FONT },
    title: { text: `${d.label}结构（${r.by === 'unit' ? '按单位' : '按地区'}，${r.date}）${o.demo ? ' · 演示数据' : ''}`, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: Math.min(160, labelWidth(rows.map((x) => x.name), 12)) + 16, right: 24, top: 36, bottom: 36 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number; seriesIndex: number }[]) => {
        const row = rows[ps[0]?.dataIndex ?? 0];
        if (!row) return '';
        return html`<b>${row.name}</b>（${row.total}人）` + d.categories.map((c, k) => html`<br/>${c}：${row.counts[k] ?? 0}人，${pct(sharePct(row.counts[k] ?? 0, row.total))}`).join('');
      },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((x) => x.name), axisLabel: { width: 160, overflow: 'truncate' } },
    series: d.categories.map((c, k) => ({
      name: c,
      type: 'bar',
      stack: 'share',
      barMaxWidth: 22,
      itemStyle: { color: colourOf(c, k) },
      data: rows.map((x) => sharePct(x.counts[k] ?? 0, x.total) ?? 0),
    })),
  };
}

/** One statistic's overall split as a doughnut with counts and shares in the labels. */
export function structureDoughnutOption(r: StructureResult, d: StructureDimension): Record<string, unknown> {
  const data = d.categories.map((c, k) => ({ name: c, value: d.overall[k] ?? 0, itemStyle: { color: colourOf(c, k) } })).filter((x) => x.value > 0);
  return {
    textStyle: { fontFamily: CHART_FONT },
    title: { text: `${d.label}（全部 ${r.overall.total} 人）`, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => html`${p.name}：${p.value}人，${pct(sharePct(p.value, r.overall.total))}` },
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['50%', '55%'],
        label: { formatter: (p: { name: string; value: number }) => `${p.name}\n${p.value}人 ${pct(sharePct(p.value, r.overall.total))}` },
        data,
      },
    ],
  };
}

/** The age summary of a group as one line: 平均年龄 44.4岁，35岁以下 8.4%，40岁以下 27.5%. */
export function ageSummaryText(g: StructureGroup): string {
  const avg = g.averageAge === null ? '—' : `${g.averageAge.toFixed(1)}岁`;
  return `平均年龄 ${avg}，35岁以下 ${pct(sharePct(g.under35, g.ageKnown))}，40岁以下 ${pct(sharePct(g.under40, g.ageKnown))}`;
}

/** The overall age bands as a histogram, the average age and the shares under 35 and 40 in the subtitle. */
export function ageHistogramOption(r: StructureResult): Record<string, unknown> {
  const d = r.dimensions.find((x) => x.id === 'age');
  const cats = d?.categories ?? [];
  return {
    textStyle: { fontFamily: CHART_FONT },
    title: { text: `年龄分布（${r.date}）`, subtext: ageSummaryText(r.overall), left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 48, right: 16, top: 64, bottom: 28 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: '人', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
        data: cats.map((c, k) => ({ value: d?.overall[k] ?? 0, itemStyle: { color: c === '未知' ? PALETTE.neutral : PALETTE.better } })),
      },
    ],
  };
}
