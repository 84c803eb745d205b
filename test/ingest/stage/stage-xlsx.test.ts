import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../shared/contract/errors.js';
import type { Connector } from '../../../shared/db/connector.js';
import { readXlsx } from '../../../shared/ingest/readers/xlsx/xlsx.js';
import { loadGrid, prepareGrid, type PreparedGrid } from '../../../shared/ingest/stage/stage-rows.js';
import { prepareXlsx } from '../../../shared/ingest/stage/stage-xlsx.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../../../shared/ingest/types.js';
import { createNodeConnector } from '../../../electron/node/duckdb-node.js';
import { buildXlsx, patchEntry, zipOf } from '../../fixtures/sheets/build.js';

/**
 * An .xlsx written straight into staging chunks (prepareXlsx) stages the same grid as the RawSheet path it replaces
 * (readXlsx with the generic scanner, then prepareGrid): same width, row count, sample and merges, and the same
 * cells in every row once the chunks are read, on the producers' fixtures, hand-made sheets and mutated workbooks.
 */

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/sheets/${name}`, import.meta.url)));
const LIMITS: ReadLimits = { ...DEFAULT_LIMITS, maxInflatedBytes: 64 * 1024 * 1024, maxCells: 1_000_000, maxRows: 100_000 };

/** A staging chunk's lines as [src_row, ...cells] (unquoted empty field: null), each padded to width cells. */
function lines(grid: PreparedGrid): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (const chunk of grid.chunks) {
    const text = new TextDecoder().decode(chunk.bytes);
    let row: (string | null)[] = [];
    let i = 0;
    let field = '';
    let quoted = false;
    let any = false;
    const end = () => { row.push(quoted ? field : any || field ? field : null); field = ''; quoted = false; any = false; };
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        quoted = true;
        const close = (k: number): number => { for (;;) { const q = text.indexOf('"', k); if (text[q + 1] === '"') k = q + 2; else return q; } };
        const q = close(i + 1);
        field += text.slice(i + 1, q).replaceAll('""', '"');
        i = q + 1;
      } else if (c === ',') { end(); i++; } else if (c === '\n') {
        end();
        while (row.length < grid.width + 1) row.push(null);
        out.push(row);
        row = [];
        i++;
      } else { field += c; any = true; i++; }
    }
    expect(row).toEqual([]); // every chunk ends with a line end
  }
  return out;
}

/** What staging gets from a prepared grid: everything but the chunks' byte layout. */
const staged = (g: PreparedGrid) => ({ file: g.file, sheet: g.sheet, width: g.width, rowCount: g.rowCount, sample: g.sample, lines: lines(g) });

/** The outcome of the RawSheet path (generic scanner, then prepareGrid) and of prepareXlsx, for comparison. */
function viaRows(bytes: Uint8Array, limits = LIMITS, maxChars?: number): unknown {
  try {
    return readXlsx({ name: 'f.xlsx', bytes }, limits, { generic: true }).map((s) =>
      ({ hidden: s.hidden === true, ...(s.rows.length ? staged(prepareGrid(s, maxChars)) : { rowCount: 0 }) }));
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { code: e.code, message: e.message };
  }
}
async function direct(bytes: Uint8Array, limits = LIMITS, maxChars?: number): Promise<unknown> {
  try {
    return (await prepareXlsx({ name: 'f.xlsx', bytes }, limits, maxChars === undefined ? {} : { maxChars })).map((s) =>
      ({ hidden: s.hidden, ...(s.grid.rowCount ? staged(s.grid) : { rowCount: 0 }) }));
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { code: e.code, message: e.message };
  }
}

const STYLES = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="22"/></cellXfs></styleSheet>';
const HAND = '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="inlineStr"><is><t>含"引号",逗号\n换行</t></is></c><c r="E2"><v>007</v></c><c r="F2"><v>-0</v></c>' +
  '<c r="G2"><v>0.0000001</v></c><c r="H2"><v>1.50</v></c><c r="I2"><v>123.25</v></c><c r="J2" s="1"><v>45658</v></c><c r="K2" s="2"><v>0.125</v></c><c r="L2" t="b"><v>1</v></c>' +
  '<c r="M2" t="str"><v>公式&amp;结果</v></c><c r="N2" t="e"><v>#N/A</v></c><c r="O2"><v>1e400</v></c><c r="P2" t="inlineStr"><is><t>a\u0000b</t></is></c><c r="Q2"><v>12345678901234567</v></c></row>' +
  '<row r="4"><c r="A4"><v>1</v></c></row><row r="5"><c r="C5" s="3"/></row><row r="7"><c r="A7" t="inlineStr"><is><t>𠮷</t></is></c><c r="B7" t="s"><v>1</v></c></row>' +
  '<row r="9"><c r="Z9" s="2"><v>1e307</v></c></row>';
const hand = () => buildXlsx({ sheets: [{ name: '甲', data: HAND, after: '<mergeCells><mergeCell ref="B2:C3"/></mergeCells>' }, { name: '空', data: '' }, { name: '乙', data: '<row r="1"><c r="A1"><v>2</v></c></row>', state: 'hidden' }], strings: ['区划', '同"名"'], stylesXml: STYLES });

describe('prepareXlsx', () => {
  it('stages the fixtures of LibreOffice, openpyxl and XlsxWriter as the RawSheet path does', async () => {
    for (const name of ['indicators-roster.xlsx', 'openpyxl-1904.xlsx', 'openpyxl-isodates.xlsx', 'xlsxwriter-stream.xlsx']) {
      expect(await direct(fixture(name), DEFAULT_LIMITS), name).toEqual(viaRows(fixture(name), DEFAULT_LIMITS));
    }
  });

  it('stages every cell form, empty and trailing rows, hidden and empty sheets as the RawSheet path does', async () => {
    const out = await direct(hand()) as { lines: (string | null)[][]; width: number; rowCount: number }[];
    expect(out).toEqual(viaRows(hand()));
    expect(out[0]!.width).toBe(17); // up to Q: Z9, a percentage of 1e307, is an infinite number: it stages as NULL and widens nothing
    expect(out[0]!.rowCount).toBe(9);
    expect(out[0]!.lines[1]).toEqual(['2', null, '区划', null, '含"引号",逗号\n换行', '7', '0', '1e-7', '1.5', '123.25', '2025-01-01', '12.5', 'true', '公式&结果', '#N/A', '1e400', 'ab', '12345678901234567']);
    expect(out[0]!.lines.map((l) => l[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(out[1]).toEqual({ hidden: false, rowCount: 0 });
  });

  it('stages a sheet across chunks (50,000 rows each) as the RawSheet path does', async () => {
    const data = Array.from({ length: 60_002 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('');
    const bytes = buildXlsx({ sheets: [{ name: 'S', data }] });
    const [fast] = await prepareXlsx({ name: 'f.xlsx', bytes }, LIMITS);
    expect(fast!.grid.chunks).toHaveLength(2);
    const got = lines(fast!.grid);
    expect([got.length, got[50_000], got[60_001]]).toEqual([60_002, ['50001', '50000'], ['60002', '60001']]);
    expect(await direct(bytes)).toEqual(viaRows(bytes));
  }, 60_000);

  it('falls back to the RawSheet path for cells out of order, and refuses too much text the same way', async () => {
    const back = buildXlsx({ sheets: [{ name: 'S', data: '<row r="3"><c r="B3"><v>1</v></c><c r="A3"><v>2</v></c></row><row r="1"><c r="A1"><v>3</v></c></row>' }] });
    expect(await direct(back)).toEqual(viaRows(back));
    expect((await direct(back) as { lines: unknown[] }[])[0]!.lines).toEqual([['1', '3', null], ['2', null, null], ['3', '2', '1']]);
    const big = buildXlsx({ sheets: [{ name: 'S', data: Array.from({ length: 50 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${'长'.repeat(100)}</t></is></c></row>`).join('') }] });
    expect(await direct(big, LIMITS, 4_000)).toEqual(viaRows(big, LIMITS, 4_000));
    expect((await direct(big, LIMITS, 4_000) as { code: string }).code).toBe('sheet.text-too-large');
  });

  it('refuses zip bombs as the RawSheet path does', async () => {
    const bomb = fixture('bomb-1gib.xlsx');
    const code = (r: unknown): string => (r as { code: string }).code;
    expect(code(await direct(bomb, DEFAULT_LIMITS))).toBe('zip.bomb');
    for (const declared of [100, 5 * 1024 * 1024, 20 * 1024 * 1024, 150 * 1024 * 1024]) {
      const liar = patchEntry(bomb, 'xl/worksheets/sheet1.xml', { uncompressedSize: declared });
      const heap = process.memoryUsage().heapUsed;
      expect([declared, code(await direct(liar, DEFAULT_LIMITS))]).toEqual([declared, code(viaRows(liar, DEFAULT_LIMITS))]);
      expect(code(viaRows(liar, DEFAULT_LIMITS))).toMatch(/^zip\.|^xlsx\.stray-text$/); // refused: by a bound, or for its padding
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(256 * 1024 * 1024);
    }
  }, 60_000);

  it('mutated workbooks stage the same grid, or fail the same way', async () => {
    const base = Object.entries(unzipSync(hand())).map(([n, t]) => [n, strFromU8(t)] as [string, string]);
    const TOKENS = ['<', '>', '&', '"', '/', ' ', '&amp;', '&#34;', ' r="B2"', ' r="A9"', ' r="XFD3"', '<row r="3">', '<row r="1">', '</row>', ' t="s"', ' t="str"',
      ' t="inlineStr"', ' s="1"', ' s="2"', '<v>0</v>', '<v>-1.5</v>', '<v>100</v>', '<is><t>x</t></is>', '<c r="C4"><v>5</v></c>', '_x000D_', '中', '\r\n', '<!--c-->'];
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...TOKENS), fc.boolean()), { minLength: 1, maxLength: 3 }),
      async (edits) => {
        const parts = base.map(([n, t]) => [n, t] as [string, string]);
        const target = parts.find(([n]) => n === 'xl/worksheets/sheet1.xml')!;
        for (const [at, del, tok, insert] of edits) {
          const p = at % (target[1].length + 1);
          target[1] = target[1].slice(0, p) + (insert ? tok : '') + target[1].slice(p + (insert ? 0 : del));
        }
        const bytes = zipOf(Object.fromEntries(parts));
        expect(await direct(bytes)).toEqual(viaRows(bytes));
      },
    ), { seed: 20261207, numRuns: 300 });
  }, 120_000);

  describe('in DuckDB', () => {
    let db: Connector;
    beforeAll(async () => { db = await createNodeConnector(); });
    afterAll(async () => { await db.close(); });

    it('a ragged grid loads into the same table as the full-width one', async () => {
      const [sheet] = readXlsx({ name: 'f.xlsx', bytes: hand() }, LIMITS, { generic: true });
      const [fast] = await prepareXlsx({ name: 'f.xlsx', bytes: hand() }, LIMITS);
      expect(fast!.grid.ragged).toBe(true);
      await loadGrid(db, prepareGrid(sheet!), 'stage_old');
      await loadGrid(db, fast!.grid, 'stage_new');
      const a = await db.query('SELECT * FROM stage_old ORDER BY src_row');
      const b = await db.query('SELECT * FROM stage_new ORDER BY src_row');
      expect(b.rows).toEqual(a.rows);
      expect(b.rows).toHaveLength(9);
      expect((await db.query('SELECT count(*) AS n FROM (SELECT * FROM stage_old EXCEPT ALL SELECT * FROM stage_new)')).rows[0]!.n).toBe(0);
    });
  });
});
