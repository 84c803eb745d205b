import { describe, expect, it } from 'vitest';
import type { HeatMatrix } from '../../shared/analytics/heatmap.js';
import type { RankingResult } from '../../shared/analytics/ranking.js';
import type { TrendResult } from '../../shared/analytics/trend.js';
import { choroplethOption, mapCoverage } from '../../shared/charts/choropleth.js';
import { heatmapChartHeight, heatmapOption } from '../../shared/charts/heatmap-grid.js';
import { HEAT_PALETTES, scoreColor } from '../../shared/charts/theme.js';
import { trendFindings, trendLineOption } from '../../shared/charts/trend-line.js';
import { tableCsv, tableXlsx } from '../../shared/format/table-export.js';
import { translator } from '../../shared/i18n/messages.js';
import { readXlsx } from '../../shared/ingest/readers/xlsx/xlsx.js';
import { readViewSettings, withNationalValue, withSourceNote } from '../../shared/workspace/view-settings.js';

const t = translator('zh-CN');
const EVIL = '<img src=x onerror=alert(1)>';

const pt = (period: string, value: number | null, extra: Partial<TrendResult['series'][number]['points'][number]> = {}) => ({
  period, value, yoy: null, qoq: null, ma: null, benchmark: 10, completion: null, schedule: null, ...extra,
});
const trendResult: TrendResult = {
  params: { indicator: 'T', regions: ['990101'] },
  indicator: { id: 'T', name: '零售额', dimension: null, unit: '亿元', direction: 1, basis: '当期', targetValue: null },
  periods: ['2025Q1', '2025Q2', '2025Q3'],
  kind: 'quarter',
  qoqAllowed: true,
  qoqNote: null,
  yoyUnit: '%',
  maOf: 'value',
  window: 2,
  benchmarkName: '县（市、区）平均',
  unknownRegions: [],
  series: [
    {
      regionCode: '990101',
      name: EVIL,
      points: [pt('2025Q1', 12), pt('2025Q2', 9, { ma: 10.5 }), pt('2025Q3', 8, { ma: 8.5 })],
      streaks: [{ kind: 'behind', from: '2025Q2', to: '2025Q3', length: 2 }],
      leaderChanges: [{ regionCode: '990101', period: '2025Q2', startYm: '2025-05', name: '李四', previousName: '张三', postTitle: null }],
    },
  ],
};

describe('trend chart option', () => {
  type Opt = { series: { name: string; data: (number | null)[]; markArea?: { data: [{ name: string; xAxis: number }, { xAxis: number }][] }; markLine?: { data: { name: string }[] } }[]; tooltip: { formatter: (p: unknown) => string } };
  const o = trendLineOption(trendResult, { locale: 'zh-CN', t, measure: 'value' }) as unknown as Opt;

  it('draws the line, its moving average and the benchmark, and marks the streak and the leader change in words', () => {
    expect(o.series.map((s) => s.name)).toEqual([EVIL, `${EVIL}（2期移动平均）`, '县（市、区）平均']);
    expect(o.series[0]?.data).toEqual([12, 9, 8]);
    expect(o.series[1]?.data).toEqual([null, 10.5, 8.5]);
    expect(o.series[0]?.markArea?.data).toEqual([[{ name: '连续2个季度低于县（市、区）平均', xAxis: 1 }, { xAxis: 2 }]]);
    expect(o.series[0]?.markLine?.data.map((d) => d.name)).toEqual(['李四任一把手']);
    expect(trendFindings(trendResult, t)).toEqual([
      `${EVIL}：连续2个季度低于县（市、区）平均（2025年第二季度至2025年第三季度）`,
      `${EVIL}：2025年第二季度起一把手由张三改为李四`,
    ]);
  });

  it('escapes names in the tooltip', () => {
    const html = o.tooltip.formatter([{ seriesName: EVIL, dataIndex: 0, value: 12 }]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

describe('heat map option', () => {
  // 2 regions × 2 indicators, row-major
  const m: HeatMatrix = {
    rowCodes: ['990101', '990102'], rowNames: [EVIL, '乙'], cols: ['A', 'B'],
    values: Float64Array.from([1, 2, 3, NaN]), scores: Float64Array.from([-1, 3, 1, NaN]), ranks: Float64Array.from([2, 1, 1, NaN]),
    composite: Float64Array.from([1, 1]), compositeRank: Float64Array.from([1, 1]),
  };
  const columns = [{ key: 'A', label: '甲指标', unit: '亿元' }, { key: 'B', label: '乙指标', unit: '%' }];
  type Opt = { series: { data: number[][] }[]; visualMap: { text: string[]; inRange: { color: string[] } }; yAxis: { data: string[]; axisLabel: { formatter: (v: string, i: number) => string } }; tooltip: { formatter: (p: unknown) => string } };
  const o = heatmapOption(m, { locale: 'zh-CN', t, title: '标题', columns, order: [1, 0], selected: '990101' }) as unknown as Opt;

  it('places cells in the row order, clips scores to ±2.5, leaves missing out, and names better and worse', () => {
    expect(o.yAxis.data).toEqual(['乙', EVIL]);
    expect(o.series[0]?.data).toEqual([[0, 0, 1], [0, 1, -1], [1, 1, 2.5]]);
    expect(o.visualMap.text).toEqual(['较好', '较差']);
    // low scores (worse) map to the first colour: red in the default palette
    expect(o.visualMap.inRange.color[0]).toBe('#c62828');
    expect(o.yAxis.axisLabel.formatter(EVIL, 1)).toBe(`{sel|▶ ${EVIL}}`);
    expect(heatmapChartHeight(3000)).toBe(40 * 22 + 230);
  });

  it('puts value, rank and score in an escaped tooltip', () => {
    const html = o.tooltip.formatter({ value: [0, 1, -1] });
    expect(html).toBe('&lt;img src=x onerror=alert(1)&gt;<br/>甲指标：1.00 亿元<br/>第2位\u3000标准分 −1.00');
  });

  it('offers a colour-blind palette without red and green, and colours table cells by score', () => {
    const cb = heatmapOption(m, { locale: 'zh-CN', t, title: '', columns, order: [0, 1], palette: 'colorblind' }) as unknown as Opt;
    expect(cb.visualMap.inRange.color).toEqual([...HEAT_PALETTES.colorblind]);
    expect(scoreColor(-5)).toBe('#c62828');
    expect(scoreColor(5)).toBe('#1a9850');
    expect(scoreColor(0)).toBe('#fee08b'); // the middle of seven
    expect(scoreColor(NaN)).toBeNull();
  });
});

describe('choropleth option', () => {
  const row = (regionCode: string, name: string, value: number | null, rank: number | null) => ({
    regionCode, name, group: null, value, rank, benchmark: 5, gap: value === null ? null : value - 5, gapPct: null, rankPrevious: null, rankLastYear: null, movePrevious: null, moveLastYear: null,
  });
  const result = (direction: 1 | -1): RankingResult => ({
    params: { indicator: 'X', period: '2025Q4', level: 'county' },
    indicator: { id: 'X', name: 'PM2.5', dimension: null, unit: '微克/立方米', direction, basis: '当期' },
    average: 5, compared: 2, previousPeriod: '2025Q3', lastYearPeriod: '2024Q4',
    rows: [row('990101', EVIL, 6, 1), row('990102', '乙县', 4, 2), row('990103', '丙县', null, null)],
  });
  const maps = {
    'a.geojson': { type: 'FeatureCollection', features: [{ properties: { adcode: '990101' } }, { properties: { adcode: '990103' } }, { properties: { adcode: '990999' } }] },
  };

  it('lists regions without a shape and shapes without data, draws only the compared regions', () => {
    const c = mapCoverage(maps, result(1));
    expect(c.features.map((f) => f.properties?.adcode)).toEqual(['990101', '990103']);
    expect(c.withoutShape).toEqual([{ code: '990102', name: '乙县' }]);
    expect(c.withoutData).toEqual([{ code: '990103', name: '丙县' }]);
    expect(mapCoverage(undefined, result(1)).withoutShape.length).toBe(3);
  });

  it('runs the colours from worse to better by direction and says which end is better', () => {
    type Opt = { visualMap: { text: string[]; inRange: { color: string[] } }; series: { data: { name: string; selected: boolean }[] }[]; tooltip: { formatter: (p: unknown) => string }; graphic: { style: { text: string } }[] };
    const up = choroplethOption(result(1), { locale: 'zh-CN', t, mapName: 'm', title: 'x' }) as unknown as Opt;
    const down = choroplethOption(result(-1), { locale: 'zh-CN', t, mapName: 'm', title: 'x', selected: '990102', sourceNote: '审图号：GS(2024)1号' }) as unknown as Opt;
    expect(up.visualMap.inRange.color[0]).toBe('#c62828');
    expect(down.visualMap.inRange.color[0]).toBe('#1a9850');
    expect(up.visualMap.text[0]).toContain('较好');
    expect(down.visualMap.text[1]).toContain('较好');
    expect(down.series[0]?.data.find((d) => d.selected)?.name).toBe('990102');
    expect(down.graphic.map((g) => g.style.text)).toEqual(['审图号：GS(2024)1号']);
    expect(up.tooltip.formatter({ name: '990101' })).toContain('&lt;img');
  });
});

describe('table export', () => {
  const table = { sheetName: '排名[1]', headers: ['地区', '数值'], rows: [['=HYPERLINK("x")', 1.5], ['\n换行', null], ['甲县', Number.NaN]] as (string | number | null)[][] };

  it('writes CSV with a BOM, neutralised cells and empty for missing', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(tableCsv(table));
    expect(text).toBe('\ufeff地区,数值\r\n"\'=HYPERLINK(""x"")",1.5\r\n"\'\n换行",\r\n甲县,\r\n');
  });

  it('writes an XLSX that reads back with the same cells, numbers as numbers, formulas defused', () => {
    const [sheet] = readXlsx({ name: 'x.xlsx', bytes: tableXlsx(table) });
    expect(sheet?.sheet).toBe('排名 1 ');
    expect(sheet?.rows.map((r) => [...r])).toEqual([['地区', '数值'], ['\'=HYPERLINK("x")', 1.5], ['\'\n换行'], ['甲县']]);
  });
});

describe('view settings in the workspace', () => {
  it('keeps national values per indicator and period and the source note, ignoring malformed parts', () => {
    let doc: unknown = { other: 1, national: { A01: { '2025Q4': 'x' } } };
    doc = withNationalValue(doc, 'A01', '2025Q4', 500);
    doc = withNationalValue(doc, 'A02', '2025Q4', 5.5);
    doc = withSourceNote(doc, '审图号');
    // No watermark template set: '' (the default template applies).
    expect(readViewSettings(doc)).toEqual({ national: { A01: { '2025Q4': 500 }, A02: { '2025Q4': 5.5 } }, sourceNote: '审图号', watermark: '' });
    expect((doc as { other: number }).other).toBe(1);
    expect(readViewSettings(withNationalValue(doc, 'A01', '2025Q4', null)).national.A01).toEqual({});
    expect(readViewSettings('junk')).toEqual({ national: {}, sourceNote: '', watermark: '' });
  });
});
