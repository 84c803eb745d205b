import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAdditive, quality, qualityIndex } from '../../shared/analytics/quality.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Planted, computed by hand. City 990100 with counties A–F.
 * S 总量 (亿元, additive), 2025Q4: A 10, B 11, C 12, D 13, E 14, F 101.6; the city reports 160.
 *   Outlier (all positive: on ln x): ln 10 … ln 14, ln 101.6 = 2.302585 2.397895 2.484907 2.564949 2.639057 4.621044;
 *   median 2.524928 (e^ = 12.49), |ln x − median| 0.222343 0.127033 0.040021 0.040021 0.114129 2.096116 → MAD 0.120581;
 *   F: 0.6745 × 2.096116 / 0.120581 = 11.7251.
 *   Sum: 161.6 against 160: +1.6, +1% (tolerance 0.5%) → flagged on the city.
 * R 比率 (%), 2025Q4: A 50, B 51, C 52, D 53, E missing, F 54 (no outlier: MAD 1, largest |z| 1.35).
 *   A's history 2020Q4–2024Q4: 40, 41, 42, 43.5, 44 → YoY changes 1, 1, 1.5, 0.5 (median 1, MAD 0.25);
 *   2025Q4: 50, +6 个百分点: 5 from the median (floor 5), robust z 0.6745 × 5 / 0.25 = 13.49 → a jump.
 * G 人均 (元, not additive by name) is not sum-checked.
 */
const county = (code: string, name: string) => ({ region_code: code, name, level: 'county', parent_code: '990100', valid_from: '2020-01-01' });
const v = (r: string, i: string, period: string, value: number | null) => ({ region_code: r, indicator_id: i, period, value });
const [A, B, C, D, E, F] = ['990101', '990102', '990103', '990104', '990105', '990106'];
const CITY = '990100';
const fixture = fixtureWorkspace({
  regions: [
    { region_code: CITY, name: '甲市', level: 'city', parent_code: null, valid_from: '2020-01-01' },
    county(A, 'A县'), county(B, 'B县'), county(C, 'C县'), county(D, 'D县'), county(E, 'E县'), county(F, 'F县'),
  ],
  indicators: [
    { indicator_id: 'S', name: '总量', unit: '亿元', direction: 1, basis: '累计' },
    { indicator_id: 'R', name: '比率', unit: '%', direction: 1, basis: '累计' },
    { indicator_id: 'G', name: '人均收入', unit: '元', direction: 1, basis: '累计' },
  ],
  indicator_values: [
    v(A, 'S', '2025Q4', 10), v(B, 'S', '2025Q4', 11), v(C, 'S', '2025Q4', 12), v(D, 'S', '2025Q4', 13), v(E, 'S', '2025Q4', 14), v(F, 'S', '2025Q4', 101.6), v(CITY, 'S', '2025Q4', 160),
    v(A, 'R', '2025Q4', 50), v(B, 'R', '2025Q4', 51), v(C, 'R', '2025Q4', 52), v(D, 'R', '2025Q4', 53), v(E, 'R', '2025Q4', null), v(F, 'R', '2025Q4', 54),
    v(A, 'R', '2020Q4', 40), v(A, 'R', '2021Q4', 41), v(A, 'R', '2022Q4', 42), v(A, 'R', '2023Q4', 43.5), v(A, 'R', '2024Q4', 44),
    v(A, 'G', '2025Q4', 1), v(B, 'G', '2025Q4', 1), v(C, 'G', '2025Q4', 1), v(D, 'G', '2025Q4', 1), v(E, 'G', '2025Q4', 1), v(F, 'G', '2025Q4', 1), v(CITY, 'G', '2025Q4', 1),
  ],
});

describe('additive totals', () => {
  it('are totals in additive units, not per-capita values, rates or intensities', () => {
    expect([isAdditive({ name: '地区生产总值', unit: '亿元' }), isAdditive({ name: '居民人均可支配收入', unit: '元' }), isAdditive({ name: '失业率', unit: '%' }), isAdditive({ name: '城镇新增就业人数', unit: '人' }), isAdditive({ name: '单位GDP能耗', unit: '吨标准煤/万元' })]).toEqual([true, false, false, true, false]);
  });
});

for (const factory of connectorFactories) {
  describe(`data quality on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('finds the planted missing value, outlier and jump among the counties', async () => {
      const r = await quality(db, { period: '2025Q4', level: 'county' });
      expect(r.flags.map((f) => [f.kind, f.regionCode, f.indicatorId])).toEqual([['missing', E, 'R'], ['outlier', F, 'S'], ['jump', A, 'R']]);
      expect(r.counts).toEqual({ missing: 1, outlier: 1, jump: 1, sum: 0 });
      expect(r.flags[1]?.detail).toBe('稳健Z值11.73（按对数计，中位数12.49亿元），明显高于其他地区');
      expect(r.flags[2]?.detail).toBe('较2024Q4变动6个百分点，本地区以往同比变动中位数为1个百分点（4期）');
      expect(r.regions).toBe(6);
      expect(r.additive).toEqual(['S']);
    });

    it('checks the counties’ sum against the city’s total, and flags the city where it is compared', async () => {
      const counties = await quality(db, { period: '2025Q4', level: 'county' });
      expect(counties.sums).toEqual([
        { parentCode: CITY, parentName: '甲市', indicatorId: 'S', indicatorName: '总量', total: 160, sum: 161.6, children: 6, missingChildren: 0, difference: expect.closeTo(1.6, 9), share: expect.closeTo(0.01, 9), flagged: true },
      ]);
      const cities = await quality(db, { period: '2025Q4', level: 'city' });
      expect(cities.flags.filter((f) => f.kind === 'sum').map((f) => [f.regionCode, f.indicatorId, f.detail])).toEqual([[CITY, 'S', '下级6个地区合计161.6，与本级160相差1.6（1%）']]);
      // Within tolerance (2%), nothing is flagged.
      expect((await quality(db, { period: '2025Q4', level: 'city', sumTolerance: 0.02 })).counts.sum).toBe(0);
    });

    it('checks some indicators only when asked (a ranking marks one indicator)', async () => {
      const r = await quality(db, { period: '2025Q4', level: 'county', indicators: ['R'] });
      expect(r.flags.map((f) => [f.kind, f.regionCode, f.indicatorId])).toEqual([['missing', E, 'R'], ['jump', A, 'R']]);
      expect((await quality(db, { period: '2025Q4', level: 'city', indicators: ['R'] })).sums).toEqual([]);
    });

    it('indexes the flags by region and indicator for the views', async () => {
      const r = await quality(db, { period: '2025Q4', level: 'county' });
      const ix = qualityIndex(r.flags);
      expect(ix.get(`${F}|S`)?.map((f) => f.kind)).toEqual(['outlier']);
      expect(ix.has(`${B}|S`)).toBe(false);
    });
  });
}
