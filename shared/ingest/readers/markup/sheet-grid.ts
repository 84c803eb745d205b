import { ImportError } from '../../../contract/errors.js';
import type { CellRange, RawCell, ReadLimits } from '../../types.js';
import { clipRanges, colName } from '../xlsx/xlsx-sheet.js';

/** Excel's last row (1,048,576): no spreadsheet has a row below it. */
const EXCEL_ROWS = 1_048_576;
/**
 * Cells (placed and spanned) one markup sheet may hold: the grid is dense, 8 bytes a cell, so a file of spans
 * within the general 50M limit could still take 400 MB; system exports as web pages are far smaller.
 */
const MARKUP_MAX_CELLS = 20_000_000;

/**
 * Places cells of row-by-row table formats (HTML tables, XML Spreadsheet 2003) into a grid the way the browser and
 * Excel do: a cell spanning rows below (rowspan, ss:MergeDown) pushes the cells of those rows to the right unless a
 * position is given, spans become merged ranges, and rows, columns and cells are checked against the limits as
 * they are placed (work is bounded too: the columns covered by spans count against maxCells).
 */
export class SheetGrid {
  private readonly sparse: RawCell[][] = [];
  private readonly ranges: CellRange[] = [];
  /** Per column: the last row covered by a span from a row above. */
  private readonly coveredTo: number[] = [];
  private row = -1;
  private col = 0;
  private maxRow = -1;
  private maxCol = -1;
  private work = 0;
  /** The cell budget: the limits', at most MARKUP_MAX_CELLS (web-page and XML 2003 exports are small). */
  private readonly maxCells: number;

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly limits: ReadLimits,
    private readonly code: string,
  ) {
    this.maxCells = Math.min(limits.maxCells, MARKUP_MAX_CELLS);
  }

  /** Starts the next row, or row `index` (0-based) when the format gives one. */
  startRow(index?: number): void {
    this.row = index !== undefined && index > this.row ? index : this.row + 1;
    this.col = 0;
  }

  /** The 0-based row being filled (-1 before the first). */
  get currentRow(): number {
    return this.row;
  }

  private fail(r: number, c: number): never {
    const { maxRows, maxColumns } = this.limits;
    const maxCells = this.maxCells;
    const ref = `${colName(c)}${r + 1}`;
    throw new ImportError(`${this.code}.range`, `工作表 ${this.sheet} 的单元格 ${ref} 超出可处理范围（最多 ${Math.min(maxRows, EXCEL_ROWS)} 行、${maxColumns} 列、` +
      `${maxCells} 个单元格），请删除多余内容后再导入（文件 ${this.file}）`, { file: this.file, sheet: this.sheet, row: r + 1, column: colName(c) });
  }

  /**
   * Places a cell at the next free column (or at column `at`, 0-based) spanning `across` more columns and `down`
   * more rows; returns its column.
   */
  place(value: RawCell, at?: number, across = 0, down = 0): number {
    const { maxRows, maxColumns } = this.limits;
    const maxCells = this.maxCells;
    if (this.row < 0) this.startRow();
    const r = this.row;
    let c = at !== undefined && at >= this.col ? at : this.col;
    const from = c;
    while ((this.coveredTo[c] ?? -1) >= r && c < maxColumns) c++;
    // Rows past Excel's last row cannot come from a spreadsheet (a 344-byte ss:Index="5000000" would stage 5M rows).
    if (r >= Math.min(maxRows, EXCEL_ROWS) || c >= maxColumns) this.fail(r, c);
    const a = Math.max(0, Math.min(across, maxColumns - 1 - c));
    const d = Math.max(0, Math.min(down, maxRows - 1 - r));
    this.work += a + 1 + (c - from); // columns skipped under spans from above are work too
    if (this.work > maxCells) this.fail(r, c);
    if (d > 0) for (let k = c; k <= c + a; k++) this.coveredTo[k] = r + d;
    if (a > 0 || d > 0) this.ranges.push({ r0: r, c0: c, r1: r + d, c1: c + a });
    this.col = c + a + 1;
    if (value !== null && value !== '') {
      const rows = Math.max(this.maxRow, r) + 1;
      const cols = Math.max(this.maxCol, c) + 1;
      if (rows * cols > maxCells) this.fail(r, c);
      this.maxRow = rows - 1;
      this.maxCol = cols - 1;
      let cells = this.sparse[r];
      if (cells === undefined) this.sparse[r] = cells = [];
      while (cells.length < c) cells.push(null);
      cells[c] = value;
    }
    return c;
  }

  /** True if no value was placed. */
  get empty(): boolean {
    return this.maxRow < 0;
  }

  /** Dense rows up to the last value (trailing empty rows dropped) and the spans clipped to them. */
  finish(): { rows: RawCell[][]; merges: CellRange[] } {
    const rows: RawCell[][] = [];
    for (let r = 0; r <= this.maxRow; r++) rows.push(this.sparse[r] ?? []);
    return { rows, merges: clipRanges(this.ranges, this.maxRow, this.maxCol) };
  }
}
