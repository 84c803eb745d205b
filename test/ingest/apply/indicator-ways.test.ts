import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout, type AppliedSheet } from '../../../shared/ingest/apply/apply.js';
import { rowWise } from '../../../shared/ingest/apply/apply-indicator-rows.js';
import { applyOverrides, detectLayout } from '../../../shared/ingest/layout/layout.js';
import type { LayoutPlan } from '../../../shared/ingest/layout/layout-types.js';
import { readIssues, type ReportIssue } from '../../../shared/ingest/report.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import type { StagedSheet } from '../../../shared/ingest/types.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, rowsOf, sheet } from '../../support/ingest-fixture.js';

/*
 * A long sheet breaking every rule an indicator row can break, applied both ways: row by row (the default for
 * sheets whose measures share one indicator and period source) and cell by cell (as wide sheets are). The two must
 * give the same canonical rows, row statuses, issues and report. Rows 2–31 are read (30):
 *   2  990101 X01 2025年一季度                 → imported
 *   3  990101000000 (12-digit code)             → imported, code corrected
 *   4  990999 某某县 (neither code nor name)     → rejected
 *   5  '99010X' (not a code)                    → rejected
 *   6  城关区 without code (two regions)         → rejected, on the name column
 *   7  乙一区 without code                       → imported, matched by name (corrected)
 *   8  neither code nor name                    → rejected (缺少地区)
 *   9  GDP (not in the catalogue)               → rejected
 *   10 indicator empty                          → rejected (缺少指标)
 *   11 2025年13月                               → rejected (period)
 *   12 period empty                             → rejected (缺少期间)
 *   13 value 'abc', yoy 4                       → imported (yoy only), the value rejected
 *   14 value 'abc', nothing else                → rejected
 *   15 value and yoy '—'                        → skipped (no values), two 缺失
 *   16 '1,234' and '+5%'                        → imported, both corrected
 *   17 万元 → 亿元                               → imported, 1.2345
 *   18 吨 (no conversion to 元)                  → imported (yoy only), the value rejected
 *   19, 20 990101 X01 2025Q1 again              → rejected, duplicates of row 2
 *   21 blank                                    → skipped
 *   22 合计                                      → skipped
 *   23 unknown region, no values                → skipped (no values): the region is not reported
 *   24 no region, value 'abc'                   → rejected (缺少地区); the cell is not reported
 *   25 value '1e999', yoy 1                     → imported (yoy only), the value out of range
 *   26 value '  ', yoy '１２'                    → imported, yoy corrected
 *   27 target only                              → imported
 *   28 330106000000 西湖区                       → imported
 *   29 ３３０１０６ full-width, X04 again         → rejected, duplicate of row 28
 *   30 注：…                                     → skipped (footnote)
 *   31 来源：…                                   → skipped (footnote)
 * So 30 = imported 11 + rejected 13 + skipped 6.
 */
const H = ['区划代码', '地区', '指标名称', '计量单位', '期间', '数值', '同比增长(%)', '全年目标'];
const every = sheet('规则.xlsx', [
  H,
  ['990101', '甲一区', '地区生产总值', '亿元', '2025年一季度', '30.5', '5.1', null],
  ['990101000000', '甲一区', '地区生产总值', '亿元', '2025年二季度', 62, 5.3, 100],
  ['990999', '某某县', '地区生产总值', '亿元', '2025年二季度', 1, 1, null],
  ['99010X', null, '地区生产总值', '亿元', '2025年二季度', 1, 1, null],
  [null, '城关区', '地区生产总值', '亿元', '2025年二季度', 7, 1, null],
  [null, '乙一区', '地区生产总值', '亿元', '2025年二季度', 8, 2, null],
  [null, null, '地区生产总值', '亿元', '2025年二季度', 9, null, null],
  ['990102', '甲二县', 'GDP', '亿元', '2025年二季度', 40, 1, null],
  ['990102', '甲二县', null, '亿元', '2025年二季度', 41, 1, null],
  ['990102', '甲二县', '地区生产总值', '亿元', '2025年13月', 5, 1, null],
  ['990102', '甲二县', '地区生产总值', '亿元', null, 5, 1, null],
  ['990103', '甲三县', '地区生产总值', '亿元', '2025年二季度', 'abc', 4, null],
  ['990103', '甲三县', '规模以上工业增加值', '亿元', '2025年二季度', 'abc', null, null],
  ['990103', '甲三县', '一般公共预算收入', '亿元', '2025年二季度', '—', '—', null],
  ['990104', '山阳土家族自治县', '地区生产总值', '亿元', '2025年二季度', '1,234', '+5%', null],
  ['990104', '山阳土家族自治县', '一般公共预算收入', '万元', '2025年二季度', 12345, 1, null],
  ['990104', '山阳土家族自治县', '城镇居民人均可支配收入', '吨', '2025年二季度', 100, 2, null],
  ['990101', '甲一区', '地区生产总值', '亿元', '2025年一季度', 31, null, null],
  ['990101', '甲一区', '地区生产总值', '亿元', '2025年一季度', 32, null, null],
  [null, null, null, null, null, null, null, null],
  [null, '合计', '地区生产总值', '亿元', '2025年二季度', 999, null, null],
  ['990999', '未知县', '地区生产总值', '亿元', '2025年二季度', null, null, null],
  [null, null, 'GDP', null, 'xx', 'abc', null, null],
  ['990201', '乙一区', '地区生产总值', '亿元', '2025年三季度', '1e999', 1, null],
  ['990202', '乙二县', '地区生产总值', '亿元', '2025年三季度', '  ', '１２', null],
  ['990205', '乙四区', '地区生产总值', '亿元', '2025年三季度', null, null, 300],
  ['330106000000', '西湖区', '城镇居民人均可支配收入', '元', '2025年三季度', '58,000', 4.8, null],
  ['３３０１０６', '西湖区', '城镇居民人均可支配收入', '元', '2025年三季度', 58001, null, null],
  ['注：数据为初步统计', null, null, null, null, null, null, null],
  ['来源：统计局', null, null, null, null, null, null, null],
]);

/** One sheet of one indicator (named by its value column): every measure shares that indicator and the sheet's period. */
const single = sheet('地区生产总值.xlsx', [
  ['区划代码', '地区', '地区生产总值', '数据阶段'],
  ['990101', '甲一区', 10, '初步'],
  ['990102', '甲二县', '１０,０００', null],
  ['990102', '甲二县', 11, '初步'],
  ['990999', null, 12, null],
  ['990103', '甲三县', 'n/a', null],
  ['990104', null, '#DIV/0!', null],
]);

/** Long sheets with only one of the two region columns (a statistics export with codes, a hand-made sheet with names). */
const codesOnly = sheet('代码.xlsx', [
  ['区划代码', '指标名称', '期间', '数值'],
  ['990101000000', '地区生产总值', '2025年一季度', 30],
  ['990999', '地区生产总值', '2025年一季度', 1],
  [null, '地区生产总值', '2025年一季度', 2],
  ['990102', '地区生产总值', '2025年一季度', 40],
]);
const namesOnly = sheet('名称.xlsx', [
  ['地区', '指标名称', '期间', '数值'],
  ['乙一区', '地区生产总值', '2025年一季度', 8],
  ['城关区', '地区生产总值', '2025年一季度', 7],
  ['某某县', '地区生产总值', '2025年一季度', 1],
  ['甲二县', '地区生产总值', '2025年一季度', 40],
]);

interface Outcome {
  readonly report: unknown;
  readonly issues: ReportIssue[];
  readonly out: Record<string, unknown>[];
  readonly statuses: readonly unknown[];
}

async function outcome(db: Connector, staged: StagedSheet, plan: LayoutPlan, importId: string, cellWise: boolean): Promise<Outcome & { applied: AppliedSheet }> {
  const applied = await applyLayout(db, staged, plan, { importId, cellWise });
  // Issues of one row and column with the same kind have no order between them: compare them sorted.
  const sorted = (list: readonly ReportIssue[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    applied,
    report: { ...applied.report, issues: sorted(applied.report.issues) },
    issues: sorted(await readIssues(db, applied.issuesTable, { file: staged.file, sheet: staged.sheet })),
    out: await rowsOf(db, applied.table, 'src_row, indicator_id, period'),
    statuses: (await db.query(`SELECT src_row, status FROM "${applied.rowsTable}" ORDER BY src_row`)).rows,
  };
}

describe.each(connectorFactories)('indicator sheets row by row and cell by cell on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('gives the same rows, statuses, issues and report on a sheet breaking every rule', async () => {
    const staged = await stageRawSheet(db, every, 'stage_every');
    const ctx = catalogueContext(every.file);
    const detected = detectLayout(staged.sample, ctx);
    const plan = applyOverrides(detected, { columns: [{ index: 7, role: { kind: 'target' } }] }, { sample: staged.sample, ctx });
    expect(plan.columns.map((c) => c.role.kind)).toEqual(['region_code', 'region_name', 'indicator_name', 'unit', 'period', 'value', 'yoy', 'target']);
    expect(rowWise(plan.columns.filter((c) => ['value', 'yoy', 'target'].includes(c.role.kind)))).toBe(true);
    const rows = await outcome(db, staged, plan, 'ev_rows', false);
    const cells = await outcome(db, staged, plan, 'ev_cells', true);
    const { applied, ...got } = rows;
    const { applied: _cellsApplied, ...want } = cells;
    expect(got).toEqual(want);

    expectAccounted(applied.report, { read: 30, imported: 11, rejected: 13, skipped: 6 });
    const status = (s: string) => rows.statuses.filter((r) => (r as { status: string }).status === s).map((r) => (r as { src_row: number }).src_row);
    expect(status('imported')).toEqual([2, 3, 7, 13, 16, 17, 18, 25, 26, 27, 28]);
    expect(status('rejected')).toEqual([4, 5, 6, 8, 9, 10, 11, 12, 14, 19, 20, 24, 29]);
    expect(status('skipped')).toEqual([15, 21, 22, 23, 30, 31]);
    const rejected = rows.issues.filter((i) => i.kind === 'rejected').map((i) => [i.row, i.column, i.reason]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(rejected).toEqual([
      [4, '区划代码', '区划代码 990999 不在区划表中（请先导入区划），地区「某某县」也找不到'],
      [5, '区划代码', '区划代码「99010X」不是有效的六位行政区划代码'],
      [6, '地区', '地区「城关区」对应多个区划（990203、990303），请改用区划代码'],
      [8, '地区', '缺少地区：区划代码和地区名称均为空'],
      [9, '指标名称', '指标「GDP」在指标目录中找不到'],
      [10, '指标名称', '缺少指标'],
      [11, '期间', '期间「2025年13月」无法识别（应如 2025年三季度、2025年1-9月、2025Q3、2025-09）'],
      [12, '期间', '缺少期间'],
      [13, '数值', '无法识别为数值'],
      [14, '数值', '无法识别为数值'],
      [18, '数值', '单位「吨」与指标目录的「元」不同，无法换算'],
      [19, null, '与第 2 行重复（地区 990101、指标 X01、期间 2025Q1 相同），未导入'],
      [20, null, '与第 2 行重复（地区 990101、指标 X01、期间 2025Q1 相同），未导入'],
      [24, '地区', '缺少地区：区划代码和地区名称均为空'],
      [25, '数值', '数值超出可表示范围'],
      [29, null, '与第 28 行重复（地区 330106、指标 X04、期间 2025Q3 相同），未导入'],
    ]);
    expect(rows.out.map((o) => [o.src_row, o.indicator_id, o.period, o.value, o.yoy_pct, o.annual_target])).toEqual([
      [2, 'X01', '2025Q1', 30.5, 5.1, null],
      [3, 'X01', '2025Q2', 62, 5.3, 100],
      [7, 'X01', '2025Q2', 8, 2, null],
      [13, 'X01', '2025Q2', null, 4, null],
      [16, 'X01', '2025Q2', 1234, 5, null],
      [17, 'X03', '2025Q2', 1.2345, 1, null],
      [18, 'X04', '2025Q2', null, 2, null],
      [25, 'X01', '2025Q3', null, 1, null],
      [26, 'X01', '2025Q3', null, 12, null],
      [27, 'X01', '2025Q3', null, null, 300],
      [28, 'X04', '2025Q3', 58000, 4.8, null],
    ]);
  });

  it('gives the same on a sheet of one indicator, with a stage column and the period given', async () => {
    const staged = await stageRawSheet(db, single, 'stage_single');
    const ctx = catalogueContext(single.file);
    const plan = applyOverrides(detectLayout(staged.sample, ctx), { period: '2025Q3' }, { sample: staged.sample, ctx });
    expect(plan.columns.map((c) => c.role)).toEqual([{ kind: 'region_code' }, { kind: 'region_name' }, { kind: 'value', indicator: 'X01' }, { kind: 'stage' }]);
    const rows = await outcome(db, staged, plan, 'one_rows', false);
    const cells = await outcome(db, staged, plan, 'one_cells', true);
    const { applied, ...got } = rows;
    const { applied: _cellsApplied, ...want } = cells;
    expect(got).toEqual(want);
    expectAccounted(applied.report, { read: 6, imported: 2, rejected: 2, skipped: 2 });
    expect(rows.out.map((o) => [o.src_row, o.region_code, o.indicator_id, o.period, o.value, o.data_stage])).toEqual([
      [2, '990101', 'X01', '2025Q3', 10, '初步'],
      [3, '990102', 'X01', '2025Q3', 10000, null],
    ]);
    expect(rows.issues.filter((i) => i.kind !== 'corrected').map((i) => [i.row, i.kind, i.reason])).toEqual([
      [4, 'rejected', '与第 3 行重复（地区 990102、指标 X01、期间 2025Q3 相同），未导入'],
      [5, 'rejected', '区划代码 990999 不在区划表中（请先导入区划）'],
      [6, 'missing', '缺失值标记，按空值处理'],
      [6, 'skipped', '该行没有可导入的数值（均为空或缺失标记）'],
      [7, 'missing', '公式错误值（如 #DIV/0!），按空值处理'],
      [7, 'skipped', '该行没有可导入的数值（均为空或缺失标记）'],
    ]);
  });

  it.each([
    {
      name: 'codes only',
      grid: codesOnly,
      roles: ['region_code', 'indicator_name', 'period', 'value'],
      out: [
        [2, '990101', 30],
        [5, '990102', 40],
      ],
      rejected: [
        [3, '区划代码', '区划代码 990999 不在区划表中（请先导入区划）'],
        [4, '区划代码', '缺少地区：区划代码和地区名称均为空'],
      ],
    },
    {
      name: 'names only',
      grid: namesOnly,
      roles: ['region_name', 'indicator_name', 'period', 'value'],
      out: [
        [2, '990201', 8],
        [5, '990102', 40],
      ],
      rejected: [
        [3, '地区', '地区「城关区」对应多个区划（990203、990303），请改用区划代码'],
        [4, '地区', '地区「某某县」在区划表中找不到'],
      ],
    },
  ])('gives the same on a long sheet with $name', async ({ name, grid, roles, out, rejected }) => {
    const staged = await stageRawSheet(db, grid, `stage_${roles[0]}`);
    const ctx = catalogueContext(grid.file);
    const plan = detectLayout(staged.sample, ctx);
    expect(plan.columns.map((c) => c.role.kind), name).toEqual(roles);
    const rows = await outcome(db, staged, plan, `${roles[0]}_rows`, false);
    const cells = await outcome(db, staged, plan, `${roles[0]}_cells`, true);
    const { applied, ...got } = rows;
    const { applied: _cellsApplied, ...want } = cells;
    expect(got).toEqual(want);
    expectAccounted(applied.report, { read: 4, imported: 2, rejected: 2, skipped: 0 });
    expect(rows.out.map((o) => [o.src_row, o.region_code, o.value])).toEqual(out);
    expect(rows.issues.filter((i) => i.kind === 'rejected').map((i) => [i.row, i.column, i.reason])).toEqual(rejected);
  });
});
