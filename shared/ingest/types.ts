/**
 * The contract between the readers (CSV/TSV, XLSX, XLS, Parquet, JSON, .lrmx) and the layout/mapping stage.
 * A reader turns bytes into RawSheets without interpreting them; layout detection decides header rows, totals,
 * wide/long shape and periods; mapping turns rows into canonical table rows with a validation report.
 */

/** A cell as read from the file. Dates from spreadsheets arrive as 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM:SS') text. */
export type RawCell = string | number | boolean | null;

/** A merged range, 0-based and inclusive (r0..r1 rows, c0..c1 columns). */
export interface CellRange {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

/** One table-shaped thing in a file: a CSV file or one worksheet. */
export interface RawSheet {
  /** The file name as the user knows it (no directories), e.g. '2025年三季度指标.xlsx'. */
  readonly file: string;
  /** The worksheet name; null for CSV/TSV. */
  readonly sheet: string | null;
  /** Row-major cells as in the file; rows[i] is row i + 1 of the file (1-based for people). Ragged rows allowed. */
  readonly rows: readonly (readonly RawCell[])[];
  readonly merges: readonly CellRange[];
  /** For text files: the detected encoding (utf-8, utf-8-bom, gb18030, utf-16le, utf-16be) and delimiter. */
  readonly encoding?: string;
  readonly delimiter?: string;
  /** A hidden (or very hidden) worksheet: read, but left out of the import unless the user puts it back. */
  readonly hidden?: boolean;
}

/** A file handed to the importers. */
export interface SourceFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Bounds every reader enforces, so a hostile file fails fast with a typed error instead of eating memory. */
export interface ReadLimits {
  /** Largest input file. */
  readonly maxFileBytes: number;
  /** Total bytes that may be inflated out of one zip container (xlsx, zip of lrmx). */
  readonly maxInflatedBytes: number;
  /** Largest inflated/compressed ratio for one zip entry. */
  readonly maxRatio: number;
  readonly maxZipEntries: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly maxCells: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 1024 * 1024 * 1024,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  maxZipEntries: 10_000,
  maxRows: 5_000_000,
  maxColumns: 2_000,
  maxCells: 50_000_000,
};

/**
 * Staging: every source sheet lands in DuckDB as a text grid before any interpretation, so layout and mapping
 * run as SQL over all rows at engine speed (a 1M-row CSV never becomes 1M JS objects). A staging table has
 * `src_row INTEGER` (the 1-based row number in the file, or in the sheet) and `c0 … c{n-1} VARCHAR`, the cells as
 * text (spreadsheet numbers as their shortest JS string, dates as 'YYYY-MM-DD', empty cells NULL).
 */
export interface StagedSheet {
  /** The DuckDB table holding the grid. */
  readonly table: string;
  readonly file: string;
  readonly sheet: string | null;
  readonly columnCount: number;
  /** Rows in the source (data and non-data rows alike) = rows in the staging table. */
  readonly rowCount: number;
  /** The first rows as a RawSheet, for layout detection and the preview (at most SAMPLE_ROWS rows). */
  readonly sample: RawSheet;
  readonly encoding?: string;
  readonly delimiter?: string;
}

/** Rows of a sheet given to layout detection and shown in the preview. */
export const SAMPLE_ROWS = 200;

/** Name of staging column i. */
export function stageColumn(i: number): string {
  return `c${i}`;
}
