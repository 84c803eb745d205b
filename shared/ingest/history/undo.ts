/**
 * 撤销导入: take one batch out of the workspace in one transaction. Its rows go; the rows it replaced come back;
 * where a later batch has since replaced its rows, those later rows stay, and undoing the later batch then brings
 * back what was there before this one. Undoing every batch, in any order, gives back the workspace as it was.
 */
import { writing } from '../../db/derived-state.js';
import { HengjianError, errorMessage } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { quoteIdent, quoteValue as q } from '../../db/sql.js';
import { historyName } from '../../model/stored.js';
import { TABLES, type TableName } from '../../model/tables.js';
import { canonicalColumns, keyMatch } from '../apply/commit.js';

export interface UndoneTable {
  readonly table: TableName;
  /** Records of the batch taken out. */
  readonly removed: number;
  /** Records the batch had replaced, put back. */
  readonly restored: number;
}

export interface UndoResult {
  readonly batchId: number;
  readonly undoneAt: string;
  readonly tables: readonly UndoneTable[];
}

const num = async (db: Connector, sql: string): Promise<number> => Number((await db.query(sql)).rows[0]?.n ?? 0);

/** Undo batch `batchId`; a batch that does not exist or is already undone is refused, and a failure changes nothing. */
export function undoBatch(db: Connector, batchId: number, now: string = new Date().toISOString()): Promise<UndoResult> {
  return writing(db, () => undoBatchNow(db, batchId, now));
}

async function undoBatchNow(db: Connector, batchId: number, now: string): Promise<UndoResult> {
  if (!Number.isInteger(batchId) || batchId < 1) throw new HengjianError('import.undo.id', `批次编号应为正整数：${String(batchId)}`);
  const status = await db.query(`SELECT status FROM import_batches WHERE batch_id = ${batchId}`);
  const st = status.rows[0]?.status;
  if (st === undefined) throw new HengjianError('import.undo.missing', `没有导入批次 ${batchId}（用 imports 命令或导入记录查看已有批次）`);
  if (st === 'undone') throw new HengjianError('import.undo.done', `导入批次 ${batchId} 已经撤销过`);
  const mine = `(SELECT src_id FROM import_sources WHERE batch_id = ${batchId})`;
  const tables: UndoneTable[] = [];
  await db.query('BEGIN TRANSACTION');
  try {
    for (const def of TABLES) {
      const t = quoteIdent(def.name);
      const h = quoteIdent(historyName(def.name));
      const cols = canonicalColumns(def.name);
      // This batch's rows that a later batch replaced: what they had replaced now counts as replaced by that later batch.
      await db.query(
        `UPDATE ${h} SET replaced_by = x.replaced_by FROM (SELECT * FROM ${h} WHERE src_id IN ${mine}) x ` +
          `WHERE ${h}.replaced_by = ${batchId} AND ${keyMatch(def.name, h, 'x')}`,
      );
      await db.query(`DELETE FROM ${h} WHERE src_id IN ${mine}`);
      const removed = await num(db, `SELECT count(*) AS n FROM ${t} WHERE src_id IN ${mine}`);
      const restored = await num(db, `SELECT count(*) AS n FROM ${h} WHERE replaced_by = ${batchId}`);
      await db.query(
        `DELETE FROM ${t} WHERE src_id IN ${mine}; ` +
          `INSERT INTO ${t} (${cols}, src_id, src_row) SELECT ${cols}, src_id, src_row FROM ${h} WHERE replaced_by = ${batchId}; ` +
          `DELETE FROM ${h} WHERE replaced_by = ${batchId};`,
      );
      if (removed || restored) tables.push({ table: def.name, removed, restored });
    }
    await db.query(`UPDATE import_batches SET status = 'undone', undone_at = ${q(now)} WHERE batch_id = ${batchId}`);
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw new HengjianError('import.undo.failed', `撤销导入批次 ${batchId} 未完成，工作区未作任何改动：${errorMessage(e)}`);
  }
  return { batchId, undoneAt: now, tables };
}
