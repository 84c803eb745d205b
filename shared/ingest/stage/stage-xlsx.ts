/**
 * An .xlsx file straight into staging chunks: each worksheet's cells are written as they are scanned (GridWriter),
 * with no RawCell per cell. A sheet the byte-level scanner does not read to the end (an unusual construct, cells
 * out of row order, a malformed or hostile part) is read by the generic reader into a RawSheet and prepared by
 * prepareGrid, which gives the same staged grid or the error.
 */
import { DEFAULT_LIMITS, type ReadLimits, type SourceFile } from '../types.js';
import { openWorkbook } from '../readers/xlsx/xlsx.js';
import { readSheetGeneric } from '../readers/xlsx/xlsx-sheet.js';
import { scanSheetFast } from '../readers/xlsx/xlsx-sheet-fast.js';
import { GridWriter } from './grid-writer.js';
import { MAX_STAGED_CHARS, prepareGrid, type PreparedGrid } from './stage-rows.js';

/** One worksheet prepared for staging. */
export interface PreparedXlsxSheet {
  readonly sheet: string;
  readonly hidden: boolean;
  readonly grid: PreparedGrid;
}

export interface PrepareXlsxOptions {
  /** Called with the number of worksheets before any is read (may throw to refuse the file). */
  readonly onSheets?: (count: number) => void;
  /** Called before each worksheet is read, when there are several. */
  readonly progress?: (sheet: string) => void;
  readonly maxChars?: number;
}

/** Every worksheet of an .xlsx/.xlsm file prepared for staging, in workbook order. */
export async function prepareXlsx(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS, opts: PrepareXlsxOptions = {}): Promise<PreparedXlsxSheet[]> {
  const { ctx, sheets } = openWorkbook(file, limits);
  opts.onSheets?.(sheets.length);
  const maxChars = opts.maxChars ?? MAX_STAGED_CHARS;
  const out: PreparedXlsxSheet[] = [];
  for (const s of sheets) {
    if (sheets.length > 1) opts.progress?.(s.name);
    const writer = new GridWriter(file.name, s.name, maxChars);
    const grid = scanSheetFast(ctx, s.entry, s.name, writer);
    if (grid) out.push({ sheet: s.name, hidden: s.hidden, grid: writer.finish(grid.rowCount, grid.merges()) });
    else {
      const { rows, merges } = readSheetGeneric(ctx, s.entry, s.name);
      out.push({ sheet: s.name, hidden: s.hidden, grid: prepareGrid({ file: file.name, sheet: s.name, rows, merges }, maxChars) });
    }
  }
  return out;
}
