import { tableCounts } from '../../shared/model/catalog.js';
import { errorMessage } from '../../shared/contract/errors.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { openPortableWorkspace } from '../../shared/workspace/open.js';
import { loadWorkspace, manifestFiles, parseManifest, type WorkspaceReader } from '../../shared/workspace/load.js';
import type { AutosaveData } from '../../shared/contract/host-api.js';
import { firstChartDrawn } from '../charts/chart-marks.js';
import { createBrowserConnector } from '../db/browser-connector.js';
import { refreshAnalysisTables, withBackgroundStopped } from './derived.js';
import { mainEngineEvents } from './engine-activity.js';
import { useAppStore, type WorkspaceInfo } from './store.js';
import { scheduleAutosave, tablesChanged, writeAutosaveNow } from './workspace.js';
import { audit, setAuditHost } from './audit.js';
import { setWorkspaceKey, unsealInteractive } from './crypt.js';
import type { WorkspaceKey } from '../../shared/workspace/crypto.js';
import { manifestAuditHead } from '../../shared/workspace/audit-log.js';

/** Read a file of the embedded sample workspace, served by the app itself (never the network). */
async function readSample(relativePath: string): Promise<Uint8Array> {
  const res = await fetch(`./sample/${relativePath}`);
  if (!res.ok) throw new Error(`示例工作区文件缺失：${relativePath}（HTTP ${res.status}）`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * A reader of the embedded sample that fetches every file at once: the manifest, then, as soon as it arrives, all
 * the files it names in parallel (at start-up, while DuckDB is still compiling). Each file is fetched once.
 */
function sampleReader(): WorkspaceReader {
  const files = new Map<string, Promise<Uint8Array>>();
  const read = (path: string): Promise<Uint8Array> => {
    let file = files.get(path);
    if (!file) {
      file = readSample(path);
      file.catch(() => undefined); // a file fetched ahead and never read must not be an unhandled rejection
      files.set(path, file);
    }
    return file;
  };
  read('manifest.json')
    .then((bytes) => manifestFiles(parseManifest(bytes)).forEach(read))
    .catch(() => undefined); // loadWorkspace reads the manifest too and reports what is wrong with it
  return read;
}

/** Load the embedded sample workspace as the current one (`read`: a reader already fetching it, at start-up). */
export async function loadSample(db: Connector, read: WorkspaceReader = readSample): Promise<WorkspaceInfo> {
  const ws = await loadWorkspace(db, read);
  // The sample names its boundaries in the manifest: they arrive matched, as the 'maps' document.
  const documents = ws.maps ? { maps: ws.maps } : {};
  // The sample ships without a log; its log starts with this open.
  return { name: ws.manifest.name, source: 'sample', demo: ws.manifest.demo ?? false, location: null, fileName: null, dirty: false, documents, recoveredFrom: null, auditHead: manifestAuditHead(ws.manifest) };
}

/**
 * The autosaved workspace (and its key when encrypted: the passphrase is asked for), if there is one that opens; a
 * damaged one is reported and skipped, and so is an encrypted one whose passphrase the user does not give.
 */
async function recover(db: Connector, saved: AutosaveData | null): Promise<{ ws: WorkspaceInfo; key: WorkspaceKey | null } | null> {
  if (!saved) return null;
  try {
    const unsealed = await unsealInteractive(saved.bytes, '上次的工作区（自动保存）', true);
    if (!unsealed) return null;
    const opened = await openPortableWorkspace(db, unsealed.plain, '自动保存');
    const ws: WorkspaceInfo = {
      name: opened.manifest.name,
      source: 'autosave',
      demo: opened.manifest.demo ?? false,
      location: null,
      fileName: null,
      dirty: false,
      documents: opened.documents,
      recoveredFrom: saved.savedAt,
      ...(opened.audit === undefined ? {} : { audit: opened.audit }),
      auditHead: manifestAuditHead(opened.manifest),
    };
    return { ws, key: unsealed.key };
  } catch (e) {
    console.error('[hengjian] autosave could not be opened; starting from the sample', e);
    return null;
  }
}

let started = false;

/** At most this long after the data is ready, the derived tables are built even if no chart has been drawn yet. */
const DERIVED_DELAY_MS = 5000;

/**
 * Start DuckDB at once (about a second), then open the last autosaved workspace (crash recovery, and the state
 * the user left) or else the embedded sample. The shell shows progress meanwhile. While DuckDB starts, the autosave
 * is read and, when there is none, the sample's files are fetched; the derived tables are built once the first view
 * has drawn its chart (its queries would otherwise wait behind the build), or after DERIVED_DELAY_MS.
 */
export function bootEngine(host: HostApi): void {
  if (started) return;
  started = true;
  const { setEngine, setWorkspace } = useAppStore.getState();
  setAuditHost(host, () => scheduleAutosave(host));
  const autosave = host.readAutosave().catch(() => null);
  const sample = autosave.then((saved) => (saved ? readSample : sampleReader()));
  (async () => {
    const db = await createBrowserConnector({}, mainEngineEvents);
    performance.mark('hengjian:engine-ready');
    const saved = await autosave;
    performance.mark('hengjian:autosave-read');
    setEngine({ status: 'loading', what: saved ? 'workspace' : 'sample' });
    const recovered = await recover(db, saved);
    const ws = recovered?.ws ?? (await loadSample(db, await sample));
    performance.mark('hengjian:workspace-loaded');
    setWorkspace(ws);
    setWorkspaceKey(recovered?.key ?? null);
    void audit.record('workspace.open', recovered ? `${ws.name}（恢复上次的工作状态）` : `${ws.name}（示例工作区）`);
    useAppStore.getState().setFirstStart(recovered === null);
    const counts = await tableCounts(db);
    performance.mark('hengjian:engine:counted');
    setEngine({ status: 'ready', db, counts, dataVersion: 1 });
    await firstChartDrawn(DERIVED_DELAY_MS);
    refreshAnalysisTables(db);
  })().catch((e: unknown) => setEngine({ status: 'error', message: errorMessage(e) }));
}

/** Replace the current workspace by the embedded sample (and remember that as the recovery copy). */
export async function openSampleWorkspace(host: HostApi): Promise<void> {
  const engine = useAppStore.getState().engine;
  if (engine.status !== 'ready') return;
  const ws = await withBackgroundStopped(engine.db, () => loadSample(engine.db));
  useAppStore.getState().setWorkspace(ws);
  setWorkspaceKey(null);
  void audit.record('workspace.open', `${ws.name}（示例工作区）`);
  await tablesChanged();
  await writeAutosaveNow(host);
}
