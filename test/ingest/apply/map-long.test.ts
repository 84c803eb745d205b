import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout } from '../../../shared/ingest/apply/apply.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, rowsOf, sheet } from '../../support/ingest-fixture.js';

/*
 * A long sheet (one value per row) exported from a data platform, with a unit column and period texts.
 * Rows 2–14 are read (13):
 *   2  990101 地区生产总值 2025年一季度                    → imported (2025Q1)
 *   3  990101000000 (12-digit statistical code) 上半年     → imported (2025Q2), code corrected
 *   4  ３３０１０８ (full-width; 滨江区 not in regions)      → rejected
 *   5  990102 一般公共预算收入 in 万元, '12,345'             → imported: 1.2345 亿元
 *   6  990102 'GDP' (not in the catalogue)                → rejected
 *   7  990103 地区生产总值 in 吨                           → imported for its yoy only; the value is rejected
 *   8  990103 values empty                               → skipped (no values)
 *   9  990101 地区生产总值 2025Q1 again                     → rejected (duplicate of row 2)
 *   10 330106000000 西湖区 城镇居民人均可支配收入 1-9月      → imported (330106, 2025Q3)
 *   11 990104 '2025年13月'                                 → rejected (period)
 *   12 blank                                             → skipped
 *   13 990101 '2024年' among quarters                     → imported as 2024Q4
 *   14 the header again (a page header of a long export) → skipped
 * So 13 = imported 6 + rejected 4 + skipped 3.
 */
const long = sheet(
  '指标数据导出.xlsx',
  [
    ['区划代码', '地区', '指标名称', '计量单位', '期间', '数值', '同比增长(%)'],
    ['990101', '甲一区', '地区生产总值', '亿元', '2025年一季度', '30.5', '5.1'],
    ['990101000000', '甲一区', '地区生产总值', '亿元', '2025年上半年', 62, 5.3],
    ['３３０１０８', '滨江区', '地区生产总值', '亿元', '2025年上半年', 80, 6],
    ['990102', '甲二县', '一般公共预算收入', '万元', '2025年1-6月', '12,345', '—'],
    ['990102', '甲二县', 'GDP', '亿元', '2025年1-6月', 40, 1],
    ['990103', '甲三县', '地区生产总值', '吨', '2025年1-6月', 40, 1],
    ['990103', '甲三县', '地区生产总值', '亿元', '2025年第三季度', null, ''],
    ['990101', '甲一区', '地区生产总值', '亿元', '2025Q1', 31, null],
    ['330106000000', '西湖区', '城镇居民人均可支配收入', '元', '2025年1-9月', '58,000', 4.8],
    ['990104', '山阳土家族自治县', '地区生产总值', '亿元', '2025年13月', 5, null],
    [null, null, null, null, null, null, null],
    ['990101', '甲一区', '地区生产总值', '亿元', '2024年', 120, '4.0'],
    ['区划代码', '地区', '指标名称', '计量单位', '期间', '数值', '同比增长(%)'],
  ],
  [],
  null,
);

describe.each(connectorFactories)('long indicator sheet on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('detects a long sheet with region code, indicator, unit, period and value columns', async () => {
    const staged = await stageRawSheet(db, long, 'stage_long');
    const plan = detectLayout(staged.sample, catalogueContext(long.file));
    expect(plan).toMatchObject({ table: 'indicator_values', shape: 'long', headerRows: [1], firstDataRow: 2, period: null });
    expect(plan.periodSource).toEqual({ kind: 'column', column: 4, header: '期间' });
    expect(plan.columns.map((c) => c.role.kind)).toEqual(['region_code', 'region_name', 'indicator_name', 'unit', 'period', 'value', 'yoy']);
  });

  it('imports 6 rows, rejects 4, skips 3, with units converted and periods aligned', async () => {
    const staged = await stageRawSheet(db, long, 'stage_long');
    const applied = await applyLayout(db, staged, detectLayout(staged.sample, catalogueContext(long.file)), { importId: 'long1' });
    expectAccounted(applied.report, { read: 13, imported: 6, rejected: 4, skipped: 3 });
    expect(applied.report.issues.filter((i) => i.kind === 'skipped').map((i) => [i.row, i.reason])).toEqual([
      [8, '该行没有可导入的数值（均为空或缺失标记）'],
      [12, '空行'],
      [14, '重复的表头行'],
    ]);
    expect(applied.report.valuesImported).toBe(6);
    const left = await db.query(`SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, 'imp_long1_') ORDER BY table_name`);
    expect(left.rows.map((r) => r.table_name)).toEqual(['imp_long1_indicator_values', 'imp_long1_issues', 'imp_long1_rows']);
    const out = await rowsOf(db, applied.table, 'src_row');
    expect(out.map((o) => [o.src_row, o.region_code, o.indicator_id, o.period, o.value, o.yoy_pct])).toEqual([
      [2, '990101', 'X01', '2025Q1', 30.5, 5.1],
      [3, '990101', 'X01', '2025Q2', 62, 5.3],
      [5, '990102', 'X03', '2025Q2', 1.2345, null],
      [7, '990103', 'X01', '2025Q2', null, 1],
      [10, '330106', 'X04', '2025Q3', 58000, 4.8],
      [13, '990101', 'X01', '2024Q4', 120, 4],
    ]);
    const rejected = applied.report.issues.filter((i) => i.kind === 'rejected').map((i) => [i.row, i.column, i.value, i.reason]);
    expect(rejected).toEqual([
      [4, '区划代码', '３３０１０８', '区划代码 330108 不在区划表中（请先导入区划），地区「滨江区」也找不到'],
      [6, '指标名称', 'GDP', '指标「GDP」在指标目录中找不到'],
      [7, '数值', '40', '单位「吨」与指标目录的「亿元」不同，无法换算'],
      [9, null, null, '与第 2 行重复（地区 990101、指标 X01、期间 2025Q1 相同），未导入'],
      [11, '期间', '2025年13月', '期间「2025年13月」无法识别（应如 2025年三季度、2025年1-9月、2025Q3、2025-09）'],
    ]);
    const corrected = applied.report.issues.filter((i) => i.kind === 'corrected').map((i) => [i.row, i.column, i.reason]);
    expect(corrected).toEqual([
      [3, '区划代码', '按区划代码 990101 读入'],
      [5, '数值', '按数值读入（去掉千位分隔符）'],
      [10, '区划代码', '按区划代码 330106 读入'],
      [10, '数值', '按数值读入（去掉千位分隔符）'],
    ]);
    // A missing-value mark is 缺失, not a correction.
    expect(applied.report.issues.filter((i) => i.kind === 'missing').map((i) => [i.row, i.column, i.reason])).toEqual([[5, '同比增长(%)', '缺失值标记，按空值处理']]);
  });
});
