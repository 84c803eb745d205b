import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { classifyRows } from '../../../shared/ingest/apply/apply-rows.js';
import { detectLayout } from '../../../shared/ingest/layout/layout.js';
import { isFootnoteText, isTotalsText } from '../../../shared/ingest/layout/layout-rows.js';
import { stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { connectorFactories } from '../../support/connectors.js';
import { catalogueContext, loadCatalogue, sheet } from '../../support/ingest-fixture.js';

/*
 * Structural rows found over all rows in SQL, where most rows are settled by their first character: names that
 * start with spaces (ASCII, ideographic, U+FEFF), full-width forms of a footnote mark, spaces inside 合 计, and
 * look-alikes that must stay data rows. Each name with a value, so only the name decides; the header repeated
 * with its cells padded by spaces, and a row naming one header cell only (not a repeat).
 */
const names: [string, string | null][] = [
  ['甲一区', null],
  ['合计', 'totals'],
  [' 合计', 'totals'],
  ['\u3000合 计', 'totals'],
  ['\ufeff小计', 'totals'],
  ['全省（合计）', 'totals'],
  ['全 省', 'totals'],
  ['本市', 'totals'],
  ['总计：', null],
  ['Ａ合计', null],
  ['\u2212合计', null],
  ['5合计', null],
  ['合计甲', null],
  ['注：数据为初步统计', 'footnote'],
  ['\u3000注：初步数', 'footnote'],
  ['＊ 初步数', 'footnote'],
  ['※以上为快报数', 'footnote'],
  ['注', 'footnote'],
  ['备注1：略', 'footnote'],
  ['说明', null],
  ['数据', null],
  ['-', null],
];
const tricky = sheet('结构行.xlsx', [
  ['地区', '地区生产总值'],
  ...names.map(([n], i) => [n, i + 1]),
  ['  地区 ', '地区生产总值'],
  ['地区', '数值'],
]);

describe.each(connectorFactories)('structural rows in SQL on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
    await loadCatalogue(db);
  });
  afterAll(() => db.close());

  it('finds totals and footnotes whatever the first character, as the JS patterns do', async () => {
    // The expectations written by hand agree with the patterns' JS twins.
    for (const [n, kind] of names) expect([n, isFootnoteText(n) ? 'footnote' : isTotalsText(n) ? 'totals' : null]).toEqual([n, kind]);
    const staged = await stageRawSheet(db, tricky, 'stage_tricky');
    const plan = detectLayout(staged.sample, catalogueContext(tricky.file, { period: '2025Q3' }));
    expect(plan).toMatchObject({ table: 'indicator_values', headerRows: [1], firstDataRow: 2 });
    await classifyRows(db, staged, plan, 'cls_tricky');
    const got = await db.query('SELECT src_row, skip_kind, skip_reason FROM cls_tricky_class ORDER BY src_row');
    const expected = [...names.map(([, kind]) => kind), 'repeated-header', null];
    expect(got.rows.map((r) => r.skip_kind)).toEqual(expected);
    expect(got.rows.filter((r) => r.skip_kind === 'totals').map((r) => r.skip_reason)).toEqual([
      '合计行（合计）', '合计行（合计）', '合计行（合计）', '合计行（小计）', '合计行（全省(合计)）', '合计行（全省）', '合计行（本市）',
    ]);
  });
});
