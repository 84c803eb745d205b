import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDerived, derivedKeys, derivedPlan, derivedTablesSql, refreshDerived } from '../../shared/analytics/derived.js';
import { heatmapFromDerivedSql, validityChangesSql } from '../../shared/analytics/derived-readers.js';
import { heatmap, heatmapSql, periodHeatmap } from '../../shared/analytics/heatmap.js';
import { ranking, rankingFromDerivedSql, rankingSql } from '../../shared/analytics/ranking.js';
import { trend } from '../../shared/analytics/trend.js';
import type { ColumnResult, Connector, Row } from '../../shared/db/connector.js';
import { derivedReady, invalidateDerived, writing } from '../../shared/db/derived-state.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { connectorFactories, derivedEngine } from '../support/connectors.js';
import { fixtureWorkspace } from '../support/fixture-workspace.js';

/** Numeric-keyed heat-map cells (region_ix, col_ix) as rows with their codes (region_code, col). */
async function byCode(db: Connector, cellsSql: string): Promise<Row[]> {
  const k = await derivedKeys(db);
  const c: ColumnResult = await db.queryColumns(cellsSql);
  const n = (name: string, i: number) => c.numbers[name]?.[i] as number;
  return Array.from({ length: c.length }, (_, i) => ({
    region_code: k.region[n('region_ix', i)] as string,
    col: k.indicator[n('col_ix', i)] as string,
    value: n('value', i),
    score: n('score', i),
    rnk: n('rnk', i),
  }));
}

/*
 * Hand-computed fixture. City 990100 with counties A B C D; D was abolished on 2025-06-30 (valid in 2025Q2, not in
 * 2025Q3). Z (990199) is not in the regions table.
 * X1 (亿元, higher better, 累计), 2025Q3: A 10, B 20, C 30 (yoy_pct 7.5 delivered), D 99, Z 5; city 60.
 *   Valid counties A B C: mean 20, population sd √(200/3) = 8.164966 → scores A −1.224745, B 0, C 1.224745;
 *   ranks C 1, B 2, A 3. D and Z: no rank, no score. The city alone: rank 1, score 0 (sd 0).
 *   2024Q3: A 8, B 25, C 30, D 50 → YoY 2025Q3: A (10−8)/8 = +25 %, B (20−25)/25 = −20 %, C 7.5 (delivered wins),
 *   D (99−50)/50 = +98 %.
 *   2025Q2: A 9, B NULL (left out), D 40 → ranks D 1, A 2; mean 24.5, sd 15.5 → D +1, A −1.
 * X2 (%, lower better, 当期), 2025Q3: A 5, B 3, C 3 → ranks B 1, C 1 (tie), A 3; mean 11/3, sd √(8/9) = 0.942809;
 *   scores × −1: A −1.414214, B +0.707107, C +0.707107. YoY in 个百分点 against 2024Q3 (A 4, B 3.5): A +1, B −0.5,
 *   C none. 2025Q2: A 4.5 alone → rank 1, score 0.
 * Left out: a value of an indicator missing from the catalogue (Y9) and a non-canonical period (2025H1).
 */
const region = (code: string, name: string, level: string, parent: string | null, validTo: string | null = null) => ({
  region_code: code, name, level, parent_code: parent, valid_from: '2020-01-01', valid_to: validTo,
});
const v = (r: string, i: string, period: string, value: number | null, yoy: number | null = null) => ({
  region_code: r, indicator_id: i, period, value, yoy_pct: yoy,
});
const A = '990101';
const B = '990102';
const C = '990103';
const D = '990104';
const Z = '990199';
const CITY = '990100';
const fixture = fixtureWorkspace({
  regions: [
    region('990000', '示例省', 'province', null),
    region(CITY, '甲市', 'city', '990000'),
    region(A, 'A', 'county', CITY), region(B, 'B', 'county', CITY), region(C, 'C', 'county', CITY), region(D, 'D', 'county', CITY, '2025-06-30'),
  ],
  indicators: [
    { indicator_id: 'X1', name: '总量', unit: '亿元', direction: 1, basis: '累计' },
    { indicator_id: 'X2', name: '比率', unit: '%', direction: -1, basis: '当期' },
  ],
  indicator_values: [
    v(A, 'X1', '2025Q3', 10), v(B, 'X1', '2025Q3', 20), v(C, 'X1', '2025Q3', 30, 7.5), v(D, 'X1', '2025Q3', 99), v(Z, 'X1', '2025Q3', 5), v(CITY, 'X1', '2025Q3', 60),
    v(A, 'X1', '2024Q3', 8), v(B, 'X1', '2024Q3', 25), v(C, 'X1', '2024Q3', 30), v(D, 'X1', '2024Q3', 50),
    v(A, 'X1', '2025Q2', 9), v(B, 'X1', '2025Q2', null), v(D, 'X1', '2025Q2', 40),
    v(A, 'X2', '2025Q3', 5), v(B, 'X2', '2025Q3', 3), v(C, 'X2', '2025Q3', 3),
    v(A, 'X2', '2024Q3', 4), v(B, 'X2', '2024Q3', 3.5), v(A, 'X2', '2025Q2', 4.5),
    v(A, 'Y9', '2025Q3', 1), v(A, 'X1', '2025H1', 1),
  ],
});

const r6 = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x) * 1e6) / 1e6);
const key = (rows: readonly Row[]) => Object.fromEntries(rows.map((r) => [`${String(r.indicator_id)} ${String(r.period)} ${String(r.region_code)}`, [r6(r.rnk), r6(r.score), r6(r.yoy)]]));

async function scores(db: Connector) {
  return key((await db.query('SELECT CAST(indicator_id AS VARCHAR) AS indicator_id, CAST(period AS VARCHAR) AS period, CAST(region_code AS VARCHAR) AS region_code, rnk, score, yoy FROM derived_scores')).rows);
}

const EXPECTED: Record<string, [number | null, number | null, number | null]> = {
  [`X1 2025Q3 ${A}`]: [3, -1.224745, 25],
  [`X1 2025Q3 ${B}`]: [2, 0, -20],
  [`X1 2025Q3 ${C}`]: [1, 1.224745, 7.5],
  [`X1 2025Q3 ${D}`]: [null, null, 98],
  [`X1 2025Q3 ${Z}`]: [null, null, null],
  [`X1 2025Q3 ${CITY}`]: [1, 0, null],
  [`X1 2025Q2 ${A}`]: [2, -1, null],
  [`X1 2025Q2 ${D}`]: [1, 1, null],
  [`X2 2025Q3 ${A}`]: [3, -1.414214, 1],
  [`X2 2025Q3 ${B}`]: [1, 0.707107, -0.5],
  [`X2 2025Q3 ${C}`]: [1, 0.707107, null],
  [`X2 2025Q2 ${A}`]: [1, 0, null],
};

for (const factory of connectorFactories) {
  describe(`derived tables on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await derivedEngine(factory, fixture.read);
    });
    afterAll(() => db.close());

    it('ranks, standardises and computes YoY per indicator, period and level among the regions valid then', async () => {
      const got = await scores(db);
      for (const [k, want] of Object.entries(EXPECTED)) expect(got[k], k).toEqual(want);
      // 2024Q3 rows are there too (A B C D of X1, A B of X2): no YoY without 2023Q3.
      expect(got[`X1 2024Q3 ${D}`]).toEqual([1, 1.452625, null]);
      // Left out: the NULL value, the uncatalogued indicator and the non-canonical period.
      expect(Object.keys(got).filter((k) => k.includes(B) && k.startsWith('X1 2025Q2'))).toEqual([]);
      expect(Object.keys(got).some((k) => k.startsWith('Y9') || k.includes('2025H1'))).toBe(false);
      expect(Object.keys(got)).toHaveLength(12 + 4 + 2);
    });

    it('keeps count, mean and sd per indicator, period and level', async () => {
      const r = await db.query("SELECT level, n, mean, sd FROM derived_stats WHERE indicator_id = 'X1' AND period = '2025Q3' ORDER BY level");
      expect(r.rows.map((x) => [x.level, x.n, r6(x.mean), r6(x.sd)])).toEqual([['city', 1, 60, 0], ['county', 3, 20, 8.164966]]);
    });

    it('answers the ranking and heat map as their direct SQL does when validity does not change', async () => {
      const p = { indicator: 'X2', period: '2025Q3', level: 'county' as const };
      const direct = (await db.query(rankingSql(p))).rows;
      const derived = (await db.query(rankingFromDerivedSql(p))).rows;
      expect(derived).toEqual(direct);
      expect(derived.map((x) => [x.region_code, x.rank, x.rank_previous, x.move_last_year])).toEqual([[B, 1, null, 0], [C, 1, null, null], [A, 3, 1, -1]]);
      const h = { period: '2025Q3', level: 'county' as const };
      const sort = (rows: readonly Row[]) => rows.map((x) => [x.region_code, x.col, x.value, r6(x.score), x.rnk].join('|')).sort();
      expect(sort(await byCode(db, heatmapFromDerivedSql(h)))).toEqual(sort((await db.query(heatmapSql(h))).rows));
      expect(await byCode(db, heatmapFromDerivedSql({ ...h, indicators: ['X1'] }))).toHaveLength(3);
    });

    it('answers the ranking as its direct SQL does for every benchmark', async () => {
      // X1 2025Q3: the city (60) is the counties' parent; no annual target and no 目标值. D (ended 2025-06-30) has
      // X1 ranks in 2025Q2 and 2024Q3 that differ between the two (see below): the earlier ranks are left out for X1.
      const drop = (rows: readonly Row[]) => rows.map(({ rank_previous: _p, move_previous: _m, rank_last_year: _l, move_last_year: _y, ...rest }) => rest);
      for (const benchmark of ['avg', 'parent', 'target', 15, Number.POSITIVE_INFINITY] as const) {
        const x2 = { indicator: 'X2', period: '2025Q3', level: 'county' as const, benchmark };
        expect((await db.query(rankingFromDerivedSql(x2))).rows, `X2 ${benchmark}`).toEqual((await db.query(rankingSql(x2))).rows);
        const x1 = { ...x2, indicator: 'X1' };
        expect(drop((await db.query(rankingFromDerivedSql(x1))).rows), `X1 ${benchmark}`).toEqual(drop((await db.query(rankingSql(x1))).rows));
      }
      const gaps = async (benchmark: 'parent' | 'target' | number) =>
        (await db.query(rankingFromDerivedSql({ indicator: 'X1', period: '2025Q3', level: 'county', benchmark }))).rows.map((x) => [x.region_code, x.benchmark, x.gap, r6(x.gap_pct)]);
      expect(await gaps('parent')).toEqual([[C, 60, -30, -50], [B, 60, -40, -66.666667], [A, 60, -50, -83.333333]]);
      expect(await gaps(15)).toEqual([[C, 15, 15, 100], [B, 15, 5, 33.333333], [A, 15, -5, -33.333333]]);
      expect(await gaps('target')).toEqual([[C, null, null, null], [B, null, null, null], [A, null, null, null]]);
    });

    it('says when a validity change makes the derived ranks differ from the direct ones', async () => {
      // D ends on 2025-06-30: between 2024Q3 (last year) and 2025Q3. Its 2025Q2 rank (1) pushes A to 2 there.
      expect((await db.query(validityChangesSql('county', '2024-09-30', '2025-09-30'))).rows[0]?.n).toBe(1);
      expect((await db.query(validityChangesSql('county', '2025-07-01', '2025-09-30'))).rows[0]?.n).toBe(0);
      const p = { indicator: 'X1', period: '2025Q3', level: 'county' as const };
      const prev = (sqlText: string) => db.query(sqlText).then((r) => r.rows.find((x) => x.region_code === A)?.rank_previous);
      expect(await prev(rankingSql(p))).toBe(1);
      expect(await prev(rankingFromDerivedSql(p))).toBe(2);
    });

    it('builds one statement per chunk of indicators, taken by id range', () => {
      const chunks = (ids: string[], chunk: number) => derivedTablesSql(ids, { chunk }).filter((s) => s.includes('BETWEEN'));
      expect(chunks(['X2', 'X1', 'X3', 'X1'], 2).map((s) => /BETWEEN '(\w+)' AND '(\w+)'/.exec(s)?.slice(1).join('-'))).toEqual(['X1-X2', 'X3-X3']);
      expect(chunks([], 2)).toHaveLength(1);
      expect(derivedTablesSql(['X1'], { checkpointEvery: 1 }).filter((s) => s === 'CHECKPOINT')).toHaveLength(2);
      // At most 1.2M values a statement, whole indicators; a CHECKPOINT every ~3.6M values written.
      expect(derivedPlan(24_000_000, 200)).toEqual({ chunk: 10, checkpointEvery: 3 });
      expect(derivedPlan(1_000_000, 200)).toEqual({ chunk: 200, checkpointEvery: 3 });
      expect(derivedPlan(5_000_000, 1)).toEqual({ chunk: 1, checkpointEvery: 1 });
      expect(derivedPlan(0, 0).chunk).toBe(1);
    });

    it('the views answer from the derived tables only while they are current, with the same numbers', async () => {
      const asked = {
        ranking: { indicator: 'X2', period: '2025Q3', level: 'county' as const },
        rankingBefore: { indicator: 'X1', period: '2024Q3', level: 'county' as const, benchmark: 'parent' as const },
        heatmap: { period: '2025Q3', level: 'county' as const },
        periodHeatmap: { indicator: 'X2', level: 'county' as const, periods: ['2025Q2', '2025Q3'] },
        trend: { indicator: 'X1', regions: [A, C] },
      };
      const answers = async () =>
        digest([
          await ranking(db, asked.ranking),
          await ranking(db, asked.rankingBefore),
          await heatmap(db, asked.heatmap),
          await periodHeatmap(db, asked.periodHeatmap),
          await trend(db, asked.trend),
        ]);
      const seen: string[] = [];
      const query = db.query.bind(db);
      const queryColumns = db.queryColumns.bind(db);
      db.query = (s) => (seen.push(s), query(s));
      db.queryColumns = (s) => (seen.push(s), queryColumns(s));
      try {
        expect(derivedReady(db)).toBe(true);
        const fromDerived = await answers();
        const readDerived = seen.filter((s) => s.includes('derived_scores')).length;
        // The 2024Q3 ranking, the heat map's cells and the trend's values come from derived_scores. The 2025Q3 ranking
        // and the periods heat map rank their direct way: D ended on 2025-06-30, between 2024Q3 (and 2025Q2) and 2025Q3.
        expect(readDerived).toBe(3);
        expect(seen.filter((s) => s.includes('rank() OVER (PARTITION BY'))).toHaveLength(2);
        invalidateDerived(db);
        seen.length = 0;
        const fromDirect = await answers();
        expect(seen.some((s) => s.includes('derived_'))).toBe(false);
        expect(fromDerived).toEqual(fromDirect);
        // The trend's county average is over the counties valid at each period's end: 2025Q3 A B C (D ended).
        const t = await trend(db, asked.trend);
        expect(t.series[0]?.points.find((p) => p.period === '2025Q3')?.benchmark).toBe(20);
        expect(t.series[0]?.points.find((p) => p.period === '2025Q2')?.benchmark).toBe(24.5);
      } finally {
        db.query = query;
        db.queryColumns = queryColumns;
      }
    });

    it('refreshes only when stale, and a write during a build leaves the tables stale', async () => {
      expect((await refreshDerived(db)).status).toBe('built');
      expect(derivedReady(db)).toBe(true);
      expect((await refreshDerived(db)).status).toBe('current');
      const building = refreshDerived(db).then(() => refreshDerived(db));
      void writing(db, async () => undefined);
      // The first refresh found the tables current; the queued one saw the write and rebuilt.
      expect((await building).status).toBe('built');
      invalidateDerived(db);
      const overtaken = refreshDerived(db);
      await Promise.resolve();
      invalidateDerived(db);
      expect((await overtaken).status).toBe('stale');
      expect(derivedReady(db)).toBe(false);
      expect((await refreshDerived(db)).status).toBe('built');
    });

    it('builds on an empty workspace, and the views answer there', async () => {
      const empty = await factory.create();
      try {
        await loadWorkspace(empty, fixtureWorkspace({}).read);
        expect(await refreshDerived(empty)).toMatchObject({ status: 'built', rows: 0 });
        expect((await ranking(empty, { indicator: 'X1', period: '2025Q3', level: 'county' }).catch((e: Error) => e.message))).toContain('不在指标目录中');
        expect((await heatmap(empty, { period: '2025Q3', level: 'county' })).matrix.rowCodes).toEqual([]);
      } finally {
        await empty.close();
      }
    });

    it('a workspace load makes the derived tables stale', async () => {
      expect(derivedReady(db)).toBe(true);
      await loadWorkspace(db, fixture.read);
      expect(derivedReady(db)).toBe(false);
      await buildDerived(db);
      expect(derivedReady(db)).toBe(true);
    });
  });
}

/** A stable text of an answer (numbers to 6 decimals, typed arrays as lists, NaN as null). */
function digest(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array, (n) => (Number.isNaN(n) ? null : Math.round(n * 1e6) / 1e6));
    if (typeof v === 'number') return Number.isNaN(v) ? null : Math.round(v * 1e6) / 1e6;
    return v;
  });
}
