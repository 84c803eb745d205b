/**
 * The generic staging path for spreadsheets: a RawSheet (XLSX/XLS readers) becomes a DuckDB text grid, so
 * layout and mapping run as SQL over all rows. The grid goes in as CSV text with every field quoted and an
 * explicit src_row, read with explicit VARCHAR columns and no sniffing, in chunks to bound memory.
 */
import { ImportError } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue } from '../../db/sql.js';
import { SAMPLE_ROWS, stageColumn, type RawCell, type RawSheet, type StagedSheet } from '../types.js';
import { CsvBytes } from './csv-bytes.js';

/** Rows per CSV chunk handed to DuckDB (keeps the JS string well under engine and V8 limits). */
export const CHUNK_ROWS = 50_000;

/** A cell as staged text: numbers as their shortest JS string, booleans 'true'/'false', null and '' → NULL. */
export function cellText(v: RawCell): string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v;
}

/** Columns in the grid: up to the last non-empty cell of any row (trailing empty columns are dropped). */
export function gridWidth(sheet: RawSheet): number {
  let n = 0;
  for (const row of sheet.rows) {
    for (let c = row.length - 1; c >= n; c--) {
      if (cellText(row[c] ?? null) !== null) {
        n = c + 1;
        break;
      }
    }
  }
  return n;
}

/**
 * Text a sheet may stage, in UTF-16 units: a backstop for every reader (the XLSX reader bounds shared-string
 * repetition itself). A full Excel sheet of 1,048,576 rows × 20 columns of 7 characters stages 147M.
 */
export const MAX_STAGED_CHARS = 256 * 1024 * 1024;

/** The running total of staged text of one sheet, refused past MAX_STAGED_CHARS with the row where it happened. */
interface TextBudget {
  readonly file: string;
  readonly sheet: string | null;
  readonly max: number;
  used: number;
}

/** The error for a sheet whose staged text passes its bound, at 1-based row `row`. */
export function overBudget(b: Omit<TextBudget, 'used'>, row: number): never {
  const where = `${b.file}${b.sheet ? ` / ${b.sheet}` : ''}`;
  throw new ImportError(
    'sheet.text-too-large',
    `${where} 的文字合计超过 ${b.max.toLocaleString('en-US')} 个字符（到第 ${row} 行为止；常见于同一段长文字被大量单元格重复引用），已拒绝；请删除多余内容后再导入`,
    { file: b.file, ...(b.sheet ? { sheet: b.sheet } : {}), row },
  );
}

/** Rows start..end-1 as staging CSV bytes (every field quoted, explicit src_row); `longest` in UTF-16 units. */
function csvChunk(rows: readonly (readonly RawCell[])[], start: number, end: number, width: number, budget: TextBudget): { bytes: Uint8Array; longest: number } {
  const out = new CsvBytes(Math.min(16 << 20, Math.max(1024, (end - start) * (width + 1) * 8)));
  let longest = 0;
  for (let r = start; r < end; r++) {
    const row = rows[r] ?? [];
    const num = String(r + 1);
    out.ascii(num);
    let line = num.length;
    for (let c = 0; c < width; c++) {
      const t = cellText(row[c] ?? null);
      if (t !== null && (budget.used += t.length) > budget.max) overBudget(budget, r + 1);
      // An unquoted empty field is NULL.
      out.byte(44);
      line += 1 + (t === null ? 0 : out.quoted(t));
    }
    out.byte(10);
    if (line > longest) longest = line;
  }
  return { bytes: out.take(), longest };
}

/**
 * The read_csv call for a staging chunk: no sniffing, every column typed. max_line_size follows the longest
 * line (UTF-8 can take 3 bytes a UTF-16 unit); DuckDB sizes its buffers from it, so it is not set needlessly high.
 */
function readChunkSql(file: string, width: number, longest: number, ragged: boolean): string {
  const maxLine = Math.max(2_097_152, longest * 3 + 1024);
  const cols = [`'src_row': 'INTEGER'`, ...Array.from({ length: width }, (_, i) => `'${stageColumn(i)}': 'VARCHAR'`)];
  return (
    `SELECT * FROM read_csv(${quoteValue(file)}, header = false, auto_detect = false, delim = ',', quote = '"', ` +
    `escape = '"', nullstr = '', max_line_size = ${maxLine}, buffer_size = ${maxLine * 2}, ` +
    `${ragged ? 'null_padding = true, parallel = false, ' : ''}columns = {${cols.join(', ')}})`
  );
}

/** A RawSheet's first SAMPLE_ROWS rows, with the merges that start among them. */
export function sampleOf(sheet: RawSheet): RawSheet {
  return {
    file: sheet.file,
    sheet: sheet.sheet,
    rows: sheet.rows.slice(0, SAMPLE_ROWS),
    merges: sheet.merges.filter((m) => m.r0 < SAMPLE_ROWS),
    ...(sheet.encoding !== undefined ? { encoding: sheet.encoding } : {}),
    ...(sheet.delimiter !== undefined ? { delimiter: sheet.delimiter } : {}),
  };
}

/** A RawSheet turned into the CSV chunks staging loads: plain data and byte buffers, so it can cross threads. */
export interface PreparedGrid {
  readonly file: string;
  readonly sheet: string | null;
  readonly width: number;
  readonly rowCount: number;
  readonly sample: RawSheet;
  /** The grid as CSV text (every field quoted, explicit src_row), CHUNK_ROWS rows a chunk; loading may detach them. */
  readonly chunks: readonly { readonly bytes: Uint8Array; readonly longest: number }[];
  /** Lines stop after their last non-empty cell (GridWriter): the chunks are read with null_padding. */
  readonly ragged?: boolean;
  readonly encoding?: string;
  readonly delimiter?: string;
}

/** Encode a RawSheet as staging chunks (pure: runs in the parse worker); at most `maxChars` of cell text. */
export function prepareGrid(sheet: RawSheet, maxChars = MAX_STAGED_CHARS): PreparedGrid {
  const width = gridWidth(sheet);
  const chunks: { bytes: Uint8Array; longest: number }[] = [];
  const budget: TextBudget = { file: sheet.file, sheet: sheet.sheet, max: maxChars, used: 0 };
  for (let start = 0; start < sheet.rows.length; start += CHUNK_ROWS) {
    chunks.push(csvChunk(sheet.rows, start, Math.min(sheet.rows.length, start + CHUNK_ROWS), width, budget));
  }
  return {
    file: sheet.file,
    sheet: sheet.sheet,
    width,
    rowCount: sheet.rows.length,
    sample: sampleOf(sheet),
    chunks,
    ...(sheet.encoding !== undefined ? { encoding: sheet.encoding } : {}),
    ...(sheet.delimiter !== undefined ? { delimiter: sheet.delimiter } : {}),
  };
}

/** Load a prepared grid into DuckDB as staging table `table` (src_row INTEGER, c0..c{n-1} VARCHAR). */
export async function loadGrid(db: Connector, grid: PreparedGrid, table: string): Promise<StagedSheet> {
  const { width } = grid;
  const cols = ['"src_row" INTEGER', ...Array.from({ length: width }, (_, i) => `${quoteIdent(stageColumn(i))} VARCHAR`)];
  await db.query(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${cols.join(', ')})`);
  for (const [i, chunk] of grid.chunks.entries()) {
    const file = `stage_${table}_${i * CHUNK_ROWS}.csv`;
    await db.registerFile(file, chunk.bytes);
    try {
      await db.query(`INSERT INTO ${quoteIdent(table)} ${readChunkSql(file, width, chunk.longest, grid.ragged === true)}`);
    } finally {
      await db.dropFile(file);
    }
  }
  return {
    table,
    file: grid.file,
    sheet: grid.sheet,
    columnCount: width,
    rowCount: grid.rowCount,
    sample: grid.sample,
    ...(grid.encoding !== undefined ? { encoding: grid.encoding } : {}),
    ...(grid.delimiter !== undefined ? { delimiter: grid.delimiter } : {}),
  };
}

/** Write a RawSheet into DuckDB as staging table `table` in-process: prepareGrid then loadGrid. */
export async function stageRawSheet(db: Connector, sheet: RawSheet, table: string): Promise<StagedSheet> {
  return loadGrid(db, prepareGrid(sheet), table);
}
