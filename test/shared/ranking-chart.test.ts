import { describe, expect, it } from 'vitest';
import type { RankingResult } from '../../shared/analytics/ranking.js';
import { rankingBarOption, rankingChartHeight } from '../../shared/charts/ranking-bar.js';
import { PALETTE } from '../../shared/charts/theme.js';
import { translator } from '../../shared/i18n/messages.js';

const result = (direction: 1 | -1): RankingResult => ({
  params: { indicator: 'X', period: '2025Q4', level: 'county' },
  indicator: { id: 'X', name: '单位GDP能耗', dimension: null, unit: '%', direction, basis: '累计' },
  average: 6.25,
  compared: 2,
  previousPeriod: '2025Q3',
  lastYearPeriod: '2024Q4',
  rows: [
    { regionCode: '990104', name: '<img src=x>县', group: null, value: 7, rank: 1, gap: 0.75, ...still(6.25) },
    { regionCode: '990103', name: '甲三县', group: null, value: 5.5, rank: 2, gap: -0.75, ...still(6.25) },
    { regionCode: '990105', name: '缺数县', group: null, value: null, rank: null, gap: null, ...still(6.25) },
  ],
});

/** Benchmark = the average; no movement known. */
function still(benchmark: number) {
  return { benchmark, gapPct: null, rankPrevious: null, rankLastYear: null, movePrevious: null, moveLastYear: null };
}

type Opt = {
  title: { text: string; subtext: string };
  yAxis: { data: string[] };
  series: { data: { value: number; itemStyle: { color: string } }[]; markLine: { data: { xAxis: number }[]; label: { formatter: string } } }[];
  tooltip: { formatter: (p: unknown) => string };
};

describe('ranking bar chart option', () => {
  const t = translator('zh-CN');
  const build = (d: 1 | -1) => rankingBarOption(result(d), { locale: 'zh-CN', t, periodLabel: '2025年全年', levelLabel: '县级' }) as unknown as Opt;

  it('puts the best first, leaves missing values out and draws the average', () => {
    const o = build(1);
    expect(o.title.text).toBe('单位GDP能耗：2025年全年，县级');
    expect(o.yAxis.data).toEqual(['1. <img src=x>县', '2. 甲三县']);
    expect(o.series[0]?.markLine.data).toEqual([{ xAxis: 6.25 }]);
    expect(o.series[0]?.markLine.label.formatter).toBe('平均值 6.3');
    expect(o.title.subtext).toContain('数值越高越好');
  });

  it('marks the fictional sample in the chart itself, and only the sample', () => {
    const demo = rankingBarOption(result(1), { locale: 'zh-CN', t, periodLabel: '2025年全年', levelLabel: '县级', demo: true }) as { graphic?: { style: { text: string } }[] };
    expect(demo.graphic?.map((g) => g.style.text)).toEqual(['示例数据（虚构）']);
    expect((build(1) as { graphic?: unknown[] }).graphic).toEqual([]);
  });

  it('colours by direction: above average is better only when higher is better', () => {
    expect(build(1).series[0]?.data.map((d) => d.itemStyle.color)).toEqual([PALETTE.better, PALETTE.worse]);
    expect(build(-1).series[0]?.data.map((d) => d.itemStyle.color)).toEqual([PALETTE.worse, PALETTE.better]);
    expect(build(-1).title.subtext).toContain('数值越低越好');
  });

  it('escapes region names in tooltips and grows with the number of bars', () => {
    const o = build(1);
    const html = o.tooltip.formatter({ data: { name: '<img src=x>县', value: 7, rank: 1, gap: 0.75, ...still(6.25) } });
    expect(html).toContain('&lt;img src=x&gt;县');
    expect(html).toContain('+0.8 个百分点');
    expect(rankingChartHeight(100)).toBe(2510);
    expect(rankingChartHeight(2)).toBe(320);
  });
});
