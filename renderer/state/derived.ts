import { refreshDerived } from '../../shared/analytics/derived.js';
import { warningEventsOf } from '../../shared/analytics/warning-events.js';
import { listAllPeriods } from '../../shared/model/catalog.js';
import { loadRuleSet } from '../../shared/workspace/rule-sets.js';
import { readViewSettings } from '../../shared/workspace/view-settings.js';
import { errorMessage } from '../../shared/contract/errors.js';
import type { Connector } from '../../shared/db/connector.js';
import { SETTLED_MARK } from '../charts/chart-marks.js';
import { useAppStore } from './store.js';

/**
 * Rebuild the derived tables in the background after the data changed (a load, an import, an undo). The views keep
 * answering meanwhile, from their direct SQL; a build overtaken by another write gives way to that write's refresh,
 * and the whole background chain (this build, then the warnings prefetch) stops for a workspace change
 * (stopBackgroundWork).
 */
export function refreshAnalysisTables(db: Connector): void {
  const { setDerived } = useAppStore.getState();
  setDerived({ status: 'building' });
  const own = backgroundController();
  refreshDerived(db, own.signal)
    .then((r) => {
      if (r.status === 'stale') return; // a later refresh is queued behind this one
      setDerived({ status: 'ready', ms: r.ms, rows: r.rows });
      if (r.status === 'built') console.info(`[hengjian] derived tables: ${r.rows} rows in ${r.ms} ms`);
      performance.mark('hengjian:derived-ready');
      if (r.status === 'built' && r.rows <= PREFETCH_MAX_ROWS && !own.signal.aborted) void prefetchWarnings(db, own.signal).finally(() => performance.mark(SETTLED_MARK));
      else performance.mark(SETTLED_MARK);
    })
    .catch((e: unknown) => {
      console.error('[hengjian] derived tables could not be built; the views use their direct SQL', e);
      setDerived({ status: 'failed', message: errorMessage(e) });
      performance.mark(SETTLED_MARK);
    });
}

/** The background chain running now (the derived build, then the warnings prefetch); a new chain replaces it. */
let background: AbortController | null = null;

function backgroundController(): AbortController {
  background?.abort();
  background = new AbortController();
  return background;
}

/**
 * Stop the background work between or inside its statements (the running one is cancelled in the engine): called
 * before a workspace is opened, created, imported into or undone, so the user's change does not queue behind a
 * build of data about to be replaced. The change refreshes the derived tables when it is done.
 */
export function stopBackgroundWork(): void {
  background?.abort();
  background = null;
}

/**
 * Run a workspace change with the background work stopped; if the change fails, the data is as it was, so the
 * derived tables its stop left half-built are built again.
 */
export async function withBackgroundStopped<T>(db: Connector, change: () => Promise<T>): Promise<T> {
  stopBackgroundWork();
  try {
    return await change();
  } catch (e) {
    refreshAnalysisTables(db);
    throw e;
  }
}

/**
 * Up to this many derived rows (a province's ~1M and more), the 预警 view's events of the period it opens on are
 * built in the background once the derived tables are, so the view opens on a kept table. Above it (the national
 * 24M set) each of the build's statements holds the engine for seconds, which every other view would wait behind.
 */
export const PREFETCH_MAX_ROWS = 5_000_000;

async function prefetchWarnings(db: Connector, signal: AbortSignal): Promise<void> {
  try {
    const { workspace, selection } = useAppStore.getState();
    const periods = await listAllPeriods(db);
    const period = selection.period && periods.includes(selection.period) ? selection.period : periods[0];
    if (!period) return;
    const set = await loadRuleSet(db, workspace?.documents.rules);
    await warningEventsOf(db, set.rules, { period, national: readViewSettings(workspace?.documents.views).national, cancellable: false, signal });
  } catch (e: unknown) {
    if (signal.aborted) return;
    console.warn('[hengjian] the warnings of the current period could not be prepared in advance', e);
  }
}
