import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heatmap, periodHeatmap, sortRows, competitionRanks } from '../../shared/analytics/heatmap.js';
import type { Connector } from '../../shared/db/connector.js';
import { buildDerived } from '../../shared/analytics/derived.js';
import { heatmapPage } from '../../shared/analytics/heatmap-page.js';
import { invalidateDerived } from '../../shared/db/derived-state.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-computed fixture, 2025Q4, counties A B C (D has no value, E abolished in 2023):
 *   H1 (higher better): A 10, B 20, C 30 → mean 20, population sd √(200/3) = 8.164966;
 *     scores A −1.224745, B 0, C +1.224745; ranks C 1, B 2, A 3.
 *   H2 (lower better):  A 1, B 1, C 4 → mean 2, sd √2; scores (x − 2)/√2 × −1: A +0.707107, B +0.707107, C −1.414214;
 *     ranks A 1, B 1 (tie), C 3.
 *   Composite (mean of scores): A −0.258819, B +0.353553, C −0.094734 → B 1, C 2, A 3; D none.
 * Regions × periods of H1: 2025Q3 A 10, B 10 → sd 0, both score 0 and rank 1; 2025Q4 as above.
 */
const county = (code: string, name: string, validTo: string | null = null) => ({
  region_code: code, name, level: 'county', parent_code: '990100', valid_from: '2020-01-01', valid_to: validTo,
});
const v = (r: string, i: string, value: number, period = '2025Q4') => ({ region_code: r, indicator_id: i, period, value });
const fixture = fixtureWorkspace({
  regions: [
    { region_code: '990100', name: '甲市', level: 'city', parent_code: null },
    county('990101', 'A'), county('990102', 'B'), county('990103', 'C'), county('990104', 'D'), county('990105', 'E', '2023-06-30'),
  ],
  indicators: [
    { indicator_id: 'H1', name: '总量', unit: '亿元', direction: 1, basis: '累计' },
    { indicator_id: 'H2', name: '能耗', unit: '吨', direction: -1, basis: '累计' },
  ],
  indicator_values: [
    v('990101', 'H1', 10), v('990102', 'H1', 20), v('990103', 'H1', 30), v('990105', 'H1', 99),
    v('990101', 'H2', 1), v('990102', 'H2', 1), v('990103', 'H2', 4),
    v('990101', 'H1', 10, '2025Q3'), v('990102', 'H1', 10, '2025Q3'),
  ],
});

const r6 = (x: ArrayLike<number>) => Array.from(x, (n) => (Number.isNaN(n) ? null : Math.round(n * 1e6) / 1e6));

for (const factory of connectorFactories) {
  describe(`heat map on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it('standardises each indicator direction-aware and ranks with ties', async () => {
      const { matrix: m, indicators } = await heatmap(db, { period: '2025Q4', level: 'county' });
      expect(indicators.map((i) => i.id)).toEqual(['H1', 'H2']);
      expect(m.rowCodes).toEqual(['990101', '990102', '990103', '990104']);
      // row-major: A(H1, H2), B(H1, H2), C(H1, H2), D(H1, H2)
      expect(r6(m.values)).toEqual([10, 1, 20, 1, 30, 4, null, null]);
      expect(r6(m.scores)).toEqual([-1.224745, 0.707107, 0, 0.707107, 1.224745, -1.414214, null, null]);
      expect(r6(m.ranks)).toEqual([3, 1, 2, 1, 1, 3, null, null]);
      expect(r6(m.composite)).toEqual([-0.258819, 0.353553, -0.094734, null]);
      expect(r6(m.compositeRank)).toEqual([3, 1, 2, null]);
    });

    it('sorts rows by composite, by code or by one column, missing last', async () => {
      const { matrix: m } = await heatmap(db, { period: '2025Q4', level: 'county' });
      const names = (order: number[]) => order.map((i) => m.rowNames[i]);
      expect(names(sortRows(m, 'composite'))).toEqual(['B', 'C', 'A', 'D']);
      expect(names(sortRows(m, 'code'))).toEqual(['A', 'B', 'C', 'D']);
      expect(names(sortRows(m, { col: 1 }))).toEqual(['A', 'B', 'C', 'D']);
      expect(names(sortRows(m, { col: 0 }))).toEqual(['C', 'B', 'A', 'D']);
    });

    it('builds regions × periods for one indicator, a constant period scoring 0 for all', async () => {
      const { matrix: m } = await periodHeatmap(db, { indicator: 'H1', level: 'county' });
      expect(m.cols).toEqual(['2025Q3', '2025Q4']);
      expect(r6(m.scores)).toEqual([0, -1.224745, 0, 0, null, 1.224745, null, null]);
      expect(r6(m.ranks)).toEqual([1, 3, 1, 2, null, 1, null, null]);
    });

    it('ranks ties at the top, middle and bottom as competition ranks', () => {
      expect(r6(competitionRanks(Float64Array.from([5, 5, 3, 2, 2, NaN, 1, 1])))).toEqual([1, 1, 3, 4, 4, null, 6, 6]);
    });

    it('pages the matrix as the view draws it: every row in order, the cells of the rows in view, the same numbers', async () => {
      const full = (await heatmap(db, { period: '2025Q4', level: 'county' })).matrix;
      const cell = (m: typeof full, code: string) => {
        const r = m.rowCodes.indexOf(code);
        return r6(m.scores.subarray(r * m.cols.length, (r + 1) * m.cols.length));
      };
      await buildDerived(db);
      for (const sort of ['composite', 'code', { col: 'H2' }] as const) {
        // Composite order B C A, then D (no value); by H2: A B (tie, by code), C, D.
        const page = await heatmapPage(db, { period: '2025Q4', level: 'county', sort, start: 1, count: 2 });
        expect(page.complete).toBe(false);
        const order = page.order.map((r) => page.matrix.rowNames[r]);
        expect(order).toEqual(sort === 'composite' ? ['B', 'C', 'A', 'D'] : sort === 'code' ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C', 'D']);
        expect(r6(page.matrix.composite)).toEqual(r6(full.composite));
        expect(r6(page.matrix.compositeRank)).toEqual(r6(full.compositeRank));
        // Rows 2 and 3 in view are filled, as in the whole matrix; the others are not fetched.
        const inView = page.order.slice(1, 3).map((r) => page.matrix.rowCodes[r] as string);
        for (const code of inView) expect(cell(page.matrix, code)).toEqual(cell(full, code));
        const out = page.order.slice(0, 1).map((r) => page.matrix.rowCodes[r] as string)[0] as string;
        expect(cell(page.matrix, out)).toEqual([null, null]);
      }
      // Past the end, the window is clamped to the last rows.
      expect((await heatmapPage(db, { period: '2025Q4', level: 'county', sort: 'code', start: 99, count: 2 })).first).toBe(2);
      invalidateDerived(db);
      const direct = await heatmapPage(db, { period: '2025Q4', level: 'county', sort: 'composite', start: 0, count: 2 });
      expect([direct.complete, direct.order.map((r) => direct.matrix.rowNames[r])]).toEqual([true, ['B', 'C', 'A', 'D']]);
    });
  });
}
