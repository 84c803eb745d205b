import { tableCounts } from '../../shared/analytics/catalog.js';
import { errorMessage } from '../../shared/contract/errors.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { createBrowserConnector } from '../db/browser-connector.js';
import { useAppStore } from './store.js';

/** Read a file of the embedded sample workspace, served by the app itself (never the network). */
async function readSample(relativePath: string): Promise<Uint8Array> {
  const res = await fetch(`./sample/${relativePath}`);
  if (!res.ok) throw new Error(`示例工作区文件缺失：${relativePath}（HTTP ${res.status}）`);
  return new Uint8Array(await res.arrayBuffer());
}

let started = false;

/** Start DuckDB at once (about a second) and load the sample workspace; the shell shows progress meanwhile. */
export function bootEngine(): void {
  if (started) return;
  started = true;
  const { setEngine } = useAppStore.getState();
  (async () => {
    const db = await createBrowserConnector();
    performance.mark('hengjian:engine-ready');
    setEngine({ status: 'loading' });
    const ws = await loadWorkspace(db, readSample);
    performance.mark('hengjian:workspace-loaded');
    setEngine({ status: 'ready', db, workspaceName: ws.manifest.name, counts: await tableCounts(db) });
  })().catch((e: unknown) => setEngine({ status: 'error', message: errorMessage(e) }));
}
