import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../shared/contract/errors.js';
import type { Connector, Row } from '../../../shared/db/connector.js';
import { readCsvSheet } from '../../../shared/ingest/readers/csv/csv.js';
import { stageCsv } from '../../../shared/ingest/stage/stage-csv.js';
import { connectorFactories } from '../../support/connectors.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Staged rows as arrays [src_row, c0, c1, …] in src_row order. */
async function staged(db: Connector, table: string): Promise<unknown[][]> {
  const r = await db.query(`SELECT * FROM "${table}" ORDER BY src_row`);
  return r.rows.map((row: Row) => r.columns.map((c) => row[c]));
}

async function stageError(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

for (const factory of connectorFactories) {
  describe(`stageCsv on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
    });
    afterAll(async () => {
      await db.close();
    });

    it('gives every record its file row number, through blank lines, quoted newlines and ragged rows', async () => {
      const s = await stageCsv(db, { name: 'multiline.csv', bytes: fixture('multiline.csv') }, 'stg_multi');
      expect([s.table, s.rowCount, s.columnCount, s.encoding, s.delimiter, s.sheet]).toEqual(['stg_multi', 9, 4, 'utf-8', ',', null]);
      expect(await staged(db, 'stg_multi')).toEqual([
        [1, '地区', '说明', '数值', null],
        [2, null, null, null, null],
        [3, '甲市', '第一行\n第二行', '10', null],
        [4, null, null, null, null],
        [5, '乙市', '含,逗号', '20', '多余'],
        [6, '丙市', null, null, null],
        [7, '丁市', 'CR\r\nLF两行', '30', null],
        [8, null, null, null, null],
        [9, '戊市', null, null, null],
      ]);
      expect((await db.query('SELECT count(*) AS n FROM stg_multi')).rows[0]?.n).toBe(9);
      expect(s.sample.rows).toEqual(readCsvSheet({ name: 'multiline.csv', bytes: fixture('multiline.csv') }).rows);
    });

    it('stages a GBK export with Chinese text intact', async () => {
      const s = await stageCsv(db, { name: 'gbk-indicators.csv', bytes: fixture('gbk-indicators.csv') }, 'stg_gbk');
      expect([s.rowCount, s.columnCount, s.encoding, s.warnings]).toEqual([7, 6, 'gb18030', []]);
      const rows = await staged(db, 'stg_gbk');
      expect(rows[1]).toEqual([2, '区划代码', '地区', '指标名称', '期间', '数值', '备注']);
      expect(rows[3]).toEqual([4, '990102', '甲二县', '一般公共预算收入', '2025Q3', '67.8', '含"一次性"收入']);
      expect(rows[6]).toEqual([7, '注：数据为初步统计，“—”表示未报送。', null, null, null, null, null]);
      expect(s.sample.rows).toEqual(readCsvSheet({ name: 'g.csv', bytes: fixture('gbk-indicators.csv') }).rows);
    });

    it('stages GB18030 four-byte characters, the GBK euro byte 0x80 and UTF-16 files', async () => {
      await stageCsv(db, { name: 'gb18030-rare.csv', bytes: fixture('gb18030-rare.csv') }, 'stg_rare');
      expect(await staged(db, 'stg_rare')).toEqual([
        [1, '编码', '名称', '说明'],
        [2, '1', '𠀀村', '四字节字符'],
        [3, '2', '𪚥镇', '𫠝字'],
        [4, '3', '欧元区', '价格€5'],
      ]);
      const euro = new Uint8Array(iconv.encode('品名,价格\n咖啡,€5\n', 'gbk'));
      expect(euro.includes(0x80)).toBe(true);
      await stageCsv(db, { name: 'euro.csv', bytes: euro }, 'stg_euro');
      expect(await staged(db, 'stg_euro')).toEqual([[1, '品名', '价格'], [2, '咖啡', '€5']]);
      for (const name of ['utf16le-bom.tsv', 'utf16be-bom.tsv', 'utf8-bom.csv']) {
        const s = await stageCsv(db, { name, bytes: fixture(name) }, 'stg_small');
        expect(s.rowCount).toBe(3);
        expect(await staged(db, 'stg_small')).toEqual([[1, '区划代码', '地区', '数值'], [2, '990101', '甲市', '1.5'], [3, '990102', '乙市', '-2']]);
      }
    });

    it('counts blank lines the same in one-column and many-column files, at the start and the end', async () => {
      await stageCsv(db, { name: 'one.csv', bytes: utf8('a\n\nb\n') }, 'stg_one');
      expect(await staged(db, 'stg_one')).toEqual([[1, 'a'], [2, null], [3, 'b']]);
      const s = await stageCsv(db, { name: 'edges.csv', bytes: utf8('\n\na,b\n\n') }, 'stg_edges');
      expect(s.rowCount).toBe(4);
      expect(await staged(db, 'stg_edges')).toEqual([[1, null, null], [2, null, null], [3, 'a', 'b'], [4, null, null]]);
    });

    it('re-quotes stray quotes and drops NULs, with a warning naming the rows', async () => {
      const s = await stageCsv(db, { name: 'q.csv', bytes: utf8('身高,备注\n5\'3",a"b\n"b"x,\0c\0\n') }, 'stg_q');
      expect(await staged(db, 'stg_q')).toEqual([[1, '身高', '备注'], [2, '5\'3"', 'a"b'], [3, 'bx', 'c']]);
      expect(s.warnings).toEqual([{ code: 'text.nul-removed', message: '文件 q.csv 第 3 行含有空字符（NUL，0x00），已删除。', rows: [3] }]);
    });

    it('stages a record longer than DuckDB’s default 2 MB line limit', async () => {
      const big = 'x'.repeat(3_000_000);
      await stageCsv(db, { name: 'big.csv', bytes: utf8(`a,b\n1,"${big}"\n`) }, 'stg_big');
      expect((await db.query('SELECT src_row, length(c1) AS n FROM stg_big ORDER BY src_row')).rows).toEqual([
        { src_row: 1, n: 1 },
        { src_row: 2, n: 3_000_000 },
      ]);
    });

    it('fails on an unclosed quote with the row, and creates no table', async () => {
      const e = await stageError(stageCsv(db, { name: 'bad.csv', bytes: utf8('a,b\n1,2\n3,"open\n4,5\n') }, 'stg_bad'));
      expect([e.code, e.location]).toEqual(['csv.unterminated-quote', { file: 'bad.csv', row: 3, column: 'B' }]);
      expect((await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'stg_bad'`)).rows[0]?.n).toBe(0);
    });

    it('refuses a binary named .csv and an empty file', async () => {
      expect((await stageError(stageCsv(db, { name: 'x.csv', bytes: fixture('really-xlsx.csv') }, 'stg_x'))).message).toContain('Excel 工作簿（.xlsx）');
      expect((await stageError(stageCsv(db, { name: 'e.csv', bytes: fixture('empty.csv') }, 'stg_e'))).code).toBe('file.empty');
    });

    it('quotes the table name and replaces an earlier staging of the same name', async () => {
      await stageCsv(db, { name: 'a.csv', bytes: utf8('a\n') }, '暂存 "表"');
      const s = await stageCsv(db, { name: 'b.csv', bytes: utf8('x,y\n1,2\n') }, '暂存 "表"');
      expect(s.table).toBe('暂存 "表"');
      expect((await db.query('SELECT * FROM "暂存 ""表""" ORDER BY src_row')).rows).toEqual([
        { src_row: 1, c0: 'x', c1: 'y' },
        { src_row: 2, c0: '1', c1: '2' },
      ]);
    });

    it('checks rows in = rows staged: a lost row is an ImportError and leaves no table', async () => {
      const dropped: string[] = [];
      const tampering: Connector = {
        ...db,
        query: async (q) => {
          const r = await db.query(q);
          if (q.startsWith('CREATE OR REPLACE TABLE "stg_lost"')) await db.query('DELETE FROM stg_lost WHERE src_row = 2');
          return r;
        },
        dropFile: async (name) => {
          dropped.push(name);
          await db.dropFile(name);
        },
      };
      const e = await stageError(stageCsv(tampering, { name: 'lost.csv', bytes: utf8('a\nb\nc\n') }, 'stg_lost'));
      expect([e.code, e.message]).toEqual(['csv.stage-mismatch', '文件 lost.csv 有 3 行，读入数据库的却是 2 行（行号不连续），已放弃导入。']);
      expect((await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'stg_lost'`)).rows[0]?.n).toBe(0);
      expect(dropped).toHaveLength(1);
      await expect(db.query(`SELECT * FROM read_csv('${dropped[0]}')`)).rejects.toThrow();
    });

    it('wraps an engine failure in an ImportError and still drops the registered file', async () => {
      const dropped: string[] = [];
      const failing: Connector = {
        ...db,
        query: async (q) => (q.startsWith('CREATE') ? Promise.reject(new Error('Out of Memory Error: test\nmore')) : db.query(q)),
        dropFile: async (name) => {
          dropped.push(name);
          await db.dropFile(name);
        },
      };
      const e = await stageError(stageCsv(failing, { name: 'oom.csv', bytes: utf8('a\n') }, 'stg_oom'));
      expect([e.code, e.message]).toEqual(['csv.stage-failed', '文件 oom.csv 无法读入数据库：Out of Memory Error: test']);
      expect(dropped).toHaveLength(1);
    });

    it('keeps the sample to SAMPLE_ROWS (200) records while staging them all', async () => {
      const text = 'n\n' + Array.from({ length: 499 }, (_, i) => `${i + 1}`).join('\n') + '\n';
      const s = await stageCsv(db, { name: 'n.csv', bytes: utf8(text) }, 'stg_n');
      expect([s.rowCount, s.sample.rows.length, s.sample.rows[199]]).toEqual([500, 200, ['199']]);
      expect((await db.query('SELECT c0 FROM stg_n WHERE src_row = 500')).rows).toEqual([{ c0: '499' }]);
    });
  });
}
