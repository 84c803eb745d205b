import type { HostApi } from '../../shared/contract/host-api.js';
import { listBatches, type ImportBatch } from '../../shared/ingest/history/history.js';
import { undoBatch, type UndoResult } from '../../shared/ingest/history/undo.js';
import { readyDb, tablesChanged, workspaceChanged } from './workspace.js';
import { withBackgroundStopped } from './derived.js';

/** The import batches of the current workspace, newest first. */
export function importBatches(): Promise<ImportBatch[]> {
  return listBatches(readyDb().db);
}

/** 撤销导入: take one batch out (one transaction), refresh every view and autosave. */
export async function undoImport(host: HostApi, batchId: number): Promise<UndoResult> {
  const { db } = readyDb();
  const result = await withBackgroundStopped(db, () => undoBatch(db, batchId));
  await tablesChanged();
  workspaceChanged(host);
  return result;
}
