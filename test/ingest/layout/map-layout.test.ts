import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { catalogueContext, sheet } from '../../support/ingest-fixture.js';

describe('layout detection on other offices’ habits', () => {
  it('reads a one-row header with bare 增速 columns, a 序号 and a 排名 column, and a title unit', () => {
    const s = sheet('2025年二季度.xlsx', [
      ['表3  各县（市、区）主要指标', null, null, null, null, null, null],
      [null, null, null, null, null, null, '单位：万元'],
      ['序号', '县（市、区）', '地区生产总值（亿元）', '增速（%）', '一般公共预算收入', '增速', '排名'],
      [1, '甲一区', 12.5, 5.1, 34567, 3.2, 2],
      [2, '甲二县', 10.1, 4.1, 23456, 8.2, 1],
    ]);
    const plan = detectLayout(s, catalogueContext(s.file));
    expect(plan).toMatchObject({ shape: 'wide-indicators', headerRows: [3], unit: '万元', period: '2025Q2', periodSource: { kind: 'file' } });
    expect(plan.columns.map((c) => c.role)).toEqual([
      { kind: 'ignore' },
      { kind: 'region_name' },
      { kind: 'value', indicator: 'X01' },
      { kind: 'yoy', indicator: 'X01' },
      { kind: 'value', indicator: 'X03', scale: { mul: 1, div: 10000 } },
      { kind: 'yoy', indicator: 'X03' },
      { kind: 'ignore' },
    ]);
  });

  it('combines a two-row header of a text file (no merges) and skips a column-numbering row', () => {
    const s = sheet('指标.csv', [
      ['地区', '地区生产总值', null, '规模以上工业增加值', null],
      [null, '本期', '同比±%', '本期', '同比±%'],
      ['甲', '1', '2', '3', '4'],
      ['甲一区', '12.5', '5.1', '3.4', '3.2'],
      ['甲二县', '10.1', '4.1', '2.3', '8.2'],
    ], [], null);
    const plan = detectLayout(s, catalogueContext(s.file, { period: '2025Q3' }));
    expect(plan).toMatchObject({ headerRows: [1, 2], firstDataRow: 4, period: '2025Q3', periodSource: { kind: 'user' } });
    expect(plan.rowNotes).toEqual([{ row: 3, kind: 'numbering', reason: '表头下的栏目编号行' }]);
    expect(plan.columns.map((c) => c.header)).toEqual(['地区', '地区生产总值/本期', '地区生产总值/同比±%', '规模以上工业增加值/本期', '规模以上工业增加值/同比±%']);
    expect(plan.columns.map((c) => `${c.role.kind}:${c.role.indicator ?? ''}`)).toEqual(['region_name:', 'value:X01', 'yoy:X01', 'value:X02', 'yoy:X02']);
  });

  it('reads units given in a header row of their own, and units that contain a slash', () => {
    const s = sheet('2025年1-6月.xlsx', [
      ['地区', '一般公共预算收入', '单位GDP能耗（吨标准煤/万元）', '城镇居民人均可支配收入'],
      [null, '万元', null, '元/人'],
      ['甲一区', 34567, 0.45, 41000],
    ]);
    const plan = detectLayout(s, catalogueContext(s.file));
    expect(plan.headerRows).toEqual([1, 2]);
    expect(plan.columns.map((c) => [c.unit, c.role])).toEqual([
      [null, { kind: 'region_name' }],
      ['万元', { kind: 'value', indicator: 'X03', scale: { mul: 1, div: 10000 } }],
      ['吨标准煤/万元', { kind: 'value', indicator: 'X05' }],
      // '元/人' in a units row stays one unit; against the catalogue's 元 it is the same per-capita figure.
      ['元/人', { kind: 'value', indicator: 'X04' }],
    ]);
  });

  it('recognises bottom rows of statistical forms as footnotes', () => {
    const s = sheet('a.xlsx', [
      ['地区', '地区生产总值'],
      ['甲一区', 1],
      ['填报单位：甲市统计局', '填表人：张三'],
      ['数据来源：统计联网直报', null],
    ]);
    const plan = detectLayout(s, catalogueContext('2025年.xlsx'));
    expect(plan.rowNotes.map((n) => [n.row, n.kind])).toEqual([[3, 'footnote'], [4, 'footnote']]);
  });

  it('does not fail on empty or header-only sheets, and says what is missing', () => {
    const empty = detectLayout(sheet('空.xlsx', []), catalogueContext('空.xlsx'));
    expect(empty).toMatchObject({ columns: [], notes: ['未找到地区列（区划代码或地区名称），请指定', '未找到数值列，请指定'] });
    const header = detectLayout(sheet('表.xlsx', [['地区', '地区生产总值']]), catalogueContext('表.xlsx'));
    expect(header.columns.map((c) => c.role.kind)).toEqual(['region_name', 'value']);
    expect(header.notes).toEqual(['未能确定期间：请在标题、文件名中注明，或手动指定（命令行 --period）']);
  });
});
