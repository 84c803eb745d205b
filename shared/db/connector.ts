/** A cell as the connector hands it out: DATE as 'YYYY-MM-DD', integers as numbers, no Arrow objects. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

/**
 * A result by column, for large answers (heat maps over thousands of regions): numbers as Float64Array with NaN
 * for NULL, everything else as plain arrays. Building row objects costs seconds at 10^5–10^6 rows; this does not.
 */
export interface ColumnResult {
  readonly length: number;
  readonly columns: readonly string[];
  readonly numbers: Readonly<Record<string, Float64Array>>;
  readonly texts: Readonly<Record<string, readonly (string | null)[]>>;
}

/** One cell of a column result: a number (NULL → null) or a text, null where missing. */
export function columnCell(r: ColumnResult, column: string, i: number): string | number | null {
  const n = r.numbers[column];
  if (n) return Number.isNaN(n[i] as number) ? null : (n[i] as number);
  return r.texts[column]?.[i] ?? null;
}

/**
 * The one interface to DuckDB. The renderer implements it over duckdb-wasm in a Web Worker; tests and the CLI
 * over duckdb-wasm's Node bindings, so analytics run on the app's exact engine everywhere.
 */
export interface Connector {
  /** Run one or more statements; the result of the last one. */
  query(sql: string): Promise<QueryResult>;
  /** Run a query and hand its result over by column (see ColumnResult). */
  queryColumns(sql: string): Promise<ColumnResult>;
  /** Make bytes readable by read_csv and friends under `name`. */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * The bytes of a file DuckDB wrote, e.g. by `COPY (…) TO name`. Register `name` first with an empty buffer and
   * COPY with `USE_TMP_FILE false`, so the output stays in memory (unregistered names hit the real disk in Node).
   */
  copyFileToBuffer(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Statements run on every new database: extensions cannot be downloaded, and autoload would hang. */
export const OPEN_STATEMENTS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
] as const;

/** Convert a value read from an Arrow vector to a plain Cell. */
export function toCell(v: unknown, typeId?: string): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    if (typeId === 'Date') return new Date(v).toISOString().slice(0, 10);
    return v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
