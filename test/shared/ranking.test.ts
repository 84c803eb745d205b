import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ranking, rankingSql, type RankedRegion } from '../../shared/analytics/ranking.js';
import { listIndicators, listPeriods, tableCounts } from '../../shared/model/catalog.js';
import type { Connector } from '../../shared/db/connector.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-computed fixture. Counties of 990100 in 2025Q4:
 *   X01 GDP (亿元, higher better): A 100, B 80, C 100, D 50; E 70 but E was abolished 2023-06-30 (not compared).
 *     ranks A 1, C 1 (tie), B 3, D 4; average (100+80+100+50)/4 = 82.5; gaps +17.5, +17.5, −2.5, −32.5.
 *   X02 能耗 (lower better): A 0.5, B 0.3, C NULL, D no row → B 1, A 2; average 0.4; compared 2.
 *   X03 rate (%): C 5.5, D 7.0 in group g2 → D 1 (+0.75 pp), C 2 (−0.75 pp); average 6.25.
 *   Cities: 990100 330, 990200 500 → 990200 first.
 * Movement of X01 (Δrank = earlier − current):
 *   2025Q3: A 90, B 95, C 60, D 70 → B 1, A 2, D 3, C 4, so A +1 (前进1位), C +3, B −2 (后退2位), D −1.
 *   2024Q4: A 50, D 60 → D 1, A 2, so A +1, D −3; B and C have no rank there (null).
 * Benchmarks of X01 2025Q4: A's annual target 120 → gap −20 (−16.667 %); the others fall back to the catalogue's
 *   目标值 200 → B −120 (−60 %); parent 甲市 330 → A −230 (−69.697 %); a given 90 → A +10 (+11.111 %).
 */
const region = (code: string, name: string, level: string, parent: string | null, group: string | null, validTo: string | null = null) => ({
  region_code: code, name, level, parent_code: parent, eval_group: group, valid_from: '2020-01-01', valid_to: validTo,
});
const value = (r: string, i: string, v: number | null, period = '2025Q4') => ({ region_code: r, indicator_id: i, period, value: v });

const fixture = fixtureWorkspace({
  regions: [
    region('990000', '示例省', 'province', null, null),
    region('990100', '甲市', 'city', '990000', '地级市'),
    region('990200', '乙市', 'city', '990000', '地级市'),
    region('990101', '甲一区', 'county', '990100', 'g1'),
    region('990102', '甲二县', 'county', '990100', 'g1'),
    region('990103', '甲三县', 'county', '990100', 'g2'),
    region('990104', '甲四县', 'county', '990100', 'g2'),
    region('990105', '甲五县', 'county', '990100', 'g2', '2023-06-30'),
  ],
  indicators: [
    { indicator_id: 'X01', name: '地区生产总值', unit: '亿元', direction: 1, basis: '累计', target_value: 200 },
    { indicator_id: 'X02', name: '单位GDP能耗', unit: '吨标准煤/万元', direction: -1, basis: '累计' },
    { indicator_id: 'X03', name: '增速', unit: '%', direction: 1, basis: '累计' },
  ],
  indicator_values: [
    { ...value('990101', 'X01', 100), annual_target: 120 }, value('990102', 'X01', 80), value('990103', 'X01', 100), value('990104', 'X01', 50),
    value('990105', 'X01', 70), value('990100', 'X01', 330), value('990200', 'X01', 500),
    value('990101', 'X01', 90, '2025Q3'), value('990102', 'X01', 95, '2025Q3'), value('990103', 'X01', 60, '2025Q3'),
    value('990104', 'X01', 70, '2025Q3'), value('990101', 'X01', 50, '2024Q4'), value('990104', 'X01', 60, '2024Q4'),
    value('990101', 'X02', 0.5), value('990102', 'X02', 0.3), value('990103', 'X02', null),
    value('990103', 'X03', 5.5), value('990104', 'X03', 7.0),
  ],
});

for (const factory of connectorFactories) {
  describe(`ranking on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('loads every table with rows in = rows out', async () => {
      const counts = Object.fromEntries((await tableCounts(db)).map((t) => [t.name, t.rows]));
      expect(counts).toMatchObject({ regions: 8, indicators: 3, indicator_values: 18, cadres: 0 });
    });

    it('ranks with shared ranks for ties and gaps to the average', async () => {
      const r = await ranking(db, { indicator: 'X01', period: '2025Q4', level: 'county' });
      expect(r.average).toBe(82.5);
      expect(r.compared).toBe(4);
      expect(r.rows.map((x) => [x.regionCode, x.rank, x.value, x.gap])).toEqual([
        ['990101', 1, 100, 17.5],
        ['990103', 1, 100, 17.5],
        ['990102', 3, 80, -2.5],
        ['990104', 4, 50, -32.5],
      ]);
    });

    it('measures rank movement against the previous period and the same period last year', async () => {
      const r = await ranking(db, { indicator: 'X01', period: '2025Q4', level: 'county' });
      expect([r.previousPeriod, r.lastYearPeriod]).toEqual(['2025Q3', '2024Q4']);
      expect(r.rows.map((x) => [x.regionCode, x.rankPrevious, x.movePrevious, x.rankLastYear, x.moveLastYear])).toEqual([
        ['990101', 2, 1, 2, 1],
        ['990103', 4, 3, null, null],
        ['990102', 1, -2, null, null],
        ['990104', 3, -1, 1, -3],
      ]);
    });

    it('measures gaps against the benchmark the user chose, in the unit and in % (pp only for rates)', async () => {
      const byCode = (rows: readonly RankedRegion[], code: string) => rows.find((x) => x.regionCode === code);
      const t = await ranking(db, { indicator: 'X01', period: '2025Q4', level: 'county', benchmark: 'target' });
      const a = byCode(t.rows, '990101') as RankedRegion;
      const b = byCode(t.rows, '990102') as RankedRegion;
      expect([a.benchmark, a.gap, b.benchmark, b.gap]).toEqual([120, -20, 200, -120]);
      expect(a.gapPct).toBeCloseTo(-16.6667, 3);
      expect(b.gapPct).toBeCloseTo(-60, 9);
      const p = await ranking(db, { indicator: 'X01', period: '2025Q4', level: 'county', benchmark: 'parent' });
      expect(p.rows.map((x) => x.benchmark)).toEqual([330, 330, 330, 330]);
      expect(byCode(p.rows, '990101')?.gap).toBe(-230);
      expect((byCode(p.rows, '990101') as RankedRegion).gapPct).toBeCloseTo(-69.697, 3);
      const n = await ranking(db, { indicator: 'X01', period: '2025Q4', level: 'county', benchmark: 90 });
      expect(byCode(n.rows, '990101')?.gap).toBe(10);
      expect((byCode(n.rows, '990101') as RankedRegion).gapPct).toBeCloseTo(11.111, 3);
      // A rate's gap is already in 个百分点: no % of it.
      const g = await ranking(db, { indicator: 'X03', period: '2025Q4', level: 'county', group: 'g2', benchmark: 6 });
      expect(g.rows.map((x) => [x.regionCode, x.gap, x.gapPct])).toEqual([['990104', 1, null], ['990103', -0.5, null]]);
    });

    it('ranks lower-is-better indicators ascending and puts missing values last without a rank', async () => {
      const r = await ranking(db, { indicator: 'X02', period: '2025Q4', level: 'county' });
      expect(r.indicator.direction).toBe(-1);
      expect(r.compared).toBe(2);
      expect(r.average).toBeCloseTo(0.4, 12);
      expect(r.rows.map((x) => [x.regionCode, x.rank])).toEqual([
        ['990102', 1],
        ['990101', 2],
        ['990103', null],
        ['990104', null],
      ]);
      expect(r.rows[0]?.gap).toBeCloseTo(-0.1, 12);
    });

    it('filters by evaluation group and by level', async () => {
      const g = await ranking(db, { indicator: 'X03', period: '2025Q4', level: 'county', group: 'g2' });
      expect(g.rows.map((x) => [x.regionCode, x.rank, x.gap])).toEqual([
        ['990104', 1, 0.75],
        ['990103', 2, -0.75],
      ]);
      const c = await ranking(db, { indicator: 'X01', period: '2025Q4', level: 'city' });
      expect(c.rows.map((x) => [x.name, x.rank, x.value])).toEqual([
        ['乙市', 1, 500],
        ['甲市', 2, 330],
      ]);
    });

    it('keeps abolished regions out after their validity', async () => {
      const r = await ranking(db, { indicator: 'X01', period: '2025Q4', level: 'county', parent: '990100' });
      expect(r.rows.some((x) => x.regionCode === '990105')).toBe(false);
    });

    it('lists indicators and periods', async () => {
      expect((await listIndicators(db)).map((i) => [i.id, i.direction])).toEqual([['X01', 1], ['X02', -1], ['X03', 1]]);
      expect(await listPeriods(db, 'X01')).toEqual(['2025Q4', '2025Q3', '2024Q4']);
    });

    it('quotes hostile parameters instead of pasting them', async () => {
      const evil = "X01' OR '1'='1";
      expect(rankingSql({ indicator: evil, period: '2025Q4', level: 'county' })).toContain("'X01'' OR ''1''=''1'");
      await expect(ranking(db, { indicator: evil, period: '2025Q4', level: 'county' })).rejects.toThrow(/不在指标目录/);
    });
  });
}
