import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout } from '../../../shared/ingest/apply/apply.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, rowsOf, sheet } from '../../support/ingest-fixture.js';

/*
 * One indicator over several periods: the indicator is named in the title, the unit in a title row
 * ('单位：万元', converted to the catalogue's 亿元), the periods are the columns. Among 2023年/2024年 and
 * 2025年1-9月 the years become Q4 (one series, one granularity). Rows read: 5 (rows 4–8):
 *   4 甲一区 (three values) → imported, 5 乙一区 with '—' → imported (2 values),
 *   6 西湖区 (code 330106 by name) → imported, 7 全市 → skipped (totals), 8 (blank) → skipped.
 * So 5 = imported 3 + rejected 0 + skipped 2; long rows 3 + 2 + 3 = 8.
 */
const wp = sheet(
  '历年数据.xlsx',
  [
    ['各县（市、区）地区生产总值', null, null, null],
    [null, null, null, '单位：万元'],
    ['县（市、区）', '2023年', '2024年', '2025年1-9月'],
    ['甲一区', 1_000_000, 1_100_000, 870_000],
    ['乙一区', 500_000, '—', 400_000],
    ['西湖区', 21_000_000, 22_000_000, 17_000_000],
    ['全市', 22_500_000, 23_100_000, 18_270_000],
    [null, null, null, null],
  ],
  [{ r0: 0, c0: 0, r1: 0, c1: 3 }],
);

describe.each(connectorFactories)('wide-periods sheet on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('takes the indicator from the title and the periods from the header', async () => {
    const staged = await stageRawSheet(db, wp, 'stage_wp');
    const plan = detectLayout(staged.sample, catalogueContext(wp.file));
    expect(plan).toMatchObject({ table: 'indicator_values', shape: 'wide-periods', unit: '万元', period: null, periodSource: { kind: 'header' } });
    expect(plan.indicator).toEqual({ id: 'X01', name: '地区生产总值', source: 'title' });
    expect(plan.columns.map((c) => c.role)).toEqual([
      { kind: 'region_name' },
      { kind: 'value', period: '2023Q4', indicator: 'X01', scale: { mul: 1, div: 10000 } },
      { kind: 'value', period: '2024Q4', indicator: 'X01', scale: { mul: 1, div: 10000 } },
      { kind: 'value', period: '2025Q3', indicator: 'X01', scale: { mul: 1, div: 10000 } },
    ]);
  });

  it('unpivots periods into long rows', async () => {
    const staged = await stageRawSheet(db, wp, 'stage_wp');
    const applied = await applyLayout(db, staged, detectLayout(staged.sample, catalogueContext(wp.file)), { importId: 'wp1' });
    expectAccounted(applied.report, { read: 5, imported: 3, rejected: 0, skipped: 2 });
    expect(applied.report.valuesImported).toBe(8);
    const out = await rowsOf(db, applied.table, 'src_row, period');
    expect(out.map((o) => [o.region_code, o.indicator_id, o.period, o.value])).toEqual([
      ['990101', 'X01', '2023Q4', 100],
      ['990101', 'X01', '2024Q4', 110],
      ['990101', 'X01', '2025Q3', 87],
      ['990201', 'X01', '2023Q4', 50],
      ['990201', 'X01', '2025Q3', 40],
      ['330106', 'X01', '2023Q4', 2100],
      ['330106', 'X01', '2024Q4', 2200],
      ['330106', 'X01', '2025Q3', 1700],
    ]);
    expect(applied.report.issues.filter((i) => i.kind === 'skipped').map((i) => i.reason)).toEqual(['合计行（全市）', '空行']);
  });
});
