import { ImportError } from '../../../contract/errors.js';
import { localName } from '../xml.js';
import { CellGrid, colName, EXCEL_ROWS, parseRef, type SheetCells, type SheetContext } from './xlsx-cells.js';
import { cellTextError, MAX_CELL_TEXT, RichText, streamPart } from './xlsx-part.js';
import { readSheetFast } from './xlsx-sheet-fast.js';
import type { ZipEntry } from '../zip/zip.js';

/**
 * Reads one worksheet's XML into rows, checking the used range against the limits at every non-empty cell. The
 * byte-level scanner (xlsx-sheet-fast.ts) reads the sheets every known writer produces; whatever it does not
 * accept (an unusual construct, a malformed or hostile part) is read again by the generic one here, over the
 * safe XML scanner, which gives the same rows or the error.
 */

export { clipRanges, colName, parseRef, type SheetContext } from './xlsx-cells.js';

/** Longest run of text between tags outside cell values: whitespace pads a bomb, never a real worksheet. */
export const MAX_STRAY_TEXT = 1024 * 1024;

/** Reads one worksheet part: the byte-level scanner, or the generic one where it gives up; `generic` forces the latter. */
export function readSheet(ctx: SheetContext, entry: ZipEntry, sheet: string, generic = false): SheetCells {
  return (generic ? null : readSheetFast(ctx, entry, sheet)) ?? readSheetGeneric(ctx, entry, sheet);
}

/** Reads one worksheet part through the generic XML scanner into dense rows and its merged ranges. */
export function readSheetGeneric(ctx: SheetContext, entry: ZipEntry, sheet: string): SheetCells {
  const { zip } = ctx;
  const file = zip.file;
  const grid = new CellGrid(ctx, entry, sheet);
  const rich = new RichText();
  let type = '';
  let style = 0;
  let value = '';
  let inV = false;
  let inIs = false;
  let inCell = false;

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
          if (!rc) grid.fail('xlsx.ref', `引用 “${r.slice(0, 20)}” 无效（文件 ${file}）`, Math.max(grid.row, 0), Math.max(grid.col, 0));
          [grid.row, grid.col] = rc as [number, number];
        } else {
          grid.col++;
          if (grid.row < 0) grid.row = 0;
        }
        type = attrs.t ?? 'n';
        style = attrs.s === undefined ? 0 : Number(attrs.s) | 0;
        value = '';
        inCell = true;
      } else if (ln === 'row') {
        const r = attrs.r === undefined ? grid.row + 2 : Number(attrs.r);
        if (!Number.isInteger(r) || r < 1 || r > EXCEL_ROWS) grid.fail('xlsx.ref', `所在行号 “${String(attrs.r).slice(0, 20)}” 无效（文件 ${file}）`, Math.max(grid.row, 0), 0);
        grid.row = r - 1;
        grid.col = -1;
      } else if (inCell) {
        if (ln === 'v') inV = true;
        else if (ln === 'is') { inIs = true; rich.take(); } else if (inIs) rich.open(ln);
      } else if (ln === 'mergeCell' && attrs.ref !== undefined) {
        grid.mergeRefs.push(attrs.ref);
      }
    },
    text(t) {
      if (inV) value += t;
      else if (inIs) rich.text(t);
      else {
        stray += t.length;
        if (stray > MAX_STRAY_TEXT) {
          throw new ImportError('xlsx.stray-text', `工作表 ${sheet} 在第 ${Math.max(grid.row, 0) + 1} 行附近有超过 1 MB 连续的空白或游离文本（正常文件不会如此），` +
            `文件可能已损坏或被恶意构造，已拒绝（文件 ${file}）`, { file, sheet, row: Math.max(grid.row, 0) + 1 });
        }
        return;
      }
      if (value.length > MAX_CELL_TEXT || rich.length > MAX_CELL_TEXT) {
        throw cellTextError(file, `工作表 ${sheet} 的单元格 ${colName(grid.col)}${grid.row + 1} `, { sheet, row: grid.row + 1, column: colName(grid.col) });
      }
    },
    close(name) {
      stray = 0;
      if (!inCell) return;
      const ln = lname(name);
      if (ln === 'v') inV = false;
      else if (ln === 'is') { inIs = false; value = rich.take(); } else if (inIs) rich.close(ln);
      else if (ln === 'c') { inCell = false; grid.store(grid.finish(type, value, style)); }
    },
  }, sheet);
  return grid.result();
}
