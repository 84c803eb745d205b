import { describe, expect, it } from 'vitest';
import type { RawSheet } from '../../../../shared/ingest/types.js';
import { readXls } from '../../../../shared/ingest/readers/xls/xls.js';
import { hostileCases, MB } from '../../../support/hostile.js';

/**
 * Hostile "xls" web pages and XML 2003 files: each must end in a typed ImportError (or plain rows) within 2 s,
 * grow the heap by less than 512 MB and pollute no prototype. Measured times are printed at the end.
 */

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const { hostile: check } = hostileCases('hostile markup cases');
const hostile = (label: string, text: string, expected: string | RegExp): RawSheet[] | undefined =>
  check(label, () => readXls({ name: 'h.xls', bytes: utf8(text) }), expected);

const WB = '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">';
const LAUGHS = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') + ']>';

describe('hostile web pages saved as .xls', () => {
  it('spans, nesting and sizes are bounded', () => {
    hostile('html: 100,000 nested tables', `<table>${'<tr><td><table>'.repeat(100_000)}`, 'html.depth');
    hostile('html: a cell at colspan 1000 × 200,000 rows (work bound)', `<table>${'<tr><td colspan=1000>x</td></tr>'.repeat(200_000)}</table>`, 'html.range');
    hostile('html: rowspan 2^31 on the first cell', '<table><tr><td rowspan=2147483647>x</td></tr></table>', 'rows');
    hostile('html: 2,001 columns', `<table><tr>${'<td>x</td>'.repeat(2001)}</tr></table>`, 'html.range');
    hostile('html: 60,000 rows under a rowspan of colspan 1000 (skipped columns are work)', `<table><tr><td colspan=1000 rowspan=65534>x</td></tr>${'<tr><td>x</td></tr>'.repeat(60_000)}</table>`, 'html.range');
    hostile('html: 1,000,000 empty cells', `<table>${`<tr>${'<td></td>'.repeat(1000)}</tr>`.repeat(1000)}</table>`, 'html.no-table');
  });

  it('unterminated markup, junk references and script never loop', () => {
    hostile('html: unterminated comment', `<table><tr><td>a</td></tr></table><!--${'x'.repeat(5 * MB)}`, 'rows');
    hostile('html: unterminated quoted attribute', `<table><tr><td title="${'x'.repeat(5 * MB)}`, /^(rows|html\.no-table)$/);
    hostile('html: 1,000,000 unterminated &# references in one cell', `<table><tr><td>${'&#99999999999'.repeat(1_000_000)}</td></tr></table>`, 'sheet.cell-text');
    hostile('html: 100,000 cells of unterminated &# references', `<table>${'<tr><td>&#99999999999&#x;&;&amp'.repeat(100_000)}</table>`, 'rows');
    hostile('html: 100,000 <script> without end tags', `<table><tr><td>a</td></tr></table>${'<script>'.repeat(100_000)}`, 'rows');
    hostile('html: 100,000 scripts each closed in upper case', `<table><tr><td>a</td></tr></table>${'<script>1</SCRIPT>'.repeat(100_000)}`, 'rows');
    hostile('html: 5 MB of "<" in one cell', `<table><tr><td>${'<'.repeat(5 * MB)}`, 'sheet.cell-text');
    const proto = hostile('html: __proto__ as caption, attribute and cell', '<table><caption>__proto__</caption><tr __proto__="x"><td constructor=1>{"polluted":1}</td></tr></table>', 'rows');
    expect(proto).toEqual([{ file: 'h.xls', sheet: '__proto__', encoding: 'utf-8', rows: [['{"polluted":1}']], merges: [] }]);
  });
});

describe('markup files past the text budget', () => {
  it('are refused before decoding', () => {
    const limits = { maxFileBytes: 1 << 30, maxInflatedBytes: 1000, maxRatio: 200, maxZipEntries: 10, maxRows: 10, maxColumns: 10, maxCells: 100 };
    const big = utf8(`<table><tr><td>${'x'.repeat(2000)}</td></tr></table>`);
    expect(() => readXls({ name: 'big.xls', bytes: big }, limits)).toThrow(expect.objectContaining({ code: 'html.too-large' }));
    const xml = utf8(`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">${' '.repeat(2000)}</Workbook>`);
    expect(() => readXls({ name: 'big.xls', bytes: xml }, limits)).toThrow(expect.objectContaining({ code: 'xml2003.too-large' }));
  });
});

describe('hostile XML 2003 saved as .xls', () => {
  it('entities are refused, spans and indexes bounded', () => {
    hostile('xml2003: billion laughs', `${LAUGHS}${WB}<Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="String">&lol9;</Data></Cell></Row></Table></Worksheet></Workbook>`, 'xml.doctype');
    hostile('xml2003: undeclared entity', `${WB}<Worksheet><Table><Row><Cell><Data ss:Type="String">&xxe;</Data></Cell></Row></Table></Worksheet></Workbook>`, 'xml.entity');
    hostile('xml2003: cell at ss:Index 16384 in row 1048576', `${WB}<Worksheet><Table><Row ss:Index="1048576"><Cell ss:Index="16384"><Data ss:Type="Number">1</Data></Cell></Row></Table></Worksheet></Workbook>`, 'xml2003.range');
    hostile('xml2003: a 344-byte file with a row at ss:Index 5,000,000 (past Excel\'s last row)', `${WB}<Worksheet><Table><Row ss:Index="5000000"><Cell ss:Index="10"><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet></Workbook>`, 'xml2003.range');
    hostile('xml2003: MergeAcross/MergeDown 1e15 on 100,000 cells', `${WB}<Worksheet><Table>${'<Row><Cell ss:MergeAcross="1000000000000000" ss:MergeDown="1000000000000000"><Data ss:Type="String">x</Data></Cell></Row>'.repeat(100_000)}</Table></Worksheet></Workbook>`, 'xml2003.range');
    hostile('xml2003: 100,000 nested Data elements', `${WB}<Worksheet><Table><Row><Cell><Data>${'<B>'.repeat(100_000)}`, 'xml.depth');
    hostile('xml2003: Number cells holding 1e999, NaN and text', `${WB}<Worksheet ss:Name="__proto__"><Table><Row><Cell><Data ss:Type="Number">1e999</Data></Cell><Cell><Data ss:Type="Number">NaN</Data></Cell><Cell><Data ss:Type="Number">十</Data></Cell></Row></Table></Worksheet></Workbook>`, 'rows');
  });
});
