import { batchLabel, listBatches } from '../../../shared/ingest/history/history.js';
import { undoBatch } from '../../../shared/ingest/history/undo.js';
import { formatTime } from '../../../shared/format/time.js';
import { tableDef } from '../../../shared/model/tables.js';
import { createNodeConnector } from '../../node/duckdb-node.js';
import { openTarget, saveTarget, withAudit } from '../../node/workspace-target.js';
import { cliAuditEntry } from '../../node/workspace-audit.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { existingWorkspace, onWorkspace } from './open.js';
import type { CommandResult } from '../output.js';

/** `imports --workspace <dir|.hjw>`: the import batches, newest first, with files, counts and sources. */
export async function importsCommand(args: ParsedArgs): Promise<CommandResult> {
  return onWorkspace(args, async (db, ws, target) => {
    const batches = await listBatches(db);
    const text = batches.length
      ? batches.map((b) =>
          [
            `${batchLabel(b)}${b.status === 'undone' ? `  已撤销（${formatTime(b.undoneAt)}）` : ''}`,
            `    读取 ${b.rowsRead} 行，导入 ${b.rowsImported}，拒绝 ${b.rowsRejected}，跳过 ${b.rowsSkipped}；写入 ${b.rowsWritten} 条，替换 ${b.rowsReplaced} 条`,
            ...b.sources.map((s) => `    来源 ${s.srcId}：${s.file}${s.sheet ? ` / ${s.sheet}` : ''} → ${tableDef(s.target).label.zh} ${s.rowsWritten} 条`),
          ].join('\n'),
        ).join('\n')
      : '该工作区还没有导入记录。';
    return { json: { workspace: { path: target.path, name: ws.name }, batches }, text: `工作区：${ws.name}（${target.path}）\n${text}` };
  });
}

/** `undo-import <batch-id> --workspace <dir|.hjw>`: take one batch out in one transaction, then save the workspace. */
export async function undoImportCommand(args: ParsedArgs): Promise<CommandResult> {
  const target = existingWorkspace(args);
  const raw = args.positional[0];
  if (raw === undefined) throw new UsageError('缺少批次编号（用 imports 命令查看）');
  if (!/^[1-9][0-9]*$/.test(raw)) throw new UsageError(`批次编号应为正整数：${raw}`);
  const db = await createNodeConnector();
  try {
    const meta = await openTarget(db, target);
    const result = await undoBatch(db, Number(raw));
    await saveTarget(db, target, { ...meta, audit: await withAudit(meta, cliAuditEntry('import', `撤销导入批次 ${result.batchId}`, '成功')) });
    const parts = result.tables.map((t) => `${tableDef(t.table).label.zh}移除 ${t.removed} 条、恢复 ${t.restored} 条`);
    return {
      json: { workspace: { path: target.path, name: meta.name }, undone: result },
      text: `已撤销导入批次 ${result.batchId}：${parts.join('；') || '该批次的记录均已被后来的导入替换，无需改动'}`,
    };
  } finally {
    await db.close();
  }
}
