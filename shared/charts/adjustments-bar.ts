import type { AdjustmentGroup } from '../analytics/cadre-adjustments.js';
import type { Translate } from '../i18n/messages.js';
import { CHART_FONT, SERIES_COLORS } from './theme.js';

export interface AdjustmentsChartOptions {
  readonly t: Translate;
  readonly by: 'year' | 'unit';
  /** The data is the fictional sample: the chart says so in its corner. */
  readonly demo?: boolean;
}

/**
 * 能上能下 by year or unit: two labelled bars per group, 调整人数 and 其中重新使用 (counts, not colours, carry the
 * meaning: each bar has its number on it). Units are listed as given (most adjusted first), years in order.
 */
export function adjustmentsBarOption(groups: readonly AdjustmentGroup[], o: AdjustmentsChartOptions): Record<string, unknown> {
  const { t } = o;
  const labels = groups.map((g) => (o.by === 'year' ? `${g.key}年` : g.key));
  const bar = (name: string, values: number[], color: string) => ({
    type: 'bar',
    name,
    data: values,
    itemStyle: { color },
    label: { show: true, position: 'top', fontFamily: CHART_FONT },
    barMaxWidth: 36,
  });
  return {
    textStyle: { fontFamily: CHART_FONT },
    animation: false,
    legend: { top: 0, textStyle: { fontFamily: CHART_FONT } },
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 36, bottom: o.by === 'unit' ? 90 : 30 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: o.by === 'unit' && labels.length > 4 ? 30 : 0, fontFamily: CHART_FONT } },
    yAxis: { type: 'value', minInterval: 1, name: '人', nameTextStyle: { fontFamily: CHART_FONT } },
    series: [bar(t('adjust.people'), groups.map((g) => g.people), SERIES_COLORS[0]), bar(t('adjust.reused'), groups.map((g) => g.reused), SERIES_COLORS[2])],
    graphic: o.demo ? [{ type: 'text', right: 8, top: 6, style: { text: t('ws.demoChart'), fill: '#ad8b00', fontSize: 12, fontFamily: CHART_FONT } }] : [],
  };
}
