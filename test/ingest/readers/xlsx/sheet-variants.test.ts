import { describe, expect, it } from 'vitest';
import type { RawSheet } from '../../../../shared/ingest/types.js';
import { readXlsx } from '../../../../shared/ingest/readers/xlsx/xlsx.js';
import { bookParts, zipOf, type BookSpec } from '../../../fixtures/sheets/build.js';

/**
 * Package and cell variants other producers write: the .NET OpenXML SDK (x: prefixes everywhere), Excel's
 * "Strict Open XML" save option, root-relative, '../' and odd-case relationship targets, missing parts, WPS
 * picture cells, POI's 17-digit doubles. Each package is built here from text; expected values are by hand.
 */

/* eslint-disable no-restricted-syntax -- namespace names are identifiers, never fetched */
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/* eslint-enable no-restricted-syntax */

const read = (files: Record<string, string>): RawSheet[] => readXlsx({ name: 'v.xlsx', bytes: zipOf(files) });
const rows = (spec: BookSpec): RawSheet['rows'] => readXlsx({ name: 'v.xlsx', bytes: zipOf(bookParts(spec)) })[0]!.rows;
const rels = (ns: string, list: [string, string, string][]): string =>
  `<?xml version="1.0"?><Relationships xmlns="${PKG}">` +
  list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${ns}/${type}" Target="${target}"/>`).join('') + '</Relationships>';

describe('package variants', () => {
  it('OpenXML SDK: every part with an x: prefix, sheets listed out of zip order, no docProps', () => {
    const files = {
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels': rels(R, [['R1', 'officeDocument', '/xl/workbook.xml']]),
      'xl/worksheets/sheet2.xml': `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      'xl/worksheets/sheet1.xml': `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>` +
        '<x:c r="B1" s="1"><x:v>45930</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      'xl/workbook.xml': `<x:workbook xmlns:x="${MAIN}" xmlns:r="${R}"><x:sheets><x:sheet name="汇总" sheetId="2" r:id="R2"/>` +
        '<x:sheet name="明细" sheetId="1" r:id="R1"/></x:sheets></x:workbook>',
      'xl/_rels/workbook.xml.rels': rels(R, [['R1', 'worksheet', '/xl/worksheets/sheet1.xml'], ['R2', 'worksheet', '/xl/worksheets/sheet2.xml'],
        ['R3', 'sharedStrings', '/xl/sharedStrings.xml'], ['R4', 'styles', '/xl/styles.xml']]),
      'xl/sharedStrings.xml': `<x:sst xmlns:x="${MAIN}"><x:si><x:t>地区</x:t></x:si><x:si><x:t>合计</x:t></x:si></x:sst>`,
      'xl/styles.xml': `<x:styleSheet xmlns:x="${MAIN}"><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="31"/></x:cellXfs></x:styleSheet>`,
    };
    expect(read(files).map((s) => [s.sheet, s.rows])).toEqual([['汇总', [['合计']]], ['明细', [['地区', '2025-09-30']]]]);
  });

  it('Strict Open XML (purl.oclc.org namespaces), with "../" and odd-case targets and no content-type overrides', () => {
    const files = {
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      '_rels/.rels': rels(STRICT_REL, [['rId1', 'officeDocument', 'xl/workbook.xml']]),
      'xl/workbook.xml': `<workbook xmlns="${STRICT}" xmlns:r="${STRICT_REL}" conformance="strict"><workbookPr dateCompatibility="1"/>` +
        '<sheets><sheet name="指标" sheetId="1" r:id="rId1"/><sheet name="停用" sheetId="2" state="veryHidden" r:id="rId2"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': rels(STRICT_REL, [['rId1', 'worksheet', '../xl/Worksheets/Sheet1.XML'], ['rId2', 'worksheet', 'worksheets\\sheet2.xml'],
        ['rId3', 'sharedStrings', 'sharedStrings.xml'], ['rId4', 'styles', 'styles.xml']]),
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${STRICT}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.0525</v></c>` +
        '<c r="C1" s="2"><v>45717</v></c></row></sheetData></worksheet>',
      'xl/worksheets/sheet2.xml': `<worksheet xmlns="${STRICT}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>旧</t></is></c></row></sheetData></worksheet>`,
      'xl/sharedStrings.xml': `<sst xmlns="${STRICT}"><si><t>增速</t></si></sst>`,
      'xl/styles.xml': `<styleSheet xmlns="${STRICT}"><numFmts><numFmt numFmtId="200" formatCode="0.00%"/></numFmts>` +
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="200"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    };
    expect(read(files)).toEqual([
      { file: 'v.xlsx', sheet: '指标', rows: [['增速', 5.25, '2025-03-01']], merges: [] },
      { file: 'v.xlsx', sheet: '停用', rows: [['旧']], merges: [], hidden: true },
    ]);
  });

  it('targets written from the package root without "/", and parts present but not related (or no workbook rels at all)', () => {
    const parts = bookParts({ sheets: [{ name: '表', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45658</v></c></row>' }], strings: ['甲'] });
    const rooted = { ...parts, 'xl/_rels/workbook.xml.rels': rels(R, [['rId1', 'worksheet', 'xl/worksheets/sheet1.xml']]) };
    expect(read(rooted)[0]!.rows).toEqual([['甲', '2025-01-01']]);
    const none = Object.fromEntries(Object.entries(parts).filter(([n]) => n !== 'xl/_rels/workbook.xml.rels' && n !== '_rels/.rels' && n !== '[Content_Types].xml'));
    expect(read(none)[0]!.rows).toEqual([['甲', '2025-01-01']]);
    const noStyles = Object.fromEntries(Object.entries(parts).filter(([n]) => n !== 'xl/styles.xml' && n !== 'xl/sharedStrings.xml'));
    const inline = { ...noStyles, 'xl/worksheets/sheet1.xml': parts['xl/worksheets/sheet1.xml']!.replace('t="s"><v>0</v>', 't="inlineStr"><is><t>乙</t></is>') };
    expect(read(inline)[0]!.rows).toEqual([['乙', 45658]]);
  });
});

describe('cell variants', () => {
  it('rows out of order and with gaps, cells without r, t="str" escapes, WPS picture cells, 17-digit doubles', () => {
    const data = '<row r="4"><c><v>4</v></c></row><row r="2"><c r="B2"><v>0.30000000000000004</v></c><c><v>1234.5599999999999</v></c></row>' +
      '<row><c t="str"><f>A1</f><v>第一行_x000D__x000A_第二行</v></c><c t="str"><f>_xlfn.DISPIMG("ID_8F2A",1)</f><v>=DISPIMG("ID_8F2A",1)</v></c>' +
      '<c t="e"><v>#DIV/0!</v></c><c t="b"><v>true</v></c><c t="inlineStr"><is><r><t xml:space="preserve">  甲 </t></r><r><rPr><b/></rPr><t>乙</t></r></is></c></row>' +
      '<row r="6"><c r="C6"><v>110101199001011234</v></c><c><v>-1.0000000000000002</v></c></row>';
    expect(rows({ sheets: [{ name: 'S', data }] })).toEqual([
      [],
      [null, 0.3, 1234.56],
      ['第一行\r\n第二行', null, '#DIV/0!', true, '  甲 乙'],
      [4],
      [],
      [null, null, '110101199001011234', -1], // an integer of 16+ digits (an ID number a system wrote as a number) keeps every digit, as text
    ]);
  });

  it('shared strings with rich and phonetic runs, preserved spaces, character references and _xHHHH_ escapes', () => {
    const sstXml = `<sst xmlns="${MAIN}"><si><r><rPr><b/></rPr><t>组织</t></r><r><t>部</t></r><rPh sb="0" eb="2"><t>ソシキ</t></rPh>` +
      '<phoneticPr fontId="1" type="noConversion"/></si><si><t xml:space="preserve"> 前后空格 </t></si><si><t>&#x5E72;&#37096;&amp;&lt;名册&gt;</t></si>' +
      '<si><t>A_x005F_x0042_C_x0009_D</t><rPh sb="0" eb="1"><t>エー</t></rPh></si></sst>';
    const data = '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>';
    expect(rows({ sheets: [{ name: 'S', data }], sstXml })).toEqual([['组织部', ' 前后空格 ', '干部&<名册>', 'A_x0042_C\tD']]);
  });

  it('built-in Chinese formats (ids 27–36, 50–58), times, custom [$-804]/[DBNum1] formats and the 1904 system', () => {
    const ids = [27, 28, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 55, 57, 58, 45, 46, 47, 20, 9, 10];
    const stylesXml = `<styleSheet xmlns="${MAIN}"><numFmts><numFmt numFmtId="170" formatCode="[$-804]yyyy/m/d"/>` +
      '<numFmt numFmtId="171" formatCode="[DBNum1][$-804]yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="172" formatCode="[DBNum1]General"/>' +
      '<numFmt numFmtId="173" formatCode="0.00&quot;%&quot;"/></numFmts>' +
      `<cellXfs><xf numFmtId="0"/>${[...ids, 170, 171, 172, 173].map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs></styleSheet>`;
    const serial = 45930.5; // 2025-09-30 12:00
    const data = `<row>${[...ids, 170, 171, 172, 173].map((_, i) => `<c s="${i + 1}"><v>${ids[i] === 9 || ids[i] === 10 ? 0.125 : serial}</v></c>`).join('')}</row>`;
    const d = '2025-09-30';
    expect(rows({ sheets: [{ name: 'S', data }], stylesXml })).toEqual([[
      d, d, d, d, `${d} 12:00:00`, `${d} 12:00:00`, `${d} 12:00:00`, `${d} 12:00:00`, d, d, d, d, `${d} 12:00:00`, d, d,
      `${d} 12:00:00`, `${d} 12:00:00`, `${d} 12:00:00`, `${d} 12:00:00`, 12.5, 12.5, d, d, serial, serial,
    ]]);
    expect(rows({ sheets: [{ name: 'S', data: '<row><c s="1"><v>44197</v></c></row>' }], date1904: true })).toEqual([['2025-01-02']]);
  });
});
