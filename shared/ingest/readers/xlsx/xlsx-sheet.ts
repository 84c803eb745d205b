import { ImportError } from '../../../contract/errors.js';
import type { CellRange, RawCell, ReadLimits } from '../../types.js';
import { localName } from '../xml.js';
import { DateKind, displayNumber, isoToText, plainNumber, presentNumber } from './xlsx-styles.js';
import { cellTextError, detach, MAX_CELL_TEXT, RichText, streamPart, unescapeOoxml } from './xlsx-part.js';
import type { ZipArchive, ZipEntry } from '../zip/zip.js';

/** Streams one worksheet's XML into rows, checking the used range against the limits at every non-empty cell. */

/** What a worksheet needs from the rest of the workbook. */
export interface SheetContext {
  readonly zip: ZipArchive;
  readonly limits: ReadLimits;
  readonly strings: readonly string[];
  readonly styleKinds: Uint8Array;
  readonly date1904: boolean;
}

/** Longest run of text between tags outside cell values: whitespace pads a bomb, never a real worksheet. */
const MAX_STRAY_TEXT = 1024 * 1024;

/** Excel's own bounds: column XFD, row 1048576. */
const EXCEL_COLS = 16_384;
const EXCEL_ROWS = 1_048_576;

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

/** Reads one worksheet part into dense rows (trailing empty cells and rows trimmed) and its merged ranges. */
export function readSheet(ctx: SheetContext, entry: ZipEntry, sheet: string): { rows: RawCell[][]; merges: CellRange[] } {
  const { limits, strings, styleKinds, date1904, zip } = ctx;
  const file = zip.file;
  const sparse: RawCell[][] = [];
  const mergeRefs: string[] = [];
  const rich = new RichText();
  let maxRow = -1;
  let maxCol = -1;
  let row = -1;
  let col = -1;
  let type = '';
  let style = 0;
  let value = '';
  let inV = false;
  let inIs = false;
  let inCell = false;

  // Shared strings let a tiny sheet repeat one long text in every cell: what references produce is bounded by
  // the sheet's own size (twice its XML, plus 32M characters), so text cannot be amplified without limit.
  const sharedBudget = 32 * 1024 * 1024 + 2 * entry.uncompressedSize;
  let sharedChars = 0;
  const fail = (code: string, what: string, r: number, c: number): never => {
    const ref = `${colName(c)}${r + 1}`;
    throw new ImportError(code, `工作表 ${sheet} 的单元格 ${ref} ${what}`, { file, sheet, row: r + 1, column: colName(c) });
  };
  const store = (v: RawCell): void => {
    if (v === null || v === '') return;
    const rows = Math.max(maxRow, row) + 1;
    const cols = Math.max(maxCol, col) + 1;
    if (row >= limits.maxRows || col >= limits.maxColumns || rows * cols > limits.maxCells) {
      fail('xlsx.range', `超出可处理范围（最多 ${limits.maxRows} 行、${limits.maxColumns} 列、${limits.maxCells} 个单元格；` +
        `使用区域将达 ${rows} 行 × ${cols} 列），请删除远处的多余内容后再导入（文件 ${file}）`, row, col);
    }
    if (row > maxRow) maxRow = row;
    if (col > maxCol) maxCol = col;
    let cells = sparse[row];
    if (cells === undefined) sparse[row] = cells = [];
    while (cells.length < col) cells.push(null);
    cells[col] = v;
  };
  const dates = new Map<number, string | null>();
  const dateText = (n: number, kind: DateKind): string | number => {
    const key = n * 8 + kind; // unique for whole serials only: fractions (times) are not cached
    let text = Number.isInteger(n) ? dates.get(key) : undefined;
    if (text === undefined) {
      const v = presentNumber(n, kind, date1904);
      text = typeof v === 'string' ? v : null;
      if (dates.size < 100_000 && Number.isInteger(n)) dates.set(key, text);
    }
    return text ?? displayNumber(n);
  };
  const finish = (): RawCell => {
    switch (type) {
      case 's': {
        if (value === '') return null;
        const k = Number(value);
        const s = strings[k];
        if (!Number.isInteger(k) || s === undefined) fail('xlsx.sharedstring', `引用了不存在的共享字符串 ${value.slice(0, 20)}（文件 ${file}）`, row, col);
        if ((sharedChars += (s as string).length) > sharedBudget) {
          fail('xlsx.shared-amplified', `处共享字符串的引用累计超过 ${Math.round(sharedBudget / 1048576)}M 字（同一段长文字被大量单元格重复引用），已拒绝（文件 ${file}）`, row, col);
        }
        return s as string;
      }
      case 'str': return value.startsWith('=DISPIMG(') ? null : detach(unescapeOoxml(value)); // WPS: picture in a cell
      case 'e': case 'inlineStr': return detach(value);
      case 'b': return value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : null;
      case 'd': return value === '' ? null : detach(isoToText(value));
      default: {
        if (value.trim() === '') return null;
        const n = Number(value);
        if (!Number.isFinite(n)) return detach(value);
        const kind = (styleKinds[style] ?? DateKind.None) as DateKind;
        if (kind === DateKind.None) return plainNumber(value.trim(), n);
        return kind === DateKind.Percent ? displayNumber(n * 100) : dateText(n, kind);
      }
    }
  };

  const local = new Map<string, string>();
  const lname = (name: string): string => {
    let l = local.get(name);
    if (l === undefined) local.set(name, l = localName(name));
    return l;
  };
  let stray = 0; // text met outside <v> and <is> since the last tag
  streamPart(zip, entry, {
    open(name, attrs) {
      stray = 0;
      const ln = lname(name);
      if (ln === 'c') {
        const r = attrs.r;
        if (r !== undefined) {
          const rc = parseRef(r);
          if (!rc) fail('xlsx.ref', `引用 “${r.slice(0, 20)}” 无效（文件 ${file}）`, Math.max(row, 0), Math.max(col, 0));
          [row, col] = rc as [number, number];
        } else {
          col++;
          if (row < 0) row = 0;
        }
        type = attrs.t ?? 'n';
        style = attrs.s === undefined ? 0 : Number(attrs.s) | 0;
        value = '';
        inCell = true;
      } else if (ln === 'row') {
        const r = attrs.r === undefined ? row + 2 : Number(attrs.r);
        if (!Number.isInteger(r) || r < 1 || r > EXCEL_ROWS) fail('xlsx.ref', `所在行号 “${String(attrs.r).slice(0, 20)}” 无效（文件 ${file}）`, Math.max(row, 0), 0);
        row = r - 1;
        col = -1;
      } else if (inCell) {
        if (ln === 'v') inV = true;
        else if (ln === 'is') { inIs = true; rich.take(); } else if (inIs) rich.open(ln);
      } else if (ln === 'mergeCell' && attrs.ref !== undefined) {
        mergeRefs.push(attrs.ref);
      }
    },
    text(t) {
      if (inV) value += t;
      else if (inIs) rich.text(t);
      else {
        stray += t.length;
        if (stray > MAX_STRAY_TEXT) {
          throw new ImportError('xlsx.stray-text', `工作表 ${sheet} 在第 ${Math.max(row, 0) + 1} 行附近有超过 1 MB 连续的空白或游离文本（正常文件不会如此），` +
            `文件可能已损坏或被恶意构造，已拒绝（文件 ${file}）`, { file, sheet, row: Math.max(row, 0) + 1 });
        }
        return;
      }
      if (value.length > MAX_CELL_TEXT || rich.length > MAX_CELL_TEXT) {
        throw cellTextError(file, `工作表 ${sheet} 的单元格 ${colName(col)}${row + 1} `, { sheet, row: row + 1, column: colName(col) });
      }
    },
    close(name) {
      stray = 0;
      if (!inCell) return;
      const ln = lname(name);
      if (ln === 'v') inV = false;
      else if (ln === 'is') { inIs = false; value = rich.take(); } else if (inIs) rich.close(ln);
      else if (ln === 'c') { inCell = false; store(finish()); }
    },
  }, sheet);

  const rows: RawCell[][] = [];
  for (let r = 0; r <= maxRow; r++) rows.push(sparse[r] ?? []);
  return { rows, merges: clipMerges(mergeRefs, maxRow, maxCol) };
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
