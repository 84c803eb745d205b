import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { HostApi } from '../shared/contract/host-api.js';
import { formatValue } from '../shared/format/number.js';
import { App } from './App.js';
import { HostContext } from './host/host.js';
import { useAppStore } from './state/store.js';

/** Render the shell into #root (loaded by main.tsx beside DuckDB's start). */
export function mountShell(host: HostApi): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  createRoot(root).render(
    <StrictMode>
      <HostContext.Provider value={host}>
        <App />
      </HostContext.Provider>
    </StrictMode>,
  );
  // The first number formatted in a locale loads the locale's data (40-150 ms here): done while DuckDB starts,
  // rather than in the way of the first chart and its table.
  requestIdleCallback(() => formatValue(0, null, useAppStore.getState().locale));
}
