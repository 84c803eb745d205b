/**
 * Whether a database's derived tables (shared/analytics/derived.ts) describe its current data. Every write to the
 * stored tables (an import, an undo, opening a workspace) runs inside `writing`, which moves the database to a new
 * generation before and after; a build records the generation it started from and counts only if nothing was
 * written meanwhile. Readers use the derived tables only when `derivedReady` holds, otherwise their direct SQL, so a
 * stale derived table is never read.
 *
 * A build is a sequence of statements on the same connection as the writes. It checks the generation before every
 * statement, and statements run in the order they are submitted, so none of its statements runs inside a write's
 * transaction: a write bumps the generation synchronously before it submits its BEGIN.
 */
import type { Connector } from './connector.js';

interface State {
  generation: number;
  ready: number | null;
  /** The builds in flight, chained so that two never interleave. */
  queue: Promise<unknown>;
}

const states = new WeakMap<Connector, State>();

function state(db: Connector): State {
  let s = states.get(db);
  if (!s) {
    s = { generation: 0, ready: null, queue: Promise.resolve() };
    states.set(db, s);
  }
  return s;
}

/** The database's current generation (see the module comment). */
export function derivedGeneration(db: Connector): number {
  return state(db).generation;
}

/** The stored tables changed (or are about to): the derived tables no longer describe them. */
export function invalidateDerived(db: Connector): void {
  const s = state(db);
  s.generation++;
  s.ready = null;
}

/** Run a write to the stored tables: the derived tables are stale from its start, and stay so until rebuilt. */
export async function writing<T>(db: Connector, write: () => Promise<T>): Promise<T> {
  invalidateDerived(db);
  try {
    return await write();
  } finally {
    invalidateDerived(db);
  }
}

/** Whether the derived tables were built from the data as it is now. */
export function derivedReady(db: Connector): boolean {
  const s = state(db);
  return s.ready !== null && s.ready === s.generation;
}

/** A build that started at `generation` finished: it counts only if nothing was written since. */
export function markDerivedReady(db: Connector, generation: number): boolean {
  const s = state(db);
  if (s.generation !== generation) return false;
  s.ready = generation;
  return true;
}

/** Run `build` after every build already queued on this database (builds never interleave). */
export function enqueueBuild<T>(db: Connector, build: () => Promise<T>): Promise<T> {
  const s = state(db);
  const run = s.queue.then(build, build);
  s.queue = run.catch(() => undefined);
  return run;
}
