import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { honourData, type HonourData } from '../../shared/analytics/honour-lists.js';
import { historyOf, honourLists, honourResultOf, type HonourResult } from '../../shared/analytics/honour-lists-result.js';
import { parseRule, type WarningRule } from '../../shared/analytics/warning-rules.js';
import type { Connector } from '../../shared/db/connector.js';
import { readListsDocument, withManualEntry, withPolicy, withPublished, type ListEntry } from '../../shared/workspace/honour-lists.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-computed fixture: six counties A–F of one city, groups 甲组 (A B C) and 乙组 (D E F). One scored indicator X
 * (weight 1, no 计分方法: 功效系数法 over the data's best and worst, d = 60 + 40·(x − min)/(max − min), so the composite
 * order is X's order). Y has weight 0 (not in the composite) and only carries a red warning for F in Q3.
 * 2025Q2 has no data at all (a missing period).
 *   X      Q1  Q3  Q4
 *   A      90  90  70
 *   B      80  60  88
 *   C      70  60  75
 *   D      60  60  40
 *   E      50  50  60
 *   F      50  95  95
 * Ranks (ties share; from the bottom, ties share the place: n − (rank + tied − 1) + 1):
 *   Q1: A1 B2 C3 D4 E5 F5        bottom: E F 1, D 3           → bottom 3 = D E F
 *   Q3: F1 A2 B3 C3 D3 E6        bottom: E 1, B C D 2         → bottom 3 = B C D E (a tie at the boundary: 4 enter)
 *   Q4: F1 B2 C3 A4 E5 D6        bottom: D 1, E 2, A 3        → bottom 3 = A D E
 * Rules: RY 黄线 composite bottom 3; RR 红线 escalation of RY over 2 running periods (Q2 missing breaks the run, so
 * only Q4: D and E, in Q3 and Q4 running); RN 红线 negative growth of Y (F in Q3; counted only when every warning is).
 * Policy in the tests: top 2, bottom 3, red ≥ 1, yellow ≥ 2, reminders ≥ 2.
 *   Q1 红榜 A B; 黄榜 E F (并列第5位) D
 *   Q3 红榜 F A; 黄榜 E, B C D (并列全省第3位)
 *   Q4 红榜 F B; 黄榜 D (红线+末位) E (红线+后3位) A (后3位, one yellow only)
 * Leaders (一把手 at the quarter's end): A L1 to 2025-08 then L2 from 2025-09 (a change within Q3), B L3, C L4, D L5,
 * E none (空缺), F L6. Records: P1 负面清单 2025-08 (Q3); L3 提醒 2025-07 (Q3: 1, below 2), 函询 2025-10 (Q4: 1);
 * L6 诫勉 2025-11 (Q4: out of the cadres' 红榜, onto their 黄榜); P2 提醒 2025-10 + 函询 2025-12 (Q4: 2 → 黄榜).
 * Imported honour_lists: 2024Q4 红榜 A (a period before the data): Q1's comparison.
 */
const [A, B, C, D, E, F] = ['990101', '990102', '990103', '990104', '990105', '990106'];
const names: Record<string, string> = { [A]: 'A县', [B]: 'B县', [C]: 'C县', [D]: 'D县', [E]: 'E县', [F]: 'F县' };
const county = (code: string, group: string) => ({ region_code: code, name: names[code] as string, level: 'county', parent_code: '990100', eval_group: group, valid_from: '2020-01-01', valid_to: null });
const X: Record<string, number[]> = { [A]: [90, 90, 70], [B]: [80, 60, 88], [C]: [70, 60, 75], [D]: [60, 60, 40], [E]: [50, 50, 60], [F]: [50, 95, 95] };
const Q = ['2025Q1', '2025Q3', '2025Q4'];
const fixture = fixtureWorkspace({
  regions: [{ region_code: '990100', name: '甲市', level: 'city', parent_code: null, valid_from: '2020-01-01' }, county(A, '甲组'), county(B, '甲组'), county(C, '甲组'), county(D, '乙组'), county(E, '乙组'), county(F, '乙组')],
  indicators: [
    { indicator_id: 'X', name: '指标X', dimension: '经济', unit: '%', direction: 1, basis: '当期', weight: 1 },
    { indicator_id: 'Y', name: '增速Y', dimension: '经济', unit: '%', direction: 1, basis: '当期', weight: 0 },
  ],
  indicator_values: [
    ...Object.entries(X).flatMap(([r, vs]) => vs.map((v, i) => ({ region_code: r, indicator_id: 'X', period: Q[i] as string, value: v }))),
    ...Object.keys(X).map((r) => ({ region_code: r, indicator_id: 'Y', period: '2025Q3', value: r === F ? -1 : 2 })),
  ],
  cadres: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'P1', 'P2'].map((id) => ({ cadre_id: id, name: `干部${id}`, current_post: '县委书记' })),
  appointments: [
    { cadre_id: 'L1', region_code: A, post_title: '县委书记', is_top_leader: true, start_ym: '2021-01', end_ym: '2025-08' },
    { cadre_id: 'L2', region_code: A, post_title: '县委书记', is_top_leader: true, start_ym: '2025-09', end_ym: null },
    { cadre_id: 'L3', region_code: B, post_title: '县委书记', is_top_leader: true, start_ym: '2021-01', end_ym: null },
    { cadre_id: 'L4', region_code: C, post_title: '县委书记', is_top_leader: true, start_ym: '2021-01', end_ym: null },
    { cadre_id: 'L5', region_code: D, post_title: '县委书记', is_top_leader: true, start_ym: '2021-01', end_ym: null },
    { cadre_id: 'L6', region_code: F, post_title: '县委书记', is_top_leader: true, start_ym: '2021-01', end_ym: null },
  ],
  cadre_records: [
    { cadre_id: 'P1', record_date: '2025-08-01', kind: '负面清单', category: '不担当不作为', description: '甲' },
    { cadre_id: 'L3', record_date: '2025-07-15', kind: '提醒', description: '乙' },
    { cadre_id: 'L3', record_date: '2025-10-02', kind: '函询', description: '丙' },
    { cadre_id: 'L6', record_date: '2025-11-10', kind: '诫勉', description: '丁' },
    { cadre_id: 'P2', record_date: '2025-10-05', kind: '提醒', description: '戊' },
    { cadre_id: 'P2', record_date: '2025-12-30', kind: '函询', description: '己' },
    { cadre_id: 'P2', record_date: '2025-06-30', kind: '一线考核', description: '不计入' },
  ],
  honour_lists: [{ period: '2024Q4', list_type: '红榜', region_code: A, basis: '综合考评第1名', rank: 1, reason: '导入的旧榜单' }],
});

const rule = (id: string, level: '黄线' | '红线', condition: unknown, scope: unknown): WarningRule => {
  const r = parseRule({ id, name: id, level, scope, condition, message: '' });
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.rule;
};
const RULES = [
  rule('RY', '黄线', { type: 'rank_bottom', n: 3 }, { indicators: ['composite'] }),
  rule('RN', '红线', { type: 'negative_growth', field: 'value' }, { indicators: ['Y'] }),
  rule('RR', '红线', { type: 'escalation', from: ['RY'], periods: 2 }, {}),
];
const POLICY = { top: 2, bottom: 3 };
const DOC = withPolicy(undefined, POLICY, '2026-01-01T00:00:00Z');

const ids = (r: HonourResult, t: '红榜' | '黄榜', s: 'region' | 'cadre') => r.entries.filter((e) => e.listType === t && e.subject === s).map((e) => names[e.id] ?? e.id);
const part = (xs: readonly ListEntry[]) => xs.map((e) => names[e.id] ?? e.id).sort();

for (const factory of connectorFactories) {
  describe(`红黄榜 on ${factory.name}`, () => {
    let db: Connector;
    let data: HonourData;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
      data = await honourData(db, { level: 'county', periods: ['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'], policy: readListsDocument(DOC).policy, rules: RULES });
    });
    afterAll(() => db.close());

    it('ranks by composite with ties sharing a place, from the top and from the bottom; a missing quarter has no data', () => {
      const q3 = data.periods.get('2025Q3')?.standings ?? [];
      expect(q3.map((s) => [names[s.regionCode], s.rank, s.bottomRank, s.tied])).toEqual([
        ['F县', 1, 6, 1], ['A县', 2, 5, 1], ['B县', 3, 2, 3], ['C县', 3, 2, 3], ['D县', 3, 2, 3], ['E县', 6, 1, 1],
      ]);
      // 功效系数法 over 50..95: F 100, E 60.
      expect(q3[0]?.composite).toBeCloseTo(100, 9);
      expect(q3[5]?.composite).toBeCloseTo(60, 9);
      expect(data.periods.get('2025Q2')?.hasData).toBe(false);
      expect(data.periods.get('2025Q4')?.standings.find((s) => s.regionCode === D)?.red).toEqual(['RR']);
    });

    it('builds the region lists: top 2, bottom 3 with the tie at the boundary all entering, bases and reasons in the users’ wording', () => {
      const q1 = honourResultOf(data, DOC, '2025Q1');
      expect(ids(q1, '红榜', 'region')).toEqual(['A县', 'B县']);
      expect(ids(q1, '黄榜', 'region')).toEqual(['E县', 'F县', 'D县']);
      const q3 = honourResultOf(data, DOC, '2025Q3');
      expect(ids(q3, '红榜', 'region')).toEqual(['F县', 'A县']);
      expect(ids(q3, '黄榜', 'region')).toEqual(['E县', 'B县', 'C县', 'D县']);
      const f = q3.entries.find((e) => e.id === F && e.listType === '红榜');
      expect(f).toMatchObject({ basis: '综合得分居全省首位', rank: 1, reason: 'F县2025年第三季度综合得分100.0分，居全省首位（共6个县（市、区））', manual: false });
      const b = q3.entries.find((e) => e.id === B && e.listType === '黄榜');
      expect(b?.basis).toBe('综合得分并列全省第3位（后三位）');
      expect(b?.reason).toBe('B县2025年第三季度综合得分68.9分，并列全省第3位，处于全省后三位');
      expect(q3.entries.find((e) => e.id === E && e.listType === '黄榜')?.basis).toBe('综合得分居全省末位（后三位）');
      const q4 = honourResultOf(data, DOC, '2025Q4');
      expect(ids(q4, '红榜', 'region')).toEqual(['F县', 'B县']);
      expect(ids(q4, '黄榜', 'region')).toEqual(['D县', 'E县', 'A县']);
      expect(q4.entries.find((e) => e.id === D && e.listType === '黄榜')?.basis).toBe('触发红线预警「RR」；综合得分居全省末位（后三位）');
    });

    it('leaves a region with a red warning in force off 红榜 when every warning counts, and ranks per 考核分组 on request', async () => {
      const all = withPolicy(DOC, { ...POLICY, warnings: 'all' }, '2026-01-02T00:00:00Z');
      const r = await honourLists(db, { period: '2025Q3', level: 'county', document: all, rules: RULES });
      expect(ids(r, '红榜', 'region')).toEqual(['A县']);
      expect(ids(r, '黄榜', 'region')).toEqual(['E县', 'B县', 'C县', 'D县', 'F县']);
      expect(r.excluded).toContainEqual({ listType: '红榜', subject: 'region', id: F, name: 'F县', reason: '综合得分居全省首位，但触发红线预警「RN（增速Y）」，不列入红榜' });
      // Top 1 per group: 甲组 A (90), 乙组 F (95).
      const grouped = honourResultOf(data, withPolicy(DOC, { ...POLICY, perGroup: 1 }, 'x'), '2025Q3');
      expect(grouped.entries.filter((e) => e.listType === '红榜' && e.subject === 'region').map((e) => [names[e.id], e.basis])).toEqual([
        ['F县', '综合得分在乙组中居首位'], ['A县', '综合得分在甲组中居首位'],
      ]);
    });

    it('lists cadres through their posts (the 一把手 at the quarter’s end) and on their own records, with the counts', () => {
      const q3 = honourResultOf(data, DOC, '2025Q3');
      // A's leader changed in September: L2 answers for Q3, L1 for Q1.
      expect(ids(q3, '红榜', 'cadre')).toEqual(['L6', 'L2']);
      expect(ids(honourResultOf(data, DOC, '2025Q1'), '红榜', 'cadre')).toEqual(['L1', 'L3']);
      expect(ids(q3, '黄榜', 'cadre')).toEqual(['L3', 'L4', 'L5', 'P1']);
      expect(q3.vacant).toEqual([{ regionCode: E, name: 'E县', listType: '黄榜' }]);
      expect(q3.entries.find((e) => e.id === 'P1')).toMatchObject({ basis: '负面清单1项（不担当不作为）', reason: '干部P12025年第三季度有负面清单1项（不担当不作为）' });
      expect(q3.entries.find((e) => e.id === 'L2')).toMatchObject({ regionCode: A, regionName: 'A县', basis: '所在地区列入红榜（综合得分居全省第2位）' });
      // Counted: L3 has one 提醒 in Q3 (below the threshold of 2): shown, not listed on its own.
      expect(q3.records.map((r) => [r.cadreId, r.negative, r.reminders, r.inquiries, r.admonitions])).toEqual([['L3', 0, 1, 0, 0], ['P1', 1, 0, 0, 0]]);
      const q4 = honourResultOf(data, DOC, '2025Q4');
      // F is on 红榜 but its leader L6 had a 诫勉 in Q4: off the cadres' 红榜, onto their 黄榜.
      expect(ids(q4, '红榜', 'cadre')).toEqual(['L3']);
      expect(ids(q4, '黄榜', 'cadre')).toEqual(['L5', 'L2', 'L6', 'P2']);
      expect(q4.excluded.map((x) => [x.subject, x.id])).toEqual([['cadre', 'L6']]);
      expect(q4.entries.find((e) => e.id === 'P2')?.basis).toBe('提醒1次、函询1次');
    });

    it('diffs against the previous quarter: its imported list, nothing for a missing quarter, its live lists', () => {
      // Q1 against the imported 2024Q4 list (红榜 A).
      const q1 = honourResultOf(data, DOC, '2025Q1');
      expect(q1.previous).toMatchObject({ period: '2024Q4', source: 'imported' });
      expect([part(q1.diff.红榜.region.entered), part(q1.diff.红榜.region.stayed), part(q1.diff.红榜.region.left)]).toEqual([['B县'], ['A县'], []]);
      // Q3 after a missing Q2: everyone entered, with the note.
      const q3 = honourResultOf(data, DOC, '2025Q3');
      expect(q3.previous).toMatchObject({ period: '2025Q2', source: 'none', note: '上期（2025年第二季度）无数据，本期上榜者均记为新上榜' });
      expect(part(q3.diff.黄榜.region.entered)).toEqual(['B县', 'C县', 'D县', 'E县']);
      expect(q3.diff.黄榜.region.stayed).toEqual([]);
      // Q4 against Q3 computed live.
      const q4 = honourResultOf(data, DOC, '2025Q4');
      expect(q4.previous.source).toBe('live');
      expect([part(q4.diff.红榜.region.entered), part(q4.diff.红榜.region.stayed), part(q4.diff.红榜.region.left)]).toEqual([['B县'], ['F县'], ['A县']]);
      expect([part(q4.diff.黄榜.region.entered), part(q4.diff.黄榜.region.stayed), part(q4.diff.黄榜.region.left)]).toEqual([['A县'], ['D县', 'E县'], ['B县', 'C县']]);
      expect([part(q4.diff.红榜.cadre.entered), part(q4.diff.红榜.cadre.stayed), part(q4.diff.红榜.cadre.left)]).toEqual([['L3'], [], ['L2', 'L6']]);
    });

    it('applies manual entries with their reason, refuses an empty reason, publishes versions 1 and 2, and diffs against the last version', () => {
      const who = { level: 'county' as const, user: '张干事' };
      expect(() => withManualEntry(DOC, { ...who, period: '2025Q4', listType: '红榜', subject: 'region', target: C, name: 'C县', action: 'add', reason: '   ' }, 't')).toThrow('人工调整须填写理由');
      let doc = withManualEntry(DOC, { ...who, period: '2025Q4', listType: '红榜', subject: 'region', target: C, name: 'C县', action: 'add', reason: '重大项目攻坚成效突出' }, '2026-01-05T09:00:00Z');
      doc = withManualEntry(doc, { ...who, period: '2025Q4', listType: '黄榜', subject: 'region', target: A, name: 'A县', action: 'remove', reason: '数据口径调整，经部务会研究移出' }, '2026-01-05T09:01:00Z');
      const q4 = honourResultOf(data, doc, '2025Q4');
      expect(ids(q4, '红榜', 'region')).toEqual(['F县', 'B县', 'C县']);
      expect(q4.entries.find((e) => e.id === C && e.subject === 'region')).toMatchObject({ basis: '人工', reason: '重大项目攻坚成效突出', rank: 3, manual: true });
      expect(ids(q4, '黄榜', 'region')).toEqual(['D县', 'E县']);
      expect(q4.removed.map((r) => [names[r.entry.id], r.reason, r.user])).toEqual([['A县', '数据口径调整，经部务会研究移出', '张干事']]);
      // The cadres follow the regions as adjusted: C's leader L4 onto 红榜, A's leader L2 off 黄榜.
      expect(ids(q4, '红榜', 'cadre')).toEqual(['L3', 'L4']);
      expect(ids(q4, '黄榜', 'cadre')).toEqual(['L5', 'L6', 'P2']);

      // Publish Q3 twice: version 1 as computed, version 2 with a manual addition; both kept.
      const q3 = honourResultOf(data, doc, '2025Q3');
      expect(q3.published).toEqual({ versions: [], same: null });
      const v1 = withPublished(doc, { period: '2025Q3', level: 'county', entries: q3.entries, policy: q3.policy, user: '张干事' }, '2026-01-06T00:00:00Z');
      expect(v1.version).toBe(1);
      doc = withManualEntry(v1.document, { ...who, period: '2025Q3', listType: '红榜', subject: 'region', target: C, name: 'C县', action: 'add', reason: '补报数据后经研究列入' }, '2026-01-06T01:00:00Z');
      const q3b = honourResultOf(data, doc, '2025Q3');
      expect(q3b.published.same).toBe(false);
      const v2 = withPublished(doc, { period: '2025Q3', level: 'county', entries: q3b.entries, policy: q3b.policy, user: '李科长' }, '2026-01-06T02:00:00Z');
      expect(v2.version).toBe(2);
      doc = v2.document;
      const again = honourResultOf(data, doc, '2025Q3');
      expect(again.published).toEqual({ versions: [{ version: 1, at: '2026-01-06T00:00:00Z', user: '张干事' }, { version: 2, at: '2026-01-06T02:00:00Z', user: '李科长' }], same: true });
      expect(readListsDocument(doc).published.find((v) => v.version === 1)?.entries.some((e) => e.id === C && e.listType === '红榜')).toBe(false);

      // Q4 now compares with Q3's version 2 (红榜 F A C).
      const q4b = honourResultOf(data, doc, '2025Q4');
      expect(q4b.previous).toMatchObject({ source: 'published', version: 2, note: '与上期（2025年第三季度）已发布的第2版比较' });
      expect([part(q4b.diff.红榜.region.entered), part(q4b.diff.红榜.region.stayed), part(q4b.diff.红榜.region.left)]).toEqual([['B县'], ['C县', 'F县'], ['A县']]);

      // A's history: imported 2024Q4, live 2025Q1, published v2 2025Q3; taken off Q4's 黄榜 by hand.
      expect(historyOf(q4b.timeline, A).map((h) => [h.period, h.listType, h.source, h.version])).toEqual([
        ['2024Q4', '红榜', 'imported', null], ['2025Q1', '红榜', 'live', null], ['2025Q3', '红榜', 'published', 2],
      ]);
    });
  });
}
