import type { HostApi } from '../../shared/contract/host-api.js';
import type { Connector } from '../../shared/db/connector.js';
import { emptyMemory, parseMemory, recallOverrides, rememberOverrides, type MappingMemory } from '../../shared/ingest/layout/mapping-memory.js';
import {
  commitImport,
  discardImport,
  mergeMaps,
  prepareParsed,
  restageParsed,
  restageSheet,
  reviseSheet,
  validateImport,
  type CommitResult,
  type ImportSession,
  type Validation,
  type ValidateProgress,
} from '../../shared/ingest/pipeline/pipeline.js';
import { checkCancelled, type ReadProgress } from '../../shared/ingest/pipeline/pipeline-parse.js';
import type { TextEncodingName } from '../../shared/ingest/readers/encoding.js';
import type { LayoutOverrides } from '../../shared/ingest/layout/layout.js';
import { createParseClient } from './parse-client.js';
import { useAppStore } from './store.js';
import { readyDb, tablesChanged, workspaceChanged } from './workspace.js';
import { audit } from './audit.js';
import { importAuditResult } from '../../shared/workspace/audit-log.js';
import { withBackgroundStopped } from './derived.js';

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

const parser = createParseClient();

/**
 * Read and recognise the files: parsed in the parse worker (the page stays responsive, cancel is immediate, a file
 * that hangs or crashes the reader becomes a failure), then staged and laid out here; remembered mappings applied.
 */
export async function startImport(files: readonly File[], signal: AbortSignal, onProgress: (p: ReadProgress) => void): Promise<ImportSession> {
  const mem = memory();
  const parsed = await parser.parse(files.map((f) => ({ name: f.name, data: f })), { signal, onProgress });
  checkCancelled(signal);
  return prepareParsed(db(), parsed, { signal, onProgress, remembered: (plan) => recallOverrides(mem, plan) });
}

/** Apply the user's correction to one sheet. */
export function correctSheet(session: ImportSession, key: number, overrides: LayoutOverrides): Promise<ImportSession> {
  return reviseSheet(db(), session, key, overrides);
}

/** Decode a CSV/TSV again with the encoding the user chose (their correction of a wrong guess), in the worker. */
export async function changeEncoding(session: ImportSession, key: number, encoding: TextEncodingName): Promise<ImportSession> {
  const source = session.sheets.find((s) => s.key === key)?.source;
  if (!source) return restageSheet(db(), session, key, encoding); // not a CSV/TSV: the same refusal as anywhere
  const parsed = await parser.parse([{ name: source.name, data: source.bytes }], { encoding });
  return restageParsed(db(), session, key, parsed);
}

/** Build the validation report (nothing is written yet). */
export function validate(session: ImportSession, signal?: AbortSignal, onProgress?: (p: ValidateProgress) => void): Promise<Validation> {
  return validateImport(db(), session, signal, onProgress);
}

/**
 * Write the import into the workspace (one transaction), remember the corrected mappings when asked, refresh
 * every view and autosave.
 */
export async function commit(host: HostApi, v: Validation, remember: boolean): Promise<CommitResult> {
  const files = [...new Set([...v.applied.map((a) => a.applied.report.file), ...v.session.maps.map((m) => m.file)])].join('、') || '导入';
  const result = await withBackgroundStopped(db(), () => audit.around('import', files, () => commitImport(db(), v), importAuditResult));
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
