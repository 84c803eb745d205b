/**
 * The SQL console's engine: a database of its own holding a copy of the workspace tables, where only reading is
 * possible. Three layers, the first two enforced by DuckDB itself:
 * - the configuration is applied once and locked: external access off (no file, no ATTACH of a file, no COPY, no
 *   INSTALL or LOAD of an extension) and `lock_configuration` (no SET, no PRAGMA that changes a setting);
 * - every query runs in a READ ONLY transaction, rolled back afterwards: no INSERT, UPDATE, DELETE or DDL on the
 *   copied tables;
 * - the statement must be one SELECT (or WITH … SELECT, FROM …, VALUES, DESCRIBE, SHOW): DuckDB's own parser decides
 *   (the query() table function takes a single SELECT only), so CREATE TEMP, ATTACH ':memory:', PRAGMA, SET, CALL and
 *   every other statement kind is refused before it runs.
 * The main database, which imports need with files, is never exposed to the console.
 */
import { HengjianError } from '../contract/errors.js';
import { STORED_TABLES } from '../model/stored.js';
import { LOCK_CONFIGURATION, type ColumnResult, type Connector } from './connector.js';
import { quoteIdent, quoteValue } from './sql.js';
import { loadWorkspace } from '../workspace/load.js';
import { filesReader } from '../workspace/open.js';
import { snapshotWorkspace } from '../workspace/save.js';

/** Rows handed to the grid at most (the rest is counted, not shown). */
export const CONSOLE_ROW_LIMIT = 200_000;

export interface ConsoleEngine {
  readonly db: Connector;
  /** The tables copied in, with their row counts. */
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
}

export interface ConsoleResult {
  readonly columns: ColumnResult;
  /** Rows in `columns`. */
  readonly rows: number;
  /** The query gave more rows than the limit; only the first are here. */
  readonly truncated: boolean;
  readonly ms: number;
}

const LOCK = ['SET enable_external_access = false', LOCK_CONFIGURATION];

/**
 * Copy every stored table of `main` into `target` (a fresh database) as a workspace snapshot is written and loaded
 * (the same typed CSV round trip, so every value and type comes back), then lock `target` down. The copy is a
 * snapshot: open a new console engine after the workspace changes. `target` must be opened with `deferLock` (its
 * lock comes here, after external access is switched off).
 */
export async function openConsoleEngine(main: Connector, target: Connector): Promise<ConsoleEngine> {
  const files = await snapshotWorkspace(main, { name: 'console' }, {});
  await loadWorkspace(target, filesReader(files));
  const tables: { name: string; rows: number }[] = [];
  for (const t of STORED_TABLES) tables.push({ name: t.name, rows: Number((await target.query(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`)).rows[0]?.n ?? 0) });
  for (const s of LOCK) await target.query(s);
  return { db: target, tables };
}

const READ_ONLY_MESSAGE = '只允许一条只读查询（SELECT）：写入、建表、ATTACH、COPY、INSTALL、LOAD、SET、PRAGMA、CALL 等语句一律拒绝';

/**
 * Run one read-only query on the console engine (see the module comment). The text goes to DuckDB's query() table
 * function, whose parser accepts a single SELECT statement only (also WITH …, FROM …, VALUES, DESCRIBE, SHOW,
 * SUMMARIZE), inside a READ ONLY transaction that is rolled back. Refused statements and errors throw, in Chinese.
 */
export async function runConsoleQuery(engine: ConsoleEngine, text: string, limit = CONSOLE_ROW_LIMIT): Promise<ConsoleResult> {
  const q = text.trim().replace(/;\s*$/, '');
  if (!q) throw new HengjianError('console.empty', '请输入一条 SELECT 查询');
  const max = Math.max(0, Math.trunc(limit));
  const t0 = Date.now();
  await engine.db.query('BEGIN TRANSACTION READ ONLY');
  try {
    // One execution: a row past the limit says there are more.
    const got = await engine.db.queryColumns(`SELECT * FROM query(${quoteValue(q)}) LIMIT ${max + 1}`);
    const truncated = got.length > max;
    return { columns: truncated ? headOf(got, max) : got, rows: Math.min(got.length, max), truncated, ms: Date.now() - t0 };
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    if (/Expected a single SELECT statement/i.test(m)) throw new HengjianError('console.refused', READ_ONLY_MESSAGE);
    throw new HengjianError('console.failed', `查询出错：${m}`);
  } finally {
    await engine.db.query('ROLLBACK').catch(() => undefined);
  }
}

/** The first n rows of a column result. */
function headOf(c: ColumnResult, n: number): ColumnResult {
  const numbers = Object.fromEntries(Object.entries(c.numbers).map(([k, v]) => [k, v.subarray(0, n)]));
  const texts = Object.fromEntries(Object.entries(c.texts).map(([k, v]) => [k, v.slice(0, n)]));
  return { length: n, columns: c.columns, numbers, texts };
}
