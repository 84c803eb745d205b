import { useEffect, useState } from 'react';
import type { Connector } from '../../shared/db/connector.js';
import { errorMessage, HengjianError } from '../../shared/contract/errors.js';
import { useAppStore } from './store.js';

export type QueryState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly previous?: T }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: string; readonly code?: string };

/**
 * Run an analytics function on the engine whenever its (serialisable) parameters change. Pass null params to
 * wait. Results of superseded calls are dropped, so a fast click through indicators never shows stale data.
 */
export function useQuery<P, T>(fn: (db: Connector, params: P) => Promise<T>, params: P | null): QueryState<T> {
  const engine = useAppStore((s) => s.engine);
  const db = engine.status === 'ready' ? engine.db : null;
  const version = engine.status === 'ready' ? engine.dataVersion : 0;
  const retry = useAppStore((s) => s.queryRetry);
  const key = params === null ? null : JSON.stringify(params);
  const [state, setState] = useState<QueryState<T>>({ status: 'idle' });
  useEffect(() => {
    if (!db || key === null) return;
    let live = true;
    setState((s) => ({ status: 'loading', previous: s.status === 'ready' ? s.data : undefined }));
    fn(db, JSON.parse(key) as P).then(
      (data) => live && setState({ status: 'ready', data }),
      (e: unknown) => live && setState({ status: 'error', error: errorMessage(e), ...(e instanceof HengjianError ? { code: e.code } : {}) }),
    );
    return () => {
      live = false;
    };
  }, [db, fn, key, version, retry]);
  return state;
}
