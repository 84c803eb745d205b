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
/** How a statement is run. */
export interface QueryOptions {
  /**
   * A statement that may run for long (a build at national scale): the app sends it so that cancel() can stop it,
   * and shows 正在计算 with 取消计算 while it runs. Each step costs a round trip through the page (shared/db/query-gate.ts),
   * so short statements are not marked.
   */
  readonly cancellable?: boolean;
  /**
   * Background work (the derived tables' build, the warnings prefetch): once the signal aborts, the statement is not
   * started (engine.cancelled); a cancellable one running is stopped; a plain one running ends as it would.
   */
  readonly signal?: AbortSignal;
}

export interface Connector {
  /** Run one or more statements; the result of the last one. */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /** Run a query and hand its result over by column (see ColumnResult). */
  queryColumns(sql: string, options?: QueryOptions): Promise<ColumnResult>;
  /** Make bytes readable by read_csv and friends under `name`. */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * The bytes of a file DuckDB wrote, e.g. by `COPY (…) TO name`. Register `name` first with an empty buffer and
   * COPY with `USE_TMP_FILE false`, so the output stays in memory (unregistered names hit the real disk in Node).
   */
  copyFileToBuffer(name: string): Promise<Uint8Array>;
  /**
   * Cancel the cancellable statement running now: it fails with engine.cancelled (shared/db/query-gate.ts);
   * statements queued behind it still run. False when none was stopped; always in Node, whose blocking bindings run
   * a statement to its end on the caller's thread.
   */
  cancel(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Settings applied to every new database: no extension is installed or loaded behind the app's back (an install
 * or a load would reach for extensions.duckdb.org), and no community extension either.
 */
export const EXTENSION_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET allow_community_extensions = false',
] as const;

/** After this, no SET or PRAGMA can change a setting again (DuckDB refuses: "the configuration has been locked"). */
export const LOCK_CONFIGURATION = 'SET lock_configuration = true';

/** Statements run on every new database: the extension settings, then the lock. */
export const OPEN_STATEMENTS = [...EXTENSION_SETTINGS, LOCK_CONFIGURATION] as const;

export interface OpenOptions {
  /**
   * Apply the extension settings but leave the lock to the caller, who adds settings of its own first and then
   * runs LOCK_CONFIGURATION (the SQL console's engine: external access off once its copy is loaded).
   */
  readonly deferLock?: boolean;
}

/**
 * The app's tables live in an in-memory database of their own with compression on, the default for every statement
 * after USE. DuckDB leaves its default in-memory database uncompressed, so CHECKPOINT frees nothing of a table
 * written by CREATE TABLE … AS or INSERT … SELECT. At 24M indicator rows, derived_scores grew 141 MiB per 1.2M rows,
 * and duckdb-wasm ran out of its 3.1 GiB at the 17th of its 20 chunks (2.4 GiB held). Compressed, it grew 33 MiB per
 * 1.2M rows, and the whole build ended at 835 MiB (session 14). Temporary tables stay in the temp catalog.
 */
export const STORAGE_STATEMENTS = ["ATTACH ':memory:' AS hj (COMPRESS)", 'USE hj'] as const;

/** The statements a connector runs when it opens a database. */
export function openStatements(o: OpenOptions = {}): readonly string[] {
  return [...STORAGE_STATEMENTS, ...(o.deferLock ? EXTENSION_SETTINGS : OPEN_STATEMENTS)];
}

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
