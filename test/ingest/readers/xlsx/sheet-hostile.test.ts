import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { ImportError } from '../../../../shared/contract/errors.js';
import type { RawSheet } from '../../../../shared/ingest/types.js';
import { readXlsx } from '../../../../shared/ingest/readers/xlsx/xlsx.js';
import { readXls } from '../../../../shared/ingest/readers/xls/xls.js';
import { prepareGrid } from '../../../../shared/ingest/stage/stage-rows.js';
import { hostileCases, MB } from '../../../support/hostile.js';
import { importFailure } from '../../../support/ingest-fixture.js';
import { bookParts, editXls, esc, patchEntry, sheetXml, zipOf, type BiffRecord, type BookSpec } from '../../../fixtures/sheets/build.js';

/**
 * Hostile workbooks: each must end in a typed ImportError (or plain rows) within 2 s, leave the built-in
 * prototypes untouched and grow the heap by less than 512 MB. Measured times are printed at the end.
 */

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/sheets/${name}`, import.meta.url)));
const SHEET1 = 'xl/worksheets/sheet1.xml';
const { hostile, timings } = hostileCases('hostile cases');

const xlsx = (bytes: Uint8Array, name = 'hostile.xlsx') => (): RawSheet[] => readXlsx({ name, bytes });
const xls = (bytes: Uint8Array, name = 'hostile.xls') => (): RawSheet[] => readXls({ name, bytes });
/** Read and prepared for staging, as the parse worker does: the step where repeated text would be multiplied out. */
const prepareAll = (sheets: RawSheet[]): RawSheet[] => (sheets.forEach((x) => prepareGrid(x)), sheets);
const book = (spec: BookSpec, patch: Record<string, string> = {}): Uint8Array => zipOf({ ...bookParts(spec), ...patch });

const LAUGHS_DTD = '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') + ']>';
const XXE_DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
const withDtd = (xml: string, dtd: string): string => xml.replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}\n${dtd}\n`);
const plain: BookSpec = { sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], strings: ['甲'] };
const parts = bookParts(plain);

describe('hostile .xlsx files', () => {
  it('zip bombs', () => {
    const bomb = fixture('bomb-1gib.xlsx');
    expect(bomb.length).toBeLessThan(1.1 * MB);
    hostile('xlsx: 1 GiB sheet in a 1 MB file (honest sizes)', xlsx(bomb), 'zip.bomb');
    const liar = patchEntry(bomb, SHEET1, { uncompressedSize: 1_000_000 });
    // past the declared checks, the first of: 1 MB of whitespace outside cells, the declared size, the running ratio
    const refused = /^(zip\.bomb|xlsx\.stray-text)$/;
    hostile('xlsx: same, sheet declared as 1 MB', xlsx(liar), refused);
    hostile('xlsx: same, sheet declared as 100 bytes', xlsx(patchEntry(bomb, SHEET1, { uncompressedSize: 100 })), 'zip.bomb');
    hostile('xlsx: same, sheet declared as 20 MB', xlsx(patchEntry(bomb, SHEET1, { uncompressedSize: 20 * MB })), refused);
  });

  it('a lie within the declared limits is refused early', () => {
    // 150 MB declared passes the pre-checks (ratio 144 ≤ 200); reading stops at 1 MB of padding outside cells
    // (xlsx.stray-text) or once the output passes RUNNING_FLOOR at more than 200:1 (zip.bomb); 1.2–2.4 s before, < 0.2 s now
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    expect(() => readXlsx({ name: 'liar.xlsx', bytes: patchEntry(fixture('bomb-1gib.xlsx'), SHEET1, { uncompressedSize: 150 * MB }) }))
      .toThrow(expect.objectContaining({ code: expect.stringMatching(/^(zip\.bomb|xlsx\.stray-text)$/) as unknown }));
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    timings.push({ case: 'xlsx: bomb declared as 150 MB (within declared limits)', ms: Math.round(ms), cpuMs: Math.round(cpuMs), heapMB: Math.round((process.memoryUsage().heapUsed - heap0) / MB), outcome: 'refused' });
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(128 * MB);
    expect(cpuMs).toBeLessThan(2000);
  }, 30_000);

  it('honest sizes, hostile content: one huge cell or megabytes of padding are refused early', () => {
    // pseudo-random whitespace in 64 K blocks (beyond deflate's 32 K window): about 4:1, so honest sizes pass every zip check
    let seed = 7;
    const block = Array.from({ length: 65_536 }, () => ' \n\t '[(seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 30]).join('');
    const pad = block.repeat(5 * 16);
    hostile('xlsx: 5 MB of text in one inline cell', xlsx(book(plain, { [SHEET1]: sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${pad}</t></is></c></row>`) })), 'sheet.cell-text');
    hostile('xlsx: 5 MB in one shared string', xlsx(book(plain, { 'xl/sharedStrings.xml': `<sst><si><t>${pad}</t></si></sst>` })), 'sheet.cell-text');
    hostile('xlsx: 5 MB of whitespace between rows', xlsx(book(plain, { [SHEET1]: sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>${pad}<row r="2"/>`) })), 'xlsx.stray-text');
    const long = book(plain, { [SHEET1]: sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'长'.repeat(32_767)}</t></is></c></row>`) });
    expect(hostile('xlsx: a cell at Excel\'s 32,767-character limit', xlsx(long), 'rows')?.[0]?.rows[0]?.[0]).toHaveLength(32_767);
  });

  it('one long shared string repeated in every cell is refused before it is multiplied out', () => {
    // 30,000 characters × 2 cells × 20,000 rows = 1.2 G characters of text from a file of about 140 KB
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c><c r="B${i + 1}" t="s"><v>0</v></c></row>`).join('');
    const amplified = book({ sheets: [{ name: 'S', data: rows }], strings: ['长'.repeat(30_000)] });
    expect(amplified.length).toBeLessThan(1024 * 1024);
    hostile('xlsx: a 30,000-character shared string in 40,000 cells', () => prepareAll(readXlsx({ name: 'hostile.xlsx', bytes: amplified })), 'xlsx.shared-amplified');
    // the same text in a handful of cells is fine
    const few = book({ sheets: [{ name: 'S', data: rows.slice(0, rows.indexOf('<row r="11"')) }], strings: ['长'.repeat(30_000)] });
    expect(hostile('xlsx: a 30,000-character shared string in 20 cells', () => prepareAll(readXlsx({ name: 'hostile.xlsx', bytes: few })), 'rows')?.[0]?.rows).toHaveLength(10);
  });

  it('an .xls whose shared string table repeats one long text in every cell is refused by the file\'s size', () => {
    // SheetJS writes the 3,000-character text once in the SST and 13,000 LABELSST references: 39M characters from 190 KB
    const ws = XLSX.utils.aoa_to_sheet(Array.from({ length: 6_500 }, () => ['长'.repeat(3_000), '长'.repeat(3_000)]));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: 'xls', type: 'array', bookSST: true }) as ArrayBuffer);
    expect(bytes.length).toBeLessThan(300 * 1024);
    hostile('xls: a 3,000-character shared string in 13,000 cells', xls(bytes), 'xls.shared-amplified');
  });

  it('staged text is bounded for every reader (the backstop behind the readers\' own limits)', () => {
    const sheet: RawSheet = { file: 'big.xls', sheet: '表1', rows: Array.from({ length: 100 }, () => ['长'.repeat(1000)]), merges: [] };
    expect(prepareGrid(sheet, 100_000).rowCount).toBe(100);
    const e = importFailure(() => prepareGrid(sheet, 50_500));
    expect([e.code, e.location?.row]).toEqual(['sheet.text-too-large', 51]);
    expect(e.message).toContain('big.xls / 表1 的文字合计超过');
  });

  it('entity expansion and external entities are refused, not processed', () => {
    const lol = `<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>`;
    hostile('xlsx: billion laughs in sheet XML', xlsx(book(plain, { [SHEET1]: withDtd(sheetXml(`<row>${lol}</row>`), LAUGHS_DTD) })), 'xml.doctype');
    const sst = withDtd('<?xml version="1.0"?><sst><si><t>&lol9;</t></si></sst>', LAUGHS_DTD);
    hostile('xlsx: billion laughs in sharedStrings', xlsx(book(plain, { 'xl/sharedStrings.xml': sst })), 'xml.doctype');
    hostile('xlsx: XXE in sheet XML', xlsx(book(plain, { [SHEET1]: withDtd(sheetXml('<row><c t="inlineStr"><is><t>&xxe;</t></is></c></row>'), XXE_DTD) })), 'xml.doctype');
    hostile('xlsx: XXE in sharedStrings', xlsx(book(plain, { 'xl/sharedStrings.xml': withDtd('<sst><si><t>&xxe;</t></si></sst>', XXE_DTD) })), 'xml.doctype');
    for (const part of ['xl/workbook.xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', '_rels/.rels']) {
      hostile(`xlsx: XXE in ${part}`, xlsx(book(plain, { [part]: withDtd(parts[part]!, XXE_DTD) })), 'xml.doctype');
    }
    hostile('xlsx: undeclared entity in sharedStrings', xlsx(book(plain, { 'xl/sharedStrings.xml': '<sst><si><t>&xxe;</t></si></sst>' })), 'xml.entity');
    hostile('xlsx: 100,000 nested elements', xlsx(book(plain, { [SHEET1]: sheetXml('<row><c><is>' + '<r>'.repeat(100_000)) })), 'xml.depth');
  });

  it('__proto__ and constructor are data', () => {
    const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty'];
    const spec: BookSpec = {
      sheets: [{ name: '__proto__', data: `<row r="1">${names.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('')}</row>` +
        `<row r="2">${names.map((n) => `<c t="inlineStr"><is><t>${esc(n)}</t></is></c>`).join('')}<c t="inlineStr" __proto__="x"><is><t>{"polluted":1}</t></is></c></row>` }],
      strings: names,
    };
    const sheets = hostile('xlsx: __proto__/constructor headers and sheet name', xlsx(book(spec)), 'rows');
    expect(sheets).toEqual([{ file: 'hostile.xlsx', sheet: '__proto__', rows: [names, [...names, '{"polluted":1}']], merges: [] }]);
    const lo = hostile('xlsx: LibreOffice __proto__ sheet', xlsx(fixture('indicators-roster.xlsx')), 'rows');
    expect(lo?.[2]?.rows[0]).toEqual(['__proto__', 'constructor', 'prototype', 'toString']);
  });

  it('far cells', () => {
    const far = book({ sheets: [{ name: 'Sheet1', data: '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>' }] });
    hostile('xlsx: value at XFD1048576', xlsx(far), 'xlsx.range');
    try {
      xlsx(far)();
    } catch (e) {
      expect((e as ImportError).message).toMatch(/^工作表 Sheet1 的单元格 XFD1048576 超出可处理范围/);
      expect((e as ImportError).location).toEqual({ file: 'hostile.xlsx', sheet: 'Sheet1', row: 1048576, column: 'XFD' });
    }
    const tall = book({ sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="BXX1048576"><v>2</v></c></row>' }] });
    hostile('xlsx: value at BXX1048576 (rows × columns too many)', xlsx(tall), 'xlsx.range');
    const styled = book({ sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row>', after: '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>' }] });
    expect(hostile('xlsx: styled empty cell at XFD1048576 and a sheet-wide merge', xlsx(styled), 'rows')).toEqual([
      { file: 'hostile.xlsx', sheet: 'S', rows: [[1]], merges: [] },
    ]);
    hostile('xlsx: shared string index 99999999999', xlsx(book(plain, { [SHEET1]: sheetXml('<row><c t="s"><v>99999999999</v></c></row>') })), 'xlsx.sharedstring');
  });

  it('broken containers', () => {
    const good = fixture('indicators-roster.xlsx');
    hostile('xlsx: truncated to half', xlsx(good.subarray(0, good.length >> 1)), /^zip\./);
    hostile('xlsx: truncated by one byte', xlsx(good.subarray(0, good.length - 1)), /^zip\./);
    hostile('xlsx: encrypted entry flag', xlsx(patchEntry(good, SHEET1, { flags: 1 })), 'zip.encrypted');
    hostile('xlsx: entry named ../evil.xml', xlsx(zipOf({ ...parts, '../evil.xml': '<x/>' })), 'zip.name');
    hostile('xlsx: entry named /etc/cron.d/x', xlsx(zipOf({ ...parts, '/etc/cron.d/x': 'x' })), 'zip.name');
    hostile('xlsx: OLE file (.xls or encrypted .xlsx)', xlsx(fixture('indicators-roster.xls')), 'xlsx.ole');
    hostile('xlsx: empty file', xlsx(new Uint8Array(0)), 'zip.not-zip');
    hostile('xlsx: zip without a workbook', xlsx(zipOf({ 'a.txt': 'x' })), 'xlsx.not-xlsx');
    hostile('xlsx: worksheet part missing', xlsx(zipOf(Object.fromEntries(Object.entries(parts).filter(([n]) => n !== SHEET1)))), 'xlsx.missing-part');
  });
});

describe('hostile .xls files', () => {
  it('SheetJS input is checked and its failures typed', () => {
    const good = fixture('indicators-roster.xls');
    const sheets = hostile('xls: LibreOffice __proto__ sheet', xls(good), 'rows');
    expect(sheets?.map((s) => s.sheet)).toEqual(['指标汇总', '干部名册', '__proto__', '隐藏参数']);
    expect(sheets?.[2]?.rows).toEqual([['__proto__', 'constructor', 'prototype', 'toString'], ['{"polluted":"yes"}', 1, 'x', 'y']]);
    hostile('xls: truncated to half', xls(good.subarray(0, good.length >> 1)), 'xls.unreadable');
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    junk.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    hostile('xls: OLE signature then noise', xls(junk), 'xls.unreadable');
    const html = hostile('xls: HTML table saved as .xls (read as a web page)', xls(new TextEncoder().encode('\uFEFF<html><table><tr><td>1</td></tr></table></html>')), 'rows');
    expect(html).toEqual([{ file: 'hostile.xls', sheet: '表1', encoding: 'utf-8-bom', rows: [['1']], merges: [] }]);
    hostile('xls: 1 GiB xlsx bomb renamed .xls', xls(fixture('bomb-1gib.xlsx')), 'zip.bomb');
    hostile('xls: empty file', xls(new Uint8Array(0)), 'xls.not-xls');
    expect(hostile('xls: .xlsx renamed .xls', xls(fixture('indicators-roster.xlsx')), 'rows')?.length).toBe(4);
  });

  // Raw SheetJS 0.20.3 on these (measured): the STRING record and the cut SST loop for 9-12 s up to 2.5 GB before a
  // RangeError; the ARRAY record loops forever without allocating. readXls drops or refuses them first.
  it('inputs that make SheetJS spin are dropped or refused first', () => {
    const good = fixture('indicators-roster.xls');
    const afterFirst = (rec: BiffRecord) => (rs: BiffRecord[]): BiffRecord[] => [rs[0]!, rec, ...rs.slice(1)];
    hostile('xls: empty STRING record (SheetJS loops; record dropped)', xls(editXls(good, afterFirst({ type: 0x0007, data: new Uint8Array(0) }))), 'rows');
    const array = good.slice();
    array[5837] = 0x21; // found by the property test: WSBOOL becomes an ARRAY record whose token stream overruns
    hostile('xls: ARRAY record, overrunning formula tokens (SheetJS hangs; dropped)', xls(array), 'rows');
    const formula = new Uint8Array(25);
    const f = new DataView(formula.buffer);
    f.setUint16(2, 10, true); f.setUint16(4, 15, true); f.setFloat64(6, 42, true); f.setUint16(20, 3, true); formula.set([0x19, 0x40, 0], 22);
    let first = true;
    const withFormula = editXls(good, (rs) => rs.flatMap((r) => (r.type === 0x0200 && first ? (first = false, [r, { type: 0x0006, data: formula }]) : [r])));
    const read = hostile('xls: FORMULA with junk tokens (cached value kept)', xls(withFormula), 'rows');
    expect(read?.[0]?.rows[0]).toEqual(['2025年三季度主要经济指标完成情况', null, null, null, null, null, null, null, null, null, 42]);
    const sst = new Uint8Array([2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0x41, 5]); // 2 strings: 'A', then a header cut after 1 byte
    const cutSst = (rs: BiffRecord[]): BiffRecord[] => rs.filter((r) => r.type !== 0x003c).map((r) => (r.type === 0x00fc ? { type: 0x00fc, data: sst } : r));
    hostile('xls: SST cut inside a string header (SheetJS loops)', xls(editXls(good, cutSst)), 'xls.corrupt');
    const flipped = good.slice();
    flipped[4870] = 6; // found by the property test: one record length byte, then records out of step (SheetJS: 9 s, 2.3 GB)
    hostile('xls: one flipped record length (found by fuzzing)', xls(flipped), /^(xls\.corrupt|rows)$/);
    const biff5 = (rs: BiffRecord[]): BiffRecord[] => rs.map((r) => (r.type === 0x0809 ? { type: r.type, data: Uint8Array.of(0, 5, ...r.data.slice(2)) } : r));
    hostile('xls: BIFF5 substream (old code paths)', xls(editXls(good, biff5)), 'xls.old-format');
    hostile('xls: FILEPASS (encrypted)', xls(editXls(good, afterFirst({ type: 0x002f, data: new Uint8Array(6) }))), 'xls.encrypted');
    const noise = new Uint8Array(4096).fill(0xff);
    const withJunk = editXls(good, (rs) => rs, { '/\u0005SummaryInformation': noise, '/\u0005DocumentSummaryInformation': noise, '/_VBA_PROJECT_CUR/VBA/dir': noise });
    expect(hostile('xls: junk property sets and VBA streams (never parsed)', xls(withJunk), 'rows')?.[0]?.rows[0]).toEqual(['2025年三季度主要经济指标完成情况']);
  });
});
