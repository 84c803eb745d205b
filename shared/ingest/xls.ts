import { CFB, read, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { ImportError } from '../contract/errors.js';
import { DEFAULT_LIMITS, type CellRange, type RawCell, type ReadLimits, type SourceFile } from './types.js';
import { colName } from './xlsx-sheet.js';
import { DateKind, displayNumber, formatKind } from './xlsx-styles.js';
import { isOle, readXlsx, type WorkbookSheet } from './xlsx.js';

/**
 * Legacy .xls (BIFF8) through @e965/xlsx 0.20.3 (the republished SheetJS; npm `xlsx` 0.18.5 is banned for
 * CVE-2023-30533 and CVE-2024-22363). The OLE signature is checked first; a zip is handed to readXlsx. Only the
 * Workbook stream is passed on, after a walk of its records (checkBiff8); every SheetJS failure becomes an ImportError.
 */

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

const ERRORS: Readonly<Record<number, string>> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A',
};

/** A SheetJS date (cellDates, UTC-correct) as the xlsx reader writes it, by the cell's number format. */
function dateText(d: Date, format: string | undefined): string | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const t = new Date(Math.round(ms / 1000) * 1000);
  const hms = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  const kind = formatKind(format ?? '');
  if (kind === DateKind.Time && t.getTime() < Date.UTC(1899, 11, 31)) return hms; // a time of day (serial below 1)
  const ymd = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  return kind === DateKind.Date || (kind === DateKind.None && hms === '00:00:00') ? ymd : `${ymd} ${hms}`;
}

function cellValue(c: CellObject | undefined): RawCell {
  if (!c) return null;
  switch (c.t) {
    case 'n': {
      if (typeof c.v !== 'number' || !Number.isFinite(c.v)) return null;
      return typeof c.z === 'string' && formatKind(c.z) === DateKind.Percent ? displayNumber(c.v * 100) : displayNumber(c.v);
    }
    case 's': return typeof c.v === 'string' && c.v !== '' ? c.v : null;
    case 'b': return typeof c.v === 'boolean' ? c.v : null;
    case 'd': return c.v instanceof Date ? dateText(c.v, typeof c.z === 'string' ? c.z : undefined) : null;
    case 'e': return (typeof c.v === 'number' ? ERRORS[c.v] : undefined) ?? '#ERROR!';
    default: return null;
  }
}

function toRows(ws: WorkSheet, file: string, sheet: string, limits: ReadLimits): RawCell[][] {
  const data = (ws['!data'] ?? []) as (CellObject[] | undefined)[];
  const rows: RawCell[][] = [];
  let last = -1;
  let maxCol = -1;
  for (let r = 0; r < data.length; r++) {
    const src = data[r] ?? [];
    const row: RawCell[] = [];
    let end = -1;
    for (let c = 0; c < src.length; c++) {
      const v = cellValue(src[c]);
      row.push(v);
      if (v !== null) end = c;
    }
    row.length = end + 1;
    if (end >= 0) {
      last = r;
      maxCol = Math.max(maxCol, end);
      const cells = (r + 1) * (maxCol + 1);
      if (r >= limits.maxRows || end >= limits.maxColumns || cells > limits.maxCells) {
        const ref = `${colName(end)}${r + 1}`;
        throw new ImportError('xls.range', `工作表 ${sheet} 的单元格 ${ref} 超出可处理范围（最多 ${limits.maxRows} 行、` +
          `${limits.maxColumns} 列、${limits.maxCells} 个单元格）（文件 ${file}）`, { file, sheet, row: r + 1, column: colName(end) });
      }
    }
    rows.push(row);
  }
  rows.length = last + 1;
  return rows;
}

function merges(ws: WorkSheet, rows: readonly (readonly RawCell[])[]): CellRange[] {
  const maxRow = rows.length - 1;
  const maxCol = rows.reduce((m, r) => Math.max(m, r.length - 1), -1);
  const out: CellRange[] = [];
  for (const m of ws['!merges'] ?? []) {
    const r0 = m.s.r;
    const c0 = m.s.c;
    const r1 = Math.min(m.e.r, maxRow);
    const c1 = Math.min(m.e.c, maxCol);
    if (r0 <= r1 && c0 <= c1 && (r0 < r1 || c0 < c1)) out.push({ r0, c0, r1, c1 });
  }
  return out;
}

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
function sanitizeBiff8(d: Uint8Array, fail: (code: string, what: string) => never): Uint8Array {
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

function openWorkbook(file: SourceFile, limits: ReadLimits): WorkBook {
  const name = file.name;
  const fail = (code: string, what: string): never => {
    const msg = code === 'xls.encrypted' ? `文件 ${name} 设置了密码保护，请在 Excel 中取消密码后再导入`
      : code === 'xls.old-format' ? `文件 ${name} 是 Excel 5.0/95 或更早的格式，请在 Excel 中另存为 .xlsx 后再导入`
        : `无法读取 Excel 文件 ${name}（${what.slice(0, 200)}），文件可能已损坏`;
    throw new ImportError(code, msg, { file: name });
  };
  try {
    const cfb = CFB.read(file.bytes, { type: 'array' });
    if (CFB.find(cfb, '/EncryptionInfo') || CFB.find(cfb, '/EncryptedPackage')) fail('xls.encrypted', '');
    const stream = CFB.find(cfb, '/Workbook');
    if (!stream) fail(CFB.find(cfb, '/Book') ? 'xls.old-format' : 'xls.unreadable', '找不到工作簿数据流');
    const data = sanitizeBiff8(Uint8Array.from(stream.content as ArrayLike<number>), fail);
    // hand SheetJS the rebuilt workbook stream alone: no property sets, macros or other streams to parse
    const clean = CFB.utils.cfb_new();
    CFB.utils.cfb_add(clean, '/Workbook', data);
    return read(CFB.write(clean, { type: 'array' }), {
      type: 'array', dense: true, cellDates: true, cellFormula: false, cellHTML: false, cellStyles: false,
      cellText: false, cellNF: true, sheetRows: limits.maxRows + 1,
    });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    return fail(/password|encrypt/i.test(why) ? 'xls.encrypted' : 'xls.unreadable', why);
  }
}

/** Reads every worksheet of a legacy .xls workbook (an .xlsx saved under a .xls name is read as .xlsx). */
export function readXls(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): WorkbookSheet[] {
  const name = file.name;
  const b = file.bytes;
  if (b.length > limits.maxFileBytes) {
    throw new ImportError('xls.too-large', `文件 ${name} 超过 ${Math.round(limits.maxFileBytes / 1048576)} MB，已拒绝`, { file: name });
  }
  if (b[0] === 0x50 && b[1] === 0x4b) return readXlsx(file, limits);
  if (!isOle(b)) {
    const head = new TextDecoder('utf-8').decode(b.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
    if (head.startsWith('<')) {
      throw new ImportError('xls.html', `文件 ${name} 实为网页或 XML 表格（系统导出时常见），请在 Excel 中打开后另存为 .xlsx 再导入`, { file: name });
    }
    throw new ImportError('xls.not-xls', `文件 ${name} 不是 Excel 97-2003（.xls）工作簿`, { file: name });
  }
  const wb = openWorkbook(file, limits);
  const meta = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((sheet, i) => {
    const found: unknown = wb.Sheets[sheet]; // a sheet named '__proto__' may sit on the prototype chain
    const ws = typeof found === 'object' && found !== null && Object.hasOwn(found, '!data') ? found as WorkSheet : undefined;
    const rows = ws ? toRows(ws, name, sheet, limits) : [];
    const hidden = (meta[i]?.Hidden ?? 0) > 0;
    return { file: name, sheet, rows, merges: ws ? merges(ws, rows) : [], ...(hidden ? { hidden: true } : {}) };
  });
}
