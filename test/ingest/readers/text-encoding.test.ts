import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeSource, decodeText, detectEncoding, gb18030Tables } from '../../../shared/ingest/readers/encoding.js';
import { importFailure } from '../../support/ingest-fixture.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gbk'));
const SMALL = '区划代码\t地区\t数值\r\n990101\t甲市\t1.5\r\n990102\t乙市\t-2\r\n';

describe('detectEncoding', () => {
  it('tells UTF-8, the BOMs and UTF-16 from the fixtures', () => {
    expect(detectEncoding(fixture('utf8.csv'))).toEqual({ encoding: 'utf-8', confidence: 0.99 });
    expect(detectEncoding(fixture('utf8-bom.csv'))).toEqual({ encoding: 'utf-8-bom', confidence: 1 });
    expect(detectEncoding(fixture('utf16le-bom.tsv'))).toEqual({ encoding: 'utf-16le', confidence: 1 });
    expect(detectEncoding(fixture('utf16be-bom.tsv'))).toEqual({ encoding: 'utf-16be', confidence: 1 });
    expect(detectEncoding(fixture('gbk-indicators.csv')).encoding).toBe('gb18030');
    expect(detectEncoding(fixture('gb18030-rare.csv')).encoding).toBe('gb18030');
  });

  it('finds UTF-16 without a BOM by its NUL pattern', () => {
    expect(detectEncoding(new Uint8Array(iconv.encode(SMALL, 'utf-16le')))).toEqual({ encoding: 'utf-16le', confidence: 0.9 });
    expect(detectEncoding(new Uint8Array(iconv.encode(SMALL, 'utf-16be')))).toEqual({ encoding: 'utf-16be', confidence: 0.9 });
  });

  it('is not fooled by a multi-byte character cut at the 64 KB sample end', () => {
    const bytes = utf8('a'.repeat(65534) + '中文,数值\n');
    expect(bytes[65535]).toBe(0xb8); // '中' is e4 b8 ad at 65534..65536: the sample ends inside it
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', confidence: 0.99 });
  });

  it('gives low confidence to an ASCII-only sample of a larger file', () => {
    expect(detectEncoding(utf8('a,b\n'.repeat(20000)))).toEqual({ encoding: 'utf-8', confidence: 0.6 });
    expect(detectEncoding(utf8('a,b\n'))).toEqual({ encoding: 'utf-8', confidence: 0.99 });
  });

  it('rejects binaries with a Chinese message naming the real type', () => {
    const xlsx = importFailure(() => detectEncoding(fixture('really-xlsx.csv'), 'really-xlsx.csv'));
    expect(xlsx.code).toBe('text.binary');
    expect(xlsx.message).toBe('文件 really-xlsx.csv 实际上是Excel 工作簿（.xlsx），不是文本表格（CSV）：请按 Excel 文件导入。');
    expect(xlsx.location).toEqual({ file: 'really-xlsx.csv' });
    expect(importFailure(() => detectEncoding(fixture('really-png.csv'), 'p.csv')).message).toContain('PNG 图片');
    expect(importFailure(() => detectEncoding(utf8('%PDF-1.7\n...'), 'r.csv')).message).toContain('PDF 文档');
    expect(importFailure(() => detectEncoding(utf8('PAR1\0\0\0'), 'r.csv')).message).toContain('请按 Parquet 文件导入');
  });

  it('rejects unknown binaries by their control characters but keeps text with a few NULs', () => {
    const junk = new Uint8Array(1000).map((_, i) => (i * 37) % 32);
    const e = importFailure(() => detectEncoding(junk, 'junk.csv'));
    expect(e.code).toBe('text.binary');
    expect(e.message).toContain('控制字符');
    expect(detectEncoding(utf8('a,b\n1,\0\n2,\0\n')).encoding).toBe('utf-8');
  });
});

describe('decodeText and decodeSource', () => {
  it('decodes the BOM and UTF-16 fixtures to the same text, BOM stripped', () => {
    expect(decodeText(fixture('utf8-bom.csv'), 'utf-8-bom')).toBe(SMALL.replaceAll('\t', ','));
    expect(decodeText(fixture('utf16le-bom.tsv'), 'utf-16le')).toBe(SMALL);
    expect(decodeText(fixture('utf16be-bom.tsv'), 'utf-16be')).toBe(SMALL);
  });

  it('decodes GBK Chinese headers and GB18030 four-byte characters', () => {
    const text = decodeText(fixture('gbk-indicators.csv'), 'gb18030');
    expect(text.split('\r\n')[1]).toBe('区划代码,地区,指标名称,期间,数值,备注');
    const rare = decodeText(fixture('gb18030-rare.csv'), 'gb18030');
    expect(rare).toBe('编码|名称|说明\n1|𠀀村|四字节字符\n2|𪚥镇|𫠝字\n3|欧元区|价格€5\n');
    expect(rare.codePointAt(rare.indexOf('村') - 2)).toBe(0x20000);
  });

  it('re-reads as GB18030 when an ASCII sample hid GBK further on', () => {
    const bytes = new Uint8Array([...utf8('a,b\n'.repeat(20000)), ...gbk('甲市,乙市\n')]);
    const d = decodeSource(bytes, 'late.csv');
    expect(d.encoding).toBe('gb18030');
    expect(d.text.endsWith('a,b\n甲市,乙市\n')).toBe(true);
    expect(d.warnings).toEqual([]);
  });

  it('replaces bytes that are not UTF-8 in a UTF-8 file, with a warning', () => {
    const bytes = new Uint8Array([...utf8('地区,数值\n甲市,1\n'.repeat(10)), ...gbk('乙市'), ...utf8(',2\n')]);
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', confidence: 0.7 });
    const d = decodeSource(bytes, 'mixed.csv');
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith('地区,数值\n甲市,1\n')).toBe(true);
    expect(d.text).toContain('\uFFFD');
    expect(d.warnings.map((w) => w.code)).toEqual(['text.invalid-bytes']);
    expect(d.warnings[0]?.message).toContain('mixed.csv');
    // even when the whole file would also pass as GB18030, a UTF-8 sample keeps it UTF-8 (no mojibake)
    const both = new Uint8Array([...utf8('中文,中文\n'.repeat(10)), 0xb0, 0xa1, ...utf8('\n')]);
    expect(new TextDecoder('gb18030', { fatal: true }).decode(both).slice(0, 2)).not.toBe('中文'); // valid GB18030, as mojibake
    expect(decodeSource(both, 'both.csv').text.startsWith('中文,中文\n')).toBe(true);
  });

  it('names a file cut inside a GBK or a UTF-8 character as truncated', () => {
    const g = fixture('gbk-indicators.csv');
    const cut = decodeSource(g.subarray(0, g.length - 5), 'cut.csv'); // drops '。' CR LF and the last byte of '送'
    expect(cut.encoding).toBe('gb18030');
    expect(cut.warnings.map((w) => w.code)).toEqual(['text.truncated']);
    expect(cut.text.endsWith('表示未报\uFFFD')).toBe(true);
    const u = utf8('地区,数值\n甲市');
    expect(decodeSource(u.subarray(0, u.length - 1), 'cut8.csv').warnings.map((w) => w.code)).toEqual(['text.truncated']);
  });

  it('builds GB18030 tables that agree with the platform decoder', () => {
    const t = gb18030Tables();
    expect(t.two[(0xb0 - 0x81) * 191 + 0xa1 - 0x40]).toBe('啊'.charCodeAt(0));
    expect(t.two[(0x81 - 0x81) * 191 + 0x7f - 0x40]).toBe(0); // 0x7F is never a trail byte
    expect(t.four[0]).toBe(0x80); // 81 30 81 30 is U+0080
    expect(t.four[39419]).toBe(0xffff); // 84 31 A4 39 is U+FFFF
  });
});
