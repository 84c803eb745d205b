import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout } from '../../../shared/ingest/apply/apply.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { regionKey, regionKeys, regionResolver, shortKey } from '../../../shared/ingest/layout/region-match.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, REGIONS, rowsOf, sheet } from '../../support/ingest-fixture.js';

describe('region name keys and variants', () => {
  it('folds spaces and numbering, and shortens only real administrative suffixes', () => {
    expect(regionKey(' 乙　一区 ')).toBe('乙一区');
    expect(regionKey('其中：乙二县')).toBe('乙二县');
    expect(regionKey('（一）甲一区*')).toBe('甲一区');
    expect(shortKey('通州区')).toBe('通州');
    expect(shortKey('甲新区')).toBeNull(); // 新区 stays distinct
    expect(shortKey('经济开发区')).toBeNull();
    expect(shortKey('城区')).toBeNull(); // one character would remain
    expect(regionKeys({ name: '山阳土家族自治县' }).map((k) => k.key)).toEqual(['山阳土家族自治县', '山阳土家族', '山阳']);
  });

  it('resolves in JS as the SQL table does: exact first, valid codes preferred, ambiguity reported', () => {
    const resolve = regionResolver(REGIONS.map((r) => ({ code: r.region_code, name: r.name, validTo: r.valid_to ?? null })), [{ name: '老甲一', code: '990101' }]);
    expect(resolve('甲二')).toEqual({ code: '990102', exact: false });
    expect(resolve('山阳县')).toEqual({ code: '990104', exact: false });
    expect(resolve('乙四')).toEqual({ code: '990205', exact: false }); // 乙四县 abolished, 乙四区 valid
    expect(resolve('城关区')).toEqual({ ambiguous: ['990203', '990303'] });
    expect(resolve('老甲一')).toEqual({ code: '990101', exact: false });
    expect(resolve('甲新区')).toEqual({ code: '990171', exact: true });
    expect(resolve('丁县')).toBeNull();
  });

  it('resolves full names written with their city and province, as exports often do', () => {
    const resolve = regionResolver(REGIONS.map((r) => ({ code: r.region_code, name: r.name, validTo: r.valid_to ?? null })));
    expect(resolve('甲市甲二县')).toEqual({ code: '990102', exact: false });
    expect(resolve('示例省甲市甲一区')).toEqual({ code: '990101', exact: false });
    expect(resolve('浙江省杭州市西湖区')).toEqual({ code: '330106', exact: false });
    expect(resolve('杭州市 上城区')).toEqual({ code: '330102', exact: false });
    expect(resolve('浙江省杭州市')).toEqual({ code: '330100', exact: false });
    expect(resolve('乙市乙四县')).toEqual({ code: '990204', exact: false }); // abolished, but its full name says which one
    expect(resolve('甲市乙二县')).toBeNull(); // 乙二县 is not in 甲市
  });
});

/*
 * Region names without codes. Rows read: 9 (rows 3–11):
 *   3 甲一区 exact, 4 '甲二' (suffix dropped) → 990102, 5 乙一区 written with a full-width space, exact,
 *   6 '山阳县' → 山阳土家族自治县 990104, 7 '乙四' → 990205 (the valid one), 8 甲新区 exact (not 甲…县),
 *   9 城关区 → rejected (two regions), 10 丁县 → rejected (unknown), 11 合计 → skipped.
 * So 9 = imported 6 + rejected 2 + skipped 1.
 */
const names = sheet(
  '2025年9月各地指标.xlsx',
  [
    ['2025年9月 城镇居民人均可支配收入', null],
    ['地区', '城镇居民人均可支配收入（元）'],
    ['甲一区', 4100],
    ['甲二', 3900],
    ['乙　一区', '3,800'],
    ['山阳县', 3500],
    ['乙四', 3600],
    ['甲新区', 4500],
    ['城关区', 3700],
    ['丁县', 3300],
    ['合计', 30000],
  ],
  [],
);

describe.each(connectorFactories)('region names without codes on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('resolves names and variants through the regions table and rejects ambiguous and unknown ones', async () => {
    const staged = await stageRawSheet(db, names, 'stage_names');
    const plan = detectLayout(staged.sample, catalogueContext(names.file));
    expect(plan).toMatchObject({ shape: 'wide-indicators', period: '2025-09', periodSource: { kind: 'title', row: 1 } });
    expect(plan.columns.map((c) => c.role)).toEqual([{ kind: 'region_name' }, { kind: 'value', indicator: 'X04' }]);
    const applied = await applyLayout(db, staged, plan, { importId: 'names1' });
    expectAccounted(applied.report, { read: 9, imported: 6, rejected: 2, skipped: 1 });
    const out = await rowsOf(db, applied.table, 'src_row');
    expect(out.map((o) => [o.src_row, o.region_code, o.period, o.value])).toEqual([
      [3, '990101', '2025-09', 4100],
      [4, '990102', '2025-09', 3900],
      [5, '990201', '2025-09', 3800],
      [6, '990104', '2025-09', 3500],
      [7, '990205', '2025-09', 3600],
      [8, '990171', '2025-09', 4500],
    ]);
    const issues = applied.report.issues.filter((i) => i.column === '地区').map((i) => [i.row, i.value, i.kind, i.reason]);
    expect(issues).toEqual([
      [4, '甲二', 'corrected', '地区「甲二」按「甲二县」（990102）匹配'],
      [6, '山阳县', 'corrected', '地区「山阳县」按「山阳土家族自治县」（990104）匹配'],
      [7, '乙四', 'corrected', '地区「乙四」按「乙四区」（990205）匹配'],
      [9, '城关区', 'rejected', '地区「城关区」对应多个区划（990203、990303），请改用区划代码'],
      [10, '丁县', 'rejected', '地区「丁县」在区划表中找不到'],
    ]);
  });

  it('uses aliases (old names) given with the import', async () => {
    const staged = await stageRawSheet(db, sheet('x.xlsx', [['地区', '城镇居民人均可支配收入'], ['老城关', 1]]), 'stage_alias');
    const plan = detectLayout(staged.sample, catalogueContext('2025年指标.xlsx'));
    const applied = await applyLayout(db, staged, plan, { importId: 'alias1', regionAliases: [{ name: '老城关', code: '990203' }] });
    expectAccounted(applied.report, { read: 1, imported: 1, rejected: 0, skipped: 0 });
    expect((await rowsOf(db, applied.table, 'src_row')).map((o) => o.region_code)).toEqual(['990203']);
  });
});
