import { describe, expect, it } from 'vitest';
import { gb18030Tables } from '../../../shared/ingest/readers/encoding.js';
import { scanCsv } from '../../../shared/ingest/stage/stage-csv.js';
import { DEFAULT_LIMITS } from '../../../shared/ingest/types.js';

/** Strictly decodable byte sequences among the candidates, concatenated. */
function valid(candidates: number[][]): Uint8Array {
  const strict = new TextDecoder('gb18030', { fatal: true });
  const ok: number[] = [];
  for (const c of candidates) {
    try {
      strict.decode(new Uint8Array(c));
      ok.push(...c);
    } catch {
      // not a GB18030 character: left out
    }
  }
  return new Uint8Array(ok);
}

/** The scanner's output for one single-cell record, minus its "1|" prefix and LF. */
function transcode(bytes: Uint8Array, gb = true): string | null {
  const scan = scanCsv(new Uint8Array([...bytes, 0x0a]), 0, gb ? gb18030Tables() : null, '|', 't.csv', DEFAULT_LIMITS);
  if (!scan) return null;
  expect([scan.records, scan.widest]).toEqual([1, 1]);
  return new TextDecoder('utf-8', { fatal: true }).decode(scan.out).slice(2, -1);
}

describe('the staging scanner transcodes GB18030 exactly like the platform decoder', () => {
  it('for every two-byte code (trail bytes such as 0x7C "|" stay inside their character)', () => {
    const pairs: number[][] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push([lead, trail]);
    const bytes = valid(pairs);
    expect(bytes.length).toBe(2 * 23940);
    expect(transcode(bytes)).toBe(new TextDecoder('gb18030').decode(bytes));
  });

  it('for every four-byte code below U+10000 and a stride through the supplementary planes', () => {
    const quads: number[][] = [];
    const quad = (idx: number): number[] => [0x81 + Math.floor(idx / 12600), 0x30 + (Math.floor(idx / 1260) % 10), 0x81 + (Math.floor(idx / 10) % 126), 0x30 + (idx % 10)];
    for (let idx = 0; idx < 39420; idx++) if (idx !== 39417) quads.push(quad(idx)); // 84 31 A4 37 is U+FFFD: see below
    for (let idx = 189000; idx <= 1237575; idx += 97) quads.push(quad(idx));
    quads.push(quad(1237575)); // U+10FFFF
    const bytes = valid(quads);
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text).toContain('\u{10FFFF}');
    expect(transcode(bytes)).toBe(text);
  });

  it('leaves anything unusual to the exact slow path', () => {
    expect(transcode(new Uint8Array([0x80]))).toBeNull(); // € in GBK, decoded by the platform instead
    expect(transcode(new Uint8Array([0xb0, 0x7f]))).toBeNull();
    expect(transcode(new Uint8Array([0x81, 0x30, 0x81]))).toBeNull(); // cut four-byte code
    expect(transcode(new Uint8Array([0xe3, 0x32, 0x9a, 0x36]))).toBeNull(); // beyond U+10FFFF
    expect(transcode(new Uint8Array([0x84, 0x31, 0xa4, 0x37]))).toBeNull(); // a real U+FFFD: the table cannot tell it from an error
  });

  it('validates UTF-8 as strictly as TextDecoder', () => {
    const ok = new TextEncoder().encode('中𠀀é\u{10FFFF}\uFEFF');
    expect(transcode(ok, false)).toBe('中𠀀é\u{10FFFF}\uFEFF');
    for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe4, 0xb8], [0x80]]) {
      expect(transcode(new Uint8Array(bad), false)).toBeNull();
    }
  });
});
