import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { utils, write } from '@e965/xlsx';
import { DEFAULT_LIMITS, type RawSheet } from '../../../../shared/ingest/types.js';
import { readXlsx } from '../../../../shared/ingest/readers/xlsx/xlsx.js';
import { readXls } from '../../../../shared/ingest/readers/xls/xls.js';
import { DateKind, formatKind, serialToText } from '../../../../shared/ingest/readers/xlsx/xlsx-styles.js';
import { buildXlsx, sheetXml, type BookSpec } from '../../../fixtures/sheets/build.js';
import { importFailure } from '../../../support/ingest-fixture.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/sheets/${name}`, import.meta.url)));

/** What LibreOffice 7.4 wrote from indicators-roster.fods, as both readers must return it (12.5% cells in percent units, as in a CSV). */
const EXPECTED_SHEETS = [
  {
    sheet: '指标汇总',
    rows: [
      ['2025年三季度主要经济指标完成情况'],
      ['地区', '区划代码', '地区生产总值', null, '一般公共预算收入'],
      [null, null, '绝对值（亿元）', '同比增长%', '绝对值（亿元）', '增速'],
      ['甲市', '990100', 1234.56, 5.2, 88.8, 12.5],
      ['乙市', '990200', '456.70', -1.5, '—', 8],
      ['丙县', '990301', 78.9, 6, 12, -3.1],
      ['合计', null, 1770.16, 4.1, 100.8, 9],
      ['注：数据来源于各市统计局，增速按可比价计算。'],
    ],
    merges: [
      { r0: 0, c0: 0, r1: 0, c1: 5 }, { r0: 1, c0: 0, r1: 2, c1: 0 }, { r0: 1, c0: 1, r1: 2, c1: 1 },
      { r0: 1, c0: 2, r1: 1, c1: 3 }, { r0: 1, c0: 4, r1: 1, c1: 5 }, { r0: 7, c0: 0, r1: 7, c1: 5 },
    ],
  },
  {
    sheet: '干部名册',
    rows: [
      ['姓名', '性别', '出生年月', '身份证号', '任现职时间', '入党时间', '最近更新'],
      ['张三', '男', '1975-03-15', '00123419750315001X', '2021-06-01', '1998.07', '2025-03-01 08:30:00'],
      ['李四', '女', '1988-12-01', '990102198812010027', '1949-10-01', '2010.07', '1900-03-01 12:00:00'],
      ['王五', '男', null, '000000200001019999', 1], // LibreOffice writes TRUE as the number 1
    ],
    merges: [],
  },
  { sheet: '__proto__', rows: [['__proto__', 'constructor', 'prototype', 'toString'], ['{"polluted":"yes"}', 1, 'x', 'y']], merges: [] },
  { sheet: '隐藏参数', rows: [['版本', 3]], merges: [], hidden: true },
];

describe('readXlsx on a workbook written by LibreOffice', () => {
  it('returns every sheet with its cells, merges and hidden state', () => {
    const sheets = readXlsx({ name: '2025年三季度指标.xlsx', bytes: fixture('indicators-roster.xlsx') });
    expect(sheets).toEqual(EXPECTED_SHEETS.map((s) => ({ file: '2025年三季度指标.xlsx', ...s })));
  });

  it('agrees with readXls on the same workbook saved as .xls', () => {
    const xls = readXls({ name: 'a.xls', bytes: fixture('indicators-roster.xls') });
    const xlsx = readXlsx({ name: 'a.xls', bytes: fixture('indicators-roster.xlsx') });
    expect(xls).toEqual(xlsx);
  });
});

describe('readXls on a workbook written by SheetJS', () => {
  it('reads dates, a cached formula value, merges and the hidden flag', () => {
    const ws = utils.aoa_to_sheet([['地区', '日期', '值'], ['甲', new Date(Date.UTC(2025, 2, 1)), 1.5], ['合计', null, { t: 'n', v: 1.5, f: 'SUM(C2:C2)' }]],
      { cellDates: true, UTC: true });
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }];
    const wb = utils.book_new();
    utils.book_append_sheet(wb, ws, '数据');
    utils.book_append_sheet(wb, utils.aoa_to_sheet([['x']]), '隐藏');
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    const bytes = new Uint8Array(write(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
    expect(readXls({ name: 's.xls', bytes })).toEqual([
      { file: 's.xls', sheet: '数据', rows: [['地区', '日期', '值'], ['甲', '2025-03-01', 1.5], ['合计', null, 1.5]], merges: [{ r0: 0, c0: 0, r1: 0, c1: 1 }] },
      { file: 's.xls', sheet: '隐藏', rows: [['x']], merges: [], hidden: true },
    ]);
  });
});

const read = (spec: BookSpec): RawSheet[] => readXlsx({ name: 'b.xlsx', bytes: buildXlsx(spec) });
const cells = (data: string, more: Partial<BookSpec> = {}): RawSheet['rows'] =>
  read({ sheets: [{ name: 'S', data }], ...more })[0]!.rows;

describe('readXlsx cell types', () => {
  it('reads every cell type, formulas by their cached value', () => {
    const rows = cells(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><f>A1&amp;"x"</f><v>甲x</v></c><c r="C1" t="b"><v>1</v></c>' +
      '<c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#DIV/0!</v></c><c r="F1"><f>1/0</f></c><c r="G1" t="n"><v>-1.5E-3</v></c>' +
      '<c r="H1" t="d"><v>2025-03-01T00:00:00Z</v></c><c r="I1" t="d"><v>2025-03-01T08:30:15</v></c><c r="J1" t="s"><v>1</v></c></row>',
      { strings: ['甲', ''] },
    );
    expect(rows).toEqual([['甲', '甲x', true, false, '#DIV/0!', null, -0.0015, '2025-03-01', '2025-03-01 08:30:15']]);
  });

  it('reads inline and rich strings, ignoring phonetic runs and decoding _xHHHH_ escapes', () => {
    const sst = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>区划</t></r><r><rPr><b/></rPr><t>代码</t></r>' +
      '<rPh sb="0" eb="2"><t>クカク</t></rPh><phoneticPr fontId="1"/></si><si><t>第一行_x000D_\n第二行_x005F_x0041_</t></si></sst>';
    const rows = cells('<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>内</t></r><r><t xml:space="preserve"> 联</t></r></is></c></row>', { sstXml: sst });
    expect(rows).toEqual([['区划代码', '第一行\r\n第二行_x0041_', '内 联']]);
  });

  it('follows cells and rows written without references, keeps leading empty rows and trims trailing ones', () => {
    const rows = cells('<row r="3"><c><v>1</v></c><c r="D3"><v>2</v></c><c><v>3</v></c><c r="H3" s="1"/></row><row><c><v>4</v></c></row>' +
      '<row r="9"><c r="A9" t="s"><v>0</v></c><c r="B9" t="str"><v></v></c></row><row r="20"><c r="Z20" s="2"/></row>', { strings: [''] });
    expect(rows).toEqual([[], [], [1, null, null, 2, 3], [4]]);
  });

  it('converts dates by style, honouring the 1900 leap-year bug and date1904', () => {
    const row = '<row><c s="1"><v>59</v></c><c s="1"><v>60</v></c><c s="1"><v>61</v></c><c s="2"><v>45717.354166666664</v></c>' +
      '<c s="3"><v>45658</v></c><c s="4"><v>0.125</v></c><c s="5"><v>0.75</v></c><c s="1"><v>-1</v></c><c s="1"><v>1</v></c></row>';
    expect(cells(row)).toEqual([['1900-02-28', '1900-02-29', '1900-03-01', '2025-03-01 08:30:00', '2025-01-01', 12.5, '18:00:00', -1, '1900-01-01']]);
    expect(cells('<row><c s="1"><v>0</v></c><c s="1"><v>43830</v></c></row>', { date1904: true })).toEqual([['1904-01-01', '2024-01-01']]);
  });

  it('classifies number formats', () => {
    const cases: [string, DateKind][] = [
      ['General', DateKind.None], ['0.00%', DateKind.Percent], ['0.0"%"', DateKind.None], ['[DBNum1][$-804]General', DateKind.None], ['#,##0.00_);[Red](#,##0.00)', DateKind.None], ['0.00E+00', DateKind.None],
      ['yyyy"年"m"月"d"日"', DateKind.Date], ['yyyy\\-mm\\-dd', DateKind.Date], ['[$-804]yyyy年m月', DateKind.Date], ['mmm-yy', DateKind.Date],
      ['h:mm AM/PM', DateKind.Time], ['[h]:mm:ss', DateKind.Time], ['mm:ss', DateKind.Time], ['"day" 0', DateKind.None],
      ['yyyy-mm-dd hh:mm:ss', DateKind.DateTime], ['[DBNum1][$-804]yyyy"年"m"月"d"日"', DateKind.Date], ['@', DateKind.None],
    ];
    for (const [code, kind] of cases) expect([code, formatKind(code)]).toEqual([code, kind]);
    expect(serialToText(45717.99999999, DateKind.DateTime, false)).toBe('2025-03-02 00:00:00');
    expect(serialToText(3e6, DateKind.Date, false)).toBeNull();
  });

  it('reads prefixed (x:) worksheets, hidden sheets and skips nothing else', () => {
    // eslint-disable-next-line no-restricted-syntax -- an XML namespace name, never fetched
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const xml = `<x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row></x:sheetData>` +
      '<x:mergeCells><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>';
    const sheets = read({ sheets: [{ name: '甲', xml }, { name: '乙', data: '<row r="1"><c r="A1"><v>1</v></c></row>', state: 'veryHidden' }] });
    expect(sheets).toEqual([
      { file: 'b.xlsx', sheet: '甲', rows: [[null, '前缀']], merges: [{ r0: 0, c0: 0, r1: 0, c1: 1 }] },
      { file: 'b.xlsx', sheet: '乙', rows: [[1]], merges: [], hidden: true },
    ]);
  });

  it('clips merges to the used range', () => {
    const after = '<mergeCells><mergeCell ref="A1:XFD1048576"/><mergeCell ref="C5:D9"/><mergeCell ref="B2"/><mergeCell ref="junk"/></mergeCells>';
    expect(read({ sheets: [{ name: 'S', data: '<row r="2"><c r="B2"><v>1</v></c></row>', after }] })[0]!.merges).toEqual([{ r0: 0, c0: 0, r1: 1, c1: 1 }]);
  });

  it('fails with located, typed errors', () => {
    const sst = importFailure(() => cells('<row r="4"><c r="C4" t="s"><v>7</v></c></row>'));
    expect([sst.code, sst.location]).toEqual(['xlsx.sharedstring', { file: 'b.xlsx', sheet: 'S', row: 4, column: 'C' }]);
    expect(importFailure(() => cells('<row><c r="A0"><v>1</v></c></row>')).code).toBe('xlsx.ref');
    expect(importFailure(() => cells('<row><c r="XFE1"><v>1</v></c></row>')).code).toBe('xlsx.ref');
    const wide = importFailure(() => cells('<row><c r="CAA1"><v>1</v></c></row>'));
    expect([wide.code, wide.location.column]).toEqual(['xlsx.range', 'CAA']);
    const small = { ...DEFAULT_LIMITS, maxCells: 10 };
    const e = importFailure(() => readXlsx({ name: 'b.xlsx', bytes: buildXlsx({ sheets: [{ name: 'S', data: '<row r="4"><c r="D4"><v>1</v></c></row>' }] }) }, small));
    expect(e.message).toMatch(/^工作表 S 的单元格 D4 超出可处理范围/);
    const broken = buildXlsx({ sheets: [{ name: 'S', xml: sheetXml('<row><c><v>1</v></row>') }] });
    const m = importFailure(() => readXlsx({ name: 'b.xlsx', bytes: broken }));
    expect([m.code, m.location.sheet]).toEqual(['xml.malformed', 'S']);
    expect(m.message).toContain('xl/worksheets/sheet1.xml');
  });
});
