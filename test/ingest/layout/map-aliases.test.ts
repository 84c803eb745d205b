import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { commitImport, prepareImport, validateImport } from '../../../shared/ingest/pipeline/pipeline.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, sheet } from '../../support/ingest-fixture.js';

const csv = (lines: string[]) => ({ name: lines[0] as string, bytes: new TextEncoder().encode(lines.slice(1).join('\r\n') + '\r\n') });

/*
 * A 区划别名 sheet, rows 2–6: 老甲一 → 990101 and 甲一县 → 990101 import; 旧城 → 999999 is rejected (no such
 * region); row 5 has no alias (required) and is rejected; 西湖县 → 330106 (a real Zhejiang code) imports.
 * 5 read = 3 imported + 2 rejected.
 */
const aliasSheet = csv([
  '区划别名.csv',
  '曾用名,现区划代码,变更日期,备注',
  '老甲一,990101,2019年12月31日,撤县设区',
  '甲一县,990101,2019-12-31,撤县设区',
  '旧城,999999,,不存在的区划',
  ',990102,,',
  '西湖县,330106,,示例',
]);

/*
 * An indicator sheet naming regions the old way: 老甲一 and 甲一县 (aliases of 990101, the second in the same
 * file, so a duplicate), 西湖县 (alias) and 甲二县 (current name). 4 read = 3 imported + 1 rejected (duplicate).
 */
const oldNames = csv([
  '2025年9月城镇居民人均可支配收入.csv',
  '地区,城镇居民人均可支配收入',
  '老甲一,4100',
  '甲二县,3900',
  '西湖县,5200',
  '甲一县,4000',
]);

/* Full names: 甲市甲二县 → 990102, 浙江省杭州市西湖区 → 330106. 2 read = 2 imported. */
const fullNames = csv(['2025年9月城镇居民人均可支配收入（全称）.csv', '地区,城镇居民人均可支配收入', '甲市甲二县,3900', '浙江省杭州市西湖区,5200']);

describe('choosing region_aliases as the target table', () => {
  it('takes a sheet for aliases only when a header says 别名/曾用名/原名称 outright; regions sheets stay regions', () => {
    const tableOf = (h: string[]) => detectLayout(sheet('x.xlsx', [h, h.map((x) => (x.includes('代码') ? '990101' : x === '级别' ? '县' : '甲'))]), catalogueContext('x.xlsx')).table;
    expect(tableOf(['区划代码', '地区名称', '备注'])).toBe('regions');
    expect(tableOf(['序号', '区划代码', '地区名称', '备注'])).toBe('regions');
    expect(tableOf(['代码', '名称', '级别', '备注'])).toBe('regions');
    expect(tableOf(['区划代码', '名称', '级别', '简称', '备注'])).toBe('regions');
    expect(tableOf(['曾用名', '现区划代码', '变更日期', '备注'])).toBe('region_aliases');
    expect(tableOf(['别名', '区划代码'])).toBe('region_aliases');
    expect(tableOf(['原名称', '区划代码', '说明'])).toBe('region_aliases');
  });
});

describe.each(connectorFactories)('region aliases on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('imports a sheet of old names into region_aliases, rejecting aliases of unknown regions', async () => {
    const session = await prepareImport(db, [aliasSheet]);
    expect(session.sheets[0]?.plan.table).toBe('region_aliases');
    const v = await validateImport(db, session);
    const report = v.applied[0]?.applied.report;
    expectAccounted(report as NonNullable<typeof report>, { read: 5, imported: 3, rejected: 2, skipped: 0 });
    expect(report?.issues.filter((i) => i.kind === 'rejected').map((i) => [i.row, i.reason])).toEqual([
      [4, '区划代码「999999」不在区划表中（请先导入区划表）'],
      [5, '缺少必填项「别名」'],
    ]);
    await commitImport(db, v);
    const rows = await db.query('SELECT alias, region_code, CAST(valid_to AS VARCHAR) AS valid_to, note FROM region_aliases ORDER BY alias');
    expect(rows.rows).toEqual([
      { alias: '甲一县', region_code: '990101', valid_to: '2019-12-31', note: '撤县设区' },
      { alias: '老甲一', region_code: '990101', valid_to: '2019-12-31', note: '撤县设区' },
      { alias: '西湖县', region_code: '330106', valid_to: null, note: '示例' },
    ]);
  });

  it('takes regions, their aliases and data naming them from one import, whatever order the files come in', async () => {
    const files = [
      csv(['别名.csv', '曾用名,现区划代码', '老丙一,990301']),
      csv(['2025年9月城镇居民人均可支配收入（新区划）.csv', '地区,城镇居民人均可支配收入', '老丙一,3100', '丙二县,3200']),
      csv(['新区划.csv', '区划代码,名称,层级', '990301,丙一县,县', '990302,丙二县,县']),
    ];
    const v = await validateImport(db, await prepareImport(db, files));
    expect(v.applied.map((a) => [a.applied.report.file, a.applied.report.table, a.applied.report.rowsImported, a.applied.report.rowsRejected])).toEqual([
      ['别名.csv', 'region_aliases', 1, 0],
      ['2025年9月城镇居民人均可支配收入（新区划）.csv', 'indicator_values', 2, 0],
      ['新区划.csv', 'regions', 2, 0],
    ]);
    // 老丙一 resolves through the alias and 丙二县 by name, both regions of this same import.
    const iv = v.applied[1]?.applied;
    expect((await db.query(`SELECT region_code, value FROM "${iv?.table}" ORDER BY region_code`)).rows).toEqual([
      { region_code: '990301', value: 3100 },
      { region_code: '990302', value: 3200 },
    ]);
    await commitImport(db, v);
    expect((await db.query("SELECT count(*) AS n FROM regions WHERE region_code IN ('990301', '990302')")).rows[0]?.n).toBe(2);
  });

  it('resolves old names through the stored aliases, and full names with city and province, when importing indicator data', async () => {
    const v = await validateImport(db, await prepareImport(db, [oldNames]));
    const applied = v.applied[0]?.applied;
    expectAccounted(applied?.report as NonNullable<typeof applied>['report'], { read: 4, imported: 3, rejected: 1, skipped: 0 });
    const out = await db.query(`SELECT src_row, region_code, value FROM "${applied?.table}" ORDER BY src_row`);
    expect(out.rows.map((r) => [r.src_row, r.region_code, r.value])).toEqual([
      [2, '990101', 4100],
      [3, '990102', 3900],
      [4, '330106', 5200],
    ]);
    const full = (await validateImport(db, await prepareImport(db, [fullNames]))).applied[0]?.applied;
    expectAccounted(full?.report as NonNullable<typeof full>['report'], { read: 2, imported: 2, rejected: 0, skipped: 0 });
    expect((await db.query(`SELECT region_code FROM "${full?.table}" ORDER BY src_row`)).rows.map((r) => r.region_code)).toEqual(['990102', '330106']);
    const notes = applied?.report.issues.map((i) => [i.row, i.kind, i.reason]);
    expect(notes).toEqual([
      [2, 'corrected', '地区「老甲一」按「甲一区」（990101）匹配'],
      [4, 'corrected', '地区「西湖县」按「西湖区」（330106）匹配'],
      [5, 'corrected', '地区「甲一县」按「甲一区」（990101）匹配'],
      [5, 'rejected', '与第 2 行重复（地区 990101、指标 X04、期间 2025-09 相同），未导入'],
    ]);
  });
});
