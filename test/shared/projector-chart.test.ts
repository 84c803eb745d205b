import { describe, expect, it } from 'vitest';
import { OKABE_ITO, projectorOption } from '../../shared/charts/projector.js';
import { HEAT_PALETTES, PALETTE, SERIES_COLORS } from '../../shared/charts/theme.js';

// Reading a deep ECharts option in a test: any shape, checked by the assertions themselves.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

describe('projectorOption: a chart option for the projector', () => {
  const formatter = (v: number) => `${v}亿元`;
  const option = {
    textStyle: { fontFamily: 'x', color: PALETTE.text },
    title: { text: '地区生产总值', textStyle: { fontSize: 16 }, subtextStyle: { rich: { b: { fontSize: 14, color: PALETTE.better } } } },
    grid: { left: 64, right: 32, top: 72, bottom: 72 },
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: ['一季度'], axisLabel: { fontSize: 11, rotate: 35 } },
    yAxis: [{ type: 'value', axisLabel: { formatter } }],
    visualMap: { min: -2, max: 2, inRange: { color: [...HEAT_PALETTES.default] } },
    series: [
      { type: 'line', color: SERIES_COLORS[0], lineStyle: { width: 2 }, symbolSize: 6, data: [1, null, 3] },
      { type: 'line', color: SERIES_COLORS[1], data: [2] },
      { type: 'bar', itemStyle: { color: PALETTE.worse }, data: [1] },
    ],
  };

  it('doubles explicit font sizes and gives unset ones 24 px, never below 20', () => {
    const p = projectorOption(option) as Loose;
    expect(p.title.textStyle.fontSize).toBe(32); // 16 × 2
    expect(p.title.subtextStyle.rich.b.fontSize).toBe(28); // 14 × 2
    expect(p.xAxis.axisLabel.fontSize).toBe(22); // 11 × 2
    expect(p.yAxis[0].axisLabel.fontSize).toBe(24); // unset: 12 × 2
    expect(p.legend.textStyle.fontSize).toBe(24);
    expect(p.tooltip.textStyle.fontSize).toBe(24);
    expect(p.textStyle.fontSize).toBe(24);
    expect((projectorOption(option, { scale: 1 }) as Loose).xAxis.axisLabel.fontSize).toBe(20); // 11 raised to the floor
  });

  it('scales the grid margins and lines, keeps formatters and data', () => {
    const p = projectorOption(option) as Loose;
    expect(p.grid).toEqual({ left: 128, right: 64, top: 144, bottom: 144 });
    expect(p.series[0].lineStyle.width).toBe(3); // 2 × 1.5 (lines grow at most 1.5×)
    expect(p.yAxis[0].axisLabel.formatter).toBe(formatter);
    expect(p.series[0].data).toEqual([1, null, 3]);
    expect(p.xAxis.axisLabel.rotate).toBe(35);
  });

  it('paints series in Okabe–Ito, text black, and keeps heat and better/worse colours (warm = worse)', () => {
    const p = projectorOption(option) as Loose;
    expect(p.color).toEqual([...OKABE_ITO]);
    expect(p.series[0].color).toBe('#0072B2');
    expect(p.series[1].color).toBe('#E69F00');
    expect(p.series[2].itemStyle.color).toBe(PALETTE.worse);
    expect(p.visualMap.inRange.color).toEqual([...HEAT_PALETTES.default]);
    expect(p.textStyle.color).toBe('#000000');
    expect(p.title.subtextStyle.rich.b.color).toBe(PALETTE.better);
    expect(p.title.subtextStyle.color).toBe('#333333'); // ECharts' pale default grey made dark
  });

  it('sizes text styles ECharts would draw at 12 px (subtitles, labels without a size)', () => {
    const p = projectorOption({ title: { text: 'x' }, series: [{ type: 'bar', label: { show: true } }] }) as Loose;
    expect(p.title.subtextStyle.fontSize).toBe(24);
    expect(p.series[0].label.fontSize).toBe(24);
  });

  it('does not change the option it was given', () => {
    const before = JSON.stringify(option);
    projectorOption(option);
    expect(JSON.stringify(option)).toBe(before);
  });
});
