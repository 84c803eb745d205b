import { describe, expect, it } from 'vitest';
import {
  buildFindings,
  gapPhrase,
  growthPhrase,
  indicatorSentence,
  levelPhrase,
  movePhrase,
  packPeriodLabel,
  rankPhrase,
  streakPhrase,
  targetPhrase,
} from '../../../shared/report/narrative.js';
import { DEFAULT_TEMPLATES as T } from '../../../shared/report/narrative-templates.js';
import type { PackComposite, PackIndicatorRow, PackWarning } from '../../../shared/report/pack-types.js';
import { HOSTILE_REGION } from '../../fixtures/pack/pack-model.js';
import { readTemplatesDocument, type TemplatesError } from '../../../shared/workspace/narrative-templates.js';

/** A row with every field set; tests override what they look at. */
function row(o: Partial<PackIndicatorRow>): PackIndicatorRow {
  return {
    indicatorId: 'A01', name: '地区生产总值', dimension: '经济发展', unit: '亿元', direction: 1, basis: '累计',
    value: 512.3, yoy: 5.5, benchmarkLabel: '全省平均', benchmark: 499.7, gap: 12.6, rank: 7, compared: 102, tied: false,
    move: 2, completion: null, schedule: null, z: 0.5, behindStreak: 0, ...o,
  };
}

describe('sentences, one pattern at a time (DOMAIN.md wording)', () => {
  it('level and growth: totals 完成, rates 为; growth, fall, flat; rates change in 个百分点', () => {
    expect(levelPhrase(T, { name: '地区生产总值', unit: '亿元', value: 512.3 })).toEqual({ text: '地区生产总值完成512.30亿元', template: 'level.total' });
    expect(levelPhrase(T, { name: '城镇登记失业率', unit: '%', value: 3.24 }).text).toBe('城镇登记失业率为3.2%');
    // A growth-rate indicator is said as growth, a negative one as 下降 (never 「增速为-0.4%」), ≈0 as 持平.
    expect(levelPhrase(T, { name: '固定资产投资增速', unit: '%', value: -0.4 })).toEqual({ text: '固定资产投资同比下降0.4%', template: 'level.growthRate.down' });
    expect(levelPhrase(T, { name: '地区生产总值增速', unit: '%', value: 5.5 }).text).toBe('地区生产总值同比增长5.5%');
    expect(levelPhrase(T, { name: '规模以上工业增加值增长率', unit: '%', value: 0.04 }).text).toBe('规模以上工业增加值与上年同期持平');
    expect(growthPhrase(T, { unit: '亿元', yoy: 5.5 })).toEqual({ text: '同比增长5.5%', template: 'growth.up' });
    // negative growth is 下降, never 增长-2.1%
    expect(growthPhrase(T, { unit: '亿元', yoy: -2.1 })).toEqual({ text: '同比下降2.1%', template: 'growth.down' });
    expect(growthPhrase(T, { unit: '亿元', yoy: 0 })).toEqual({ text: '与上年同期持平', template: 'growth.flat' });
    // 0.04 prints as 0.0: said as 持平, not 增长0.0%
    expect(growthPhrase(T, { unit: '亿元', yoy: 0.04 })?.template).toBe('growth.flat');
    expect(growthPhrase(T, { unit: '%', yoy: 1.2 })?.text).toBe('比上年同期提高1.2个百分点');
    expect(growthPhrase(T, { unit: '%', yoy: -0.8 })?.text).toBe('比上年同期回落0.8个百分点');
    expect(growthPhrase(T, { unit: '%', yoy: null })).toBeNull();
  });

  it('rank: 第N位, ties 并列, 首位 and 末位, within a group; none when alone or unranked', () => {
    expect(rankPhrase(T, { rank: 7, compared: 102, tied: false })).toEqual({ text: '居全省第7位', template: 'rank.province' });
    expect(rankPhrase(T, { rank: 7, compared: 102, tied: true })?.text).toBe('并列全省第7位');
    expect(rankPhrase(T, { rank: 1, compared: 102, tied: false })?.text).toBe('居全省首位');
    expect(rankPhrase(T, { rank: 102, compared: 102, tied: false })?.text).toBe('居全省末位');
    // two regions tie for last of 10: competition rank 9, said as 并列第9位, not 末位
    expect(rankPhrase(T, { rank: 9, compared: 10, tied: true })?.text).toBe('并列全省第9位');
    expect(rankPhrase(T, { rank: 3, compared: 16, tied: false, group: '经济强县组' })?.text).toBe('在经济强县组中居第3位');
    expect(rankPhrase(T, { rank: 16, compared: 16, tied: false, group: '经济强县组' })?.text).toBe('居经济强县组末位');
    expect(rankPhrase(T, { rank: 1, compared: 1, tied: false })).toBeNull();
    expect(rankPhrase(T, { rank: null, compared: 102, tied: false })).toBeNull();
  });

  it('gap: rates in 个百分点, totals in their unit, lower-is-better said as what it is', () => {
    expect(gapPhrase(T, { gap: 0.3, unit: '%', benchmarkLabel: '全省平均' })?.text).toBe('高于全省平均水平0.3个百分点');
    expect(gapPhrase(T, { gap: -1.84, unit: '%', benchmarkLabel: '全省平均' })?.text).toBe('低于全省平均水平1.8个百分点');
    expect(gapPhrase(T, { gap: 12.6, unit: '亿元', benchmarkLabel: '全省平均' })?.text).toBe('高出全省平均12.60亿元');
    expect(gapPhrase(T, { gap: 0.001, unit: '%', benchmarkLabel: '全省平均' })?.template).toBe('gap.equal');
    // PM2.5 28 against an average of 31: 低于全省平均3微克/立方米 (good for a lower-is-better indicator)
    const pm = row({ indicatorId: 'D01', name: 'PM2.5平均浓度', unit: '微克/立方米', direction: -1, value: 28, yoy: -6.7, benchmark: 31, gap: -3, rank: 12, move: null });
    expect(indicatorSentence(T, pm).text).toBe('PM2.5平均浓度为28微克/立方米，同比下降6.7%，居全省第12位，低于全省平均3微克/立方米。');
  });

  it('movement: 前进, 后退, 位次持平; nothing in a first period', () => {
    expect(movePhrase(T, 2)?.text).toBe('较上季度前进2位');
    expect(movePhrase(T, -3)?.text).toBe('较上季度后退3位');
    expect(movePhrase(T, 0)?.text).toBe('位次持平');
    expect(movePhrase(T, null)).toBeNull();
    expect(indicatorSentence(T, row({ move: null })).text).toBe('地区生产总值完成512.30亿元，同比增长5.5%，总量居全省第7位，高出全省平均12.60亿元。');
  });

  it('streaks: 低于 for higher-is-better, 高于 for lower-is-better; a single quarter is not a streak', () => {
    expect(streakPhrase(T, { behindStreak: 3, direction: 1, benchmarkLabel: '全省平均' })?.text).toBe('连续3个季度低于全省平均水平');
    expect(streakPhrase(T, { behindStreak: 3, direction: -1, benchmarkLabel: '全省平均' })?.text).toBe('连续3个季度高于全省平均水平');
    expect(streakPhrase(T, { behindStreak: 1, direction: 1, benchmarkLabel: '全省平均' })).toBeNull();
  });

  it('targets against 时序进度: behind, ahead, on schedule', () => {
    // H1 (schedule 50): 48.2 done is 1.8 behind; Q3 (schedule 75): 78.1 done is 3.1 ahead.
    expect(targetPhrase(T, { completion: 48.2, schedule: 50 })?.text).toBe('完成年度目标的48.2%，低于时序进度1.8个百分点');
    expect(targetPhrase(T, { completion: 78.1, schedule: 75 })?.text).toBe('完成年度目标的78.1%，超时序进度3.1个百分点');
    // A lower-is-better target is a ceiling: not read against 时序进度; and a lower-is-better count is not 「完成」.
    expect(targetPhrase(T, { completion: 48.2, schedule: 75, direction: -1 })).toBeNull();
    expect(levelPhrase(T, { name: '安全生产事故起数', unit: '起', value: 5, direction: -1 }).text).toBe('安全生产事故起数为5起');
    expect(targetPhrase(T, { completion: 75.02, schedule: 75 })?.template).toBe('target.on');
    expect(targetPhrase(T, { completion: null, schedule: 75 })).toBeNull();
  });

  it('missing: 暂缺, never a zero, and nothing else said about the row', () => {
    const s = indicatorSentence(T, row({ value: null, yoy: null, gap: null, rank: null, move: null }));
    expect(s).toEqual({ text: '地区生产总值：该指标本期数据暂缺。', templates: ['missing'] });
    expect(s.text).not.toMatch(/0/);
  });

  it('a whole row: level, growth, rank, gap, move, target, streak in that order with their keys', () => {
    const s = indicatorSentence(T, row({ completion: 73.2, schedule: 75, behindStreak: 2, tied: true }));
    expect(s.text).toBe('地区生产总值完成512.30亿元，同比增长5.5%，总量并列全省第7位，高出全省平均12.60亿元，较上季度前进2位，完成年度目标的73.2%，低于时序进度1.8个百分点，连续2个季度低于全省平均水平。');
    expect(s.templates).toEqual(['level.total', 'growth.up', 'rank.province.tied', 'gap.total.above', 'move.up', 'target.behind', 'streak.below']);
  });

  it('period labels', () => {
    expect(packPeriodLabel('2025Q3')).toBe('2025年三季度');
    expect(packPeriodLabel('2025')).toBe('2025年');
  });
});

describe('findings: overall, strengths, weaknesses with their warning, change', () => {
  const composite: PackComposite = { score: 83.456, rank: 3, compared: 16, tied: false, move: 2, dimensions: [], rankLow: 2, rankHigh: 4 };
  const good = row({ indicatorId: 'A02', name: '地区生产总值增速', unit: '%', value: 7.1, gap: 1.2, rank: 2, z: 1.5, move: 0, scopeRank: 1, scopeCompared: 16, scopeTied: false });
  const bad = row({ indicatorId: 'D01', name: 'PM2.5平均浓度', unit: '微克/立方米', direction: -1, value: 41, gap: 10, rank: 95, z: -1.8, move: -3, scopeRank: 15, scopeCompared: 16, scopeTied: false });
  const gone = row({ indicatorId: 'B01', name: '研发投入强度', unit: '%', value: null, gap: null, rank: null, move: null, z: null });
  const warning: PackWarning = { level: '黄线', ruleId: 'R04', ruleName: '同组排名后三位', message: '', status: '新增', since: '2025Q3', indicatorId: 'D01' };
  const red: PackWarning = { ...warning, level: '红线', ruleId: 'R07', ruleName: '连续两个季度同组排名后三位' };

  it('in DOMAIN.md order, each with its template key', () => {
    const f = buildFindings(T, { regionName: '云岭县', periodLabel: '2025年三季度', composite, group: '经济强县组', rows: [good, bad, gone], strengths: [good], weaknesses: [bad], warnings: [warning, red] });
    expect(f.map((x) => x.kind)).toEqual(['overall', 'strength', 'weakness', 'change', 'missing']);
    expect(f[0]).toEqual({ text: '云岭县2025年三季度综合得分83.46分，在经济强县组中居第3位，较上季度前进2位。', template: 'finding.overall', kind: 'overall' });
    expect(f[1]?.text).toBe('优势方面，地区生产总值增速居经济强县组首位，高于全省平均水平1.2个百分点。');
    // the red line is named before the yellow one
    expect(f[2]?.text).toBe('短板方面，PM2.5平均浓度在经济强县组中居第15位，高出全省平均10微克/立方米（触发红线预警“连续两个季度同组排名后三位”）。');
    expect(f[3]?.text).toBe('从位次变化看，PM2.5平均浓度较上季度后退3位。');
    expect(f[4]?.text).toBe('研发投入强度本期数据暂缺，未纳入比较。');
  });

  it('a first period: no movement anywhere; a missing composite is said as 暂缺', () => {
    const first = { ...composite, move: null };
    const f = buildFindings(T, { regionName: '云岭县', periodLabel: '2021年一季度', composite: first, group: null, rows: [{ ...good, move: null }], strengths: [], weaknesses: [], warnings: [] });
    expect(f).toEqual([{ text: '云岭县2021年一季度综合得分83.46分，居全省第3位。', template: 'finding.overall', kind: 'overall' }]);
    const none = buildFindings(T, { regionName: '云岭县', periodLabel: '2021年一季度', composite: null, group: null, rows: [], strengths: [], weaknesses: [], warnings: [] });
    expect(none[0]).toEqual({ text: '云岭县2021年一季度综合得分暂缺。', template: 'finding.overall.missing', kind: 'missing' });
  });

  it('alone in its level (the province): no rank, no movement, no change finding', () => {
    const alone = { ...composite, rank: 1, compared: 1 };
    const f = buildFindings(T, { regionName: '示例省', periodLabel: '2025年四季度', composite: alone, group: null, rows: [{ ...good, rank: 1, compared: 1, move: 0 }], strengths: [], weaknesses: [], warnings: [] });
    expect(f).toEqual([{ text: '示例省2025年四季度综合得分83.46分。', template: 'finding.overall', kind: 'overall' }]);
    expect(indicatorSentence(T, row({ rank: 1, compared: 1, move: 0, gap: null })).text).toBe('地区生产总值完成512.30亿元，同比增长5.5%。');
  });

  it('names are data: a name holding {placeholders} or markup is printed as given, never filled', () => {
    const name = `${HOSTILE_REGION}{rank}{move}`;
    const f = buildFindings(T, { regionName: name, periodLabel: '2025年三季度', composite, group: '经济强县组', rows: [], strengths: [], weaknesses: [], warnings: [] });
    expect(f[0]?.text).toBe(`${name}2025年三季度综合得分83.46分，在经济强县组中居第3位，较上季度前进2位。`);
    expect(indicatorSentence(T, row({ name: '{name}指标', value: null })).text).toBe('{name}指标：该指标本期数据暂缺。');
  });

  it('all ranks unchanged: said as 总体持平', () => {
    const f = buildFindings(T, { regionName: '云岭县', periodLabel: '2025年三季度', composite, group: null, rows: [good], strengths: [], weaknesses: [], warnings: [] });
    expect(f.at(-1)).toEqual({ text: '与上季度相比，核心指标位次总体持平。', template: 'finding.change.flat', kind: 'change' });
  });
});

describe("the 'templates' document", () => {
  it('overrides a template, keeps the others, and carries its version', () => {
    const t = readTemplatesDocument({ version: 3, templates: { 'growth.up': '比上年同期增长{growth}%' } });
    expect(t.version).toBe(3);
    expect(growthPhrase(t, { unit: '亿元', yoy: 5.5 })).toEqual({ text: '比上年同期增长5.5%', template: 'growth.up' });
    expect(t.templates['growth.down']).toBe(T.templates['growth.down']);
    expect(readTemplatesDocument(undefined)).toBe(T);
  });

  it('refuses an invalid document with a Chinese message naming the key', () => {
    const err = (doc: unknown) => {
      try {
        readTemplatesDocument(doc);
      } catch (e) {
        return e as TemplatesError;
      }
      throw new Error('accepted');
    };
    expect(err({ version: 1, templates: { 'rank.province': '居全省第{rnk}位' } })).toMatchObject({ code: 'templates.invalid', key: 'rank.province', message: '叙述模板「rank.province」使用了不可用的占位符{rnk}（可用：{rank}）' });
    expect(err({ version: 1, templates: { 'rank.nowhere': 'x' } }).key).toBe('rank.nowhere');
    expect(err({ version: 1, templates: { 'growth.up': 5 } }).message).toBe('叙述模板「growth.up」应为非空文本');
    expect(err({ version: 1, templates: { 'growth.up': '增长{growth' } }).message).toBe('叙述模板「growth.up」的花括号不成对');
    expect(err({ templates: {} }).key).toBeNull();
  });
});
