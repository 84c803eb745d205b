import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../shared/contract/errors.js';
import { identifyBinary, oleStreamNames, sniffFormat, zipEntryNames } from '../../../shared/ingest/readers/sniff.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const sniff = (name: string, bytes: Uint8Array): string => sniffFormat({ name, bytes });

/** A minimal OLE compound file: 512-byte header, directory in sector 0 with the given stream names. */
function ole(names: string[]): Uint8Array {
  const b = new Uint8Array(1024);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b[0x1e] = 9; // 512-byte sectors; first directory sector (0x30) is 0
  names.forEach((name, k) => {
    const at = 512 + k * 128;
    for (let i = 0; i < name.length; i++) b[at + 2 * i] = name.charCodeAt(i);
    b[at + 0x40] = (name.length + 1) * 2;
  });
  return b;
}

describe('sniffFormat', () => {
  it('says 文件为空 for an empty file', () => {
    expect(() => sniff('empty.csv', fixture('empty.csv'))).toThrow(ImportError);
    expect(() => sniff('empty.csv', fixture('empty.csv'))).toThrow('文件 empty.csv 为空（0 字节），没有可导入的内容。');
  });

  it('tells an xlsx from a plain zip by entry names, without inflating', () => {
    expect(sniff('really-xlsx.csv', fixture('really-xlsx.csv'))).toBe('xlsx');
    expect(zipEntryNames(fixture('really-xlsx.csv'))).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const plain = zipSync({ 'a.lrmx': strToU8('<Person/>'), 'b.lrmx': strToU8('<Person/>') });
    expect(sniff('干部.zip', plain)).toBe('zip');
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w/>') });
    expect(sniff('x.xlsx', docx)).toBe('zip');
    expect(identifyBinary(docx)?.label).toBe('Word 文档（.docx）');
  });

  it('reads zip names from local headers when the central directory is cut off', () => {
    const z = fixture('really-xlsx.csv');
    expect(zipEntryNames(z.subarray(0, 120))).toEqual(['[Content_Types].xml', 'xl/workbook.xml']);
    expect(sniff('t.xlsx', z.subarray(0, 120))).toBe('xlsx');
  });

  it('tells a legacy xls from another OLE document by its stream names', () => {
    expect(oleStreamNames(ole(['Root Entry', 'Workbook']))).toEqual(['Root Entry', 'Workbook']);
    expect(sniff('a.csv', ole(['Root Entry', 'Workbook']))).toBe('xls');
    expect(sniff('a.xls', ole(['Root Entry', 'WordDocument']))).toBe('unknown');
    expect(identifyBinary(ole(['Root Entry', 'WordDocument']))?.label).toBe('Word 97-2003 文档（.doc）');
  });

  it('recognises parquet, lrmx, JSON and GeoJSON by content', () => {
    expect(sniff('data.bin', utf8('PAR1\x15\x04'))).toBe('parquet');
    expect(sniff('张三.xml', utf8('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- 任免表 -->\n<Person><XingMing>张三</XingMing></Person>'))).toBe('lrmx');
    expect(sniff('a.lrmx', utf8('<?xml version="1.0"?><Root/>'))).toBe('lrmx');
    expect(sniff('a.xml', utf8('<?xml version="1.0"?><Root/>'))).toBe('unknown');
    expect(sniff('a.json', utf8('[{"region_code":"990101"}]'))).toBe('json');
    expect(sniff('map.json', utf8('{ "type" : "FeatureCollection", "features": [] }'))).toBe('geojson');
    expect(sniff('map.geojson', utf8('{"features":[]}'))).toBe('geojson');
  });

  it('falls back to the extension for text', () => {
    expect(sniff('指标.csv', fixture('gbk-indicators.csv'))).toBe('csv');
    expect(sniff('指标.TXT', fixture('utf8.csv'))).toBe('csv');
    expect(sniff('指标.tsv', fixture('utf16le-bom.tsv'))).toBe('tsv');
    expect(sniff('旧表.lrm', utf8('anything'))).toBe('lrm');
    expect(sniff('notes.md', utf8('# x'))).toBe('unknown');
  });

  it('calls a PNG named .csv unknown, and labels it for the error message', () => {
    expect(sniff('really-png.csv', fixture('really-png.csv'))).toBe('unknown');
    expect(identifyBinary(fixture('really-png.csv'))?.label).toBe('PNG 图片');
  });
});
