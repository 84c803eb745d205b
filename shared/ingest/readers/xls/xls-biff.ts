/** The BIFF8 workbook-stream sanitiser run before SheetJS sees an .xls (see xls.ts). */

/** SheetJS's CONTINUE record types (their data is appended to the record before). */
const CONTINUE = new Set([0x003c, 0x043c, 0x0812, 0x0875, 0x087f]);
/**
 * The BIFF8 records kept for SheetJS: structure, sheet list, shared strings, number formats, date mode, cells, merges.
 * Everything else (formulas' token streams, drawings, comments, names, styles, unknown records) is dropped.
 */
const KEEP = new Set([0x0809, 0x000a, 0x0085, 0x00fc, 0x041e, 0x00e0, 0x0022, 0x0042, 0x0200, 0x00fd, 0x0203, 0x027e,
  0x00bd, 0x0205, 0x0204, 0x00d6, 0x0006, 0x0207, 0x00e5]);

/**
 * Rebuilds the BIFF8 workbook stream with only the records in KEEP, because SheetJS 0.20.3 can spin for seconds
 * (or forever) on a few bad bytes: a string count past the end of a record (a 4-byte STRING record, an SST cut in
 * a string header) loops until memory runs out, and a formula token stream that overruns loops forever. FORMULA
 * records keep their cached value with an empty token stream; BOUNDSHEET offsets are moved to the new positions.
 * BIFF2-5 substreams and encryption are refused.
 */
export function sanitizeBiff8(d: Uint8Array, fail: (code: string, what: string) => never): Uint8Array {
  const u16 = (at: number): number => (d[at] ?? NaN) + (d[at + 1] ?? NaN) * 256;
  const kept: Uint8Array[] = [];
  const bofAt = new Map<number, number>(); // old offset of a BOF → new offset
  const sheets: Uint8Array[] = [];
  let size = 0;
  let l = 0;
  let depth = 0;
  let last = -1;
  while (l < d.length - 1) {
    const type = u16(l);
    if (type === 0 && last === 0x000a) break;
    const isBof = type === 0x0009 || type === 0x0209 || type === 0x0409 || type === 0x0809;
    if (depth === 0 && !isBof) break;
    if (l + 4 > d.length) fail('xls.corrupt', '记录头不完整');
    const len = u16(l + 2);
    if (l + 4 + len > d.length) fail('xls.corrupt', `记录 0x${type.toString(16)} 超出数据流`);
    const pieces: [number, number][] = [[l + 4, l + 4 + len]];
    let next = l + 4 + len;
    while (next + 4 <= d.length && CONTINUE.has(u16(next))) {
      const t = u16(next);
      const n = u16(next + 2);
      const from = next + 4 + (t === 0x0812 ? 4 : t === 0x0875 || t === 0x087f ? 12 : 0);
      if (next + 4 + n > d.length) fail('xls.corrupt', '续记录超出数据流');
      pieces.push([Math.min(from, next + 4 + n), next + 4 + n]);
      next += 4 + n;
    }
    if (isBof) {
      if (type !== 0x0809 || len < 4 || u16(l + 4) !== 0x0600) fail('xls.old-format', '');
      depth++;
      bofAt.set(l, size);
    } else if (type === 0x000a) depth = Math.max(0, depth - 1);
    else if (type === 0x002f) fail('xls.encrypted', '');
    else if (type === 0x00fc) checkSst(d, pieces, fail);
    let rec: Uint8Array | undefined;
    if (type === 0x0006) {
      // FORMULA: cell, cached value, flags (shared bit cleared), chn; then an empty token stream (cce = 0)
      if (len >= 20) { rec = new Uint8Array(26); rec.set(d.subarray(l, l + 24)); rec[2] = 22; rec[3] = 0; rec[18] = (rec[18] as number) & ~8; }
    } else if (KEEP.has(type)) {
      rec = d.slice(l, next);
      if (type === 0x0085) sheets.push(rec);
    }
    if (rec) { kept.push(rec); size += rec.length; }
    last = type;
    l = next;
  }
  for (const rec of sheets) {
    const old = (rec[4] ?? 0) + (rec[5] ?? 0) * 256 + (rec[6] ?? 0) * 65536 + (rec[7] ?? 0) * 16777216;
    const pos = bofAt.get(old);
    if (pos !== undefined) new DataView(rec.buffer, rec.byteOffset).setUint32(4, pos, true);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const rec of kept) { out.set(rec, at); at += rec.length; }
  return out;
}

/** Replays SheetJS's SST walk (with its CONTINUE boundaries) and refuses a string header cut after one byte. */
function checkSst(d: Uint8Array, pieces: readonly [number, number][], fail: (code: string, what: string) => never): void {
  const b: number[] = [];
  const lens = new Set<number>();
  for (const [from, to] of pieces) {
    lens.add(b.length);
    for (let k = from; k < to; k++) b.push(d[k] as number);
  }
  const end = b.length;
  const u = (at: number, n: number): number => {
    let v = 0;
    for (let k = n - 1; k >= 0; k--) v = v * 256 + (b[at + k] ?? NaN);
    return v;
  };
  const unique = u(4, 4);
  let l = 8;
  for (let i = 0; i !== unique && l < end; i++) {
    if (l === end - 1) fail('xls.corrupt', '共享字符串表在字符串头处截断');
    const cch = u(l, 2);
    const flags = b[l + 2] ?? 0;
    l += 3;
    const runs = flags & 8 ? u(l, 2) : 0;
    if (flags & 8) l += 2;
    const ext = flags & 4 ? u(l, 4) : 0;
    if (flags & 4) l += 4;
    let wide = (flags & 1) === 1;
    let rem = cch;
    let at = l;
    chars: while (rem > 0) {
      for (let k = 0, loc = at; k < rem; k++, loc += wide ? 2 : 1) {
        if (lens.has(loc)) { wide = (b[loc] ?? 0) !== 0; at = loc + 1; rem -= k; continue chars; }
      }
      at += rem * (wide ? 2 : 1);
      rem = 0;
    }
    l = at + 4 * runs + ext;
  }
}
