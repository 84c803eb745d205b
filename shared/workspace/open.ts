/**
 * Open a workspace into a live database without ever leaving it half-replaced: every table is loaded beside the
 * current ones under temporary names, checked, and only then swapped in within one transaction.
 */
import { writing } from '../db/derived-state.js';
import { HengjianError } from '../contract/errors.js';
import type { Connector } from '../db/connector.js';
import { quoteIdent } from '../db/sql.js';
import { STORED_TABLES } from '../model/stored.js';
import { loadWorkspace, type LoadedWorkspace, type WorkspaceReader } from './load.js';
import { mergeMaps, type MapsDocument } from '../ingest/pipeline/pipeline-maps.js';
import { packWorkspace, unpackWorkspace } from './portable.js';
import { AUDIT_FILE } from './audit-log.js';
import { DOCUMENT_KINDS, snapshotWorkspace, type DocumentKind, type WorkspaceDocuments, type WorkspaceMeta } from './save.js';

/** A workspace that is now the database's current one, with its documents parsed. */
export interface OpenedWorkspace extends LoadedWorkspace {
  readonly documents: WorkspaceDocuments;
  /** The audit log as stored (undefined: the workspace has none yet). */
  readonly audit?: string;
}

/** A reader over unpacked workspace files. */
export function filesReader(files: ReadonlyMap<string, Uint8Array>): WorkspaceReader {
  return async (relativePath) => {
    const bytes = files.get(relativePath);
    if (!bytes) throw new HengjianError('workspace.missing', `工作区缺少文件：${relativePath}（文件可能已损坏）。`, { file: relativePath });
    return bytes;
  };
}

const STAGING = '_hjw_open_';

/**
 * Load `files` as the current workspace. On any failure (damaged table, wrong row count, bad document) the
 * previously loaded tables are untouched and no temporary table is left behind.
 */
export function openWorkspaceInto(db: Connector, files: ReadonlyMap<string, Uint8Array>): Promise<OpenedWorkspace> {
  return writing(db, () => openWorkspaceIntoNow(db, files));
}

async function openWorkspaceIntoNow(db: Connector, files: ReadonlyMap<string, Uint8Array>): Promise<OpenedWorkspace> {
  const prefix = `${STAGING}${Math.random().toString(36).slice(2, 10)}_`;
  try {
    const loaded = await loadWorkspace(db, filesReader(files), { tablePrefix: prefix });
    const documents = withManifestMap(parseDocuments(loaded, files), loaded);
    const audit = auditText(loaded, files);
    await swapIn(db, prefix);
    return { ...loaded, documents, ...(audit === undefined ? {} : { audit }) };
  } catch (e) {
    await dropStaging(db, prefix);
    if (e instanceof HengjianError) throw e;
    throw new HengjianError('workspace.open.failed', `打开工作区失败，当前工作区未受影响：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Unpack a .hjw and open it (see openWorkspaceInto); the file name is used in messages only. */
export async function openPortableWorkspace(db: Connector, bytes: Uint8Array, fileName: string): Promise<OpenedWorkspace> {
  return openWorkspaceInto(db, unpackWorkspace(bytes, fileName));
}

/** Make a new, empty workspace the current one (every table empty, no documents), atomically like any open. */
export async function openEmptyWorkspace(db: Connector, name: string): Promise<OpenedWorkspace> {
  return openWorkspaceInto(db, await snapshotWorkspace(db, { name }, { empty: true }));
}

/** Snapshot the current workspace and pack it into .hjw bytes, ready for host.saveWorkspaceAs or writeAutosave. */
export async function portableSnapshot(db: Connector, meta: WorkspaceMeta): Promise<Uint8Array> {
  return packWorkspace(await snapshotWorkspace(db, meta));
}

function parseDocuments(loaded: LoadedWorkspace, files: ReadonlyMap<string, Uint8Array>): WorkspaceDocuments {
  const documents: Partial<Record<DocumentKind, unknown>> = {};
  for (const entry of loaded.manifest.documents ?? []) {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(entry.kind)) continue; // a later version's document
    const bytes = files.get(entry.file);
    if (!bytes) throw new HengjianError('workspace.missing', `工作区缺少文件：${entry.file}（文件可能已损坏）。`, { file: entry.file });
    try {
      documents[entry.kind as DocumentKind] = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    } catch {
      throw new HengjianError('workspace.document.invalid', `工作区文件 ${entry.file} 无法解析：文件已损坏。`, { file: entry.file });
    }
  }
  return documents;
}

/** The audit log's text: the manifest's file, else audit.jsonl if present (a log whose head was stripped). */
function auditText(loaded: LoadedWorkspace, files: ReadonlyMap<string, Uint8Array>): string | undefined {
  const bytes = files.get(loaded.manifest.audit?.file ?? AUDIT_FILE);
  if (!bytes) return loaded.manifest.audit ? '' : undefined;
  return new TextDecoder('utf-8').decode(bytes);
}

/** The manifest's boundaries added to the 'maps' document; a saved entry of the same name wins (it may be newer). */
function withManifestMap(documents: WorkspaceDocuments, loaded: LoadedWorkspace): WorkspaceDocuments {
  if (!loaded.maps || Object.keys(loaded.maps).length === 0) return documents;
  const saved = documents.maps && typeof documents.maps === 'object' && !Array.isArray(documents.maps) ? (documents.maps as MapsDocument) : {};
  return { ...documents, maps: mergeMaps(loaded.maps, saved) };
}

/** Replace every stored table by its staged twin in one transaction; on failure roll back and report. */
async function swapIn(db: Connector, prefix: string): Promise<void> {
  const steps = STORED_TABLES.map((t) => `DROP TABLE IF EXISTS ${quoteIdent(t.name)}; ALTER TABLE ${quoteIdent(prefix + t.name)} RENAME TO ${quoteIdent(t.name)};`);
  try {
    await db.query(`BEGIN TRANSACTION; ${steps.join(' ')} COMMIT;`);
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw new HengjianError('workspace.open.swap', `切换到新工作区失败，当前工作区未受影响：${e instanceof Error ? e.message : String(e)}`);
  }
}

async function dropStaging(db: Connector, prefix: string): Promise<void> {
  for (const t of STORED_TABLES) await db.query(`DROP TABLE IF EXISTS ${quoteIdent(prefix + t.name)}`).catch(() => undefined);
}
