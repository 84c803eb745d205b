import { useCallback, useEffect, useRef, useState } from 'react';
import { defaultReferenceDate } from '../../shared/analytics/cadre-facts.js';
import { rosterPage, type RosterParams } from '../../shared/analytics/roster.js';
import { errorMessage } from '../../shared/contract/errors.js';
import type { ColumnResult, Connector } from '../../shared/db/connector.js';
import { useAppStore } from './store.js';

/** Rows per fetched block: a screen holds ~30, so a block covers several screens of scrolling. */
export const BLOCK = 200;
/** Blocks kept (the nearest to the last requested one); the rest are fetched again when scrolled back to. */
const KEEP_BLOCKS = 40;

/** useQuery's function for the default reference date (end of the newest period, else 12-31 of the latest year). */
export const referenceDateQuery = (db: Connector, _p: Record<string, never>) => defaultReferenceDate(db);

export interface RosterWindows {
  /** Filtered head count; null until the first block arrives. */
  readonly total: number | null;
  readonly error: string | null;
  /** The rows of block `b`, or undefined (then requested; the table re-renders when it arrives). */
  block(b: number): ColumnResult | undefined;
  /** Bumped whenever a block arrives. */
  readonly version: number;
}

/**
 * The roster fetched lazily by blocks of BLOCK rows as columns: the virtual table asks only for the rows it draws,
 * so 100k cadres never become 100k row objects. New parameters start over (late answers of old ones are dropped).
 */
export function useRosterWindows(params: Omit<RosterParams, 'offset' | 'limit'> | null): RosterWindows {
  const engine = useAppStore((s) => s.engine);
  const db = engine.status === 'ready' ? engine.db : null;
  const dataVersion = engine.status === 'ready' ? engine.dataVersion : 0;
  const key = params === null ? null : JSON.stringify(params);
  const blocks = useRef(new Map<number, ColumnResult>());
  const pending = useRef(new Set<number>());
  const queue = useRef<number[]>([]);
  const running = useRef(false);
  const generation = useRef(0);
  const total = useRef<number | null>(null);
  const [state, setState] = useState<{ total: number | null; error: string | null; version: number }>({ total: null, error: null, version: 0 });

  const pump = useCallback(async () => {
    if (running.current || !db || key === null) return;
    running.current = true;
    const gen = generation.current;
    try {
      while (queue.current.length > 0 && gen === generation.current) {
        const b = queue.current.pop() as number;
        const first = total.current === null;
        const page = await rosterPage(db, { ...(JSON.parse(key) as RosterParams), offset: b * BLOCK, limit: BLOCK, withTotal: first });
        if (gen !== generation.current) break;
        pending.current.delete(b);
        blocks.current.set(b, page.rows);
        for (const k of [...blocks.current.keys()].sort((x, y) => Math.abs(y - b) - Math.abs(x - b))) {
          if (blocks.current.size <= KEEP_BLOCKS) break;
          blocks.current.delete(k);
        }
        if (first) total.current = page.total;
        setState((s) => ({ total: total.current, error: null, version: s.version + 1 }));
      }
    } catch (e) {
      if (gen === generation.current) setState((s) => ({ ...s, error: errorMessage(e) }));
    } finally {
      running.current = false;
      if (gen !== generation.current && queue.current.length > 0) void pump();
    }
  }, [db, key]);

  useEffect(() => {
    generation.current++;
    total.current = null;
    blocks.current = new Map();
    pending.current = new Set([0]);
    queue.current = [0];
    setState((s) => ({ total: null, error: null, version: s.version + 1 }));
    void pump();
  }, [pump, dataVersion]);

  const block = useCallback(
    (b: number) => {
      const hit = blocks.current.get(b);
      if (hit || pending.current.has(b)) return hit;
      pending.current.add(b);
      // The latest request first: the rows on screen now, not the ones scrolled past.
      queue.current.push(b);
      // Blocks scrolled past long ago are not worth a query any more.
      for (const old of queue.current.splice(0, Math.max(0, queue.current.length - 6))) pending.current.delete(old);
      queueMicrotask(() => void pump());
      return undefined;
    },
    [pump],
  );
  return { ...state, block };
}
