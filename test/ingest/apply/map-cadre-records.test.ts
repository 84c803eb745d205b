import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { applyLayout } from '../../../shared/ingest/apply/apply.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { normalizeValue } from '../../../shared/ingest/values/values.js';
import { cadreKey } from '../../../shared/model/cadre-id.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, expectAccounted, loadCatalogue, rowsOf, sheet } from '../../support/ingest-fixture.js';

/*
 * A 干部记实 sheet (负面清单, 提醒/函询/诫勉, 一线考核) as a county's 组织部 keeps it, with a title row and a note.
 * cadre_id is derived from 姓名 + 出生年月 (row 7: from 身份证号, no birth month). Rows read: 8 (rows 3–10):
 *   3 张三 诫勉谈话 → 诫勉                                  imported
 *   4 李四 谈话提醒 → 提醒                                  imported
 *   5 李四 负面清单, 类别 管理松软                          imported
 *   6 王五 负面清单, 类别 「工作作风漂浮」 (not one of 14)   imported with a 提示 (kept as written)
 *   7 赵六 (ID only) 函询                                   imported
 *   8 钱七 类型 「通报批评」                                rejected: unknown kind (row 8, column 类型)
 *   9 孙八 一线考核, no 日期                                rejected: 日期 required
 *   10 注：…                                                skipped
 * So 8 = imported 5 + rejected 2 + skipped 1.
 */
const records = sheet('干部记实.xlsx', [
  ['2025年度干部记实登记表', null, null, null, null, null, null, null],
  ['序号', '姓名', '出生年月', '身份证号', '日期', '类型', '负面清单类别', '来源', '具体情况'].slice(0, 9),
  [1, '张三', '1975.03', null, '2024-05-10', '诫勉谈话', null, '县纪委监委', '落实整改不到位'],
  [2, '李四', '1980.11', null, '2023.09.01', '谈话提醒', null, '组织部', '会议纪律'],
  [3, '李四', '1980.11', null, '2024/3/2', '负面清单', '管理松软', '巡察反馈', '班子管理松散'],
  [4, '王五', '1978.07', null, '2025年1月6日', '负面清单', '工作作风漂浮', '督查', '调研走过场'],
  [5, '赵六', null, '110105194912310021', '2022-12-20', '函询', null, '信访', '反映问题函询'],
  [6, '钱七', '1982.02', null, '2024-06-01', '通报批评', null, '督查', '—'],
  [7, '孙八', '1979.04', null, null, '一线考核', null, '一线考核组', '抗洪一线表现突出'],
  ['注：本表由县委组织部干部科填报。', null, null, null, null, null, null, null, null],
]);

describe('record kind and category values', () => {
  it('normalises kinds to the vocabulary and rejects others in Chinese', () => {
    expect(normalizeValue('record_kind', '诫勉谈话')).toMatchObject({ value: '诫勉' });
    expect(normalizeValue('record_kind', '谈话提醒').value).toBe('提醒');
    expect(normalizeValue('record_kind', '函询')).toEqual({ value: '函询', status: 'ok', reason: null });
    expect(normalizeValue('record_kind', '一线考核').value).toBe('一线考核');
    expect(normalizeValue('record_kind', '通报批评')).toMatchObject({ value: null, status: 'rejected', reason: expect.stringContaining('无法识别的记录类型') });
  });
  it('reads one of the 14 categories and keeps other text with a 提示', () => {
    expect(normalizeValue('record_category', '管理松软')).toEqual({ value: '管理松软', status: 'ok', reason: null });
    expect(normalizeValue('record_category', '失职失责问题')).toMatchObject({ value: '失职失责', status: 'corrected' });
    expect(normalizeValue('record_category', '工作作风漂浮')).toMatchObject({ value: '工作作风漂浮', status: 'warning' });
  });
});

/** Sheets of the neighbouring tables, with 时间 and 类型 words in their headers: they must keep their own table. */
const appointmentsSheet = sheet('任职经历.xlsx', [
  ['姓名', '出生年月', '任职单位', '职务', '职务层次', '是否一把手', '任职时间', '免职时间'],
  ['张三', '1975.03', '甲一区委', '区委书记', '县处级正职', '是', '2021.06', null],
]);
const assessmentsSheet = sheet('年度考核.xlsx', [
  ['姓名', '出生年月', '年度', '考核等次', '考核类型'],
  ['张三', '1975.03', 2024, '优秀', '年度'],
]);

describe.each(connectorFactories)('cadre records sheet on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('is recognised as 干部记实, imports with cadre_id derived, rejects an unknown kind by row, column and value', async () => {
    const staged = await stageRawSheet(db, records, 'stage_records');
    const plan = detectLayout(staged.sample, catalogueContext(records.file));
    expect(plan).toMatchObject({ table: 'cadre_records', shape: 'records' });
    expect(plan.columns.map((c) => (c.role.kind === 'column' ? c.role.column : c.role.kind))).toEqual([
      'ignore', 'name', 'birth_ym', 'id_no', 'record_date', 'kind', 'category', 'source', 'description',
    ]);
    const applied = await applyLayout(db, staged, plan, { importId: 'records1' });
    expectAccounted(applied.report, { read: 8, imported: 5, rejected: 2, skipped: 1 });
    const out = await rowsOf(db, applied.table, 'src_row');
    expect(out.map((o) => [o.cadre_id, String(o.record_date), o.kind, o.category])).toEqual([
      [cadreKey('张三', '1975-03', null), '2024-05-10', '诫勉', null],
      [cadreKey('李四', '1980-11', null), '2023-09-01', '提醒', null],
      [cadreKey('李四', '1980-11', null), '2024-03-02', '负面清单', '管理松软'],
      [cadreKey('王五', '1978-07', null), '2025-01-06', '负面清单', '工作作风漂浮'],
      [cadreKey('赵六', null, '110105194912310021'), '2022-12-20', '函询', null],
    ]);
    const rejected = applied.report.issues.filter((i) => i.kind === 'rejected');
    expect(rejected.find((i) => i.row === 8)).toMatchObject({ column: '类型', value: '通报批评', reason: expect.stringContaining('无法识别的记录类型') });
    expect(rejected.find((i) => i.row === 9)).toMatchObject({ column: '日期' });
    expect(applied.report.issues.find((i) => i.row === 6 && i.kind === 'warning')).toMatchObject({ column: '负面清单类别', value: '工作作风漂浮' });
  });

  it('leaves appointment and assessment sheets to their own tables', async () => {
    for (const [s, table] of [[appointmentsSheet, 'appointments'], [assessmentsSheet, 'assessments']] as const) {
      const staged = await stageRawSheet(db, s, `stage_${table}`);
      expect(detectLayout(staged.sample, catalogueContext(s.file)).table).toBe(table);
    }
  });
});
