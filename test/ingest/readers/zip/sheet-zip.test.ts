import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_LIMITS, type ReadLimits } from '../../../../shared/ingest/types.js';
import { listZip, unzip, ZipArchive } from '../../../../shared/ingest/readers/zip/zip.js';
import { centralRecords, patchEntry, zipOf } from '../../../fixtures/sheets/build.js';
import { writeZip } from '../../../fixtures/sheets/zip-writer.js';
import { importFailure } from '../../../support/ingest-fixture.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../fixtures/sheets/${name}`, import.meta.url)));

/** A hand-written zip: one stored or deflated entry, optionally with a data descriptor and zero local sizes. */
function handZip(name: string, content: Uint8Array, opts: { deflate?: boolean; descriptor?: boolean } = {}): Uint8Array {
  const data = opts.deflate ? new Uint8Array(deflateRawSync(content)) : content;
  const crc = zipCrc(content);
  const nameBytes = strToU8(name);
  const flags = opts.descriptor ? 0x808 : 0x800;
  const method = opts.deflate ? 8 : 0;
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(6, flags, true); local.setUint16(8, method, true);
  if (!opts.descriptor) { local.setUint32(14, crc, true); local.setUint32(18, data.length, true); local.setUint32(22, content.length, true); }
  local.setUint16(26, nameBytes.length, true);
  const desc = new DataView(new ArrayBuffer(opts.descriptor ? 16 : 0));
  if (opts.descriptor) { desc.setUint32(0, 0x08074b50, true); desc.setUint32(4, crc, true); desc.setUint32(8, data.length, true); desc.setUint32(12, content.length, true); }
  const cd = new DataView(new ArrayBuffer(46));
  cd.setUint32(0, 0x02014b50, true); cd.setUint16(4, 20, true); cd.setUint16(6, 20, true); cd.setUint16(8, flags, true); cd.setUint16(10, method, true);
  cd.setUint32(16, crc, true); cd.setUint32(20, data.length, true); cd.setUint32(24, content.length, true); cd.setUint16(28, nameBytes.length, true);
  const cdOffset = 30 + nameBytes.length + data.length + desc.byteLength;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true); end.setUint16(8, 1, true); end.setUint16(10, 1, true);
  end.setUint32(12, 46 + nameBytes.length, true); end.setUint32(16, cdOffset, true);
  const parts = [new Uint8Array(local.buffer), nameBytes, data, new Uint8Array(desc.buffer), new Uint8Array(cd.buffer), nameBytes, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Offset of the first central directory record. */
function findCentral(z: Uint8Array): number {
  for (let p = 0; p + 4 <= z.length; p++) if (z[p] === 0x50 && z[p + 1] === 0x4b && z[p + 2] === 1 && z[p + 3] === 2) return p;
  return -1;
}

function zipCrc(d: Uint8Array): number {
  let c = ~0;
  for (const b of d) { c ^= b; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
  return ~c >>> 0;
}

describe('unzip', () => {
  it('reads stored and deflated entries, with and without data descriptors, in directory order', () => {
    const text = strToU8('干部名册 '.repeat(1000));
    for (const opts of [{}, { deflate: true }, { deflate: true, descriptor: true }, { descriptor: true }]) {
      const out = unzip(handZip('名册/a.lrmx', text, opts), 'x.zip', DEFAULT_LIMITS);
      expect(out.map((e) => e.name)).toEqual(['名册/a.lrmx']);
      expect(out[0]?.bytes).toEqual(text);
    }
    const z = zipSync({ 'b.txt': strToU8('bb'), 'dir/': new Uint8Array(0), 'a.txt': strToU8('a') });
    expect(unzip(z, 'z.zip', DEFAULT_LIMITS).map((e) => e.name)).toEqual(['b.txt', 'a.txt']);
    expect(unzip(z, 'z.zip', DEFAULT_LIMITS, (n) => n.startsWith('a')).map((e) => new TextDecoder().decode(e.bytes))).toEqual(['a']);
    expect(listZip(z, 'z.zip', DEFAULT_LIMITS).map((e) => [e.name, e.uncompressedSize, e.method])).toEqual([
      ['b.txt', 2, 8], ['dir/', 0, 8], ['a.txt', 1, 8],
    ]);
  });

  it('decodes GBK entry names written without the UTF-8 flag', () => {
    const z = patchEntry(handZip('x', strToU8('1')), 'x', { flags: 0 });
    const gbk = new Uint8Array([0xb8, 0xc9, 0xb2, 0xbf]); // 干部 in GBK
    const name = handZip('____', strToU8('1'));
    const cd = centralRecords(name)[0]!;
    name.set(gbk, 30); name.set(gbk, cd.offset + 46);
    new DataView(name.buffer).setUint16(cd.offset + 8, 0, true);
    expect(listZip(name, 'g.zip', DEFAULT_LIMITS)[0]?.name).toBe('干部');
    expect(listZip(z, 'z.zip', DEFAULT_LIMITS)[0]?.name).toBe('x');
  });

  it('refuses bombs from declared sizes before inflating anything', () => {
    const bomb = fixture('bomb-1gib.xlsx');
    const t = performance.now();
    const e = importFailure(() => unzip(bomb, 'bomb.xlsx', DEFAULT_LIMITS));
    expect(e.code).toBe('zip.bomb');
    expect(e.message).toMatch(/^压缩文件 bomb\.xlsx 解压后超过 512 MB，可能是压缩炸弹，已拒绝/);
    expect(performance.now() - t).toBeLessThan(200);
    const sheet = listZip(bomb, 'bomb.xlsx', DEFAULT_LIMITS).find((x) => x.name === 'xl/worksheets/sheet1.xml');
    expect(sheet?.uncompressedSize).toBe(1024 ** 3);
    expect(sheet!.compressedSize).toBeLessThan(1.1e6);
    const roomy: ReadLimits = { ...DEFAULT_LIMITS, maxInflatedBytes: 2 * 1024 ** 3 };
    expect(importFailure(() => unzip(bomb, 'bomb.xlsx', roomy)).message).toMatch(/压缩比 1022:1 超过 200:1/);
  });

  it('stops inflating when the output passes a size that was declared falsely', () => {
    const bomb = fixture('bomb-1gib.xlsx');
    for (const declared of [100, 5_000_000, 50_000_000]) {
      const liar = patchEntry(bomb, 'xl/worksheets/sheet1.xml', { uncompressedSize: declared });
      const heap = process.memoryUsage().heapUsed;
      const t = performance.now();
      const e = importFailure(() => unzip(liar, 'liar.xlsx', DEFAULT_LIMITS, (n) => n.endsWith('sheet1.xml')));
      expect(e.code).toBe('zip.bomb');
      // a small lie is caught by the declared size, a larger one by the running ratio (after RUNNING_FLOOR bytes)
      expect(e.message).toMatch(declared < 4 * 1024 * 1024 ? /实际大小超过声明/ : /实际大小超过声明|压缩比超过 200:1/);
      expect(performance.now() - t).toBeLessThan(2000);
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(512 * 1024 * 1024);
    }
    // declared 150 MB passes the directory checks (ratio 144); the running ratio stops it after RUNNING_FLOOR
    const t150 = performance.now();
    const e150 = importFailure(() => unzip(patchEntry(bomb, 'xl/worksheets/sheet1.xml', { uncompressedSize: 150 * 1024 * 1024 }), 'l.xlsx', DEFAULT_LIMITS, (n) => n.endsWith('sheet1.xml')));
    expect([e150.code, e150.message]).toEqual(['zip.bomb', expect.stringMatching(/条目 xl\/worksheets\/sheet1\.xml 前 \d+ KB 解压出 \d+ MB，压缩比超过 200:1/)]);
    expect(performance.now() - t150).toBeLessThan(500);
    const budget = { ...DEFAULT_LIMITS, maxInflatedBytes: 1000 };
    expect(importFailure(() => unzip(zipOf({ a: 'x'.repeat(600), b: 'y'.repeat(600) }), 'b.zip', budget)).code).toBe('zip.bomb');
  });

  it('counts an entry read again (by the worksheet reader\'s second scanner) once against the budget, other entries in full', () => {
    const budget = { ...DEFAULT_LIMITS, maxInflatedBytes: 1000 };
    const zip = ZipArchive.open(zipOf({ a: 'x'.repeat(600), b: 'y'.repeat(300), c: 'z'.repeat(200) }), 'b.zip', budget);
    const [a, b, c] = zip.entries;
    expect(zip.read(a!)).toHaveLength(600);
    expect(zip.read(a!)).toHaveLength(600); // 600 counted, not 1200
    expect(zip.read(b!)).toHaveLength(300);
    expect(importFailure(() => zip.read(c!)).code).toBe('zip.bomb'); // 600 + 300 + 200 > 1000
  });

  it('reads what streaming writers emit: ZIP64 records and extra fields, data descriptors, stored entries', () => {
    const files = { 'xl/workbook.xml': '<workbook/>', '名册/干部.xml': '干部名册 '.repeat(500), 'empty.txt': '' };
    for (const opts of [{ zip64: true }, { zip64: true, descriptor: true }, { zip64: true, method: 0 as const }, { descriptor: true, method: 0 as const }]) {
      const out = unzip(writeZip(files, opts), 'z64.xlsx', DEFAULT_LIMITS);
      expect([JSON.stringify(opts), out.map((e) => [e.name, new TextDecoder().decode(e.bytes)])]).toEqual([JSON.stringify(opts), Object.entries(files)]);
    }
    const z = writeZip(files, { zip64: true });
    expect(listZip(z, 'z64.xlsx', DEFAULT_LIMITS).map((e) => e.uncompressedSize)).toEqual([11, 6500, 0]);
    // a ZIP64 size past 2^53 or beyond the file is refused as corrupt, not read
    const huge = z.slice();
    const at = findCentral(huge) + 46 + 'xl/workbook.xml'.length; // the first record's ZIP64 extra field
    new DataView(huge.buffer).setUint32(at + 8, 0xffffffff, true);
    new DataView(huge.buffer).setUint32(at + 12, 0xffffffff, true);
    expect(importFailure(() => unzip(huge, 'z64.xlsx', DEFAULT_LIMITS)).code).toMatch(/^zip\.(corrupt|bomb)$/);
    expect(importFailure(() => listZip(z.subarray(0, z.length - 30), 'cut.xlsx', DEFAULT_LIMITS)).code).toMatch(/^zip\./);
  });

  it('refuses unsafe names, encryption, other methods, duplicates, too many entries and a broken ZIP64 field', () => {
    const one = (name: string): Uint8Array => handZip(name, strToU8('x'));
    for (const bad of ['../evil.xml', 'a/../../evil.xml', '/etc/passwd', 'C:/x.xml', '..\\x.xml', 'a\0b']) {
      const e = importFailure(() => unzip(one(bad), 'n.xlsx', DEFAULT_LIMITS));
      expect(e.code).toBe('zip.name');
      expect(e.message).toContain('n.xlsx');
    }
    expect(importFailure(() => unzip(patchEntry(one('a'), 'a', { flags: 0x801 }), 'e.zip', DEFAULT_LIMITS)).code).toBe('zip.encrypted');
    expect(importFailure(() => listZip(patchEntry(one('a'), 'a', { method: 99 }), 'e.zip', DEFAULT_LIMITS)).code).toBe('zip.encrypted');
    expect(importFailure(() => listZip(patchEntry(one('a'), 'a', { method: 12 }), 'm.zip', DEFAULT_LIMITS)).code).toBe('zip.method');
    expect(importFailure(() => listZip(patchEntry(one('a'), 'a', { uncompressedSize: 0xffffffff }), 'z.zip', DEFAULT_LIMITS)).code).toBe('zip.corrupt');
    const dup = zipOf({ 'a.xml': 'x', 'A.XML': 'y' });
    expect(importFailure(() => listZip(dup, 'd.zip', DEFAULT_LIMITS)).code).toBe('zip.duplicate');
    const many = zipOf(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x'])));
    expect(importFailure(() => listZip(many, 'm.zip', { ...DEFAULT_LIMITS, maxZipEntries: 10 })).code).toBe('zip.entries');
    expect(importFailure(() => listZip(new Uint8Array(10), 'big.zip', { ...DEFAULT_LIMITS, maxFileBytes: 5 })).code).toBe('zip.too-large');
  });

  it('refuses overlapping entries, truncation and corrupt data with typed errors', () => {
    const z = zipOf({ 'a.txt': 'hello hello hello', 'b.txt': 'world' });
    const overlap = z.slice();
    const recs = centralRecords(overlap);
    new DataView(overlap.buffer).setUint32(recs[1]!.offset + 42, recs[0]!.local, true);
    expect(importFailure(() => listZip(overlap, 'o.zip', DEFAULT_LIMITS)).code).toMatch(/^zip\.(overlap|corrupt)$/);
    for (let cut = 0; cut < z.length; cut += 7) {
      expect(importFailure(() => unzip(z.subarray(0, cut), 't.zip', DEFAULT_LIMITS)).code).toMatch(/^zip\./);
    }
    expect(importFailure(() => unzip(patchEntry(z, 'a.txt', { crc: 1 }), 'c.zip', DEFAULT_LIMITS)).code).toBe('zip.crc');
    const flipped = z.slice();
    flipped[40] = flipped[40]! ^ 0xff;
    expect(importFailure(() => unzip(flipped, 'f.zip', DEFAULT_LIMITS)).code).toMatch(/^zip\.(corrupt|crc)$/);
  });
});
