import { describe, expect, it } from 'vitest';
import { columnOutcomes } from '../../../shared/ingest/layout/column-outcomes.js';
import { applyOverrides, detectLayout, mergeOverrides } from '../../../shared/ingest/layout/layout.js';
import { catalogueContext, sheet } from '../../support/ingest-fixture.js';

/** Every column ends imported (target, rule, confidence) or not imported (reason); none is lost unseen. */
describe('the outcome of every column', () => {
  const s = sheet('2025年三季度.xlsx', [
    ['序号', '地区', '地区生产总值（亿元）', '附加列', '备用', '一般公共预算收入', '神秘列'],
    [1, '甲一区', 12.5, 12.5, null, 3.4, 77],
    [2, '甲二县', 10.1, 10.1, null, 2.3, 88],
  ]);
  const ctx = catalogueContext(s.file);
  const plan = detectLayout(s, ctx);
  const names = new Map(ctx.indicators.map((i) => [i.id, i.name]));
  const out = columnOutcomes(plan.columns, plan.table, (id) => names.get(id));

  it('states each column once, in sheet order', () => {
    expect(out.map((o) => [o.header, o.status, o.target, o.rule, o.reason])).toEqual([
      ['序号', 'not-imported', null, null, 'auxiliary'],
      ['地区', 'imported', '地区名称', 'exact', null],
      ['地区生产总值（亿元）', 'imported', '指标 X01 地区生产总值（数值）', 'exact', null],
      ['附加列', 'not-imported', null, null, 'unknown'],
      ['备用', 'not-imported', null, null, 'empty'],
      ['一般公共预算收入', 'imported', '指标 X03 一般公共预算收入（数值）', 'exact', null],
      ['神秘列', 'not-imported', null, null, 'unknown'],
    ]);
  });

  it('warns on numeric columns left out unasked, not on helper or empty columns', () => {
    expect(out.filter((o) => o.warning).map((o) => o.header)).toEqual(['附加列', '神秘列']);
    expect(out.find((o) => o.header === '序号')?.numeric).toBe(true);
  });

  it('reports the loser of two columns competing for one indicator, naming the winner', () => {
    const twice = sheet('2025年三季度.xlsx', [
      ['地区', '地区生产总值', '地区生产总值(亿元)'],
      ['甲一区', 12.5, 12.6],
    ]);
    const p = detectLayout(twice, catalogueContext(twice.file));
    const o = columnOutcomes(p.columns, p.table);
    expect(o.filter((c) => c.status === 'imported').length).toBe(2);
    const lost = o.find((c) => c.reason === 'competing');
    expect(lost?.reasonText).toMatch(/^与「地区生产总值.*」对应同一目标/);
    expect(lost?.warning).toBe(true);
  });

  it('a manual choice shows 手动 with no confidence; leaving a column out is the user’s reason and no warning', () => {
    const edited = applyOverrides(plan, { columns: [{ key: plan.columns[3]!.key, role: { kind: 'value', indicator: 'X02' } }, { key: plan.columns[6]!.key, role: { kind: 'ignore' } }] });
    const o = columnOutcomes(edited.columns, edited.table);
    expect([o[3]?.rule, o[3]?.confidence, o[3]?.status]).toEqual(['manual', null, 'imported']);
    expect([o[6]?.reason, o[6]?.warning]).toEqual(['user', false]);
  });

  it('edits of several columns in turn all hold', () => {
    const keys = [3, 5, 6].map((i) => plan.columns[i]!.key);
    let overrides = {};
    overrides = mergeOverrides(overrides, { columns: [{ key: keys[0]!, role: { kind: 'value', indicator: 'X02' } }] });
    overrides = mergeOverrides(overrides, { columns: [{ key: keys[1]!, role: { kind: 'yoy', indicator: 'X01' } }] });
    overrides = mergeOverrides(overrides, { period: '2025Q3', columns: [{ key: keys[2]!, role: { kind: 'value', indicator: 'X05' } }] });
    const p = applyOverrides(plan, overrides);
    expect([3, 5, 6].map((i) => p.columns[i]!.role)).toEqual([
      { kind: 'value', indicator: 'X02' },
      { kind: 'yoy', indicator: 'X01' },
      { kind: 'value', indicator: 'X05' },
    ]);
    // A second edit of the same column replaces the first.
    const again = applyOverrides(plan, mergeOverrides(overrides, { columns: [{ key: keys[0]!, role: { kind: 'ignore' } }] }));
    expect(again.columns[3]!.role).toEqual({ kind: 'ignore' });
    expect(again.columns[5]!.role).toEqual({ kind: 'yoy', indicator: 'X01' });
  });
});

describe('editing the mapping of a two-row header sheet, as a user does in the wizard', () => {
  it('holds every edit, also a column set to 不导入 and back', () => {
    const s = sheet('一季度指标.csv', [
      ['2026年一季度各县（市、区）主要经济指标', null, null],
      ['地区', '主要指标', null],
      [null, 'GDP（亿元）', '一般公共预算收入（亿元）'],
      ['甲一区', '111.1', '11.5'],
    ], [], null);
    const ctx = catalogueContext(s.file);
    const plan = detectLayout(s, ctx);
    const k = plan.columns.map((c) => c.key);
    const steps = [
      { headerRows: [2, 3] },
      { columns: [{ key: k[1]!, role: { kind: 'value' as const, indicator: 'X01' } }] },
      { columns: [{ key: k[2]!, role: { kind: 'ignore' as const } }] },
      { columns: [{ key: k[0]!, role: { kind: 'ignore' as const } }] },
      { columns: [{ key: k[2]!, role: { kind: 'value' as const, indicator: 'X03' } }] },
      { columns: [{ key: k[0]!, role: { kind: 'region_name' as const } }] },
    ];
    let o = {};
    for (const step of steps) o = mergeOverrides(o, step);
    const p = applyOverrides(plan, o, { sample: s, ctx });
    expect(p.columns.map((c) => [c.role.kind, c.role.indicator ?? null, c.source ?? null])).toEqual([
      ['region_name', null, 'user'],
      ['value', 'X01', 'user'],
      ['value', 'X03', 'user'],
    ]);
  });
});

describe('a units row under the header', () => {
  const units: [string, (string | null)[]][] = [
    ['first cell empty', [null, '亿元', '%', '万元', '元/人']],
    ['labelled 单位', ['单位', '亿元', '%', '万元', '元/人']],
    ['labelled 计量单位', ['计量单位', '亿元', '%', '万元', '元/人']],
    ['repeating the region header', ['地区', '亿元', '%', '万元', '元/人']],
  ];
  for (const [name, row] of units) {
    it(`is read as units, never as a data row (${name})`, () => {
      const s = sheet('2025年1-9月.csv', [
        ['示例省2025年前三季度主要指标', null, null, null, null],
        ['地区', '地区生产总值', '规模以上工业增加值', '一般公共预算收入', '城镇居民人均可支配收入'],
        row,
        ['甲一区', '12.5', '5.1', '34567', '41000'],
        ['合计', '12.5', '5.1', '34567', '41000'],
        ['注：快报数。', null, null, null, null],
      ], [], null);
      const plan = detectLayout(s, catalogueContext(s.file));
      expect(plan.headerRows).toEqual([2, 3]);
      expect(plan.firstDataRow).toBe(4);
      expect(plan.columns.map((c) => c.unit)).toEqual([null, '亿元', '%', '万元', '元/人']);
      expect(plan.columns[3]?.role).toEqual({ kind: 'value', indicator: 'X03', scale: { mul: 1, div: 10000 } });
    });
  }

  it('under a two-row header, and with units that hold a slash (微克/立方米, 件/万人)', () => {
    const s = sheet('2025年三季度.csv', [
      ['地区', '经济', null, '环境'],
      [null, '地区生产总值', '一般公共预算收入', '单位GDP能耗'],
      [null, '亿元', '万元', '吨标准煤/万元'],
      ['甲一区', '12.5', '34567', '0.45'],
    ], [], null);
    const plan = detectLayout(s, catalogueContext(s.file));
    expect(plan.headerRows).toEqual([1, 2, 3]);
    expect(plan.columns.map((c) => [c.unit, c.role.indicator ?? c.role.kind])).toEqual([
      [null, 'region_name'],
      ['亿元', 'X01'],
      ['万元', 'X03'],
      ['吨标准煤/万元', 'X05'],
    ]);
  });
});
