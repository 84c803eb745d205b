import { useEffect, useState, useSyncExternalStore } from 'react';
import type { GateEvents } from '../../shared/db/query-gate.js';
import { useAppStore } from './store.js';

/**
 * What the main engine is doing, for the 正在计算 bar: when the statement running now started (null: idle). Kept
 * outside the app store, since it changes with every statement and only the bar listens.
 */
let busySince: number | null = null;
const listeners = new Set<() => void>();

function subscribe(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** The main engine's gate events: statements start and end here; a crash hides the views behind a restart. */
export const mainEngineEvents: GateEvents = {
  onBusy(since) {
    busySince = since;
    listeners.forEach((f) => f());
  },
  onCrash(error) {
    console.error('[hengjian] the database engine stopped', error);
    useAppStore.getState().setEngine({ status: 'crashed', message: error.message });
  },
};

/** After this long a statement shows the bar with its cancel button; shorter ones never flash it. */
export const BUSY_SHOWN_AFTER_MS = 1500;

/** Seconds the running statement has taken, once it has taken BUSY_SHOWN_AFTER_MS; null otherwise. */
export function useLongStatement(): number | null {
  const since = useSyncExternalStore(subscribe, () => busySince);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (since === null) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(timer);
  }, [since]);
  if (since === null || now - since < BUSY_SHOWN_AFTER_MS) return null;
  return Math.floor((now - since) / 1000);
}
