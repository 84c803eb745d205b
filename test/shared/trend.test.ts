import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trend, periodOfMonth } from '../../shared/analytics/trend.js';
import { scheduleOf } from '../../shared/analytics/trend-series.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-computed fixture, counties A 990101 and B 990102 of city 990100.
 * T01 地区生产总值 (亿元, 累计, higher better, catalogue 目标值 400):
 *   A 2024Q1–Q4 20 50 80 100; 2025Q1–Q4 22 48 84 110 with A's 2025 annual target 100. B 2025: 30 60 90 120.
 *   YoY A 2025: (22−20)/20 = 10 %, (48−50)/50 = −4 %, (84−80)/80 = 5 %, (110−100)/100 = 10 %. QoQ refused (累计).
 *   Moving average (window 2) of YoY: Q2 (10−4)/2 = 3, Q3 0.5, Q4 7.5; Q1 null (2024Q4 has no YoY).
 *   时序进度: 2025Q1 22 % vs 25, Q2 48 vs 50, Q3 84 vs 75, Q4 110 vs 100; 2024Q1 20/400 = 5 % vs 25.
 *   Average of the counties: 2025 26, 54, 87, 115 (2024: A alone) → A behind 2025Q1–Q4 (4 quarters).
 *   Worsening for a year-to-date total means 同比下降: only 2025Q2 → no streak of 2.
 *   Parent 990100 2025Q4 = 500; national 2025Q4 = 105.
 * T03 社会消费品零售额 (亿元, 当期): A 2024Q4 8; 2025 10 12 11 9, A's 2025 target 40.
 *   QoQ 2025Q1 (10−8)/8 = 25 %, Q2 20 %, Q3 (11−12)/12 = −8.333333 %, Q4 (9−11)/11 = −18.181818 %.
 *   Completion sums the quarters: 10/40 = 25 %, 22/40 = 55 %, 33/40 = 82.5 %, 42/40 = 105 %. Worsening 2025Q3–Q4.
 * T04 PM2.5 (微克/立方米, 当期, lower better): A 30 35 40, B 25 25 25 → worsening 2025Q2–Q3, behind Q1–Q3.
 * T02 增速 (%, 累计): A 2024Q1 5.0, 2025Q1 6.2 → YoY +1.2 个百分点.
 * 一把手 of A: 张三 from 2019-05, 李四 from 2025-05 → one change, in 2025Q2.
 */
const region = (code: string, name: string, level: string, parent: string | null) => ({
  region_code: code, name, level, parent_code: parent, valid_from: '2020-01-01',
});
const v = (r: string, i: string, period: string, value: number | null, target: number | null = null) => ({
  region_code: r, indicator_id: i, period, value, annual_target: target,
});
const A = '990101';
const B = '990102';
const fixture = fixtureWorkspace({
  regions: [region('990000', '示例省', 'province', null), region('990100', '甲市', 'city', '990000'), region(A, '甲一区', 'county', '990100'), region(B, '甲二县', 'county', '990100')],
  indicators: [
    { indicator_id: 'T01', name: '地区生产总值', unit: '亿元', direction: 1, basis: '累计', target_value: 400 },
    { indicator_id: 'T02', name: '地区生产总值增速', unit: '%', direction: 1, basis: '累计' },
    { indicator_id: 'T03', name: '社会消费品零售额', unit: '亿元', direction: 1, basis: '当期' },
    { indicator_id: 'T04', name: 'PM2.5平均浓度', unit: '微克/立方米', direction: -1, basis: '当期' },
  ],
  indicator_values: [
    ...[20, 50, 80, 100].map((x, i) => v(A, 'T01', `2024Q${i + 1}`, x)),
    ...[22, 48, 84, 110].map((x, i) => v(A, 'T01', `2025Q${i + 1}`, x, 100)),
    ...[30, 60, 90, 120].map((x, i) => v(B, 'T01', `2025Q${i + 1}`, x)),
    v('990100', 'T01', '2025Q4', 500),
    v(A, 'T03', '2024Q4', 8),
    ...[10, 12, 11, 9].map((x, i) => v(A, 'T03', `2025Q${i + 1}`, x, 40)),
    ...[30, 35, 40].map((x, i) => v(A, 'T04', `2025Q${i + 1}`, x)),
    ...[25, 25, 25].map((x, i) => v(B, 'T04', `2025Q${i + 1}`, x)),
    v(A, 'T02', '2024Q1', 5.0), v(A, 'T02', '2025Q1', 6.2),
  ],
  cadres: [
    { cadre_id: 'K1', name: '张三' },
    { cadre_id: 'K2', name: '李四' },
    { cadre_id: 'K3', name: '王五' },
  ],
  appointments: [
    { cadre_id: 'K1', org_name: '甲一区委', region_code: A, post_title: '区委书记', is_top_leader: true, start_ym: '2019-05', end_ym: '2025-04' },
    { cadre_id: 'K3', org_name: '甲一区政府', region_code: A, post_title: '副区长', is_top_leader: false, start_ym: '2024-02', end_ym: null },
    { cadre_id: 'K2', org_name: '甲一区委', region_code: A, post_title: '区委书记', is_top_leader: true, start_ym: '2025-05', end_ym: null },
  ],
});

for (const factory of connectorFactories) {
  describe(`trend on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('gives YoY on a year-to-date basis and refuses QoQ there', async () => {
      const r = await trend(db, { indicator: 'T01', regions: [A], window: 2 });
      expect(r.periods).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4']);
      expect(r.qoqAllowed).toBe(false);
      expect(r.qoqNote).toContain('环比没有意义');
      expect(r.yoyUnit).toBe('%');
      expect(r.maOf).toBe('yoy');
      const a = r.series[0]!;
      expect(a.points.map((p) => p.yoy)).toEqual([null, null, null, null, 10, -4, 5, 10]);
      expect(a.points.every((p) => p.qoq === null)).toBe(true);
      expect(a.points.slice(4).map((p) => p.ma)).toEqual([null, 3, 0.5, 7.5]);
    });

    it('reads completion of the annual target against 时序进度', async () => {
      const r = await trend(db, { indicator: 'T01', regions: [A] });
      const a = r.series[0]!;
      expect(a.points.map((p) => [p.completion, p.schedule])).toEqual([
        [5, 25], [12.5, 50], [20, 75], [25, 100], [22, 25], [48, 50], [84, 75], [110, 100],
      ]);
      expect(scheduleOf('2025-09')).toBe(75);
      expect(scheduleOf('2025')).toBeNull();
    });

    it('draws the average of the level, finds the streak behind it, and no decline streak of one quarter', async () => {
      const r = await trend(db, { indicator: 'T01', regions: [A, B] });
      expect(r.benchmarkName).toBe('县（市、区）平均');
      expect(r.series[0]!.points.map((p) => p.benchmark)).toEqual([20, 50, 80, 100, 26, 54, 87, 115]);
      expect(r.series[0]!.streaks).toEqual([{ kind: 'behind', from: '2025Q1', to: '2025Q4', length: 4 }]);
      expect(r.series[1]!.streaks).toEqual([]);
    });

    it('takes the parent or national values as the benchmark', async () => {
      const parent = await trend(db, { indicator: 'T01', regions: [A], benchmark: 'parent' });
      expect(parent.benchmarkName).toBe('甲市本级');
      expect(parent.series[0]!.points.map((p) => p.benchmark)).toEqual([null, null, null, null, null, null, null, 500]);
      const national = await trend(db, { indicator: 'T01', regions: [A], benchmark: 'national', national: { '2025Q4': 105 } });
      expect(national.series[0]!.points.at(-1)!.benchmark).toBe(105);
      expect(national.series[0]!.points.at(-2)!.benchmark).toBeNull();
    });

    it('gives QoQ for single-quarter values, sums them for 时序进度, and finds consecutive declines', async () => {
      const r = await trend(db, { indicator: 'T03', regions: [A] });
      expect(r.qoqAllowed).toBe(true);
      const pts = r.series[0]!.points;
      expect(pts.map((p) => p.period)).toEqual(['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4']);
      expect(pts.map((p) => p.qoq)).toEqual([null, 25, 20, -8.333333, -18.181818]);
      expect(pts.slice(1).map((p) => p.completion)).toEqual([25, 55, 82.5, 105]);
      expect(r.series[0]!.streaks).toContainEqual({ kind: 'worsening', from: '2025Q3', to: '2025Q4', length: 2 });
    });

    it('is direction-aware: a rising PM2.5 is a worsening streak, and above the average is behind', async () => {
      const r = await trend(db, { indicator: 'T04', regions: [A] });
      expect(r.series[0]!.streaks).toEqual([
        { kind: 'worsening', from: '2025Q2', to: '2025Q3', length: 2 },
        { kind: 'behind', from: '2025Q1', to: '2025Q3', length: 3 },
      ]);
    });

    it('gives the YoY of a rate in 个百分点', async () => {
      const r = await trend(db, { indicator: 'T02', regions: [A] });
      expect(r.yoyUnit).toBe('个百分点');
      expect(r.series[0]!.points.find((p) => p.period === '2025Q1')!.yoy).toBe(1.2);
    });

    it('marks where the 一把手 changed, from the appointments', async () => {
      const r = await trend(db, { indicator: 'T01', regions: [A, B] });
      expect(r.series[0]!.leaderChanges).toEqual([
        { regionCode: A, period: '2025Q2', startYm: '2025-05', name: '李四', previousName: '张三', postTitle: '区委书记' },
      ]);
      expect(r.series[1]!.leaderChanges).toEqual([]);
      expect(periodOfMonth('202511', 'quarter')).toBe('2025Q4');
      expect(periodOfMonth('2025.03', 'year')).toBe('2025');
    });

    it('lists regions it does not know instead of drawing nothing silently', async () => {
      const r = await trend(db, { indicator: 'T01', regions: [A, '999999'] });
      expect(r.series.map((s) => s.regionCode)).toEqual([A]);
      expect(r.unknownRegions).toEqual(['999999']);
    });
  });
}
