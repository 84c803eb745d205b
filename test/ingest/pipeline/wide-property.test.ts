import fc from 'fast-check';
import iconv from 'iconv-lite';
import { utils, write } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { discardImport, prepareImport, validateImport } from '../../../shared/ingest/pipeline/pipeline.js';
import { loadWorkspace } from '../../../shared/workspace/load.js';
import { quoteIdent } from '../../../shared/db/sql.js';
import { connectorFactories } from '../../support/connectors.js';
import { fixtureWorkspace } from '../../support/fixture-workspace.js';

/**
 * The property: wide sheets from random subsets of a catalogue full of similar names, in random order,
 * with and without a units row, as GB18030 CSV and as XLSX. Every indicator column must import to its own
 * indicator with every one of its values. 500 runs, fixed seed (reported in the closing note).
 */
export const RUNS = 500;
export const SEED = 20261202;

const CATALOGUE: readonly [string, string, string][] = [
  ['ZJ01', '地区生产总值', '亿元'],
  ['ZJ02', '地区生产总值增速', '%'],
  ['ZJ03', '一般公共预算收入', '亿元'],
  ['ZJ04', '一般公共预算收入增速', '%'],
  ['ZJ05', '规上工业增加值', '亿元'],
  ['ZJ06', '规上工业增加值增速', '%'],
  ['ZJ07', '居民人均可支配收入', '元'],
  ['ZJ08', '农村居民人均可支配收入', '元'],
  ['ZJ09', '城镇居民人均可支配收入', '元'],
  ['ZJ10', '社会消费品零售总额', '亿元'],
  ['ZJ11', '社会消费品零售总额增速', '%'],
  ['ZJ12', '固定资产投资增速', '%'],
  ['ZJ13', 'PM2.5平均浓度', '微克/立方米'],
  ['ZJ14', '城镇登记失业率', '%'],
  ['ZJ15', '每万人发明专利拥有量', '件/万人'],
  ['ZJ16', '常住人口', '万人'],
];
const REGIONS: readonly [string, string][] = [
  ['330102', '上城区'],
  ['330105', '拱墅区'],
  ['330106', '西湖区'],
  ['330108', '滨江区'],
  ['330109', '萧山区'],
  ['330110', '余杭区'],
];

const fixture = fixtureWorkspace({
  regions: [{ region_code: '330100', name: '杭州市', level: 'city', parent_code: '330000' }, ...REGIONS.map(([c, n]) => ({ region_code: c, name: n, level: 'county', parent_code: '330100' }))],
  indicators: CATALOGUE.map(([id, name, unit]) => ({ indicator_id: id, name, unit, direction: 1 })),
});

const sheetArb = fc.record({
  columns: fc.shuffledSubarray([...CATALOGUE.keys()], { minLength: 1 }),
  regions: fc.shuffledSubarray([...REGIONS.keys()], { minLength: 1 }),
  unitsRow: fc.boolean(),
  // Hundredths, so that every value is exact in a spreadsheet and in text; some cells empty.
  cells: fc.array(fc.option(fc.integer({ min: -99999, max: 9999999 }), { freq: 6 }), { minLength: CATALOGUE.length * REGIONS.length, maxLength: CATALOGUE.length * REGIONS.length }),
});
type Sheet = typeof sheetArb extends fc.Arbitrary<infer T> ? T : never;

function rowsOf(s: Sheet): (string | number | null)[][] {
  const head = ['地区', ...s.columns.map((c) => CATALOGUE[c]?.[1] ?? '')];
  const units = ['', ...s.columns.map((c) => CATALOGUE[c]?.[2] ?? '')];
  const body = s.regions.map((r, i) => [REGIONS[r]?.[1] ?? '', ...s.columns.map((c, j) => valueAt(s, i, j))]);
  return [['2025年前三季度各区主要经济指标'], head, ...(s.unitsRow ? [units] : []), ...body];
}
const valueAt = (s: Sheet, i: number, j: number): number | null => {
  const v = s.cells[i * CATALOGUE.length + j];
  return v === null || v === undefined ? null : v / 100;
};

/** What must land: (region, indicator, value) for every non-empty cell. */
function expected(s: Sheet): string[] {
  const out: string[] = [];
  s.regions.forEach((r, i) =>
    s.columns.forEach((c, j) => {
      const v = valueAt(s, i, j);
      if (v !== null) out.push(`${REGIONS[r]?.[0]}|${CATALOGUE[c]?.[0]}|${v}`);
    }),
  );
  return out.sort();
}

function csvBytes(s: Sheet): Uint8Array {
  const text = rowsOf(s).map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\r\n');
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}
function xlsxBytes(s: Sheet): Uint8Array {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet(rowsOf(s)), '主要指标');
  return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

for (const factory of connectorFactories) {
  describe(`wide sheets of similar names land on their own indicators (${factory.name})`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, fixture.read);
    });
    afterAll(() => db.close());

    it(`${RUNS} random sheets, GB18030 CSV and XLSX, seed ${SEED}: every column on its own indicator, every value imported`, async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(sheetArb, async (s) => {
          runs++;
          const session = await prepareImport(db, [{ name: '前三季度.csv', bytes: csvBytes(s) }, { name: '前三季度.xlsx', bytes: xlsxBytes(s) }]);
          const v = await validateImport(db, session);
          try {
            expect(v.sheetErrors).toEqual([]);
            expect(v.applied).toHaveLength(2);
            for (const { applied } of v.applied) {
              const r = applied.report;
              const targets = r.columns.slice(1).map((c) => c.target);
              expect(targets, `${r.file} columns`).toEqual(s.columns.map((c) => `指标 ${CATALOGUE[c]?.[0]} ${CATALOGUE[c]?.[1]}（数值）`));
              expect(r.rowsRejected, `${r.file} rejected`).toBe(0);
              expect(r.columnWarnings).toBe(0);
              const got = (await db.query(`SELECT region_code, indicator_id, value FROM ${quoteIdent(applied.table)} WHERE period = '2025Q3'`)).rows;
              expect(got.map((g) => `${g.region_code}|${g.indicator_id}|${g.value}`).sort(), `${r.file} values`).toEqual(expected(s));
              expect(got.length).toBe(r.valuesImported);
            }
          } finally {
            await discardImport(db, v);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(runs).toBe(RUNS);
    }, 900_000);
  });
}
