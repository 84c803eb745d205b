import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { cellText, gridWidth, stageRawSheet } from '../../../shared/ingest/stage/stage-rows.js';
import { SAMPLE_ROWS, type RawCell } from '../../../shared/ingest/types.js';
import { connectorFactories } from '../../support/connectors.js';
import { sheet } from '../../support/ingest-fixture.js';

describe('staged cell text', () => {
  it('writes numbers as their shortest JS string, booleans as words, empty as NULL', () => {
    expect(cellText(1234.5)).toBe('1234.5');
    expect(cellText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(cellText(1e21)).toBe('1e+21');
    expect(cellText(true)).toBe('true');
    expect(cellText('')).toBeNull();
    expect(cellText(null)).toBeNull();
    expect(cellText(Number.NaN)).toBeNull();
    expect(cellText(' ')).toBe(' ');
  });
});

describe.each(connectorFactories)('stageRawSheet on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
  });
  afterAll(() => db.close());

  it('stages ragged rows, quotes, line breaks and Chinese text exactly', async () => {
    const rows: RawCell[][] = [
      ['标题，含逗号', null],
      ['地区', '说明', '值'],
      ['甲"一"区', '第一行\n第二行\r\n第三行', 12.5],
      [],
      ['乙一区', '', false, null, null],
      ['\u0000丙', 'a,b', 0],
    ];
    const s = sheet('t.xlsx', rows, [{ r0: 0, c0: 0, r1: 0, c1: 2 }], '表一');
    expect(gridWidth(s)).toBe(3);
    const staged = await stageRawSheet(db, s, 'stage_t');
    expect(staged).toMatchObject({ table: 'stage_t', file: 't.xlsx', sheet: '表一', columnCount: 3, rowCount: 6 });
    expect(staged.sample.rows).toHaveLength(6);
    expect(staged.sample.merges).toEqual(s.merges);
    const res = await db.query('SELECT * FROM stage_t ORDER BY src_row');
    expect(res.columns).toEqual(['src_row', 'c0', 'c1', 'c2']);
    expect(res.rows.map((r) => [r.src_row, r.c0, r.c1, r.c2])).toEqual([
      [1, '标题，含逗号', null, null],
      [2, '地区', '说明', '值'],
      [3, '甲"一"区', '第一行\n第二行\r\n第三行', '12.5'],
      [4, null, null, null],
      [5, '乙一区', null, 'false'],
      [6, '丙', 'a,b', '0'],
    ]);
    const types = await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'stage_t' ORDER BY ordinal_position`);
    expect(types.rows.map((r) => r.data_type)).toEqual(['INTEGER', 'VARCHAR', 'VARCHAR', 'VARCHAR']);
  });

  it('stages large sheets in chunks and samples the first rows', async () => {
    const rows: RawCell[][] = Array.from({ length: 120_001 }, (_, i) => [i, `第${i}行`]);
    const staged = await stageRawSheet(db, sheet('big.xlsx', rows), 'stage_big');
    expect(staged.rowCount).toBe(120_001);
    expect(staged.sample.rows).toHaveLength(SAMPLE_ROWS);
    const agg = await db.query('SELECT count(*) AS n, min(src_row) AS lo, max(src_row) AS hi, sum(CAST(c0 AS BIGINT)) AS s FROM stage_big');
    expect(agg.rows[0]).toEqual({ n: 120_001, lo: 1, hi: 120_001, s: (120_000 * 120_001) / 2 });
    expect((await db.query('SELECT c1 FROM stage_big WHERE src_row = 100001')).rows[0]?.c1).toBe('第100000行');
  }, 60_000);

  it('stages an empty sheet', async () => {
    const staged = await stageRawSheet(db, sheet('empty.xlsx', []), 'stage_empty');
    expect(staged).toMatchObject({ columnCount: 0, rowCount: 0 });
    expect((await db.query('SELECT count(*) AS n FROM stage_empty')).rows[0]?.n).toBe(0);
  });
});
