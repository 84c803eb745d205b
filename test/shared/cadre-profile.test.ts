import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cadreProfile } from '../../shared/analytics/cadre-profile.js';
import { parseRule, type WarningRule } from '../../shared/analytics/warning-rules.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Three counties A B C, quarters 2024Q3..2025Q2. Catalogue weights X 3, Y 2, Z 1 (Z has no values); the two
 * largest (X, Y) are the core indicators asked for.
 *   X (%, higher better): A 40 50 75 80 | B 60 60 60 60 | C 70 70 70 70
 *   Y (亿元, lower better): A 6 5 4.5 4 | B 3 3 3 3 | C 4 4 5 5
 * L1 leads A from 2025-01: base = 2024Q4 (the last quarter before), latest = 2025Q2.
 *   X: 2024Q4 A 3rd of 3 (50 < 60 < 70) → 2025Q2 1st (80): 前进2位.
 *   Y: 2024Q4 A 5 is the worst: 3rd → 2025Q2 A 4 behind B 3, ahead of C 5: 2nd: 前进1位.
 *   Composite (功效系数法 on the data's best and worst, S = (3·dX + 2·dY) / 5):
 *     2024Q4 dX A 60 B 80 C 100, dY A 60 B 100 C 80 → A 60, B 88, C 92: A 3rd;
 *     2025Q2 dX A 100 B 60 C 80, dY A 80 B 100 C 60 → A 92, B 76, C 72: A 1st. 前进2位.
 * L0 led A 2021-01..2024-12: no quarter before the data, so the base is the first in office (2024Q3): X 3rd → 3rd.
 * Rules: W 黄线 X < 55; G 黄线 Y > 4.2; R 红线 bottom 1 on Y.
 *   A fires W 2024Q3 2024Q4, G 2024Q3 2024Q4 2025Q1, R 2024Q3 2024Q4 (C is last on Y from 2025Q1).
 *   For L1: before (2 quarters) red 2 yellow 4; during (2 quarters) red 0 yellow 1 (G 2025Q1).
 * Basics at 2025-09-30: born 1975-03 → 50; in post since 2025-01 → 8 months = 0.7 years.
 */
const county = (code: string, name: string) => ({ region_code: code, name, level: 'county', parent_code: '990100', valid_from: '2020-01-01' });
const [A, B, C] = ['990101', '990102', '990103'];
const Q = ['2024Q3', '2024Q4', '2025Q1', '2025Q2'];
const series = (ind: string, rows: Record<string, number[]>) => Object.entries(rows).flatMap(([r, vs]) => vs.map((v, i) => ({ region_code: r, indicator_id: ind, period: Q[i] as string, value: v })));
const ID = '110101197503071234';
const fixture = fixtureWorkspace({
  regions: [{ region_code: '990100', name: '甲市', level: 'city', parent_code: null, valid_from: '2020-01-01' }, county(A, 'A县'), county(B, 'B县'), county(C, 'C县')],
  indicators: [
    { indicator_id: 'X', name: '指标X', dimension: '经济', unit: '%', direction: 1, basis: '当期', weight: 3 },
    { indicator_id: 'Y', name: '指标Y', dimension: '经济', unit: '亿元', direction: -1, basis: '当期', weight: 2 },
    { indicator_id: 'Z', name: '指标Z', dimension: '经济', unit: '亿元', direction: 1, basis: '当期', weight: 1 },
  ],
  indicator_values: [...series('X', { [A]: [40, 50, 75, 80], [B]: [60, 60, 60, 60], [C]: [70, 70, 70, 70] }), ...series('Y', { [A]: [6, 5, 4.5, 4], [B]: [3, 3, 3, 3], [C]: [4, 4, 5, 5] })],
  cadres: [
    { cadre_id: 'L1', name: '张一', gender: '男', birth_ym: '1975-03', party: '中共党员', ft_edu: '大学', current_post: 'A县委书记', post_level: '县处级正职', current_post_since: '2025-01', id_no: ID },
    { cadre_id: 'L0', name: '李零', birth_ym: '1968-05' },
    { cadre_id: 'N1', name: '王一', birth_ym: '1985-12', current_post: 'B县副县长', id_no: '110101198512011235' },
  ],
  appointments: [
    { cadre_id: 'L1', org_name: 'A县委', region_code: A, post_title: '县委书记', is_top_leader: true, start_ym: '2025-01', end_ym: null, post_level: '县处级正职' },
    { cadre_id: 'L1', org_name: 'B县人民政府', region_code: B, post_title: '县长', is_top_leader: false, start_ym: '2019-06', end_ym: '2024-12', post_level: '县处级正职' },
    { cadre_id: 'L0', org_name: 'A县委', region_code: A, post_title: '县委书记', is_top_leader: true, start_ym: '2021-01', end_ym: '2024-12', post_level: '县处级正职' },
    { cadre_id: 'N1', org_name: 'B县人民政府', region_code: B, post_title: '副县长', is_top_leader: false, start_ym: '2023-04', end_ym: null, post_level: '县处级副职' },
  ],
  assessments: [
    { cadre_id: 'L1', year: 2024, result: '优秀', kind: '年度' },
    { cadre_id: 'L1', year: 2023, result: '称职', kind: '年度' },
  ],
  cadre_records: [
    { cadre_id: 'L1', record_date: '2024-06-10', kind: '负面清单', category: '管理松软', source: '巡察反馈', description: '班子管理松散' },
    { cadre_id: 'L1', record_date: '2025-03-01', kind: '提醒', source: '组织部', description: `身份证号${ID}的同志会议迟到` },
    { cadre_id: 'L1', record_date: '2025-05-20', kind: '一线考核', source: '一线考核组', description: '防汛一线表现突出' },
  ],
});

const rule = (id: string, level: '黄线' | '红线', condition: unknown, indicator: string): WarningRule => {
  const r = parseRule({ id, name: id, level, scope: { indicators: [indicator] }, condition, message: '' });
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r.rule;
};
const RULES = [
  rule('W', '黄线', { type: 'threshold', op: '<', value: 55 }, 'X'),
  rule('G', '黄线', { type: 'threshold', op: '>', value: 4.2 }, 'Y'),
  rule('R', '红线', { type: 'rank_bottom', n: 1 }, 'Y'),
];

for (const factory of connectorFactories) {
  describe(`cadre profile on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('gives basics at the reference date with the ID masked 6+4, the timeline, assessments by year and records', async () => {
      const p = await cadreProfile(db, { cadreId: 'L1', asOf: '2025-09-30', rules: RULES, maxIndicators: 2 });
      expect(p?.basics).toMatchObject({ name: '张一', age: 50, currentPostSince: '2025-01', yearsInPost: 0.7, idNo: '110101********1234', idMasked: true, party: '中共党员' });
      expect(p?.appointments.map((a) => [a.title, a.regionName, a.start, a.end, a.isTopLeader])).toEqual([
        ['县长', 'B县', '2019-06', '2024-12', false],
        ['县委书记', 'A县', '2025-01', null, true],
      ]);
      expect(p?.assessments.map((a) => [a.year, a.result])).toEqual([[2023, '称职'], [2024, '优秀']]);
      expect(p?.records.map((r) => [r.date, r.kind, r.category])).toEqual([
        ['2025-05-20', '一线考核', null],
        ['2025-03-01', '提醒', null],
        ['2024-06-10', '负面清单', '管理松软'],
      ]);
      // An ID number inside a description is masked too.
      expect(p?.records[1]?.description).toBe('身份证号110101********1234的同志会议迟到');
      expect(p?.recordCounts).toEqual({ 负面清单: 1, 提醒: 1, 函询: 0, 诫勉: 0, 一线考核: 1 });
      // Lists read the rule set; without one they are not computed (null), never an empty history that looks real.
      expect((await cadreProfile(db, { cadreId: 'L1', asOf: '2025-09-30' }))?.lists).toBeNull();
    });

    it('shows the full ID only when asked', async () => {
      const p = await cadreProfile(db, { cadreId: 'L1', asOf: '2025-09-30', unmask: true });
      expect(p?.basics).toMatchObject({ idNo: ID, idMasked: false });
      expect(p?.records[1]?.description).toContain(ID);
    });

    it('gives a 一把手 the tenure: core indicators and the composite, rank before and now, warnings before and during', async () => {
      const p = await cadreProfile(db, { cadreId: 'L1', asOf: '2025-09-30', rules: RULES, maxIndicators: 2 });
      expect(p?.tenures).toHaveLength(1);
      const t = p?.tenures[0];
      expect(t).toMatchObject({ regionCode: A, regionName: 'A县', from: '2025-01', to: null, basePeriod: '2024Q4', baseBeforeStart: true, latestPeriod: '2025Q2' });
      expect(t?.indicators.map((i) => [i.id, i.base?.value, i.base?.rank, i.latest?.value, i.latest?.rank, i.movement])).toEqual([
        ['X', 50, 3, 80, 1, 2],
        ['Y', 5, 3, 4, 2, 1],
      ]);
      expect(t?.indicators[0]?.base?.of).toBe(3);
      expect(t?.composite).toMatchObject({ base: { rank: 3 }, latest: { rank: 1 }, movement: 2 });
      expect(t?.composite?.base?.value).toBeCloseTo(60, 6);
      expect(t?.composite?.latest?.value).toBeCloseTo(92, 6);
      expect(t?.warnings?.before).toEqual({ periods: 2, red: 2, yellow: 4 });
      expect(t?.warnings?.during).toEqual({ periods: 2, red: 0, yellow: 1 });
      expect(t?.warnings?.events.map((e) => [e.ruleId, e.period, e.leaderId])).toEqual([['G', '2025Q1', 'L1']]);
    });

    it('takes the first quarter in office as the base when the data begin after the start, and nothing for others', async () => {
      const p0 = await cadreProfile(db, { cadreId: 'L0', asOf: '2025-09-30', maxIndicators: 2 });
      expect(p0?.tenures[0]).toMatchObject({ basePeriod: '2024Q3', baseBeforeStart: false, latestPeriod: '2024Q4', to: '2024-12' });
      expect(p0?.tenures[0]?.indicators[0]).toMatchObject({ id: 'X', movement: 0 });
      // No rule set given: the warnings are not evaluated (null), not zero.
      expect(p0?.tenures[0]?.warnings).toBeNull();
      const n1 = await cadreProfile(db, { cadreId: 'N1', asOf: '2025-09-30' });
      expect(n1?.tenures).toEqual([]);
      // Born 1985-12 → 39 at 2025-09; no 任现职时间 in the roster: the open appointment's start 2023-04 → 29 months = 2.4 years.
      expect(n1?.basics).toMatchObject({ age: 39, currentPostSince: '2023-04', yearsInPost: 2.4, idNo: '110101********1235' });
      expect(await cadreProfile(db, { cadreId: 'nobody', asOf: '2025-09-30' })).toBeNull();
    });
    /*
     * 红黄榜 with the policy top 1 / bottom 1 (no composite rule among W, G, R, so no warning counts for the lists).
     * Composites (功效系数法 as above, S = (3·dX + 2·dY) / 5):
     *   2024Q3 dX A 60 B 86.67 C 100, dY A 60 B 100 C 86.67 → A 60, B 92, C 94.67: 红 C, 黄 A.
     *   2024Q4 (above) A 60, B 88, C 92: 红 C, 黄 A.
     *   2025Q1 dX A 100 B 60 C 86.67, dY A 70 B 100 C 60 → A 88, B 76, C 76: 红 A, 黄 B and C (tied last: both enter).
     *   2025Q2 (above) A 92, B 76, C 72: 红 A, 黄 C.
     * A's 一把手: L0 to 2024-12, L1 from 2025-01; B and C have none (vacant, no cadre entry).
     * So L1: 红榜 2025Q1, 2025Q2; region A against L1's term: before 黄 2024Q3, 2024Q4; during 红 2025Q1, 2025Q2.
     * L0: 黄榜 2024Q3, 2024Q4; region A against L0's term (2021-01..2024-12): during 黄 ×2, after 红 ×2.
     */
    it('puts the cadre and the region of each term on the 红黄榜, before, during and after the term', async () => {
      const listsDocument = { policy: { top: 1, bottom: 1 } };
      const p1 = await cadreProfile(db, { cadreId: 'L1', asOf: '2025-09-30', rules: RULES, maxIndicators: 2, listsDocument });
      expect(p1?.lists?.cadre.map((h) => [h.period, h.listType, h.source])).toEqual([
        ['2025Q1', '红榜', 'live'],
        ['2025Q2', '红榜', 'live'],
      ]);
      expect(p1?.lists?.terms.map((t) => t.map((h) => [h.period, h.listType, h.phase]))).toEqual([
        [
          ['2024Q3', '黄榜', 'before'],
          ['2024Q4', '黄榜', 'before'],
          ['2025Q1', '红榜', 'during'],
          ['2025Q2', '红榜', 'during'],
        ],
      ]);
      expect(p1?.lists?.terms[0]?.[2]?.basis).toContain('首位');
      const p0 = await cadreProfile(db, { cadreId: 'L0', asOf: '2025-09-30', rules: RULES, maxIndicators: 2, listsDocument });
      expect(p0?.lists?.cadre.map((h) => [h.period, h.listType])).toEqual([
        ['2024Q3', '黄榜'],
        ['2024Q4', '黄榜'],
      ]);
      expect(p0?.lists?.terms[0]?.map((h) => [h.period, h.phase])).toEqual([
        ['2024Q3', 'during'],
        ['2024Q4', 'during'],
        ['2025Q1', 'after'],
        ['2025Q2', 'after'],
      ]);
    });
  });
}
