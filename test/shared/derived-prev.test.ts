import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankingFromDerivedSql, rankingSql } from '../../shared/analytics/ranking.js';
import type { Connector } from '../../shared/db/connector.js';
import { connectorFactories, derivedEngine } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/*
 * Hand-computed fixture of the stored earlier ranks (rnk_prev, grnk_prev, rnk_ly). Counties A B (考核分组 g1) and
 * C D (g2); X1 higher is better.
 *   2024Q1 (first period: no previous, no last year): A 7, C 6 → A 1, C 2; groups A 1, C 1.
 *   2024Q4: A 5, B 5 (tie), C 3 → A 1, B 1, C 3; groups A 1, B 1, C 1.
 *   2025Q1 (previous 2024Q4, across the year): A 1, B 2, C 3 → C 1, B 2, A 3; groups B 1, A 2, C 1.
 *     rnk_prev A 1, B 1, C 3 (the tie kept); grnk_prev A 1, B 1, C 1; rnk_ly (2024Q1) A 1, B none, C 2.
 *   2025Q2: A 4, C 2, D 9 (B missing now, D missing in 2025Q1) → D 1, A 2, C 3; groups A 1, D 1, C 2.
 *     rnk_prev A 3, C 1, D none; grnk_prev A 2, C 1, D none; no 2024Q2: rnk_ly none.
 *   Years 2024: A 10, B 20; 2025: A 30, B 10 → 2025 A 1, B 2; the previous year is last year: A 2, B 1.
 */
const region = (code: string, name: string, group: string) => ({
  region_code: code, name, level: 'county', parent_code: null, eval_group: group, valid_from: '2020-01-01', valid_to: null,
});
const v = (r: string, period: string, value: number) => ({ region_code: r, indicator_id: 'X1', period, value });
const [A, B, C, D] = ['990101', '990102', '990103', '990104'];
const fixture = fixtureWorkspace({
  regions: [region(A, 'A', 'g1'), region(B, 'B', 'g1'), region(C, 'C', 'g2'), region(D, 'D', 'g2')],
  indicators: [{ indicator_id: 'X1', name: '总量', unit: '亿元', direction: 1, basis: '累计' }],
  indicator_values: [
    v(A, '2024Q1', 7), v(C, '2024Q1', 6),
    v(A, '2024Q4', 5), v(B, '2024Q4', 5), v(C, '2024Q4', 3),
    v(A, '2025Q1', 1), v(B, '2025Q1', 2), v(C, '2025Q1', 3),
    v(A, '2025Q2', 4), v(C, '2025Q2', 2), v(D, '2025Q2', 9),
    v(A, '2024', 10), v(B, '2024', 20), v(A, '2025', 30), v(B, '2025', 10),
  ],
});

const EXPECTED: Record<string, (number | null)[]> = {
  // period region: rnk, grnk, rnk_prev, grnk_prev, rnk_ly
  [`2024Q1 ${A}`]: [1, 1, null, null, null],
  [`2024Q1 ${C}`]: [2, 1, null, null, null],
  [`2024Q4 ${A}`]: [1, 1, null, null, null],
  [`2024Q4 ${B}`]: [1, 1, null, null, null],
  [`2024Q4 ${C}`]: [3, 1, null, null, null],
  [`2025Q1 ${A}`]: [3, 2, 1, 1, 1],
  [`2025Q1 ${B}`]: [2, 1, 1, 1, null],
  [`2025Q1 ${C}`]: [1, 1, 3, 1, 2],
  [`2025Q2 ${A}`]: [2, 1, 3, 2, null],
  [`2025Q2 ${C}`]: [3, 2, 1, 1, null],
  [`2025Q2 ${D}`]: [1, 1, null, null, null],
  [`2024 ${A}`]: [2, 2, null, null, null],
  [`2024 ${B}`]: [1, 1, null, null, null],
  [`2025 ${A}`]: [1, 1, 2, 2, 2],
  [`2025 ${B}`]: [2, 2, 1, 1, 1],
};

for (const factory of connectorFactories) {
  describe(`derived earlier ranks on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await derivedEngine(factory, fixture.read);
    });
    afterAll(() => db.close());

    it('stores the previous period’s and last year’s ranks of each value, overall and within its group', async () => {
      const r = await db.query(
        'SELECT CAST(period AS VARCHAR) AS period, CAST(region_code AS VARCHAR) AS region_code, rnk, grnk, rnk_prev, grnk_prev, rnk_ly FROM derived_scores',
      );
      const got = Object.fromEntries(
        r.rows.map((x) => [`${String(x.period)} ${String(x.region_code)}`, [x.rnk, x.grnk, x.rnk_prev, x.grnk_prev, x.rnk_ly].map((y) => (y === null ? null : Number(y)))]),
      );
      expect(got).toEqual(EXPECTED);
    });

    it('ranks from the derived table as the direct SQL does, a region without a value now keeping its earlier ranks', async () => {
      for (const period of ['2025Q1', '2025Q2', '2025']) {
        const p = { indicator: 'X1', period, level: 'county' as const };
        const [direct, derived] = [(await db.query(rankingSql(p))).rows, (await db.query(rankingFromDerivedSql(p))).rows];
        const pick = (rows: typeof direct) => rows.map((x) => [x.region_code, x.rank, x.rank_previous, x.rank_last_year].map((y) => (typeof y === 'bigint' ? Number(y) : y)));
        expect(pick(derived), period).toEqual(pick(direct));
      }
      // 2025Q2: B has no value now; its 2025Q1 rank (2) is still shown.
      const q2 = (await db.query(rankingFromDerivedSql({ indicator: 'X1', period: '2025Q2', level: 'county' }))).rows;
      expect(q2.map((x) => [x.region_code, x.rank === null ? null : Number(x.rank), x.rank_previous === null ? null : Number(x.rank_previous)])).toEqual([
        [D, 1, null], [A, 2, 3], [C, 3, 1], [B, null, 2],
      ]);
    });
  });
}
