import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout } from '../../../shared/ingest/apply/apply.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { ISSUE_KINDS, readIssues, reportToCsv } from '../../../shared/ingest/report.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import type { RawCell } from '../../../shared/ingest/types.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, rowsOf, sheet } from '../../support/ingest-fixture.js';

/*
 * A county sheet as statistics offices send it. Rows (as numbered in Excel):
 *   1 title (merged across), 2 '单位：亿元、%', 3–4 two-row header with merged parents, 5–9 data, 10 合计,
 *   11 blank, 12–13 footnote. Rows read after the header: 13 − 4 = 9.
 *   5 甲一区  values in full-width digits, '1,234.5', '12.3%', 45678 万元 (→ 4.5678 亿元), '—'   → imported
 *   6 甲二县  '－1.5', '/' twice, 23456.7 万元 (→ 2.34567 亿元)                                    → imported
 *   7 甲三县  every value '—'                                                                     → skipped (no values)
 *   8 乙一区  'abc' for GDP (rejected cell), the rest fine                                         → imported
 *   9 丙县    not in the regions table                                                            → rejected
 *   10 合计, 11 blank, 12–13 注                                                                   → skipped
 * So read 9 = imported 3 + rejected 1 + skipped 5; long rows: 3 (row 5) + 2 (row 6) + 3 (row 8) = 8.
 */
const W = 7;
const blank = (): RawCell[] => Array<RawCell>(W).fill(null);
const rows: RawCell[][] = [
  ['2025年1-9月各县（市、区）主要经济指标', ...blank().slice(1)],
  [...blank().slice(1), '单位：亿元、%'],
  ['地区', '地区生产总值', null, '规模以上工业增加值', null, '一般公共预算收入', null],
  [null, '绝对值（亿元）', '增速（%）', '绝对值（亿元）', '增速（%）', '绝对值（万元）', '增速（%）'],
  ['甲一区', '１２３．４', 5.2, '1,234.5', '12.3%', 45678, '—'],
  ['甲二县', 88.1, '－1.5', '/', '/', 23456.7, 3.1],
  ['甲三县', '—', '—', '—', '—', '—', '—'],
  ['乙一区', 'abc', 2, 77, 1.1, 10000, 0.5],
  ['丙县', 10, 1, 2, 3, 4, 5],
  ['合  计', 300, 4.4, 2000, 8.8, 90000, 2.2],
  blank(),
  ['注：1. 数据为初步核算数。', ...blank().slice(1)],
  ['2. 增速按可比价计算。', ...blank().slice(1)],
];
const merges = [
  { r0: 0, c0: 0, r1: 0, c1: 6 },
  { r0: 2, c0: 0, r1: 3, c1: 0 },
  { r0: 2, c0: 1, r1: 2, c1: 2 },
  { r0: 2, c0: 3, r1: 2, c1: 4 },
  { r0: 2, c0: 5, r1: 2, c1: 6 },
];
const wide = sheet('各县主要指标.xlsx', rows, merges, '县区');

describe.each(connectorFactories)('wide indicator sheet on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('detects title, two-row header, period, roles and structural rows', async () => {
    const staged = await stageRawSheet(db, wide, 'stage_wide');
    const plan = detectLayout(staged.sample, catalogueContext(wide.file));
    expect(plan).toMatchObject({ table: 'indicator_values', shape: 'wide-indicators', titleRows: [1, 2], headerRows: [3, 4], firstDataRow: 5 });
    expect(plan.period).toBe('2025Q3');
    expect(plan.periodSource).toEqual({ kind: 'title', row: 1, text: '2025年1-9月各县（市、区）主要经济指标' });
    expect(plan.columns.map((c) => c.header)).toEqual([
      '地区',
      '地区生产总值/绝对值（亿元）',
      '地区生产总值/增速（%）',
      '规模以上工业增加值/绝对值（亿元）',
      '规模以上工业增加值/增速（%）',
      '一般公共预算收入/绝对值（万元）',
      '一般公共预算收入/增速（%）',
    ]);
    expect(plan.columns.map((c) => c.role)).toEqual([
      { kind: 'region_name' },
      { kind: 'value', indicator: 'X01' },
      { kind: 'yoy', indicator: 'X01' },
      { kind: 'value', indicator: 'X02' },
      { kind: 'yoy', indicator: 'X02' },
      { kind: 'value', indicator: 'X03', scale: { mul: 1, div: 10000 } },
      { kind: 'yoy', indicator: 'X03' },
    ]);
    expect(plan.rowNotes.map((n) => [n.row, n.kind])).toEqual([[10, 'totals'], [11, 'blank'], [12, 'footnote'], [13, 'footnote']]);
    expect(plan.notes).toEqual(['「一般公共预算收入/绝对值（万元）」的单位为 万元，按指标目录单位换算（×1÷10000）']);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('imports 8 long rows from 3 rows and accounts for all 9 rows read', async () => {
    const staged = await stageRawSheet(db, wide, 'stage_wide');
    const plan = detectLayout(staged.sample, catalogueContext(wide.file));
    const applied = await applyLayout(db, staged, plan, { importId: 'wide1', format: 'xlsx' });
    const r = applied.report;
    expectAccounted(r, { read: 9, imported: 3, rejected: 1, skipped: 5 });
    expect(r).toMatchObject({ file: '各县主要指标.xlsx', sheet: '县区', format: 'xlsx', table: 'indicator_values', period: '2025Q3', valuesImported: 8 });
    expect(r.issueCounts).toEqual({ corrected: 4, missing: 9, rejected: 2, skipped: 5, warning: 0 });
    // Grouped by kind (rejected first) and by reason, counted over every issue, with the first examples.
    const order = r.issueGroups.map((g) => ISSUE_KINDS.indexOf(g.kind));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(r.issueGroups.find((g) => g.kind === 'missing')).toMatchObject({ reason: '缺失值标记，按空值处理', count: 9 });
    expect(r.issueGroups.filter((g) => g.kind === 'missing').reduce((n, g) => n + g.count, 0)).toBe(9);
    expect(r.issueGroups.reduce((n, g) => n + g.count, 0)).toBe(r.issueCount);
    expect(r.issueGroups.every((g) => g.examples.length === Math.min(3, g.count))).toBe(true);
    expect(r.issueCount).toBe(20);
    expect(applied.table).toBe('imp_wide1_indicator_values');
    const out = await rowsOf(db, applied.table, 'src_row, indicator_id');
    expect(out.map((o) => [o.src_row, o.region_code, o.indicator_id, o.period, o.value, o.yoy_pct])).toEqual([
      [5, '990101', 'X01', '2025Q3', 123.4, 5.2],
      [5, '990101', 'X02', '2025Q3', 1234.5, 12.3],
      [5, '990101', 'X03', '2025Q3', 4.5678, null],
      [6, '990102', 'X01', '2025Q3', 88.1, -1.5],
      [6, '990102', 'X03', '2025Q3', 2.34567, 3.1],
      [8, '990201', 'X01', '2025Q3', null, 2],
      [8, '990201', 'X02', '2025Q3', 77, 1.1],
      [8, '990201', 'X03', '2025Q3', 1, 0.5],
    ]);
    const cols = (await db.query(`SELECT * FROM ${applied.table} LIMIT 0`)).columns;
    expect(cols).toEqual(['region_code', 'indicator_id', 'period', 'value', 'yoy_pct', 'annual_target', 'data_stage', 'src_row']);
    const statuses = await db.query(`SELECT status, array_to_string(list(src_row ORDER BY src_row), ', ') AS rows FROM ${applied.rowsTable} GROUP BY status ORDER BY status`);
    expect(statuses.rows.map((s) => [s.status, s.rows])).toEqual([
      ['imported', '5, 6, 8'],
      ['rejected', '9'],
      ['skipped', '7, 10, 11, 12, 13'],
    ]);
  });

  it('names file, sheet, Excel row, Chinese column, raw value and reason in every issue', async () => {
    const staged = await stageRawSheet(db, wide, 'stage_wide');
    const applied = await applyLayout(db, staged, detectLayout(staged.sample, catalogueContext(wide.file)), { importId: 'wide2' });
    const issues = applied.report.issues;
    expect(issues.find((i) => i.value === '1,234.5')).toEqual({
      file: '各县主要指标.xlsx', sheet: '县区', row: 5, column: '规模以上工业增加值/绝对值（亿元）', value: '1,234.5', kind: 'corrected', reason: '按数值读入（去掉千位分隔符）',
    });
    expect(issues.find((i) => i.value === 'abc')).toMatchObject({ row: 8, column: '地区生产总值/绝对值（亿元）', kind: 'rejected', reason: '无法识别为数值' });
    expect(issues.find((i) => i.row === 9)).toMatchObject({ column: '地区', value: '丙县', kind: 'rejected', reason: '地区「丙县」在区划表中找不到' });
    expect(issues.filter((i) => i.kind === 'skipped').map((i) => [i.row, i.reason])).toEqual([
      [7, '该行没有可导入的数值（均为空或缺失标记）'],
      [10, '合计行（合计）'],
      [11, '空行'],
      [12, '表尾注释或说明'],
      [13, '表尾注释或说明'],
    ]);
    expect(await readIssues(db, applied.issuesTable, { file: wide.file, sheet: '县区' }, 3)).toHaveLength(3);
    const csv = reportToCsv(applied.report);
    expect(csv.startsWith('\uFEFF文件,工作表,行号,列,原值,类别,原因\r\n')).toBe(true);
    expect(csv).toContain('各县主要指标.xlsx,县区,5,规模以上工业增加值/绝对值（亿元）,"1,234.5",更正,按数值读入（去掉千位分隔符）\r\n');
    // The header, one line per column of the sheet (7), then the 20 issues.
    expect(applied.report.columns).toHaveLength(7);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 7 + 20);
    expect(csv).toContain('各县主要指标.xlsx,县区,,地区,地区名称,列已导入,精确匹配，匹配度 100%\r\n');
  });

  it('imports 20,000 wide rows with SQL, fast', async () => {
    const big = [rows[2] as RawCell[], rows[3] as RawCell[]];
    const names = ['甲一区', '甲二县', '甲三县', '乙一区', '乙二县'];
    for (let i = 0; i < 20_000; i++) big.push([names[i % 5] as string, i, 1.5, `${i},000`, '—', i / 10, 'x']);
    const started = Date.now();
    const staged = await stageRawSheet(db, sheet('大表.xlsx', big, [{ r0: 0, c0: 0, r1: 1, c1: 0 }]), 'stage_big');
    const plan = detectLayout(staged.sample, catalogueContext('2025年三季度大表.xlsx'));
    const applied = await applyLayout(db, staged, plan, { importId: 'big' });
    // 5 names repeat: rows after the first 5 duplicate their region × indicator × period and are rejected.
    expectAccounted(applied.report, { read: 20_000, imported: 5, rejected: 19_995, skipped: 0 });
    expect(applied.report.valuesImported).toBe(15);
    expect(applied.report.period).toBe('2025Q3');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
