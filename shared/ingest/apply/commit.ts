/**
 * The last step of an import: all or nothing. Every import table is merged into its canonical table inside one
 * transaction, as one import batch: rows with the same key are replaced (next quarter's file corrects this
 * quarter's) and the rows replaced are kept in the table's history, each written row carries its source and
 * source row, and any failure rolls everything back, so a failed import changes nothing.
 */
import { writing } from '../../db/derived-state.js';
import { HengjianError, errorMessage } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import { historyName } from '../../model/stored.js';
import { tableDef, type TableName } from '../../model/tables.js';

/** Where the rows of an import table came from: a sheet of a file, or one form file. */
export interface PartOrigin {
  readonly file: string;
  readonly sheet: string | null;
}

/** One import table (canonical columns + src_row, and src_idx when it has several origins) to merge into `target`. */
export interface CommitPart {
  readonly target: TableName;
  readonly source: string;
  /** One per origin; a row's origin is `origins[src_idx]` (the first when the table has no src_idx). */
  readonly origins: readonly PartOrigin[];
  /** The import table has a src_idx column (forms: one origin per file). */
  readonly indexed?: boolean;
}

export interface CommittedTable {
  readonly table: TableName;
  /** Rows written. */
  readonly rows: number;
  /** Of those, rows that replaced a row with the same key. */
  readonly replaced: number;
}

/** What the batch record says besides what the commit counts itself. */
export interface BatchSummary {
  readonly files: readonly string[];
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly rowsSkipped: number;
  /** ISO time; now when omitted. */
  readonly committedAt?: string;
}

export interface CommittedBatch {
  readonly batchId: number;
  readonly tables: readonly CommittedTable[];
}

/** The key that identifies a row of each table; a later import with the same key replaces the row. */
export const MERGE_KEYS: Readonly<Record<TableName, readonly string[]>> = {
  regions: ['region_code'],
  region_aliases: ['alias', 'region_code'],
  indicators: ['indicator_id'],
  indicator_values: ['region_code', 'indicator_id', 'period'],
  cadres: ['cadre_id'],
  appointments: ['cadre_id', 'start_ym', 'post_title'],
  assessments: ['cadre_id', 'year', 'kind'],
  cadre_records: ['cadre_id', 'record_date', 'kind', 'description'],
  warning_rules: ['rule_id'],
  warning_events: ['rule_id', 'region_code', 'indicator_id', 'period'],
  honour_lists: ['period', 'list_type', 'region_code', 'cadre_id'],
};

/** `a.k IS NOT DISTINCT FROM b.k AND …` over the merge key of `table`. */
export function keyMatch(table: TableName, a: string, b: string): string {
  return MERGE_KEYS[table].map((k) => `${a}.${quoteIdent(k)} IS NOT DISTINCT FROM ${b}.${quoteIdent(k)}`).join(' AND ');
}

/** The canonical column list of a table, quoted. */
export function canonicalColumns(table: TableName): string {
  return tableDef(table).columns.map((c) => quoteIdent(c.name)).join(', ');
}

/** The rows of an import table that are written: within one file the last row with a key wins (a sheet correcting itself further down). */
export function latestRows(part: CommitPart): string {
  const keys = MERGE_KEYS[part.target].map(quoteIdent).join(', ');
  const idx = part.indexed ? 'src_idx' : '0';
  return (
    `(SELECT ${canonicalColumns(part.target)}, src_row, ${idx} AS src_idx FROM ${quoteIdent(part.source)} ` +
    `QUALIFY row_number() OVER (PARTITION BY ${keys} ORDER BY ${idx} DESC, src_row DESC) = 1)`
  );
}

const num = async (db: Connector, sql: string): Promise<number> => Number((await db.query(sql)).rows[0]?.n ?? 0);

/**
 * Merge every part in one transaction as one import batch; on any error roll back and throw (the workspace is
 * unchanged). Rows replaced from earlier batches (or the sample) are kept in the history for undo; a row this same
 * batch wrote and a later part of it overwrites is simply replaced.
 */
export function commitParts(db: Connector, parts: readonly CommitPart[], summary: BatchSummary): Promise<CommittedBatch> {
  return writing(db, () => commitPartsNow(db, parts, summary));
}

async function commitPartsNow(db: Connector, parts: readonly CommitPart[], summary: BatchSummary): Promise<CommittedBatch> {
  const done = new Map<TableName, { rows: number; replaced: number }>();
  let batchId = 0;
  await db.query('BEGIN TRANSACTION');
  try {
    batchId = (await num(db, 'SELECT coalesce(max(batch_id), 0) AS n FROM import_batches')) + 1;
    const srcBase = await num(db, 'SELECT coalesce(max(src_id), 0) AS n FROM import_sources');
    let next = srcBase + 1;
    let replacedTotal = 0;
    for (const part of parts) {
      const first = next;
      next += part.origins.length;
      const t = quoteIdent(part.target);
      const h = quoteIdent(historyName(part.target));
      const cols = canonicalColumns(part.target);
      const latest = latestRows(part);
      const matched = `EXISTS (SELECT 1 FROM ${latest} n WHERE ${keyMatch(part.target, 't', 'n')})`;
      const rows = await num(db, `SELECT count(*) AS n FROM ${latest}`);
      const replaced = await num(db, `SELECT count(*) AS n FROM ${t} t WHERE ${matched}`);
      const fromBefore = `(t.src_id IS NULL OR t.src_id <= ${srcBase})`;
      replacedTotal += await num(db, `SELECT count(*) AS n FROM ${t} t WHERE ${matched} AND ${fromBefore}`);
      await db.query(
        `INSERT INTO ${h} (${cols}, src_id, src_row, replaced_by) SELECT ${cols}, src_id, src_row, ${batchId} FROM ${t} t WHERE ${matched} AND ${fromBefore}; ` +
          `DELETE FROM ${t} t WHERE ${matched}; ` +
          `INSERT INTO ${t} (${cols}, src_id, src_row) SELECT ${cols}, ${first} + src_idx, src_row FROM ${latest};`,
      );
      const values = part.origins.map((o, i) => `(${first + i}, ${batchId}, ${q(o.file)}, ${q(o.sheet)}, ${q(part.target)}, 0)`);
      if (values.length) await db.query(`INSERT INTO import_sources VALUES ${values.join(', ')}`);
      const prev = done.get(part.target) ?? { rows: 0, replaced: 0 };
      done.set(part.target, { rows: prev.rows + rows, replaced: prev.replaced + replaced });
    }
    // What each source holds once every part is in (a later sheet of the same batch may overwrite an earlier one's rows).
    for (const table of done.keys()) {
      await db.query(
        `UPDATE import_sources s SET rows_written = c.n FROM (SELECT src_id, count(*) AS n FROM ${quoteIdent(table)} WHERE src_id > ${srcBase} GROUP BY src_id) c ` +
          `WHERE s.src_id = c.src_id`,
      );
    }
    const written = await num(db, `SELECT coalesce(sum(rows_written), 0) AS n FROM import_sources WHERE batch_id = ${batchId}`);
    await db.query(
      `INSERT INTO import_batches VALUES (${batchId}, ${q(summary.committedAt ?? new Date().toISOString())}, ${q(JSON.stringify(summary.files))}, ` +
        `${summary.rowsRead}, ${summary.rowsImported}, ${summary.rowsRejected}, ${summary.rowsSkipped}, ${written}, ${replacedTotal}, 'active', NULL)`,
    );
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw new HengjianError('import.commit', `导入未完成，工作区未作任何改动：${errorMessage(e)}`);
  }
  return { batchId, tables: [...done].map(([table, v]) => ({ table, ...v })) };
}

/** Drop an import's staging and import tables (after commit, cancel or failure). */
export async function dropTables(db: Connector, tables: readonly string[]): Promise<void> {
  for (const t of tables) await db.query(`DROP TABLE IF EXISTS ${quoteIdent(t)}`).catch(() => undefined);
}
