/**
 * A worksheet written straight into staging chunks as its cells are read, in row order: the same staged grid
 * prepareGrid makes from a RawSheet (src_row, then the cells as text; empty cells and rows NULL), with no RawCell
 * per cell. A row's line stops after its last non-empty cell; the chunks are read with null_padding. The first
 * SAMPLE_ROWS rows are also kept as RawCells for the sample. A cell out of row order throws: the caller then
 * reads the sheet into a RawSheet and uses prepareGrid.
 */
import { ImportError } from '../../contract/errors.js';
import type { CellTarget } from '../readers/xlsx/xlsx-cells.js';
import { SAMPLE_ROWS, type CellRange, type RawCell } from '../types.js';
import { CsvBytes } from './csv-bytes.js';
import { cellText, CHUNK_ROWS, MAX_STAGED_CHARS, overBudget, type PreparedGrid } from './stage-rows.js';

const utf8 = new TextDecoder('utf-8');
const SHARED_CACHE = 100_000;

export class GridWriter implements CellTarget {
  private out = new CsvBytes(1 << 20);
  private readonly chunks: { bytes: Uint8Array; longest: number }[] = [];
  private chunkEnd = CHUNK_ROWS;
  /** The row whose line is open (-1: none yet), the last column written in it, its length in UTF-16 units. */
  private line = -1;
  private lastCol = -1;
  private lineUnits = 0;
  private longest = 0;
  private width = 0;
  /** Cell text staged so far, in UTF-16 units (the bound prepareGrid applies). */
  private used = 0;
  private readonly sample: RawCell[][] = [];
  /** Shared strings already written, as their quoted field (the first SHARED_CACHE of the table). */
  private readonly shared: ({ bytes: Uint8Array; units: number } | undefined)[] = [];

  constructor(readonly file: string, readonly sheet: string, private readonly maxChars = MAX_STAGED_CHARS) {}

  /** Opens row's line (closing the lines before it, empty ones included) and writes the separators up to col. */
  private at(row: number, col: number): void {
    if (row < this.line || (row === this.line && col <= this.lastCol)) {
      throw new ImportError('stage.order', `工作表 ${this.sheet} 的单元格不按行列顺序排列`, { file: this.file, sheet: this.sheet });
    }
    this.open(row);
    const out = this.out;
    for (let c = this.lastCol; c < col; c++) out.byte(44);
    this.lineUnits += col - this.lastCol;
    this.lastCol = col;
    if (col >= this.width) this.width = col + 1;
  }

  private open(row: number): void {
    while (this.line < row) {
      if (this.line >= 0) this.endLine();
      this.line++;
      if (this.line >= this.chunkEnd) this.flush(); // a new buffer: this.out is read after it
      const num = String(this.line + 1);
      this.out.ascii(num);
      this.lastCol = -1;
      this.lineUnits = num.length;
    }
  }

  private endLine(): void {
    this.out.byte(10);
    if (this.lineUnits > this.longest) this.longest = this.lineUnits;
  }

  private flush(): void {
    this.chunks.push({ bytes: this.out.take(), longest: this.longest });
    this.out = new CsvBytes(1 << 20);
    this.longest = 0;
    this.chunkEnd += CHUNK_ROWS;
  }

  private charge(units: number, row: number): void {
    if ((this.used += units) > this.maxChars) overBudget({ file: this.file, sheet: this.sheet, max: this.maxChars }, row + 1);
  }

  private keep(row: number, col: number, v: RawCell): void {
    if (row >= SAMPLE_ROWS) return;
    let cells = this.sample[row];
    if (cells === undefined) this.sample[row] = cells = [];
    while (cells.length < col) cells.push(null);
    cells[col] = v;
  }

  put(row: number, col: number, v: string | number | boolean): void {
    const t = cellText(v);
    if (t === null) {
      // a non-finite number: its row is in the sheet, the cell stages as NULL and widens nothing
      if (row < this.line || (row === this.line && col <= this.lastCol)) this.at(row, col);
      this.open(row);
      this.keep(row, col, v);
      return;
    }
    this.charge(t.length, row);
    this.at(row, col);
    this.lineUnits += this.out.quoted(t);
    this.keep(row, col, v);
  }

  putUtf8(row: number, col: number, buf: Uint8Array, from: number, to: number): void {
    this.at(row, col);
    // UTF-16 units: one per UTF-8 sequence, two for a 4-byte one; '"' doubled and NUL dropped as CsvBytes.quoted does
    let units = 0;
    let extra = 0;
    for (let k = from; k < to; k++) {
      const b = buf[k] as number;
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
      if (b === 34) extra++;
      else if (b === 0) extra--;
    }
    this.charge(units, row);
    this.lineUnits += units + extra + 2;
    this.out.quotedUtf8(buf, from, to);
    if (row < SAMPLE_ROWS) this.keep(row, col, utf8.decode(buf.subarray(from, to)));
  }

  putNumber(row: number, col: number, n: number, buf: Uint8Array, from: number, to: number): void {
    this.charge(to - from, row);
    this.at(row, col);
    this.lineUnits += to - from + 2;
    this.out.quotedUtf8(buf, from, to);
    this.keep(row, col, n);
  }

  putShared(row: number, col: number, k: number, s: string): void {
    if (k >= SHARED_CACHE) {
      this.put(row, col, s);
      return;
    }
    let field = this.shared[k];
    if (field === undefined) {
      const w = new CsvBytes(3 * s.length + 2);
      const units = w.quoted(s);
      this.shared[k] = field = { bytes: w.take(), units };
    }
    this.charge(s.length, row);
    this.at(row, col);
    this.lineUnits += field.units;
    this.out.raw(field.bytes);
    this.keep(row, col, s);
  }

  /** The prepared grid of `rowCount` rows (the used range: rows after the last cell put are empty lines). */
  finish(rowCount: number, merges: readonly CellRange[]): PreparedGrid {
    if (rowCount > 0) {
      this.open(rowCount - 1);
      this.endLine();
      this.chunks.push({ bytes: this.out.take(), longest: this.longest });
    }
    const rows: RawCell[][] = [];
    for (let r = 0; r < Math.min(rowCount, SAMPLE_ROWS); r++) rows.push(this.sample[r] ?? []);
    return {
      file: this.file,
      sheet: this.sheet,
      width: this.width,
      rowCount,
      sample: { file: this.file, sheet: this.sheet, rows, merges: merges.filter((m) => m.r0 < SAMPLE_ROWS) },
      chunks: this.chunks,
      ragged: true,
    };
  }
}
