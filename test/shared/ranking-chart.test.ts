import { describe, expect, it } from 'vitest';
import type { RankingResult } from '../../shared/analytics/ranking.js';
import { RANKING_ALL_BARS, RANKING_VISIBLE_BARS, rankingBarOption, rankingChartHeight, rankingWindow } from '../../shared/charts/ranking-bar.js';
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

  describe('a window of a long ranking', () => {
    // Five regions, best first; the average (30) is the benchmark line.
    const values = [50, 40, 30, 20, 10];
    const long = (vals: readonly number[]): RankingResult => ({
      ...result(1),
      average: 30,
      compared: vals.length,
      rows: vals.map((value, i) => ({ regionCode: `99010${i}`, name: `${'甲乙丙丁戊'[i]}县`, group: null, value, rank: i + 1, gap: value - 30, ...still(30) })),
    });
    type WindowOpt = Opt & { xAxis: { min?: number; max?: number }; grid: { left: number } };
    const win = (first: number, count: number, vals = values) =>
      rankingBarOption(long(vals), { locale: 'zh-CN', t, periodLabel: '2025年全年', levelLabel: '县级', window: { first, count } }) as unknown as WindowOpt;

    it('draws only the bars in the window, with their true ranks', () => {
      const o = win(1, 2);
      expect(o.yAxis.data).toEqual(['2. 乙县', '3. 丙县']);
      expect(o.series[0]?.data.map((d) => d.value)).toEqual([40, 30]);
      expect(o.series[0]?.markLine.data).toEqual([{ xAxis: 30 }]);
      // a window past the end shows the last bars
      expect(win(4, 2).yAxis.data).toEqual(['4. 丁县', '5. 戊县']);
    });

    it('keeps the whole ranking’s value axis and label column, so scrolling never rescales', () => {
      // 0 to 50 in steps of 50/5 = 10: the axis ends at 50 in every window, not at the window's own largest bar
      expect([win(3, 2).xAxis.min, win(3, 2).xAxis.max]).toEqual([0, 50]);
      expect(win(3, 2).grid.left).toBe(win(0, 2).grid.left);
      // a negative value, and the benchmark line (30) beyond every bar: from -7 to 30 the step is 37/5 = 7.4,
      // rounded up to 10, so -10 to 30
      expect([win(0, 1, [12, -7]).xAxis.min, win(0, 1, [12, -7]).xAxis.max]).toEqual([-10, 30]);
      // without a window ECharts chooses the axis itself
      expect((build(1) as unknown as WindowOpt).xAxis.min).toBeUndefined();
      // the label column is laid out by the builder: ECharts' outer-bounds pass (every axis label built twice) is off
      expect((build(1) as unknown as { grid: { outerBoundsMode?: string } }).grid.outerBoundsMode).toBe('none');
    });

    it('is used above RANKING_ALL_BARS bars only', () => {
      expect(rankingWindow(102)).toBe(102);
      expect(rankingWindow(RANKING_ALL_BARS)).toBe(RANKING_ALL_BARS);
      expect(rankingWindow(RANKING_ALL_BARS + 1)).toBe(RANKING_VISIBLE_BARS);
    });
  });
});
