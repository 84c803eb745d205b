import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { readLrmxBatch } from '../../../shared/ingest/readers/lrmx/lrmx.js';
import { fromWire, mergeParsed, toWire } from '../../../shared/ingest/pipeline/parse-transfer.js';
import { parseInputs, type ParsedInputs, type ParseOptions } from '../../../shared/ingest/pipeline/pipeline-parse.js';
import { readInputs, stageParsed, type ReadInputs } from '../../../shared/ingest/pipeline/pipeline-read.js';
import { discardImport, prepareImport, restageParsed, restageSheet } from '../../../shared/ingest/pipeline/pipeline.js';
import type { SourceFile } from '../../../shared/ingest/types.js';
import { connectorFactories } from '../../support/connectors.js';
import { loadCatalogue } from '../../support/ingest-fixture.js';

const fixture = (dir: string, name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${dir}/${name}`, import.meta.url)));
const lrmx = (name: string) => fixture('lrmx', name);

/** 3 data rows after a header, in GBK, one cell with a quoted line break: 5 records in, 5 rows out. */
const CSV = iconv.encode('地区,指标,数值\r\n蓝浦县,地区生产总值,1.5\r\n莲谷县,"一般公共\r\n预算收入",2\r\n鹤坪市,,3\r\n合计,,6.5\r\n', 'gb18030');

function inputs(): SourceFile[] {
  return [
    { name: '指标.csv', bytes: new Uint8Array(CSV) },
    { name: 'indicators-roster.xlsx', bytes: fixture('sheets', 'indicators-roster.xlsx') },
    { name: '干部.zip', bytes: zipSync({ 'a.lrmx': lrmx('li-xiaohong.lrmx'), 'b.lrmx': lrmx('zhang-weiguo.lrmx') }) },
    { name: 'b-again.lrmx', bytes: lrmx('zhang-weiguo.lrmx') },
    { name: 'broken.xlsx', bytes: strToU8('PK\u0003\u0004 not really a zip') },
  ];
}

/** What the app does with the parse worker: the file is copied in, parsed, and the result posted back (buffers transferred). */
async function acrossThreads(files: readonly SourceFile[], opts: ParseOptions = {}): Promise<ParsedInputs> {
  const { wire, transfer } = toWire(await parseInputs(structuredClone(files), opts));
  return fromWire(structuredClone(wire, { transfer }));
}

for (const factory of connectorFactories) {
  describe(`parse (no Connector) and stage (DuckDB only) on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadCatalogue(db);
    });
    afterAll(() => db.close());

    const tableRows = async (t: string) => (await db.query(`SELECT * FROM "${t}" ORDER BY src_row`)).rows;
    const shape = (r: ReadInputs) => ({
      sheets: r.sheets.map((s) => ({ ...s, staged: { ...s.staged, table: undefined } })),
      forms: r.forms,
      maps: r.maps,
      failures: r.failures,
      emptySheets: r.emptySheets,
    });

    it('stages the same tables whether parsed in-process or file by file across a thread boundary', async () => {
      const before = await readInputs(db, inputs(), 'one');
      const parts = inputs().map((f) => acrossThreads([f]));
      const after = await stageParsed(db, mergeParsed(await Promise.all(parts)), 'many');

      // Rows in = rows out: the CSV has 5 records, each worksheet as many rows as the reader read.
      expect(before.sheets.map((s) => [s.staged.file, s.staged.sheet, s.staged.rowCount, s.hidden])).toEqual([
        ['指标.csv', null, 5, false],
        ['indicators-roster.xlsx', '指标汇总', 8, false],
        ['indicators-roster.xlsx', '干部名册', 4, false],
        ['indicators-roster.xlsx', '__proto__', 2, false],
        ['indicators-roster.xlsx', '隐藏参数', 1, true],
      ]);
      expect(before.sheets[0]?.staged).toMatchObject({ encoding: 'gb18030', delimiter: ',', columnCount: 3 });
      expect(shape(after)).toEqual(shape(before));
      for (const [i, s] of before.sheets.entries()) {
        const rows = await tableRows(s.staged.table);
        expect(rows.length).toBe(s.staged.rowCount);
        expect(await tableRows(after.sheets[i]?.staged.table as string)).toEqual(rows);
      }
      expect((await tableRows(before.sheets[0]?.staged.table as string))[2]).toEqual({ src_row: 3, c0: '莲谷县', c1: '一般公共\r\n预算收入', c2: '2' });
      // Three forms read (one cadre twice, flagged in both runs), one file that is not a workbook.
      expect(before.forms?.records.map((r) => [r.file, r.issues.some((i) => i.reason.includes('同一名干部'))])).toEqual([
        ['a.lrmx', false],
        ['b.lrmx', false],
        ['b-again.lrmx', true],
      ]);
      expect(before.failures.map((f) => f.file)).toEqual(['broken.xlsx']);
    });

    it('merges forms read apart exactly as one batch flags them', () => {
      const a = { name: 'a.lrmx', bytes: lrmx('li-xiaohong.lrmx') };
      const b = { name: 'b.lrmx', bytes: lrmx('li-xiaohong.lrmx') };
      const c = { name: 'c.zip', bytes: zipSync({ 'c1.lrmx': lrmx('li-xiaohong.lrmx'), 'c2.lrmx': lrmx('chen-zhiyuan.lrmx') }) };
      const together = readLrmxBatch([a, b, c]);
      const apart = mergeParsed([a, b, c].map((f) => ({ sheets: [], forms: readLrmxBatch(f), maps: [], failures: [], emptySheets: [] })));
      expect(apart.forms?.records.map((r) => r.issues.length)).toEqual(together.records.map((r) => r.issues.length));
      expect(apart.forms?.records[2]?.issues.at(-1)?.reason).toBe('与文件 a.lrmx 是同一名干部（李晓红），请确认保留哪一份');
    });

    it('restages a CSV with another encoding from a parse made elsewhere, like restageSheet', async () => {
      const session = await prepareImport(db, [{ name: 'x.csv', bytes: new Uint8Array(CSV) }]);
      const source = session.sheets[0]?.source as SourceFile;
      const inProcess = await restageSheet(db, session, 0, 'utf-8');
      const viaWire = await restageParsed(db, session, 0, await acrossThreads([source], { encoding: 'utf-8' }));
      expect(viaWire.sheets[0]?.staged).toEqual(inProcess.sheets[0]?.staged);
      expect(String(viaWire.sheets[0]?.staged.sample.rows[1]?.[0])).toContain('\uFFFD');
      const back = await restageParsed(db, viaWire, 0, await acrossThreads([source], { encoding: 'gb18030' }));
      expect(back.sheets[0]?.staged.sample.rows[1]?.[0]).toBe('蓝浦县');
      expect(back.sheets[0]?.source?.bytes).toEqual(source.bytes);
      await discardImport(db, back);
    });

    it('drops the tables it staged when cancelled part-way', async () => {
      const parsed = await parseInputs(inputs());
      const signal = { calls: 0, get aborted() { return ++this.calls > 2; } };
      await expect(stageParsed(db, parsed, 'cancelled', { signal })).rejects.toMatchObject({ code: 'import.cancelled' });
      expect((await db.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'cancelled_%'")).rows[0]?.n).toBe(0);
    });
  });
}

describe('sheets per file', () => {
  it('refuses a file of more than 256 sheets (a web page of one-cell tables) by name, and reads the other files', async () => {
    const page = (n: number) => new TextEncoder().encode(`<html><body>${'<table><tr><td>x</td></tr></table>'.repeat(n)}</body></html>`);
    const parsed = await parseInputs([
      { name: '表格很多.xls', bytes: page(300) },
      { name: '正常.xls', bytes: page(3) },
    ]);
    expect(parsed.failures.map((f) => [f.file, f.code])).toEqual([['表格很多.xls', 'import.sheets']]);
    expect(parsed.failures[0]?.message).toContain('有 300 个工作表（或网页表格），超过 256 个');
    expect(parsed.sheets).toHaveLength(3);
  });
});
