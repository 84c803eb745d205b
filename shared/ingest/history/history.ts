/**
 * The import history of a workspace: the batches committed (with their files, counts and sources), what a new
 * import would replace and from which batches, before it is committed.
 */
import type { Connector } from '../../db/connector.js';
import { quoteIdent } from '../../db/sql.js';
import { formatTime } from '../../format/time.js';
import { tableDef, type TableName } from '../../model/tables.js';
import { keyMatch, type CommitPart } from '../apply/commit.js';

/** One sheet (or form) a batch read. */
export interface BatchSource {
  readonly srcId: number;
  readonly file: string;
  readonly sheet: string | null;
  readonly target: TableName;
  /** Records of this source in the workspace right after the commit. */
  readonly rowsWritten: number;
}

/** One committed import. */
export interface ImportBatch {
  readonly batchId: number;
  readonly committedAt: string;
  readonly files: readonly string[];
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly rowsSkipped: number;
  readonly rowsWritten: number;
  /** Records of earlier batches (or of the sample) this batch replaced. */
  readonly rowsReplaced: number;
  readonly status: 'active' | 'undone';
  readonly undoneAt: string | null;
  readonly sources: readonly BatchSource[];
}

function parseFiles(text: unknown): string[] {
  try {
    const v = JSON.parse(String(text)) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** Every batch of the workspace, newest first, with its sources. */
export async function listBatches(db: Connector): Promise<ImportBatch[]> {
  const batches = await db.query('SELECT * FROM import_batches ORDER BY batch_id DESC');
  const sources = await db.query('SELECT * FROM import_sources ORDER BY src_id');
  const bySource = new Map<number, BatchSource[]>();
  for (const s of sources.rows) {
    const list = bySource.get(Number(s.batch_id)) ?? [];
    list.push({ srcId: Number(s.src_id), file: String(s.file), sheet: s.sheet === null ? null : String(s.sheet), target: String(s.target) as TableName, rowsWritten: Number(s.rows_written) });
    bySource.set(Number(s.batch_id), list);
  }
  return batches.rows.map((b) => ({
    batchId: Number(b.batch_id),
    committedAt: String(b.committed_at),
    files: parseFiles(b.files),
    rowsRead: Number(b.rows_read),
    rowsImported: Number(b.rows_imported),
    rowsRejected: Number(b.rows_rejected),
    rowsSkipped: Number(b.rows_skipped),
    rowsWritten: Number(b.rows_written),
    rowsReplaced: Number(b.rows_replaced),
    status: b.status === 'undone' ? 'undone' : 'active',
    undoneAt: b.undone_at === null ? null : String(b.undone_at),
    sources: bySource.get(Number(b.batch_id)) ?? [],
  }));
}

/** Rows of one table that a pending import would replace, from one earlier batch (null: the sample, or data with no batch). */
export interface Replacement {
  readonly table: TableName;
  readonly batchId: number | null;
  readonly committedAt: string | null;
  readonly files: readonly string[];
  readonly rows: number;
}

/**
 * What committing `parts` would replace, per table and earlier batch (largest first); nothing is written. A row is
 * replaced when the import has a row with its key: the import table itself has the keys the commit writes
 * (latestRows only picks one row per key), so it is matched directly, without ranking a million rows first.
 */
export async function previewReplacements(db: Connector, parts: readonly CommitPart[]): Promise<Replacement[]> {
  const out: Replacement[] = [];
  for (const part of parts) {
    const r = await db.query(
      `SELECT b.batch_id, any_value(b.committed_at) AS committed_at, any_value(b.files) AS files, count(*) AS n FROM ${quoteIdent(part.target)} t ` +
        `LEFT JOIN import_sources s ON s.src_id = t.src_id LEFT JOIN import_batches b ON b.batch_id = s.batch_id ` +
        `WHERE EXISTS (SELECT 1 FROM ${quoteIdent(part.source)} n WHERE ${keyMatch(part.target, 't', 'n')}) GROUP BY b.batch_id`,
    );
    for (const row of r.rows) {
      const batchId = row.batch_id === null ? null : Number(row.batch_id);
      const prev = out.find((x) => x.table === part.target && x.batchId === batchId);
      const rows = Number(row.n);
      if (prev) out.splice(out.indexOf(prev), 1, { ...prev, rows: prev.rows + rows });
      else out.push({ table: part.target, batchId, committedAt: row.committed_at === null ? null : String(row.committed_at), files: parseFiles(row.files), rows });
    }
  }
  return out.sort((a, b) => b.rows - a.rows || (a.batchId ?? 0) - (b.batchId ?? 0));
}

/** A batch as a short label: `批次 2（2026-12-02 10:05，a.csv 等 3 个文件）`. */
export function batchLabel(b: { readonly batchId: number; readonly committedAt: string | null; readonly files: readonly string[] }): string {
  const files = b.files.length > 1 ? `${b.files[0]} 等 ${b.files.length} 个文件` : (b.files[0] ?? '');
  return `批次 ${b.batchId}（${[formatTime(b.committedAt), files].filter(Boolean).join('，')}）`;
}

/** What an import replaces (or, once committed, replaced), in one sentence: `将替换指标数据 120 条，来自批次 2（…）`. */
export function replacementText(r: Replacement, committed = false): string {
  const from = r.batchId === null ? '示例数据或未记录批次的数据' : batchLabel({ ...r, batchId: r.batchId });
  return `${committed ? '已替换' : '将替换'}${tableDef(r.table).label.zh} ${r.rows} 条，来自${from}`;
}
