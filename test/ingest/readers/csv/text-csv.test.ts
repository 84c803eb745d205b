import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportError } from '../../../../shared/contract/errors.js';
import type { TextWarning } from '../../../../shared/ingest/readers/encoding.js';
import { columnLetter, detectDelimiter, parseCsv, readCsvSheet } from '../../../../shared/ingest/readers/csv/csv.js';
import { DEFAULT_LIMITS } from '../../../../shared/ingest/types.js';
import { importFailure } from '../../../support/ingest-fixture.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/text/${name}`, import.meta.url)));
const read = (name: string): ReturnType<typeof readCsvSheet> => readCsvSheet({ name, bytes: fixture(name) });
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const parse = (text: string, delimiter: ',' | '\t' | ';' | '|' = ','): string[][] => parseCsv(text, { delimiter, file: 't.csv' });

const SMALL_ROWS = [['区划代码', '地区', '数值'], ['990101', '甲市', '1.5'], ['990102', '乙市', '-2']];

describe('detectDelimiter', () => {
  it('picks the delimiter with consistent field counts', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1,5\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('区划代码;地区;数值\n990101;甲市;"1,5"\n990102;乙市;2\n')).toBe(';');
    expect(detectDelimiter('区划代码|地区|数值\n990101|甲市|1,5\n990102|乙市|2\n')).toBe('|');
  });

  it('ignores delimiters inside quotes and title rows above the header', () => {
    expect(detectDelimiter('"a;b;c",d\n"e;f;g",h\n"i;j;k",l\n')).toBe(',');
    expect(detectDelimiter('2025年指标\n区划代码;地区;数值\n990101;甲市;1\n')).toBe(';');
  });

  it('never takes the full-width comma: such a file is one column', () => {
    const text = '地区，数值\n甲市，1\n乙市，2\n';
    expect(detectDelimiter(text)).toBe(',');
    expect(parse(text)).toEqual([['地区，数值'], ['甲市，1'], ['乙市，2']]);
  });

  it('lets .tsv prefer TAB when the content cannot tell', () => {
    expect(detectDelimiter('single column\n', '\t')).toBe('\t');
  });
});

describe('parseCsv', () => {
  it('follows RFC 4180 quoting: delimiters, newlines and doubled quotes in quotes', () => {
    expect(parse('a,"b,c","d\ne","f""g"\n')).toEqual([['a', 'b,c', 'd\ne', 'f"g']]);
    expect(parse('"",x\n')).toEqual([['', 'x']]);
  });

  it('ends records at CRLF, LF and CR alike; a final line end adds no record', () => {
    expect(parse('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(parse('a\n')).toEqual([['a']]);
    expect(parse('a\n\n')).toEqual([['a'], ['']]);
    expect(parse('')).toEqual([]);
    expect(parse('\n')).toEqual([['']]);
    expect(parse('a,\n')).toEqual([['a', '']]);
  });

  it('keeps ragged rows exactly, header included, without padding', () => {
    expect(parse('h1,h2,h3\n1\n1,2,3,4\n\n5,6\n')).toEqual([['h1', 'h2', 'h3'], ['1'], ['1', '2', '3', '4'], [''], ['5', '6']]);
  });

  it("reads stray quotes the way Excel does", () => {
    expect(parse('5\'3",a"b\n')).toEqual([['5\'3"', 'a"b']]);
    expect(parse('"b"x,"c" d\n')).toEqual([['bx', 'c d']]);
    expect(parse(' "a",b\n')).toEqual([[' "a"', 'b']]);
  });

  it('throws an ImportError naming the row and column where an unclosed quote opened', () => {
    const e = importFailure(() => parse('地区,说明\n甲市,ok\n乙市,"没有闭合\n丙市,x\n'));
    expect(e.code).toBe('csv.unterminated-quote');
    expect(e.location).toEqual({ file: 't.csv', row: 3, column: 'B' });
    expect(e.message).toBe('文件 t.csv 第 3 行第 2 列（B 列）的引号没有闭合：从这里到文件末尾都会被当成一个单元格。请检查该处是否缺少右引号（"），或文件是否被截断。');
  });

  it('drops NUL characters and reports the records that had them', () => {
    const warnings: TextWarning[] = [];
    expect(parseCsv('a,b\n1,\0x\n\0\n"q\0"\0"",z\n', { delimiter: ',', file: 'n.csv', warnings })).toEqual([['a', 'b'], ['1', 'x'], [''], ['q"', 'z']]);
    expect(warnings).toEqual([{ code: 'text.nul-removed', message: '文件 n.csv 第 2、3、4 行含有空字符（NUL，0x00），已删除。', rows: [2, 3, 4] }]);
  });

  it('treats NULs as absent everywhere: trailing ones add no record, CR NUL LF is one line end', () => {
    const warnings: TextWarning[] = [];
    expect(parseCsv('a\n\0\0', { delimiter: ',', file: 'n.csv', warnings })).toEqual([['a']]);
    expect(warnings[0]?.rows).toEqual([1]);
    expect(parse('a\r\0\nb')).toEqual([['a'], ['b']]);
  });

  it('stops quietly at maxRows for samples', () => {
    expect(parseCsv('a\nb\nc\n', { delimiter: ',', file: 't.csv', maxRows: 2 })).toEqual([['a'], ['b']]);
  });

  it('stays linear on ReDoS-shaped input (50 KB cells)', () => {
    const open = '"' + 'a,'.repeat(25000);
    let t = performance.now();
    expect(importFailure(() => parse(open)).location.row).toBe(1);
    expect(performance.now() - t).toBeLessThan(200);
    t = performance.now();
    const rows = parse('x,' + open + '"\n' + '"'.repeat(50000) + '\n' + 'a"'.repeat(25000) + '\n');
    expect(performance.now() - t).toBeLessThan(200);
    expect(rows.length).toBe(3);
    expect(rows[0]?.[1]?.length).toBe(50000);
    expect(rows[1]).toEqual(['"'.repeat(24999)]); // 50000 quotes: open, 24999 doubled, close
    expect(rows[2]).toEqual(['a"'.repeat(25000)]);
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('readCsvSheet', () => {
  it('reads a GBK export with title, totals and footnote rows; empty cells are null', () => {
    const s = read('gbk-indicators.csv');
    expect([s.encoding, s.delimiter, s.sheet, s.merges, s.warnings]).toEqual(['gb18030', ',', null, [], []]);
    expect(s.rows.length).toBe(7);
    expect(s.rows[0]).toEqual(['2025年三季度主要指标完成情况', null, null, null, null, null]);
    expect(s.rows[1]).toEqual(['区划代码', '地区', '指标名称', '期间', '数值', '备注']);
    expect(s.rows[3]).toEqual(['990102', '甲二县', '一般公共预算收入', '2025Q3', '67.8', '含"一次性"收入']);
    expect(s.rows[4]?.[4]).toBe('—');
    expect(s.rows[6]).toEqual(['注：数据为初步统计，“—”表示未报送。']);
  });

  it('reads UTF-8, UTF-8 BOM and UTF-16 LE/BE to the same rows', () => {
    for (const name of ['utf8.csv', 'utf8-bom.csv', 'utf16le-bom.tsv', 'utf16be-bom.tsv']) expect(read(name).rows).toEqual(SMALL_ROWS);
    expect(read('utf16le-bom.tsv').delimiter).toBe('\t');
    expect(read('utf8-bom.csv').encoding).toBe('utf-8-bom');
  });

  it('reads semicolon, pipe and GB18030 four-byte characters', () => {
    expect(read('semicolon.csv').rows).toEqual([['区划代码', '地区', '数值'], ['990101', '甲市', '1,5'], ['990102', '乙市', '2']]);
    expect(read('pipe.csv').rows[1]).toEqual(['990101', '甲市', '1,5']);
    const rare = read('gb18030-rare.csv');
    expect([rare.encoding, rare.delimiter]).toEqual(['gb18030', '|']);
    expect(rare.rows).toEqual([['编码', '名称', '说明'], ['1', '𠀀村', '四字节字符'], ['2', '𪚥镇', '𫠝字'], ['3', '欧元区', '价格€5']]);
  });

  it('keeps blank lines and multi-line cells as the records Excel shows', () => {
    expect(read('multiline.csv').rows).toEqual([
      ['地区', '说明', '数值'],
      [null],
      ['甲市', '第一行\n第二行', '10'],
      [null],
      ['乙市', '含,逗号', '20', '多余'],
      ['丙市'],
      ['丁市', 'CR\r\nLF两行', '30'],
      [null],
      ['戊市', null, null],
    ]);
  });

  it('treats __proto__ and constructor headers as ordinary cells', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const s = readCsvSheet({ name: 'p.csv', bytes: utf8('__proto__,constructor,prototype\n{"polluted":1},x,y\n') });
    expect(s.rows).toEqual([['__proto__', 'constructor', 'prototype'], ['{"polluted":1}', 'x', 'y']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('reports a file cut inside a GBK character, and one cut inside a quoted cell', () => {
    const g = fixture('gbk-indicators.csv');
    const cut = readCsvSheet({ name: 'cut.csv', bytes: g.subarray(0, g.length - 5) });
    expect(cut.rows.length).toBe(7);
    expect(cut.rows[6]).toEqual(['注：数据为初步统计，“—”表示未报\uFFFD']);
    expect(cut.warnings.map((w) => w.code)).toEqual(['text.truncated']);
    const inQuote = iconv.encode('区划代码,地区,指标名称,期间,数值,备注\r\n990101,甲一区,地区生产总值,2025Q3,123.45,\r\n990102,甲二县,一般公共预算收入,2025Q3,67.8,"含', 'gbk');
    const e = importFailure(() => readCsvSheet({ name: 'cutq.csv', bytes: new Uint8Array(inQuote) }));
    expect(e.location).toEqual({ file: 'cutq.csv', row: 3, column: 'F' });
  });

  it('refuses binaries, empty files and files past the limits with typed errors', () => {
    expect(importFailure(() => read('really-xlsx.csv')).message).toContain('请按 Excel 文件导入');
    expect(importFailure(() => read('really-png.csv')).message).toContain('PNG 图片');
    expect(importFailure(() => read('empty.csv')).code).toBe('file.empty');
    expect(importFailure(() => readCsvSheet({ name: 'bom.csv', bytes: new Uint8Array([0xef, 0xbb, 0xbf]) })).code).toBe('file.empty');
    const text = utf8('a,b,c\n1,2,3\n4,5,6\n');
    const limited = (l: Partial<typeof DEFAULT_LIMITS>): ImportError => importFailure(() => readCsvSheet({ name: 'l.csv', bytes: text }, { ...DEFAULT_LIMITS, ...l }));
    expect([limited({ maxRows: 2 }).code, limited({ maxRows: 2 }).location.row]).toEqual(['csv.too-many-rows', 3]);
    expect(limited({ maxColumns: 2 }).code).toBe('csv.too-many-columns');
    expect(limited({ maxCells: 8 }).message).toBe('文件 l.csv 的单元格数超过上限：已读到 9，上限 8。请拆分文件后再导入。');
    expect(limited({ maxFileBytes: 10 }).code).toBe('csv.too-large');
  });
});
