import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout } from '../../../shared/ingest/apply/apply.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, rowsOf, sheet } from '../../support/ingest-fixture.js';

/*
 * A roster (干部名册) without a 干部编号 column: cadre_id is derived from 身份证号, else 姓名 + 出生年月.
 * Rows read: 8 (rows 3–10):
 *   3 张  三 1975.03, ID with trailing x          → imported (name '张三', ID …X corrected)
 *   4 李四 197503, ID with a leading zero         → imported
 *   5 王五 '1980.1' (warning), 15-digit ID         → imported
 *   6 no name                                    → rejected (姓名 required)
 *   7 赵六 bad ID '12345'                          → imported without id_no (cadre_id from 姓名 + 出生年月)
 *   8 钱七 ID with a wrong check digit             → imported with a warning
 *   9 张三 again, same ID as row 3                  → rejected (duplicate cadre_id)
 *   10 注：…                                       → skipped
 * So 8 = imported 5 + rejected 2 + skipped 1.
 */
const roster = sheet(
  '干部名册.xls',
  [
    ['甲市处级干部名册', null, null, null, null, null, null],
    ['序号', '姓名', '性别', '出生年月', '参工时间', '身份证号', '现任职务'],
    [1, '张  三', '男', '1975.03', '1996.07', '11010519491231002x', '甲一区区委书记'],
    [2, '李四', '女', 197503, '199807', '012345199001011232', ' 甲二县县长 '],
    [3, '王五', '男', 1980.1, '2002年8月', '110105491231002', '乙二县县长'],
    [4, null, '男', '1970.05', '1990.09', '330106198003151231', '甲三县副县长'],
    [5, '赵六', '男', '1968-11-02', '1988.7', '12345', '乙一区区长'],
    [6, '钱七', '女', '1979年12月', '2001/8', '440305197506123450', '甲市副市长'],
    [7, '张三', '男', '1975.03', '1996.07', '11010519491231002X', '甲一区区委书记'],
    ['注：数据截至2025年9月30日。', null, null, null, null, null, null],
  ],
  [{ r0: 0, c0: 0, r1: 0, c1: 6 }],
);

describe.each(connectorFactories)('roster sheet on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('maps the roster to cadres', async () => {
    const staged = await stageRawSheet(db, roster, 'stage_roster');
    const plan = detectLayout(staged.sample, catalogueContext(roster.file));
    expect(plan).toMatchObject({ table: 'cadres', shape: 'records', titleRows: [1], headerRows: [2], firstDataRow: 3 });
    expect(plan.columns.map((c) => c.role.column ?? c.role.kind)).toEqual(['ignore', 'name', 'gender', 'birth_ym', 'work_start_ym', 'id_no', 'current_post']);
  });

  it('imports 5 cadres, rejects 2 and skips the footnote, normalising dates and ID numbers', async () => {
    const staged = await stageRawSheet(db, roster, 'stage_roster');
    const applied = await applyLayout(db, staged, detectLayout(staged.sample, catalogueContext(roster.file)), { importId: 'roster1' });
    expectAccounted(applied.report, { read: 8, imported: 5, rejected: 2, skipped: 1 });
    const out = await rowsOf(db, applied.table, 'src_row');
    expect(out.map((o) => [o.src_row, o.name, o.gender, o.birth_ym, o.work_start_ym, o.id_no, o.current_post])).toEqual([
      [3, '张三', '男', '1975-03', '1996-07', '11010519491231002X', '甲一区区委书记'],
      [4, '李四', '女', '1975-03', '1998-07', '012345199001011232', '甲二县县长'],
      [5, '王五', '男', '1980-01', '2002-08', '110105491231002', '乙二县县长'],
      [7, '赵六', '男', '1968-11', '1988-07', null, '乙一区区长'],
      [8, '钱七', '女', '1979-12', '2001-08', '440305197506123450', '甲市副市长'],
    ]);
    // Keys are stable, do not reveal the ID number, and differ per person.
    const ids = out.map((o) => String(o.cadre_id));
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^G[0-9a-f]{16}$/);
    expect(ids.some((id) => id.includes('1101051949'))).toBe(false);
    const again = await applyLayout(db, staged, detectLayout(staged.sample, catalogueContext(roster.file)), { importId: 'roster2' });
    expect((await rowsOf(db, again.table, 'src_row')).map((o) => o.cadre_id)).toEqual(ids);

    const issues = applied.report.issues.filter((i) => i.kind !== 'corrected').map((i) => [i.row, i.column, i.kind, i.reason]);
    expect(issues).toEqual([
      [5, '出生年月', 'warning', '按 1980-01 读入；若原为 1980.10（表格软件去掉了末尾的 0），请核对'],
      [6, '姓名', 'rejected', '缺少必填项「姓名」'],
      [7, '身份证号', 'rejected', '身份证号应为 15 位或 18 位数字（18 位的末位可为 X）（该项未导入）'],
      [8, '身份证号', 'warning', '身份证号校验位不符（按前 17 位应为 7），请核对'],
      [9, null, 'rejected', '与第 3 行重复（干部编号 ' + ids[0] + '），未导入'],
      [10, null, 'skipped', '表尾注释或说明'],
    ]);
    const corrected = applied.report.issues.filter((i) => i.kind === 'corrected' && i.row === 3).map((i) => [i.column, i.value, i.reason]);
    expect(corrected).toEqual([
      ['姓名', '张  三', '规范为「张三」'],
      ['出生年月', '1975.03', '按 1975-03 读入'],
      ['参工时间', '1996.07', '按 1996-07 读入'],
      ['身份证号', '11010519491231002x', '已去除空格并统一末位 X'],
    ]);
  });
});

/*
 * An assessment sheet names people by 姓名 + 出生年月 (no 干部编号): the same derived cadre_id as the roster.
 * Rows read: 4 = imported 3 (free-text grade, code 1, 基本称职) + rejected 1 (unknown grade).
 */
const grades = sheet('2024年度考核结果.xlsx', [
  ['姓名', '出生年月', '年度', '考核等次'],
  ['李四', '1975.03', '2024年度', '2024年度考核优秀'],
  ['赵六', '1968-11-02', 2024, '1'],
  ['王五', '1980.01', '2024', '基本称职'],
  ['钱七', '1979.12', '2024', '良好'],
]);

describe.each(connectorFactories)('assessment sheet on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('links assessments to the cadres of the roster by 姓名 + 出生年月', async () => {
    const ctx = catalogueContext(grades.file);
    const staged = await stageRawSheet(db, grades, 'stage_grades');
    const plan = detectLayout(staged.sample, ctx);
    expect(plan).toMatchObject({ table: 'assessments', shape: 'records' });
    expect(plan.columns.map((c) => c.role.column)).toEqual(['name', 'birth_ym', 'year', 'result']);
    expect(plan.notes).toContain('未找到「干部编号」列：按姓名和出生年月（缺出生年月时按身份证号）生成，编号不含身份证号');
    const applied = await applyLayout(db, staged, plan, { importId: 'grades1' });
    expectAccounted(applied.report, { read: 4, imported: 3, rejected: 1, skipped: 0 });
    const rosterStaged = await stageRawSheet(db, roster, 'stage_roster2');
    const people = await applyLayout(db, rosterStaged, detectLayout(rosterStaged.sample, catalogueContext(roster.file)), { importId: 'roster3' });
    const joined = await db.query(
      `SELECT c.name, a.year, a.result, a.kind FROM ${applied.table} a JOIN ${people.table} c USING (cadre_id) ORDER BY a.src_row`,
    );
    expect(joined.rows.map((r) => [r.name, r.year, r.result, r.kind])).toEqual([
      ['李四', 2024, '优秀', '年度'],
      ['赵六', 2024, '优秀', '年度'],
      ['王五', 2024, '基本称职', '年度'],
    ]);
    expect(applied.report.issues.find((i) => i.kind === 'rejected')).toMatchObject({ row: 5, column: '考核等次', value: '良好' });
  });
});

/*
 * A roster as another 干部管理信息系统 exports it: other header words (干部姓名, 族别, 出生年月（年龄）, 党派,
 * 全日制教育学历, 工作单位及职务, 职务级别, 身份证件号码) and ages printed after the birth month.
 * 2 rows read = 2 imported.
 */
const otherSystem = sheet('处级干部花名册.xlsx', [
  ['序号', '干部姓名', '性别', '族别', '出生年月（年龄）', '党派', '入党日期', '参加工作年月', '全日制教育学历', '在职教育学历', '工作单位及职务', '职务级别', '现职级', '身份证件号码'],
  [1, '孙立', '女', '汉族', '1980.05（45岁）', '中共党员', '2001.06', '2002.07', '大学', '研究生', '甲市财政局局长', '正处', '一级调研员', '110105198005151224'],
  [2, '周明', '男', '回族', '197211(52)', '九三学社', null, '1994.08', '大专', null, '甲二县副县长', '副处', null, null],
]);

describe.each(connectorFactories)('a roster from another cadre system on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('maps every header to its cadres column and reads birth months followed by ages', async () => {
    const staged = await stageRawSheet(db, otherSystem, 'stage_other');
    const plan = detectLayout(staged.sample, catalogueContext(otherSystem.file));
    expect(plan.table).toBe('cadres');
    expect(plan.columns.map((c) => (c.role.kind === 'column' ? c.role.column : c.role.kind))).toEqual([
      'ignore', 'name', 'gender', 'ethnicity', 'birth_ym', 'party', 'party_join_ym', 'work_start_ym', 'ft_edu', 'is_edu', 'current_post', 'post_level', 'rank_level', 'id_no',
    ]);
    const applied = await applyLayout(db, staged, plan, { importId: 'other1' });
    expectAccounted(applied.report, { read: 2, imported: 2, rejected: 0, skipped: 0 });
    const out = await rowsOf(db, applied.table, 'src_row');
    expect(out.map((o) => [o.name, o.birth_ym, o.party, o.party_join_ym, o.work_start_ym, o.ft_edu, o.current_post, o.post_level, o.id_no])).toEqual([
      ['孙立', '1980-05', '中共党员', '2001-06', '2002-07', '大学', '甲市财政局局长', '正处', '110105198005151224'],
      ['周明', '1972-11', '九三学社', null, '1994-08', '大专', '甲二县副县长', '副处', null],
    ]);
  });
});
