import { ImportError } from '../../../contract/errors.js';
import type { CellRange, RawCell, ReadLimits } from '../../types.js';
import type { ZipArchive, ZipEntry } from '../zip/zip.js';
import { DateKind, displayNumber, isoToText, plainNumber, presentNumber } from './xlsx-styles.js';
import { detach, unescapeOoxml } from './xlsx-part.js';

/**
 * What a worksheet's cells become, whichever scanner reads its XML (xlsx-sheet.ts, the generic one, or
 * xlsx-sheet-fast.ts over bytes): one cell's type, value text and style turned into a RawCell, the used range
 * checked against the limits at every non-empty cell, and the merged ranges kept.
 */

/** What a worksheet needs from the rest of the workbook. */
export interface SheetContext {
  readonly zip: ZipArchive;
  readonly limits: ReadLimits;
  readonly strings: readonly string[];
  readonly styleKinds: Uint8Array;
  readonly date1904: boolean;
}

/** Excel's own bounds: column XFD, row 1048576. */
export const EXCEL_COLS = 16_384;
export const EXCEL_ROWS = 1_048_576;

/** 'A1' → [row, col], 0-based; null when it is no cell reference within Excel's bounds. */
export function parseRef(ref: string): [number, number] | null {
  let i = 0;
  let col = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === 0 || i > 3 || i === ref.length || ref.length - i > 7) return null;
  let row = 0;
  for (let k = i; k < ref.length; k++) {
    const d = ref.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  return row >= 1 && row <= EXCEL_ROWS && col <= EXCEL_COLS ? [row - 1, col - 1] : null;
}

/** 0-based column index → letters ('A', 'AB', 'XFD'). */
export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A worksheet's rows (trailing empty cells and rows trimmed) and merged ranges. */
export interface SheetCells {
  readonly rows: RawCell[][];
  readonly merges: CellRange[];
}

/** The cells of one worksheet as they are read; `row` and `col` are the current cell's position (0-based). */
export class CellGrid {
  row = -1;
  col = -1;
  readonly mergeRefs: string[] = [];
  private maxRow = -1;
  private maxCol = -1;
  private sharedChars = 0;
  private readonly sharedBudget: number;
  private readonly dates = new Map<number, string | null>();
  private readonly file: string;

  constructor(private readonly ctx: SheetContext, entry: ZipEntry, readonly sheet: string, private readonly target: CellTarget = new RowsTarget()) {
    this.file = ctx.zip.file;
    // Shared strings let a tiny sheet repeat one long text in every cell: what references produce is bounded by
    // the sheet's own size (twice its XML, plus 32M characters), so text cannot be amplified without limit.
    this.sharedBudget = 32 * 1024 * 1024 + 2 * entry.uncompressedSize;
  }

  fail(code: string, what: string, r: number, c: number): never {
    const ref = `${colName(c)}${r + 1}`;
    throw new ImportError(code, `工作表 ${this.sheet} 的单元格 ${ref} ${what}`, { file: this.file, sheet: this.sheet, row: r + 1, column: colName(c) });
  }

  /** Keeps a non-empty value at the current cell, after checking the used range it makes against the limits. */
  store(v: RawCell): void {
    if (v === null || v === '') return;
    this.check();
    this.target.put(this.row, this.col, v);
  }

  /** Keeps the text that is exactly the UTF-8 bytes buf[from, to) (valid, not empty) at the current cell. */
  storeUtf8(buf: Uint8Array, from: number, to: number): void {
    this.check();
    this.target.putUtf8(this.row, this.col, buf, from, to);
  }

  /** A number whose String() is exactly the ASCII bytes buf[from, to), in a cell of a plain style (plainStyle). */
  storeNumber(n: number, buf: Uint8Array, from: number, to: number): void {
    this.check();
    this.target.putNumber(this.row, this.col, n, buf, from, to);
  }

  /** The shared string k (a t="s" cell's index, written as a plain number) at the current cell. */
  storeShared(k: number): void {
    const s = this.shared(k, String(k));
    if (s === '') return;
    this.check();
    this.target.putShared(this.row, this.col, k, s);
  }

  /** True if style `style` shows numbers as they are (no date or percent format). */
  plainStyle(style: number): boolean {
    return (this.ctx.styleKinds[style] ?? DateKind.None) === DateKind.None;
  }

  private check(): void {
    const { row, col } = this;
    const { limits } = this.ctx;
    const rows = Math.max(this.maxRow, row) + 1;
    const cols = Math.max(this.maxCol, col) + 1;
    if (row >= limits.maxRows || col >= limits.maxColumns || rows * cols > limits.maxCells) {
      this.fail('xlsx.range', `超出可处理范围（最多 ${limits.maxRows} 行、${limits.maxColumns} 列、${limits.maxCells} 个单元格；` +
        `使用区域将达 ${rows} 行 × ${cols} 列），请删除远处的多余内容后再导入（文件 ${this.file}）`, row, col);
    }
    if (row > this.maxRow) this.maxRow = row;
    if (col > this.maxCol) this.maxCol = col;
  }

  private dateText(n: number, kind: DateKind): string | number {
    const key = n * 8 + kind; // unique for whole serials only: fractions (times) are not cached
    let text = Number.isInteger(n) ? this.dates.get(key) : undefined;
    if (text === undefined) {
      const v = presentNumber(n, kind, this.ctx.date1904);
      text = typeof v === 'string' ? v : null;
      if (this.dates.size < 100_000 && Number.isInteger(n)) this.dates.set(key, text);
    }
    return text ?? displayNumber(n);
  }

  /** A number cell (t="n" or no t) of style `style`: `text` is its value as written, trimmed, n = Number(text). */
  number(n: number, text: string, style: number): RawCell {
    const kind = (this.ctx.styleKinds[style] ?? DateKind.None) as DateKind;
    if (kind === DateKind.None) return plainNumber(text, n);
    return kind === DateKind.Percent ? displayNumber(n * 100) : this.dateText(n, kind);
  }

  /** The shared string a t="s" cell refers to (`value` as written, for the message), charged to the budget. */
  shared(k: number, value: string): string {
    const s = this.ctx.strings[k];
    if (!Number.isInteger(k) || s === undefined) this.fail('xlsx.sharedstring', `引用了不存在的共享字符串 ${value.slice(0, 20)}（文件 ${this.file}）`, this.row, this.col);
    if ((this.sharedChars += (s as string).length) > this.sharedBudget) {
      this.fail('xlsx.shared-amplified', `处共享字符串的引用累计超过 ${Math.round(this.sharedBudget / 1048576)}M 字（同一段长文字被大量单元格重复引用），已拒绝（文件 ${this.file}）`, this.row, this.col);
    }
    return s as string;
  }

  /**
   * A cell's value from its type (the t attribute), its value text and its style. `own`: the text is a string of
   * its own, not a slice of a larger chunk (so it need not be copied to be kept).
   */
  finish(type: string, value: string, style: number, own = false): RawCell {
    const keep = own ? (s: string) => s : detach;
    switch (type) {
      case 's': return value === '' ? null : this.shared(Number(value), value);
      case 'str': return value.startsWith('=DISPIMG(') ? null : keep(unescapeOoxml(value)); // WPS: picture in a cell
      case 'e': case 'inlineStr': return keep(value);
      case 'b': return value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : null;
      case 'd': return value === '' ? null : keep(isoToText(value));
      default: {
        if (value.trim() === '') return null;
        const n = Number(value);
        if (!Number.isFinite(n)) return keep(value);
        return this.number(n, value.trim(), style);
      }
    }
  }

  /** The merged ranges clipped to the used range. */
  merges(): CellRange[] {
    return clipMerges(this.mergeRefs, this.maxRow, this.maxCol);
  }

  /** Rows in the used range (trailing empty rows trimmed). */
  get rowCount(): number {
    return this.maxRow + 1;
  }

  /** The rows read (when kept as RawCells, the default target), trailing empty rows trimmed, and the merged ranges. */
  result(): SheetCells {
    if (!(this.target instanceof RowsTarget)) throw new Error('CellGrid.result: the cells went to another target');
    return { rows: this.target.rows(this.maxRow), merges: this.merges() };
  }
}

/** Where a CellGrid puts the non-empty values it checked. */
export interface CellTarget {
  put(row: number, col: number, v: string | number | boolean): void;
  /** The text that is exactly the UTF-8 bytes buf[from, to) (valid, not empty). */
  putUtf8(row: number, col: number, buf: Uint8Array, from: number, to: number): void;
  /** The number n, whose String() is exactly the ASCII bytes buf[from, to). */
  putNumber(row: number, col: number, n: number, buf: Uint8Array, from: number, to: number): void;
  /** Shared string number k, s (not empty). */
  putShared(row: number, col: number, k: number, s: string): void;
}

const utf8 = new TextDecoder('utf-8');

/** Cells kept as RawCell rows (readXlsx). */
export class RowsTarget implements CellTarget {
  private readonly sparse: RawCell[][] = [];

  put(row: number, col: number, v: string | number | boolean): void {
    let cells = this.sparse[row];
    if (cells === undefined) this.sparse[row] = cells = [];
    while (cells.length < col) cells.push(null);
    cells[col] = v;
  }

  putUtf8(row: number, col: number, buf: Uint8Array, from: number, to: number): void {
    this.put(row, col, utf8.decode(buf.subarray(from, to)));
  }

  putNumber(row: number, col: number, n: number): void {
    this.put(row, col, n);
  }

  putShared(row: number, col: number, _k: number, s: string): void {
    this.put(row, col, s);
  }

  rows(maxRow: number): RawCell[][] {
    const rows: RawCell[][] = [];
    for (let r = 0; r <= maxRow; r++) rows.push(this.sparse[r] ?? []);
    return rows;
  }
}

/** Merged ranges clipped to the used range; ranges outside it or reduced to one cell are dropped. */
function clipMerges(refs: readonly string[], maxRow: number, maxCol: number): CellRange[] {
  const ranges: CellRange[] = [];
  for (const ref of refs) {
    const [a, b] = ref.split(':');
    const p = parseRef(a ?? '');
    const q = parseRef(b ?? '');
    if (p && q) ranges.push({ r0: Math.min(p[0], q[0]), c0: Math.min(p[1], q[1]), r1: Math.max(p[0], q[0]), c1: Math.max(p[1], q[1]) });
  }
  return clipRanges(ranges, maxRow, maxCol);
}

/** Ranges clipped to rows 0..maxRow and columns 0..maxCol; ranges outside or reduced to one cell are dropped. */
export function clipRanges(ranges: readonly CellRange[], maxRow: number, maxCol: number): CellRange[] {
  const out: CellRange[] = [];
  for (const { r0, c0, r1: rr, c1: cc } of ranges) {
    const r1 = Math.min(rr, maxRow);
    const c1 = Math.min(cc, maxCol);
    if (r0 <= r1 && c0 <= c1 && (r0 < r1 || c0 < c1)) out.push({ r0, c0, r1, c1 });
  }
  return out;
}
