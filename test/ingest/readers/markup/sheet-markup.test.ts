import { describe, expect, it } from 'vitest';
import { CFB } from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { readHtmlTables } from '../../../../shared/ingest/readers/markup/html-table.js';
import { sniffFormat } from '../../../../shared/ingest/readers/sniff.js';
import { readSpreadsheet2003 } from '../../../../shared/ingest/readers/markup/spreadsheet-2003.js';
import type { RawSheet } from '../../../../shared/ingest/types.js';
import { readXls } from '../../../../shared/ingest/readers/xls/xls.js';
import { readXlsx } from '../../../../shared/ingest/readers/xlsx/xlsx.js';
import { editXls } from '../../../fixtures/sheets/build.js';
import { importFailure } from '../../../support/ingest-fixture.js';

/**
 * The ".xls" files systems export as text: web pages with tables (GBK or UTF-8) and XML Spreadsheet 2003,
 * written by make-markup.py, by LibreOffice (from indicators-roster.fods) or here. Expected values are by hand.
 */

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/sheets/${name}`, import.meta.url)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The sheets without the decoded charset (checked on its own below). */
const xls = (bytes: Uint8Array, name = '导出.xls'): RawSheet[] =>
  readXls({ name, bytes }).map((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'encoding')) as RawSheet);

describe('the charset of markup spreadsheets', () => {
  it('is named on every sheet, as for CSV: declared GBK/GB2312 read as GB18030, UTF-8 as UTF-8', () => {
    const enc = (name: string): (string | undefined)[] => readXls({ name, bytes: fixture(name) }).map((s) => s.encoding);
    expect(enc('gov-export-gbk.xls')).toEqual(['gb18030']);
    expect(enc('gov-export-2003-gbk.xls')).toEqual(['gb18030']);
    expect(new Set(enc('indicators-roster.html'))).toEqual(new Set(['utf-8']));
  });
});

describe('long integers in XML 2003 number cells', () => {
  it('keep every digit, as text (an ID number written as a number), as JSON and .xlsx do', () => {
    const xml = '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
      '<Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="Number">110101199001011234</Data></Cell><Cell><Data ss:Type="Number">0.30000000000000004</Data></Cell>' +
      '<Cell><Data ss:Type="Number">1.5E+17</Data></Cell></Row></Table></Worksheet></Workbook>';
    expect(xls(utf8(xml))[0]?.rows).toEqual([['110101199001011234', 0.3, 150000000000000000]]);
  });
});

describe('web pages saved as .xls', () => {
  it('a GBK page from a JSP export: rowspan/colspan header, unclosed cells, &nbsp;, <br>, text kept as shown', () => {
    expect(xls(fixture('gov-export-gbk.xls'))).toEqual([{
      file: '导出.xls', sheet: '名册', // from the <x:Name> of the office XML island (else the <title>, 干部信息导出)
      rows: [
        ['某某县领导干部基本情况统计表'],
        ['序号', '姓名', '出生', null, '现任职务', '身份证号'],
        [null, null, '年月', '籍贯'],
        ['1', '张 三', '1975.03', '河北 石家庄', '县委书记\n兼县人大常委会主任', '00123419750315001X'],
        ['2', '李四', '1988.12', '山东&济南', '副县长', '990102198812010027'],
        ['3', '赵六', '1990.01', '齐鲁', '-'],
      ],
      merges: [
        { r0: 0, c0: 0, r1: 0, c1: 5 }, { r0: 1, c0: 0, r1: 2, c1: 0 }, { r0: 1, c0: 1, r1: 2, c1: 1 },
        { r0: 1, c0: 2, r1: 1, c1: 3 }, { r0: 1, c0: 4, r1: 2, c1: 4 }, { r0: 1, c0: 5, r1: 2, c1: 5 },
      ],
    }]);
  });

  it('LibreOffice "HTML (StarCalc)": one sheet per table, named from its heading, cells as displayed', () => {
    const sheets = xls(fixture('indicators-roster.html'));
    expect(sheets.map((s) => s.sheet)).toEqual(['指标汇总', '干部名册', '__proto__']); // hidden sheets are not exported
    expect(sheets[0]!.rows.slice(3, 5)).toEqual([['甲市', '990100', '1,234.56', '5.2', '88.8', '12.5%'], ['乙市', '990200', '456.70', '-1.5', '—', '8.0%']]);
    expect(sheets[1]!.rows[1]).toEqual(['张三', '男', '1975-03-15', '00123419750315001X', '2021年6月1日', '1998.07', '2025-03-01 08:30:00']);
    expect(sheets[0]!.merges).toEqual(readXlsx({ name: 'a', bytes: fixture('indicators-roster.xlsx') })[0]!.merges);
  });

  it('a UTF-8 fragment: captions, th, nested layout tables, script and comments skipped, spans bounded', () => {
    const page = '<!DOCTYPE html><meta charset="utf-8"><script>var s = "<table><tr><td>假</td></tr></table>";</SCRIPT>' +
      '<!-- <table><tr><td>注释</td></tr></table> --><table class="layout"><tr><td>' +
      '<table><caption>乡镇 汇总</caption><thead><tr><th>乡镇</th><th title="a>b">人口</th></tr></thead>' +
      '<tbody><TR><TD>甲镇</TD><TD>1&#44;200</TD></TR><tr><td colspan="abc">乙镇<td colspan="0">&lt;缺&gt;</tr></tbody></table>' +
      '</td></tr></table><table><tr><td colspan=99999>宽</td><td>尾</td></tr></table><table><tr><td> </td></tr></table>';
    expect(xls(utf8(page), 'p.html')).toEqual([
      { file: 'p.html', sheet: '乡镇 汇总', rows: [['乡镇', '人口'], ['甲镇', '1,200'], ['乙镇', '<缺>']], merges: [] },
      { file: 'p.html', sheet: '表2', rows: [['宽', ...new Array<null>(999).fill(null), '尾']], merges: [{ r0: 0, c0: 0, r1: 0, c1: 999 }] },
    ]);
  });

  it('a page without a table, and a "single file web page" (MHTML), are refused in Chinese, saying what to do', () => {
    const e = importFailure(() => xls(utf8('<html><body><p>无数据</p></body></html>'), '名册.xls'));
    expect([e.code, e.message]).toEqual(['html.no-table', '文件 名册.xls 实为网页（HTML）格式，但其中没有含数据的表格；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入']);
    const mht = utf8('MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n------=_NextPart_01\r\n');
    expect(sniffFormat({ name: '名册.xls', bytes: mht })).toBe('xls');
    const m = importFailure(() => xls(mht, '名册.xls'));
    expect([m.code, m.message]).toEqual(['xls.mhtml', '文件 名册.xls 实为“单个文件网页”（MHTML）格式，不是真正的 Excel 文件；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入']);
  });
});

describe('XML Spreadsheet 2003 saved as .xls', () => {
  it('LibreOffice "MS Excel 2003 XML" gives the same cells as its .xlsx (the hidden flag is not exported)', () => {
    const fromXlsx = readXlsx({ name: '导出.xls', bytes: fixture('indicators-roster.xlsx') }).map(({ file, sheet, rows, merges }) => ({ file, sheet, rows, merges }));
    expect(xls(fixture('indicators-roster.xml'))).toEqual(fromXlsx);
  });

  it('GB2312-declared, ss:-prefixed: row gaps, percent style in percent units, dates, an ss:Index skip', () => {
    expect(xls(fixture('gov-export-2003-gbk.xls'))).toEqual([{
      file: '导出.xls', sheet: '指标',
      rows: [['2025年三季度指标'], [], ['地区', '增速', '日期'], ['甲市', 12.5, '2025-09-30'], ['乙市', null, '2025-06-01 08:30:00']],
      merges: [{ r0: 0, c0: 0, r1: 0, c1: 2 }],
    }]);
  });

  it('as Excel writes it: MergeDown pushes cells right, rich Data, comments, booleans, errors, times, hidden sheets', () => {
    const xml = '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" ' +
      'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">' +
      '<Styles><Style ss:ID="p"><NumberFormat ss:Format="Percent"/></Style></Styles>' +
      '<Worksheet ss:Name="考核"><Table><Row><Cell ss:MergeDown="1"><Data ss:Type="String">姓名</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">结果</Data></Cell></Row>' +
      '<Row><Cell><Data ss:Type="String">等次</Data></Cell><Cell><Data ss:Type="String">比例</Data></Cell></Row>' +
      '<Row><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>张</B>三</ss:Data><Comment><ss:Data>批注不是数据</ss:Data></Comment></Cell>' +
      '<Cell><Data ss:Type="Boolean">1</Data></Cell><Cell ss:StyleID="p"><Data ss:Type="Number">0.30000000000000004</Data></Cell>' +
      '<Cell><Data ss:Type="Error">#DIV/0!</Data></Cell><Cell><Data ss:Type="DateTime">1899-12-31T08:30:00.000</Data></Cell></Row></Table>' +
      '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>' +
      '<Worksheet ss:Name="参数"><Table><Row ss:Index="2"><Cell ss:Index="2"><Data ss:Type="Number">3</Data></Cell></Row></Table>' +
      '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetVeryHidden</Visible></WorksheetOptions></Worksheet></Workbook>';
    expect(xls(utf8(xml), 'k.xml')).toEqual([
      {
        file: 'k.xml', sheet: '考核', hidden: true,
        rows: [['姓名', '结果'], [null, '等次', '比例'], ['张三', true, 30, '#DIV/0!', '08:30:00']],
        merges: [{ r0: 0, c0: 0, r1: 1, c1: 0 }, { r0: 0, c0: 1, r1: 0, c1: 2 }],
      },
      { file: 'k.xml', sheet: '参数', rows: [[], [null, 3]], merges: [], hidden: true },
    ]);
  });

  it('other XML is refused, and a DOCTYPE is refused before anything is expanded', () => {
    const other = importFailure(() => readSpreadsheet2003({ name: 'a.xls', bytes: utf8('<Person><XingMing>张三</XingMing></Person>') }));
    expect([other.code, other.message]).toEqual(['xml2003.not-workbook', '文件 a.xls 是 XML 文件，但不是 Excel 2003 XML 表格（根元素为 <Person>），无法导入']);
    const dtd = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>';
    expect(importFailure(() => xls(utf8(dtd))).code).toBe('xml.doctype');
    expect(importFailure(() => readHtmlTables({ name: 'b.xls', bytes: utf8('<table><tr><td>x') }, { ...DEFAULTS, maxCells: 0 })).code).toBe('html.range');
  });
});

const DEFAULTS = { maxFileBytes: 1 << 30, maxInflatedBytes: 1 << 29, maxRatio: 200, maxZipEntries: 10_000, maxRows: 5_000_000, maxColumns: 2_000, maxCells: 50_000_000 };

describe('sniffing by content, not by name', () => {
  it('routes web pages, XML 2003 and delimited text saved as .xls, and WPS .et files', () => {
    const sniff = (name: string, bytes: Uint8Array) => sniffFormat({ name, bytes });
    expect(sniff('导出.xls', fixture('gov-export-gbk.xls'))).toBe('xls');
    expect(sniff('导出.htm', fixture('indicators-roster.html'))).toBe('xls');
    expect(sniff('导出.xml', fixture('indicators-roster.xml'))).toBe('xls');
    expect(sniff('导出.xlsx', fixture('gov-export-2003-gbk.xls'))).toBe('xls');
    expect(sniff('名册.xls', utf8('姓名\t性别\n张三\t男\n'))).toBe('tsv');
    expect(sniff('名册.xls', utf8('姓名,性别\n张三,男\n'))).toBe('csv');
    expect(sniff('a.xml', utf8('<?xml version="1.0"?><Person><XingMing>张三</XingMing></Person>'))).toBe('lrmx');
    expect(sniff('a.xml', utf8('<?xml version="1.0"?><config/>'))).toBe('unknown');
    // WPS 表格 .et (and .xls saved by WPS) is a BIFF8 compound file with WPS's own extra streams
    const et = editXls(fixture('indicators-roster.xls'), (rs) => rs, { '/ETExtData': new Uint8Array(64).fill(7), '/\u0005DocumentSummaryInformation': new Uint8Array(48) });
    expect(sniff('干部.et', et)).toBe('xls');
    expect(sniff('干部.xlsx', et)).toBe('xls');
    expect(readXls({ name: '干部.et', bytes: et }).map((s) => s.sheet)).toEqual(['指标汇总', '干部名册', '__proto__', '隐藏参数']);
    // a password-protected .xlsx is an OLE file too: routed to readXls, which names the password as the cause
    const locked = CFB.utils.cfb_new();
    CFB.utils.cfb_add(locked, '/EncryptionInfo', new Uint8Array(64).fill(4));
    CFB.utils.cfb_add(locked, '/EncryptedPackage', new Uint8Array(4096).fill(9));
    const lockedBytes = new Uint8Array(CFB.write(locked, { type: 'array' }) as ArrayLike<number>);
    expect(sniff('加密.xlsx', lockedBytes)).toBe('xls');
    expect(importFailure(() => readXls({ name: '加密.xlsx', bytes: lockedBytes })).message).toBe('文件 加密.xlsx 设置了密码保护，请在 Excel 中取消密码后再导入');
  });
});
