import { refreshDerived } from '../../shared/analytics/derived.js';
import { errorMessage } from '../../shared/contract/errors.js';
import type { Connector } from '../../shared/db/connector.js';
import { useAppStore } from './store.js';

/**
 * Rebuild the derived tables in the background after the data changed (a load, an import, an undo). The views keep
 * answering meanwhile, from their direct SQL; a build overtaken by another write gives way to that write's refresh.
 */
export function refreshAnalysisTables(db: Connector): void {
  const { setDerived } = useAppStore.getState();
  setDerived({ status: 'building' });
  refreshDerived(db)
    .then((r) => {
      if (r.status === 'stale') return; // a later refresh is queued behind this one
      setDerived({ status: 'ready', ms: r.ms, rows: r.rows });
      if (r.status === 'built') console.info(`[hengjian] derived tables: ${r.rows} rows in ${r.ms} ms`);
    })
    .catch((e: unknown) => {
      console.error('[hengjian] derived tables could not be built; the views use their direct SQL', e);
      setDerived({ status: 'failed', message: errorMessage(e) });
    });
}
