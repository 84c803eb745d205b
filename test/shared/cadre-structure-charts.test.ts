import { describe, expect, it } from 'vitest';
import type { StructureResult } from '../../shared/analytics/cadre-structure.js';
import { ageHistogramOption, ageSummaryText, chartRows, structureBarOption, structureDoughnutOption } from '../../shared/charts/cadre-structure.js';

const group = (key: string, total: number) => ({ key, name: `${key}县`, total, ageKnown: total, averageAge: 40, under35: 1, under40: 2 });
/** 10 cadres in three groups of 5, 3 and 2; gender 男 6 女 3 未知 1. */
const R: StructureResult = {
  date: '2025-12-31',
  by: 'region',
  retireWithin: 5,
  retirement: { male: 60, female: 60, reform: true },
  overall: { key: '', name: '全部', total: 10, ageKnown: 8, averageAge: 44.375, under35: 2, under40: 3 },
  groups: [group('A', 5), group('B', 3), group('C', 2)],
  dimensions: [
    { id: 'gender', label: '性别', categories: ['男', '女', '未知'], overall: [6, 3, 1], byGroup: [[3, 2, 0], [2, 1, 0], [1, 0, 1]] },
    { id: 'age', label: '年龄', categories: ['30–34岁', '35–39岁', '未知'], overall: [2, 6, 2], byGroup: [[1, 4, 0], [1, 2, 0], [0, 0, 2]] },
  ],
  excludedNotStarted: 0,
  notes: [],
};
const gender = R.dimensions[0] as StructureResult['dimensions'][number];

describe('cadre structure charts', () => {
  it('draws 全部, the largest groups and the rest summed as 其他', () => {
    expect(chartRows(R, gender, 1)).toEqual([
      { name: '全部', total: 10, counts: [6, 3, 1] },
      { name: 'A县', total: 5, counts: [3, 2, 0] },
      { name: '其他（2个）', total: 5, counts: [3, 1, 1] },
    ]);
  });

  it('stacks shares to 100% per bar, 全部 on top (the last category row), unknown in grey', () => {
    const o = structureBarOption(R, gender, { top: 1 }) as { yAxis: { data: string[] }; series: { name: string; data: number[]; itemStyle: { color: string } }[] };
    expect(o.yAxis.data).toEqual(['其他（2个）', 'A县', '全部']);
    // 男: 3/5 = 60%, 3/5 = 60%, 6/10 = 60%; 女: 20, 40, 30; 未知: 20, 0, 10.
    expect(o.series.map((s) => [s.name, s.data])).toEqual([['男', [60, 60, 60]], ['女', [20, 40, 30]], ['未知', [20, 0, 10]]]);
    expect(o.series[2]?.itemStyle.color).toBe('#8c8c8c');
  });

  it('labels the doughnut with counts and shares, leaving out empty categories', () => {
    const o = structureDoughnutOption(R, { ...gender, overall: [6, 4, 0] }) as { series: { data: { name: string; value: number }[]; label: { formatter: (p: unknown) => string } }[] };
    expect(o.series[0]?.data.map((x) => [x.name, x.value])).toEqual([['男', 6], ['女', 4]]);
    expect(o.series[0]?.label.formatter({ name: '男', value: 6 })).toBe('男\n6人 60.0%');
  });

  it('puts the average age and the shares under 35 and 40 (of known ages) in the histogram’s subtitle', () => {
    // 2/8 = 25.0%, 3/8 = 37.5%.
    expect(ageSummaryText(R.overall)).toBe('平均年龄 44.4岁，35岁以下 25.0%，40岁以下 37.5%');
    const o = ageHistogramOption(R) as { title: { subtext: string }; series: { data: { value: number }[] }[] };
    expect(o.title.subtext).toBe(ageSummaryText(R.overall));
    expect(o.series[0]?.data.map((x) => x.value)).toEqual([2, 6, 2]);
  });
});
