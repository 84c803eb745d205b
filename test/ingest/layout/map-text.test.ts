import { describe, expect, it } from 'vitest';
import { cadres, indicators, regions } from '../../../shared/model/tables.js';
import {
  columnCandidates,
  dice,
  indicatorCandidates,
  levenshtein,
  matchHeader,
  normalizeHeader,
  similarity,
  unitInTitle,
  unitScale,
} from '../../../shared/ingest/layout/headers.js';
import { detectPeriod, findPeriodInText, parsePeriodSet, parsePeriodText } from '../../../shared/ingest/layout/period-text.js';
import { sheet } from '../../support/ingest-fixture.js';

describe('header normalisation', () => {
  it('folds, removes spaces and line breaks, and splits a unit off', () => {
    expect(normalizeHeader('地区生产总值（亿元）')).toEqual({ text: '地区生产总值（亿元）', name: '地区生产总值', unit: '亿元' });
    expect(normalizeHeader('增速(%)')).toMatchObject({ name: '增速', unit: '%' });
    expect(normalizeHeader('增速％')).toMatchObject({ name: '增速', unit: '%' });
    expect(normalizeHeader('同比±%')).toMatchObject({ name: '同比', unit: '%' });
    expect(normalizeHeader('出生\n年月')).toMatchObject({ text: '出生 年月', name: '出生年月', unit: null });
    expect(normalizeHeader('单位GDP能耗【吨标准煤/万元】')).toMatchObject({ name: '单位GDP能耗', unit: '吨标准煤/万元' });
    expect(normalizeHeader('人均收入（单位：元/人）')).toMatchObject({ name: '人均收入', unit: '元/人' });
    // Brackets that are not units stay in the name.
    expect(normalizeHeader('县（市、区）')).toMatchObject({ name: '县(市、区)', unit: null });
  });

  it('converts magnitudes of the same unit and refuses different units', () => {
    expect(unitScale('万元', '亿元')).toEqual({ mul: 1, div: 10000 });
    expect(unitScale('亿元', '万元')).toEqual({ mul: 10000, div: 1 });
    expect(unitScale('万人', '人')).toEqual({ mul: 10000, div: 1 });
    expect(unitScale('万千瓦时', '亿千瓦时')).toEqual({ mul: 1, div: 10000 });
    expect(unitScale('吨标准煤/万元', '吨标准煤/亿元')).toEqual({ mul: 10000, div: 1 });
    expect(unitScale('公斤', '千克')).toEqual({ mul: 1, div: 1 });
    expect(unitScale('吨', '亿元')).toBeNull();
    expect(unitInTitle('单位：万元')).toBe('万元');
    expect(unitInTitle('单位：亿元、%')).toBeNull();
  });

  it('scores similarity with Dice and Levenshtein', () => {
    expect(levenshtein('参加工作时间', '参工时间')).toBe(2);
    expect(dice('出生年月', '出生年月日')).toBeCloseTo(6 / 7, 5);
    expect(similarity('地区生产总值', '地区生产总值')).toBe(1);
    expect(similarity('职务', '现任职务')).toBeGreaterThan(0.7);
    expect(similarity('性别', '姓名')).toBeLessThan(0.5);
  });

  it('matches Chinese headers to canonical columns by label, alias and fuzzily, with alternatives', () => {
    const c = columnCandidates(cadres);
    expect(matchHeader('出生日期', c).best).toMatchObject({ target: 'birth_ym', score: 1 });
    expect(matchHeader('出生年月日', c).best).toMatchObject({ target: 'birth_ym', score: 1 });
    expect(matchHeader('参工时间', c).best).toMatchObject({ target: 'work_start_ym' });
    expect(matchHeader('参加工作\n时间', c).best).toMatchObject({ target: 'work_start_ym', score: 1 });
    expect(matchHeader('公民身份号码', c).best).toMatchObject({ target: 'id_no' });
    const fuzzy = matchHeader('任现职务时间（年月）', c);
    expect(fuzzy.best?.target).toBe('current_post_since');
    expect(matchHeader('行政区划代码', columnCandidates(regions)).best).toMatchObject({ target: 'region_code', score: 1 });
    const none = matchHeader('联系电话', c);
    expect(none.best).toBeNull();
    const ind = indicatorCandidates([{ id: 'A01', name: '一般公共预算收入' }, { id: 'A02', name: '一般公共预算支出' }]);
    const m = matchHeader('一般公共预算收入（亿元）', ind);
    expect(m.best).toMatchObject({ target: 'A01', score: 1 });
    expect(m.alternatives[0]).toMatchObject({ target: 'A02' });
    expect(matchHeader('A02', ind).best).toMatchObject({ target: 'A02', score: 1 });
    expect(matchHeader('指标编码', columnCandidates(indicators)).best).toMatchObject({ target: 'indicator_id' });
  });
});

describe('period texts', () => {
  it('parses the spellings of Chinese statistics', () => {
    const cases: [string, string][] = [
      ['2025年第三季度', '2025Q3'], ['2025年三季度', '2025Q3'], ['2025年前三季度', '2025Q3'], ['2025年1-9月', '2025Q3'],
      ['2025年1—9月', '2025Q3'], ['2025年1至9月', '2025Q3'], ['2025Q3', '2025Q3'], ['2025年上半年', '2025Q2'],
      ['2025年一季度', '2025Q1'], ['2025年1-3月', '2025Q1'], ['2025年7-9月', '2025Q3'], ['２０２５年　第３季度', '2025Q3'],
      ['2025年', '2025'], ['2025年度', '2025'], ['2025年全年', '2025'], ['2025年1-12月', '2025'], ['2025', '2025'],
      ['2025年9月', '2025-09'], ['2025.09', '2025-09'], ['2025-09', '2025-09'], ['202509', '2025-09'], ['2025年1-8月', '2025-08'],
      ['2025年9月末', '2025-09'],
    ];
    for (const [text, period] of cases) expect(parsePeriodText(text), text).toBe(period);
    for (const bad of ['2025年下半年', '2025年13月', '2025年4-5月', '上年同期', '地区', '2025年一季度指标']) expect(parsePeriodText(bad), bad).toBeNull();
    expect(parsePeriodText('2025年', { yearAs: 'quarter' })).toBe('2025Q4');
    expect(parsePeriodText('2025年1-9月', { monthly: true })).toBe('2025-09');
  });

  it('gives one granularity to a series: years become Q4 among quarters and -12 among months', () => {
    expect(parsePeriodSet(['2023年', '2024年', '2025年1-9月'])).toEqual(['2023Q4', '2024Q4', '2025Q3']);
    expect(parsePeriodSet(['2025年1-8月', '2025年1-9月', '2024年'])).toEqual(['2025-08', '2025-09', '2024-12']);
    expect(parsePeriodSet(['2023年', '2024年'])).toEqual(['2023', '2024']);
  });

  it('finds a period inside titles and file names', () => {
    expect(findPeriodInText('2025年1-9月各县（市、区）主要经济指标')).toEqual({ period: '2025Q3', match: '2025年1-9月' });
    expect(findPeriodInText('截至2025年9月底全市干部情况')?.period).toBe('2025-09');
    expect(findPeriodInText('区划代码330102')).toBeNull();
  });

  it('detects the period of a sheet and says where it was found', () => {
    const s = sheet('2025年三季度指标.xlsx', [['各县主要指标'], ['地区', '地区生产总值'], ['甲一区', 1]]);
    expect(detectPeriod(s, s.file, { headerRow: 2 })).toEqual({ period: '2025Q3', source: { kind: 'file', text: '2025年三季度指标.xlsx' } });
    const t = sheet('指标.xlsx', [['2025年上半年 各县主要指标'], ['地区', '地区生产总值']]);
    expect(detectPeriod(t, t.file, { headerRow: 2 })).toEqual({ period: '2025Q2', source: { kind: 'title', row: 1, text: '2025年上半年 各县主要指标' } });
    expect(detectPeriod(t, t.file, { headerRow: 2, periodColumn: { index: 3, header: '期间' } })).toEqual({
      period: null,
      source: { kind: 'column', column: 3, header: '期间' },
    });
    expect(detectPeriod(sheet('指标.xlsx', [['地区', '值']]), '指标.xlsx', { headerRow: 1 })).toEqual({ period: null, source: { kind: 'none' } });
  });
});
