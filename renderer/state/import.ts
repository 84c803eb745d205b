import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { emptyMemory, parseMemory, recallOverrides, rememberOverrides, type MappingMemory } from '../../shared/ingest/mapping-memory.js';
import {
  commitImport,
  discardImport,
  mergeMaps,
  prepareImport,
  restageSheet,
  reviseSheet,
  validateImport,
  type CommitResult,
  type ImportSession,
  type Validation,
} from '../../shared/ingest/pipeline.js';
import type { ReadProgress } from '../../shared/ingest/pipeline-read.js';
import type { TextEncodingName } from '../../shared/ingest/encoding.js';
import type { LayoutOverrides } from '../../shared/ingest/layout.js';
import type { SourceFile } from '../../shared/ingest/types.js';
import { useAppStore } from './store.js';
import { readyDb, tablesChanged, workspaceChanged } from './workspace.js';

function db(): Connector {
  return readyDb().db;
}

/** The column mappings remembered in this workspace (document 'mappings'). */
function memory(): MappingMemory {
  const doc = useAppStore.getState().workspace?.documents.mappings;
  try {
    return doc ? parseMemory(doc) : emptyMemory();
  } catch {
    return emptyMemory();
  }
}

/** Browser File objects (drop or file input) as importer input. */
export async function toSourceFiles(files: readonly File[]): Promise<SourceFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** Read and recognise the files; remembered mappings for known sources are applied. */
export function startImport(files: readonly SourceFile[], signal: AbortSignal, onProgress: (p: ReadProgress) => void): Promise<ImportSession> {
  const mem = memory();
  return prepareImport(db(), files, { signal, onProgress, remembered: (plan) => recallOverrides(mem, plan) });
}

/** Apply the user's correction to one sheet. */
export function correctSheet(session: ImportSession, key: number, overrides: LayoutOverrides): Promise<ImportSession> {
  return reviseSheet(db(), session, key, overrides);
}

/** Decode a CSV/TSV again with the encoding the user chose (their correction of a wrong guess). */
export function changeEncoding(session: ImportSession, key: number, encoding: TextEncodingName): Promise<ImportSession> {
  return restageSheet(db(), session, key, encoding);
}

/** Build the validation report (nothing is written yet). */
export function validate(session: ImportSession, signal?: AbortSignal): Promise<Validation> {
  return validateImport(db(), session, signal);
}

/**
 * Write the import into the workspace (one transaction), remember the corrected mappings when asked, refresh
 * every view and autosave.
 */
export async function commit(host: HostApi, v: Validation, remember: boolean): Promise<CommitResult> {
  const result = await commitImport(db(), v);
  let mem = memory();
  if (remember) {
    const now = new Date().toISOString();
    for (const s of v.session.sheets) if (Object.keys(s.overrides).length) mem = rememberOverrides(mem, s.detected, s.overrides, now);
  }
  await tablesChanged();
  const maps = Object.keys(result.maps).length ? { maps: mergeMaps(useAppStore.getState().workspace?.documents.maps, result.maps) } : {};
  workspaceChanged(host, { ...(remember ? { mappings: mem } : {}), ...maps });
  return result;
}

/** Drop the import's temporary tables (cancel, or leaving the wizard). */
export function discard(s: ImportSession | Validation): Promise<void> {
  return discardImport(db(), s);
}
