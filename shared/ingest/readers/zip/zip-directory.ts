/** Zip central-directory helpers shared by the bounded reader (zip.ts) and format sniffing: nothing here inflates. */

export function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  for (const label of ['utf-8', 'gb18030']) {
    try { return new TextDecoder(label, { fatal: true }).decode(raw); } catch { /* try the next */ }
  }
  return String.fromCharCode(...raw);
}

/** True for names that could escape an extraction directory or confuse path handling. */
export function unsafeName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return name.includes('\0') || n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..');
}

/** Where a zip's central directory is (from the end record, or the ZIP64 end record it points to). */
export interface ZipDirectory {
  readonly offset: number;
  readonly size: number;
  readonly total: number;
  /** Where the directory must end: the (ZIP64) end record. */
  readonly end: number;
  /** A multi-disk (split) archive. */
  readonly split: boolean;
}

/** Reads a little-endian 64-bit size as a number (exact below 2^53; larger values fail every later bound). */
export function u64(dv: DataView, p: number): number {
  return dv.getUint32(p, true) + dv.getUint32(p + 4, true) * 0x1_0000_0000;
}

/** Finds the end of central directory record (and its ZIP64 form, as streaming writers emit); null if there is none. */
export function locateDirectory(bytes: Uint8Array): ZipDirectory | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let p = bytes.length - 22; p >= 0 && p >= bytes.length - 22 - 0xffff; p--) {
    if (dv.getUint32(p, true) === 0x06054b50 && p + 22 + dv.getUint16(p + 20, true) <= bytes.length) { eocd = p; break; }
  }
  if (eocd < 0) return null;
  const total = dv.getUint16(eocd + 10, true);
  const split = dv.getUint16(eocd + 4, true) !== 0 || dv.getUint16(eocd + 6, true) !== 0 || dv.getUint16(eocd + 8, true) !== total;
  const plain = { offset: dv.getUint32(eocd + 16, true), size: dv.getUint32(eocd + 12, true), total, end: eocd, split };
  if (eocd < 20 || dv.getUint32(eocd - 20, true) !== 0x07064b50) return plain;
  const rec = u64(dv, eocd - 12);
  if (rec + 56 > eocd - 20 || dv.getUint32(rec, true) !== 0x06064b50) return { ...plain, end: -1 }; // a locator pointing nowhere
  const count = u64(dv, rec + 32);
  return {
    offset: u64(dv, rec + 48), size: u64(dv, rec + 40), total: count, end: rec,
    split: dv.getUint32(rec + 16, true) !== 0 || dv.getUint32(rec + 20, true) !== 0 || u64(dv, rec + 24) !== count,
  };
}

/**
 * The sizes and offset of a central record, [uncompressed, compressed, local offset], with each one written as
 * 0xFFFFFFFF taken from the ZIP64 extra field (id 1) in extra[from, to), in that order; null if that field is short.
 */
export function zip64Fields(dv: DataView, values: readonly [number, number, number], from: number, to: number): [number, number, number] | null {
  if (!values.includes(0xffffffff)) return [...values];
  for (let q = from; q + 4 <= to;) {
    const id = dv.getUint16(q, true);
    const len = dv.getUint16(q + 2, true);
    if (q + 4 + len > to) return null;
    if (id === 1) {
      let at = q + 4;
      const out: number[] = [];
      for (const v of values) {
        if (v !== 0xffffffff) { out.push(v); continue; }
        if (at + 8 > q + 4 + len) return null;
        out.push(u64(dv, at));
        at += 8;
      }
      return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
    }
    q += 4 + len;
  }
  return null;
}
