import { openConsoleEngine, runConsoleQuery, type ConsoleEngine, type ConsoleResult } from '../../shared/db/console.js';
import { createBrowserConnector } from '../db/browser-connector.js';
import { readyDb } from './workspace.js';
import { HengjianError } from '../../shared/contract/errors.js';

/**
 * The SQL console's engine: a second duckdb-wasm database (its own worker) holding a locked, read-only copy of the
 * workspace (shared/db/console.ts), made on first use and again after the data changed. Cancelling a query ends
 * that worker; the next query starts a fresh copy.
 */
let current: { version: number; engine: Promise<ConsoleEngine> } | null = null;

function engine(): Promise<ConsoleEngine> {
  const { db, dataVersion } = readyDb();
  if (current && current.version === dataVersion) return current.engine;
  const old = current;
  current = { version: dataVersion, engine: createBrowserConnector({ deferLock: true }).then((ro) => openConsoleEngine(db, ro)) };
  if (old) void old.engine.then((e) => e.db.close()).catch(() => undefined);
  const mine = current;
  mine.engine.catch(() => {
    if (current === mine) current = null;
  });
  return mine.engine;
}

/** Run one read-only query (refused statements and errors throw, in Chinese). */
export async function consoleQuery(text: string): Promise<ConsoleResult> {
  const e = await engine();
  try {
    return await runConsoleQuery(e, text);
  } catch (error) {
    // A query that crashed the console's engine (its own worker) ends it; the next query starts a fresh copy.
    if (error instanceof HengjianError && error.code === 'engine.crashed' && current) void cancelConsoleQuery();
    throw error;
  }
}

/** Stop the query in flight: the console's worker is ended (the main database is not touched). */
export async function cancelConsoleQuery(): Promise<void> {
  const c = current;
  current = null;
  if (c) await c.engine.then((e) => e.db.close()).catch(() => undefined);
}
