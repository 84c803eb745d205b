import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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

/**
 * The roster of one set of parameters, fetched lazily by blocks of BLOCK rows as columns. Cells subscribe to their
 * block, so a block arriving redraws its own cells only, never the table (whose 100k-row data source costs antd
 * several passes per render).
 */
export class RosterBlocks {
  private readonly blocks = new Map<number, ColumnResult>();
  private readonly pending = new Set<number>();
  private readonly listeners = new Map<number, Set<() => void>>();
  private queue: number[] = [];
  private running = false;
  private closed = false;
  private counted = false;
  constructor(
    private readonly db: Connector,
    private readonly params: Omit<RosterParams, 'offset' | 'limit'>,
    private readonly onTotal: (total: number | null, error: string | null) => void,
  ) {
    this.request(0);
  }

  /** The rows of block `b`; undefined while it loads (then it is requested, latest first). */
  get(b: number): ColumnResult | undefined {
    return this.blocks.get(b);
  }

  request(b: number): void {
    if (this.blocks.has(b) || this.pending.has(b)) return;
    this.pending.add(b);
    this.queue.push(b);
    // Blocks scrolled past long ago are not worth a query any more.
    for (const old of this.queue.splice(0, Math.max(0, this.queue.length - 6))) this.pending.delete(old);
    queueMicrotask(() => void this.pump());
  }

  subscribe(b: number, fn: () => void): () => void {
    let set = this.listeners.get(b);
    if (!set) this.listeners.set(b, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  close(): void {
    this.closed = true;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const b = this.queue.pop() as number;
        // The first query of these parameters, whichever block it is for, also counts them.
        const first = !this.counted;
        this.counted = true;
        const page = await rosterPage(this.db, { ...this.params, offset: b * BLOCK, limit: BLOCK, withTotal: first });
        if (this.closed) return;
        this.pending.delete(b);
        this.blocks.set(b, page.rows);
        for (const k of [...this.blocks.keys()].sort((x, y) => Math.abs(y - b) - Math.abs(x - b))) {
          if (this.blocks.size <= KEEP_BLOCKS) break;
          this.blocks.delete(k);
        }
        if (first) this.onTotal(page.total, null);
        this.listeners.get(b)?.forEach((fn) => fn());
      }
    } catch (e) {
      if (!this.closed) this.onTotal(null, errorMessage(e));
    } finally {
      this.running = false;
    }
  }
}

/** The blocks of the current parameters (new ones start over) and the filtered total. */
export function useRosterBlocks(params: Omit<RosterParams, 'offset' | 'limit'> | null): { blocks: RosterBlocks | null; total: number | null; error: string | null } {
  const engine = useAppStore((s) => s.engine);
  const db = engine.status === 'ready' ? engine.db : null;
  const dataVersion = engine.status === 'ready' ? engine.dataVersion : 0;
  const key = params === null ? null : JSON.stringify(params);
  const [state, setState] = useState<{ key: string | null; total: number | null; error: string | null }>({ key: null, total: null, error: null });
  const blocks = useMemo(
    () => (db && key !== null ? new RosterBlocks(db, JSON.parse(key) as RosterParams, (total, error) => setState({ key: `${key}|${dataVersion}`, total, error })) : null),
    [db, key, dataVersion],
  );
  useEffect(() => () => blocks?.close(), [blocks]);
  const current = state.key === `${key}|${dataVersion}`;
  return { blocks, total: current ? state.total : null, error: current ? state.error : null };
}

/** One block's rows for a cell: re-renders the cell alone when the block arrives. */
export function useBlock(blocks: RosterBlocks, b: number): ColumnResult | undefined {
  const rows = useSyncExternalStore(
    (fn) => blocks.subscribe(b, fn),
    () => blocks.get(b),
  );
  useEffect(() => {
    if (!rows) blocks.request(b);
  }, [blocks, b, rows]);
  return rows;
}
