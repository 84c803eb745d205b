import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HengjianError, ImportError } from '../../../shared/contract/errors.js';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout } from '../../../shared/ingest/apply/apply.js';
import { applyOverrides, detectLayout } from '../../../shared/ingest/layout/layout.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, rowsOf, sheet } from '../../support/ingest-fixture.js';

/* A sheet with no period anywhere, a fuzzy header (规上 for 规模以上) and a 备注 column. Rows read: 3, all imported. */
const plain = sheet('主要指标.xlsx', [
  ['区划代码', '名称', '地区生产总值', '规上工业增加值增速', '备注'],
  ['990101', '甲一区', 10, 1.5, '初步数'],
  ['990102', '甲二县', 20, '2.5%', null],
  ['990201', '乙一区', 30, -0.5, null],
]);

describe.each(connectorFactories)('overrides on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('refuses to import without a period, then imports with the period and column roles the user gave', async () => {
    const staged = await stageRawSheet(db, plain, 'stage_plain');
    const ctx = catalogueContext(plain.file);
    const plan = detectLayout(staged.sample, ctx);
    expect(plan.period).toBeNull();
    expect(plan.notes).toContain('未能确定期间：请在标题、文件名中注明，或手动指定（命令行 --period）');
    expect(plan.columns.map((c) => c.role)).toEqual([
      { kind: 'region_code' },
      { kind: 'region_name' },
      { kind: 'value', indicator: 'X01' },
      { kind: 'yoy', indicator: 'X02' },
      { kind: 'ignore' },
    ]);
    expect(plan.columns[3]?.confidence).toBeLessThan(1);
    await expect(applyLayout(db, staged, plan, { importId: 'ov0' })).rejects.toSatisfy(
      (e) => e instanceof ImportError && e.code === 'ingest.plan.period' && e.location.file === '主要指标.xlsx',
    );
    expect((await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, 'imp_ov0_')`)).rows[0]?.n).toBe(0);

    const fixed = applyOverrides(
      plan,
      { period: '2025年上半年', columns: [{ key: '地区生产总值', role: { kind: 'value', indicator: 'X03' } }, { index: 3, role: { kind: 'ignore' } }] },
      { sample: staged.sample, ctx },
    );
    expect(fixed).toMatchObject({ period: '2025Q2', periodSource: { kind: 'user' }, notes: [] });
    expect(fixed.columns[2]).toMatchObject({ role: { kind: 'value', indicator: 'X03' }, confidence: 1 });
    expect(fixed.columns[2]?.alternatives[0]).toMatchObject({ role: { kind: 'value', indicator: 'X01' }, label: '自动识别' });
    expect(fixed.columns[3]?.role).toEqual({ kind: 'ignore' });
    const applied = await applyLayout(db, staged, fixed, { importId: 'ov1' });
    expectAccounted(applied.report, { read: 3, imported: 3, rejected: 0, skipped: 0 });
    expect(applied.report.periodSource).toEqual({ kind: 'user' });
    expect((await rowsOf(db, applied.table, 'src_row')).map((o) => [o.region_code, o.indicator_id, o.period, o.value, o.yoy_pct])).toEqual([
      ['990101', 'X03', '2025Q2', 10, null],
      ['990102', 'X03', '2025Q2', 20, null],
      ['990201', 'X03', '2025Q2', 30, null],
    ]);
    expect(() => applyOverrides(plan, { period: '上年同期' })).toThrow(HengjianError);
  });

  it('re-reads headers and re-plans for another table, which needs the sample', async () => {
    const regionsSheet = sheet('区划.xlsx', [
      ['说明：2025年区划'],
      ['行政区划代码', '区划名称', '考核分组'],
      ['330102', '上城区', '一类'],
      ['330100', '杭州市', null],
      ['330000', '浙江省', null],
    ]);
    const staged = await stageRawSheet(db, regionsSheet, 'stage_regions');
    const ctx = catalogueContext(regionsSheet.file);
    const plan = detectLayout(staged.sample, ctx);
    expect(plan).toMatchObject({ table: 'regions', shape: 'records', headerRows: [2] });
    expect(plan.columns.map((c) => c.role.column)).toEqual(['region_code', 'name', 'eval_group']);
    const applied = await applyLayout(db, staged, plan, { importId: 'reg1' });
    expectAccounted(applied.report, { read: 3, imported: 3, rejected: 0, skipped: 0 });
    // 层级 and 上级代码 are derived from the code shape.
    expect((await rowsOf(db, applied.table, 'src_row')).map((o) => [o.region_code, o.level, o.parent_code, o.eval_group])).toEqual([
      ['330102', 'county', '330100', '一类'],
      ['330100', 'city', '330000', null],
      ['330000', 'province', null, null],
    ]);
    expect(() => applyOverrides(plan, { headerRows: [1] })).toThrow('更改目标表或表头行需要重新识别表格（缺少样本）');
    const moved = applyOverrides(plan, { headerRows: [3] }, { sample: staged.sample, ctx });
    expect(moved).toMatchObject({ headerRows: [3], firstDataRow: 4 });
    expect(moved.columns.map((c) => c.header)).toEqual(['330102', '上城区', '一类']);
    const asAppointments = applyOverrides(plan, { table: 'appointments' }, { sample: staged.sample, ctx });
    expect(asAppointments).toMatchObject({ table: 'appointments', shape: 'records' });
    expect(asAppointments.notes).toContain('缺少必填列「职务」，请指定');
  });
});
