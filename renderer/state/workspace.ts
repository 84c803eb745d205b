import { refreshAnalysisTables, withBackgroundStopped } from './derived.js';
import { tableCounts } from '../../shared/model/catalog.js';
import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { openEmptyWorkspace, openPortableWorkspace, portableSnapshot } from '../../shared/workspace/open.js';
import type { WorkspaceDocuments } from '../../shared/workspace/save.js';
import { useAppStore, type WorkspaceInfo } from './store.js';
import { manifestAuditHead } from '../../shared/workspace/audit-log.js';
import { audit } from './audit.js';
import { sealForWrite, setWorkspaceKey, unsealInteractive } from './crypt.js';

/** The engine's database once ready (actions run only from a ready UI). */
export function readyDb(): { db: Connector; dataVersion: number } {
  const engine = useAppStore.getState().engine;
  if (engine.status !== 'ready') throw new Error('分析引擎尚未就绪');
  return { db: engine.db, dataVersion: engine.dataVersion };
}

/** After the tables changed: new counts and a new data version, so every view queries again. */
export async function tablesChanged(): Promise<void> {
  const { db, dataVersion } = readyDb();
  useAppStore.getState().setEngine({ status: 'ready', db, counts: await tableCounts(db), dataVersion: dataVersion + 1 });
  refreshAnalysisTables(db);
}

/** The workspace as one .hjw, with its documents (mappings, views, …); sealed when the workspace is encrypted. */
async function snapshot(ws: WorkspaceInfo): Promise<Uint8Array> {
  return sealForWrite(await portableSnapshot(readyDb().db, { name: ws.name, ...(ws.demo ? { demo: true } : {}), ...ws.documents, ...(ws.audit === undefined ? {} : { audit: ws.audit }) }));
}

let autosaveTimer: ReturnType<typeof setTimeout> | null = null;
let autosaving: Promise<void> = Promise.resolve();

/** Mark the workspace changed and write the crash-recovery copy shortly after (changes in a burst write once). */
export function workspaceChanged(host: HostApi, documents?: WorkspaceDocuments): void {
  const { patchWorkspace, workspace } = useAppStore.getState();
  patchWorkspace({ dirty: true, ...(documents ? { documents: { ...workspace?.documents, ...documents } } : {}) });
  scheduleAutosave(host);
}

/** Write the crash-recovery copy shortly (changes in a burst write once). */
export function scheduleAutosave(host: HostApi): void {
  if (autosaveTimer) clearTimeout(autosaveTimer);
  autosaveTimer = setTimeout(() => {
    autosaveTimer = null;
    autosaving = autosaving.then(() => writeAutosaveNow(host)).catch((e: unknown) => console.error('[hengjian] autosave failed', e));
  }, 800);
}

/** Write the recovery copy now (and wait for any write in flight). */
export async function writeAutosaveNow(host: HostApi): Promise<void> {
  const ws = useAppStore.getState().workspace;
  if (!ws) return;
  await host.writeAutosave(await snapshot(ws));
}

/** Wait until pending autosaves are written (tests, and before closing). */
export async function flushAutosave(host: HostApi): Promise<void> {
  if (autosaveTimer) {
    clearTimeout(autosaveTimer);
    autosaveTimer = null;
    autosaving = autosaving.then(() => writeAutosaveNow(host));
  }
  await autosaving;
}

/**
 * Write the recovery copy twice after encryption was turned on or its passphrase changed: the first write keeps the
 * previous copy as the backup (in the clear, or under the old key), the second replaces that backup too.
 */
export async function replaceAutosave(host: HostApi): Promise<void> {
  await flushAutosave(host);
  await writeAutosaveNow(host);
  await writeAutosaveNow(host);
}

/** Save to the file opened or saved before, or ask where (save as). Returns the file name, or null if cancelled. */
export async function saveWorkspace(host: HostApi, saveAs: boolean): Promise<string | null> {
  const ws = useAppStore.getState().workspace;
  if (!ws) return null;
  const bytes = await snapshot(ws);
  const result =
    !saveAs && ws.location ? await host.saveWorkspaceTo(ws.location, bytes) : await host.saveWorkspaceAs(bytes, `${ws.name}.hjw`);
  if (!result.saved) return null;
  useAppStore.getState().patchWorkspace({ location: result.location, fileName: result.name, dirty: false, source: 'file' });
  await host.writeAutosave(bytes);
  return result.name;
}

/**
 * Let the user pick a .hjw and make it the current workspace, asking for the passphrase when it is encrypted; the
 * current one stays if anything fails or the passphrase is not given.
 */
export async function openWorkspaceFile(host: HostApi): Promise<string | null> {
  const file = await host.openWorkspace();
  if (!file) return null;
  const unsealed = await unsealInteractive(file.bytes, file.name);
  if (!unsealed) return null;
  const { db } = readyDb();
  const opened = await withBackgroundStopped(db, () => openPortableWorkspace(db, unsealed.plain, file.name));
  useAppStore.getState().setWorkspace({
    name: opened.manifest.name,
    source: 'file',
    demo: opened.manifest.demo ?? false,
    location: file.token,
    fileName: file.name,
    dirty: false,
    documents: opened.documents,
    recoveredFrom: null,
    ...(opened.audit === undefined ? {} : { audit: opened.audit }),
    auditHead: manifestAuditHead(opened.manifest),
  });
  setWorkspaceKey(unsealed.key);
  await tablesChanged();
  await host.writeAutosave(file.bytes);
  await audit.record('workspace.open', file.name);
  return file.name;
}

/** Start a new, empty workspace named `name` (not yet saved to a file; the autosave keeps it). */
export async function newWorkspace(host: HostApi, name: string): Promise<string> {
  const { db } = readyDb();
  const opened = await withBackgroundStopped(db, () => openEmptyWorkspace(db, name));
  useAppStore.getState().setWorkspace({
    name: opened.manifest.name,
    source: 'new',
    demo: false,
    location: null,
    fileName: null,
    dirty: true,
    documents: {},
    recoveredFrom: null,
  });
  setWorkspaceKey(null);
  useAppStore.getState().setFirstStart(false);
  await tablesChanged();
  await audit.record('workspace.open', opened.manifest.name, '新建');
  await writeAutosaveNow(host);
  return opened.manifest.name;
}
