import { tableCounts } from '../../shared/model/catalog.js';
import { errorMessage } from '../../shared/contract/errors.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { openPortableWorkspace } from '../../shared/workspace/open.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { createBrowserConnector } from '../db/browser-connector.js';
import { refreshAnalysisTables } from './derived.js';
import { useAppStore, type WorkspaceInfo } from './store.js';
import { tablesChanged, writeAutosaveNow } from './workspace.js';

/** Read a file of the embedded sample workspace, served by the app itself (never the network). */
async function readSample(relativePath: string): Promise<Uint8Array> {
  const res = await fetch(`./sample/${relativePath}`);
  if (!res.ok) throw new Error(`示例工作区文件缺失：${relativePath}（HTTP ${res.status}）`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Load the embedded sample workspace as the current one. */
export async function loadSample(db: Connector): Promise<WorkspaceInfo> {
  const ws = await loadWorkspace(db, readSample);
  // The sample names its boundaries in the manifest: they arrive matched, as the 'maps' document.
  const documents = ws.maps ? { maps: ws.maps } : {};
  return { name: ws.manifest.name, source: 'sample', demo: ws.manifest.demo ?? false, location: null, fileName: null, dirty: false, documents, recoveredFrom: null };
}

/** The autosaved workspace, if there is one that opens; a damaged one is reported and skipped. */
async function recover(db: Connector, host: HostApi): Promise<WorkspaceInfo | null> {
  const saved = await host.readAutosave().catch(() => null);
  if (!saved) return null;
  try {
    const opened = await openPortableWorkspace(db, saved.bytes, '自动保存');
    return {
      name: opened.manifest.name,
      source: 'autosave',
      demo: opened.manifest.demo ?? false,
      location: null,
      fileName: null,
      dirty: false,
      documents: opened.documents,
      recoveredFrom: saved.savedAt,
    };
  } catch (e) {
    console.error('[hengjian] autosave could not be opened; starting from the sample', e);
    return null;
  }
}

let started = false;

/**
 * Start DuckDB at once (about a second), then open the last autosaved workspace (crash recovery, and the state
 * the user left) or else the embedded sample. The shell shows progress meanwhile.
 */
export function bootEngine(host: HostApi): void {
  if (started) return;
  started = true;
  const { setEngine, setWorkspace } = useAppStore.getState();
  (async () => {
    const db = await createBrowserConnector();
    performance.mark('hengjian:engine-ready');
    setEngine({ status: 'loading' });
    const recovered = await recover(db, host);
    const ws = recovered ?? (await loadSample(db));
    performance.mark('hengjian:workspace-loaded');
    setWorkspace(ws);
    useAppStore.getState().setFirstStart(recovered === null);
    setEngine({ status: 'ready', db, counts: await tableCounts(db), dataVersion: 1 });
    refreshAnalysisTables(db);
  })().catch((e: unknown) => setEngine({ status: 'error', message: errorMessage(e) }));
}

/** Replace the current workspace by the embedded sample (and remember that as the recovery copy). */
export async function openSampleWorkspace(host: HostApi): Promise<void> {
  const engine = useAppStore.getState().engine;
  if (engine.status !== 'ready') return;
  const ws = await loadSample(engine.db);
  useAppStore.getState().setWorkspace(ws);
  await tablesChanged();
  await writeAutosaveNow(host);
}
