import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDerived } from '../../shared/analytics/derived.js';
import { robustness } from '../../shared/analytics/robustness.js';
import { compositeSeries, score, scoreBreakdown, type ScoreResult } from '../../shared/analytics/score.js';
import { methodOf, methodOfSql, planIndicators } from '../../shared/analytics/score-plan.js';
import type { Connector } from '../../shared/db/connector.js';
import { invalidateDerived } from '../../shared/db/derived-state.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-computed fixture: five counties of one city, all valid. Groups: A B C 甲组, D E 乙组.
 * I1 总量 (亿元, +1, 功效系数法, weight 2, 经济; no 满意值/不允许值: the data's best and worst),
 * I2 失业率 (%, −1, 功效系数法, 满意值 2, 不允许值 6, weight 1, 民生),
 * I3 完成率 (%, +1, 目标完成度, 目标值 100, weight 1, 民生), I4 (weight 0: left out), I5 (no value in 2025Q4).
 * 2025Q4:   A    B    C    D    E
 *   I1     10   20   30   20   20      (B D E tie)
 *   I2      3    5    7    —    5      (D missing; C beyond 不允许值)
 *   I3     90  100  130   60  100      (C capped at 120%)
 * 功效系数法 I1: h 30, s 10 → 60 + 40(x − 10)/20: A 60, B 80, C 100, D 80, E 80.
 *           I2: 60 + 40(x − 6)/(2 − 6) = 60 + 10(6 − x): A 90, B 70, C 50, E 70.
 * 目标完成度 I3: 100·min(x/100, 1.2): A 90, B 100, C 120, D 60, E 100.
 * Composite (re-weight): A (120 + 90 + 90)/4 = 75; B (160 + 70 + 100)/4 = 82.5 = E; C (200 + 50 + 120)/4 = 92.5;
 *   D (160 + 60)/3 = 73.333333. Ranks C 1, B 2, E 2 (tie), A 4, D 5.
 *   Dimensions 经济: A 60 B 80 C 100 D 80 E 80; 民生: A 90, B 85, C 85, D 60, E 85.
 * Missing as the minimum: D's I2 = 50 → (160 + 50 + 60)/4 = 67.5.
 * 2025Q3 only I1: A 30, B 20, C 10, D 20, E 20 → A 100, B/D/E 80, C 60: ranks A 1, B D E 2, C 5.
 *   Movement (previous − current): C +4, B 0, E 0, A −3, D −3. No 2024Q4: no movement against last year.
 */
const county = (code: string, name: string, group: string) => ({
  region_code: code, name, level: 'county', parent_code: '990100', eval_group: group, valid_from: '2020-01-01', valid_to: null,
});
const A = '990101';
const B = '990102';
const C = '990103';
const D = '990104';
const E = '990105';
const v = (r: string, i: string, period: string, value: number) => ({ region_code: r, indicator_id: i, period, value });
const fixture = fixtureWorkspace({
  regions: [
    { region_code: '990100', name: '甲市', level: 'city', parent_code: null, valid_from: '2020-01-01' },
    county(A, 'A县', '甲组'), county(B, 'B县', '甲组'), county(C, 'C县', '甲组'), county(D, 'D县', '乙组'), county(E, 'E县', '乙组'),
  ],
  indicators: [
    { indicator_id: 'I1', name: '总量', dimension: '经济', unit: '亿元', direction: 1, basis: '累计', weight: 2, method: '功效系数法' },
    { indicator_id: 'I2', name: '失业率', dimension: '民生', unit: '%', direction: -1, basis: '当期', weight: 1, method: '功效系数法', satisfactory_value: 2, disallowed_value: 6 },
    { indicator_id: 'I3', name: '完成率', dimension: '民生', unit: '%', direction: 1, basis: '累计', weight: 1, method: '目标完成度', target_value: 100 },
    { indicator_id: 'I4', name: '不计分', dimension: '民生', unit: '%', direction: 1, basis: '累计', weight: 0 },
    { indicator_id: 'I5', name: '本期无数', dimension: '经济', unit: '亿元', direction: 1, basis: '累计', weight: 1 },
  ],
  indicator_values: [
    v(A, 'I1', '2025Q4', 10), v(B, 'I1', '2025Q4', 20), v(C, 'I1', '2025Q4', 30), v(D, 'I1', '2025Q4', 20), v(E, 'I1', '2025Q4', 20),
    v(A, 'I2', '2025Q4', 3), v(B, 'I2', '2025Q4', 5), v(C, 'I2', '2025Q4', 7), v(E, 'I2', '2025Q4', 5),
    v(A, 'I3', '2025Q4', 90), v(B, 'I3', '2025Q4', 100), v(C, 'I3', '2025Q4', 130), v(D, 'I3', '2025Q4', 60), v(E, 'I3', '2025Q4', 100),
    v(A, 'I4', '2025Q4', 1), v(B, 'I4', '2025Q4', 2),
    v(A, 'I1', '2025Q3', 30), v(B, 'I1', '2025Q3', 20), v(C, 'I1', '2025Q3', 10), v(D, 'I1', '2025Q3', 20), v(E, 'I1', '2025Q3', 20),
  ],
});

const r6 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1e6) / 1e6);
const table = (r: ScoreResult) => r.rows.map((x) => [x.regionCode, r6(x.composite), x.rank]);
const P = { period: '2025Q4', level: 'county' as const };

describe('score plan', () => {
  it('reads the catalogue 计分方法 and leaves out indicators without a weight', () => {
    expect([methodOf('功效系数法'), methodOf('目标完成度'), methodOf('极差法'), methodOf('Z-score'), methodOf('综合评价'), methodOf(null)]).toEqual(['efficacy', 'target', 'minmax', 'zscore', null, null]);
    const row = { name: 'x', dimension: null, unit: null, direction: 1 as const, method: null, satisfactory: null, disallowed: null, target: null };
    const p = planIndicators([{ ...row, id: 'a', weight: 2 }, { ...row, id: 'b', weight: 0 }, { ...row, id: 'c', weight: null }], { weights: { c: 3 } });
    expect(p.used.map((u) => [u.id, u.weight, u.dimension, u.method])).toEqual([['a', 2, '未分维度', 'efficacy'], ['c', 3, '未分维度', 'efficacy']]);
    expect(p.leftOut).toEqual([{ id: 'b', name: 'x', reason: '权重为0' }]);
  });
});

for (const factory of connectorFactories) {
  describe(`composite scores on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('scores each indicator by its catalogue method and ranks the composite, ties sharing a rank', async () => {
      const r = await score(db, P);
      expect(table(r)).toEqual([[C, 92.5, 1], [B, 82.5, 2], [E, 82.5, 2], [A, 75, 4], [D, 73.333333, 5]]);
      expect(r.indicators.map((i) => [i.id, i.method])).toEqual([['I1', 'efficacy'], ['I2', 'efficacy'], ['I3', 'target']]);
      expect(r.leftOut).toEqual([{ id: 'I4', name: '不计分', reason: '权重为0' }, { id: 'I5', name: '本期无数', reason: '本期无数据' }]);
      expect(r.dimensions).toEqual(['经济', '民生']);
      expect(Object.fromEntries(r.rows.map((x) => [x.regionCode, x.dimensions.map(r6)]))).toEqual({ [A]: [60, 90], [B]: [80, 85], [C]: [100, 85], [D]: [80, 60], [E]: [80, 85] });
      expect(r.rows.find((x) => x.regionCode === D)).toMatchObject({ scored: 2, missing: 1 });
      expect(r.missingPolicyText).toContain('重新折算');
      expect(r6(r.dimensionAverages[1] ?? null)).toBe(81);
    });

    it('moves ranks against the previous period, and gives none against a year without data', async () => {
      const r = await score(db, P);
      expect(Object.fromEntries(r.rows.map((x) => [x.regionCode, [x.rankPrevious, x.movePrevious, x.moveLastYear]]))).toEqual({
        [C]: [5, 4, null], [B]: [2, 0, null], [E]: [2, 0, null], [A]: [1, -3, null], [D]: [2, -3, null],
      });
    });

    it('scores a missing value as the minimum when the scheme says so', async () => {
      const r = await score(db, { ...P, missing: 'minimum' });
      expect(r6(r.rows.find((x) => x.regionCode === D)?.composite)).toBe(67.5);
      expect(r.rows.find((x) => x.regionCode === D)).toMatchObject({ scored: 2, missing: 1 });
      expect(r.missingPolicyText).toContain('最低分');
    });

    it('standardises by min-max and by z-score, direction-aware', async () => {
      // min-max: I1 (x − 10)/20: A 0, B 50, C 100, D 50, E 50; I2 (7 − x)/4: A 100, B 50, C 0, E 50;
      // I3 (x − 60)/70: A 42.857143, B E 57.142857, C 100, D 0. A (0 + 100 + 42.857143)/4 = 35.714286, …
      const mm = await score(db, { ...P, method: 'minmax' });
      expect(table(mm)).toEqual([[C, 75, 1], [B, 51.785714, 2], [E, 51.785714, 2], [A, 35.714286, 4], [D, 33.333333, 5]]);
      // z: I1 mean 20, sd √40: A −1.581139, C +1.581139; I2 mean 5, sd √2, × −1: A +1.414214, C −1.414214;
      // I3 mean 96, sd √504: A −0.267261, B E 0.178174, C 1.514480, D −1.603567.
      const z = await score(db, { ...P, method: 'zscore' });
      expect(table(z)).toEqual([[C, 0.815636, 1], [B, 0.044544, 2], [E, 0.044544, 2], [A, -0.503831, 4], [D, -0.534522, 5]]);
    });

    it('takes a scheme’s weights, and compares within one 考核分组', async () => {
      // I3 weighted 4: A (120 + 90 + 360)/7 = 81.428571, C (200 + 50 + 480)/7 = 104.285714.
      const w = await score(db, { ...P, weights: { I3: 4 } });
      expect(r6(w.rows.find((x) => x.regionCode === A)?.composite)).toBe(81.428571);
      expect(r6(w.rows.find((x) => x.regionCode === C)?.composite)).toBe(104.285714);
      // 乙组 D E: I1 h = s = 20 → 100 both; I2 E 70 (catalogue bounds); I3 D 60, E 100.
      const g = await score(db, { ...P, group: '乙组' });
      expect(table(g)).toEqual([[E, 92.5, 1], [D, 86.666667, 2]]);
    });

    it('explains one region’s score: standardised value × weight, largest first, summing to the composite', async () => {
      const b = await scoreBreakdown(db, P, A);
      expect(b.contributions.map((c) => [c.id, c.score, c.weight, r6(c.contribution)])).toEqual([['I1', 60, 2, 30], ['I2', 90, 1, 22.5], ['I3', 90, 1, 22.5]]);
      expect(b.composite).toBe(75);
      const d = await scoreBreakdown(db, P, D);
      expect(d.missing).toEqual([{ id: 'I2', name: '失业率' }]);
      expect(r6(d.contributions.reduce((s, c) => s + c.contribution, 0))).toBe(73.333333);
    });

    it('gives the same scores, breakdowns and intervals from the derived tables', async () => {
      // Equal up to the order of float additions (1e-9).
      const ask = async () =>
        JSON.stringify([
          await score(db, { ...P, missing: 'minimum' }),
          await score(db, P),
          await score(db, { ...P, group: '甲组', method: 'zscore' }),
          await scoreBreakdown(db, P, D),
          await robustness(db, { ...P, draws: 200, seed: 3, top: 1, bottom: 1 }),
        ], (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v));
      const direct = await ask();
      await buildDerived(db);
      expect(await ask()).toBe(direct);
      invalidateDerived(db);
    });

    it('reads each catalogue method from the derived scores as score.ts computes it (极差法, 标准分 too)', async () => {
      const names = ['功效系数法', '目标完成度', '完成率', '极差法', '极值法', 'min-max', '标准分', 'Z-Score', 'z', 'efficacy', 'target', '', '其他'];
      const r = await db.query(`SELECT x, ${methodOfSql('x')} AS m FROM (SELECT unnest([${names.map((n) => `'${n}'`).join(', ')}, NULL]) AS x)`);
      expect(r.rows.map((x) => x.m)).toEqual([...names, null].map((n) => methodOf(n) ?? 'efficacy'));
      await db.query("UPDATE indicators SET method = '极差法' WHERE indicator_id = 'I1'");
      await db.query("UPDATE indicators SET method = '标准分' WHERE indicator_id = 'I2'");
      try {
        invalidateDerived(db);
        const ask = async () => JSON.stringify([await score(db, P), await score(db, { ...P, missing: 'minimum' })], (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v));
        const direct = await ask();
        // 极差法 I1: 100(x − 10)/20: A 0, B 50, C 100, D 50, E 50.
        expect(JSON.parse(direct)[0].rows.find((x: { regionCode: string }) => x.regionCode === A).dimensions[0]).toBe(0);
        await buildDerived(db);
        expect(await ask()).toBe(direct);
      } finally {
        await db.query("UPDATE indicators SET method = '功效系数法' WHERE indicator_id IN ('I1', 'I2')");
        invalidateDerived(db);
      }
    });

    it('gives the composite of many periods in one go, as score() gives each (direct and derived)', async () => {
      const expected = async () => {
        const out: string[] = [];
        for (const period of ['2025Q3', '2025Q4']) for (const x of (await score(db, { ...P, period })).rows) if (x.composite !== null) out.push(`${period} ${x.regionCode} ${r6(x.composite)}`);
        return out.sort();
      };
      const series = async () => {
        const c = await compositeSeries(db, { level: 'county' }, ['2025Q3', '2025Q4']);
        return c.period.map((p, i) => `${p} ${c.regionCode[i]} ${r6(c.composite[i] as number)}`).sort();
      };
      const direct = await expected();
      // 2025Q3 only I1 (功效系数法): A 100, B D E 80, C 60.
      expect(direct.filter((x) => x.startsWith('2025Q3'))).toEqual([`2025Q3 ${A} 100`, `2025Q3 ${B} 80`, `2025Q3 ${C} 60`, `2025Q3 ${D} 80`, `2025Q3 ${E} 80`]);
      expect(await series()).toEqual(direct);
      await buildDerived(db);
      try {
        expect(await series()).toEqual(direct);
      } finally {
        invalidateDerived(db);
      }
    });

    it('varies the weights ±20% over 1,000 seeded draws in one query: rank intervals and fragile ranks', async () => {
      const r = await robustness(db, { ...P, draws: 1000, seed: 7, top: 1, bottom: 1 });
      // Independently: the same factors (1 + 0.2·(2u − 1), u from hash(seed, draw, indicator)), the composites of
      // the hand-computed scores above, competition ranks per draw and percentiles (quantile_disc) here in JS.
      const f = await db.query('SELECT j, k, 1 + 0.2 * (2 * ((hash(7, j, k) % 1000000) / 1000000.0) - 1) AS e FROM range(1000) a(j), range(3) b(k) ORDER BY j, k');
      const e = f.rows.map((x) => Number(x.e));
      expect(Math.min(...e)).toBeGreaterThanOrEqual(0.8);
      expect(Math.max(...e)).toBeLessThanOrEqual(1.2);
      const d: Record<string, (number | null)[]> = { [A]: [60, 90, 90], [B]: [80, 70, 100], [C]: [100, 50, 120], [D]: [80, null, 60], [E]: [80, 70, 100] };
      const w = [2, 1, 1];
      const ranks: Record<string, number[]> = { [A]: [], [B]: [], [C]: [], [D]: [], [E]: [] };
      for (let j = 0; j < 1000; j++) {
        const s = Object.fromEntries(Object.entries(d).map(([code, ds]) => {
          let num = 0;
          let den = 0;
          ds.forEach((x, k) => { if (x !== null) { const we = (w[k] as number) * (e[j * 3 + k] as number); num += we * x; den += we; } });
          return [code, Math.round((num / den) * 1e9) / 1e9];
        }));
        for (const code of Object.keys(d)) ranks[code]?.push(1 + Object.values(s).filter((x) => x > (s[code] as number)).length);
      }
      const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
      for (const row of r.rows) {
        const mine = ranks[row.regionCode] as number[];
        expect([row.p5, row.median, row.p95, row.best, row.worst], row.regionCode).toEqual([q(mine, 0.05), q(mine, 0.5), q(mine, 0.95), Math.min(...mine), Math.max(...mine)]);
      }
      // By hand: C − B = (40e1 − 20e2 + 20e3)/Σ > 0 for every e in [0.8, 1.2]: C is first in every draw.
      expect(r.rows.find((x) => x.regionCode === C)).toMatchObject({ p5: 1, p95: 1, fragile: [] });
      // A (75) and D (73.3) swap when I1's weight grows against I2's: both straddle the bottom-1 boundary.
      expect(r.rows.find((x) => x.regionCode === A)?.fragile).toEqual([{ boundary: '后1名', by: 'weights' }]);
      expect(r.rows.find((x) => x.regionCode === D)?.fragile).toEqual([{ boundary: '后1名', by: 'weights' }]);
      expect(r.boundaries).toEqual(['前1名', '后1名']);
      // Methods for every indicator: 功效系数法 on I3 too (h 130, s 60) puts A last (71.785714 < D 73.333333).
      expect(r.rows.find((x) => x.regionCode === A)).toMatchObject({ methodRanks: { minmax: 4, zscore: 4, efficacy: 5, target: 4 }, methodSpread: 1 });
      expect(r.fragileCount).toBe(2);
      // The four methods' ranks come from one statement: each equals the score module's with that method for all.
      for (const m of ['minmax', 'zscore', 'efficacy', 'target'] as const) {
        const alone = await score(db, { ...P, method: m });
        expect(r.rows.map((x) => [x.regionCode, x.methodRanks[m]])).toEqual(r.rows.map((x) => [x.regionCode, alone.rows.find((y) => y.regionCode === x.regionCode)?.rank ?? null]));
      }
      // The same seed gives the same draws.
      expect(JSON.stringify((await robustness(db, { ...P, draws: 1000, seed: 7, top: 1, bottom: 1 })).rows)).toBe(JSON.stringify(r.rows));
    });
  });
}
