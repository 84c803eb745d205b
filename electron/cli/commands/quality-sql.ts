/** `quality` (data-quality checks before ranking) and `sql` (the read-only console), one JSON document out. */
import { QUALITY_KIND_NAMES, quality, type QualityParams } from '../../../shared/analytics/quality.js';
import { columnCell } from '../../../shared/db/connector.js';
import { openConsoleEngine, runConsoleQuery } from '../../../shared/db/console.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import { createNodeConnector } from '../../node/duckdb-node.js';
import { openTarget } from '../../node/workspace-target.js';
import { levelFlag, optionalFlag as optional, periodFlag, UsageError, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';
import { existingWorkspace, onWorkspace } from './open.js';

/** `quality --period <p> [--level county|city] [--group <g>]`: missing values, outliers, jumps and sums. */
export async function qualityCommand(args: ParsedArgs): Promise<CommandResult> {
  const period = periodFlag(args);
  const level = levelFlag(args);
  const params: QualityParams = { period, level, group: optional(args, 'group') };
  return onWorkspace(args, async (db, ws, target) => {
    const r = await quality(db, params);
    const head = `${periodLabelZh(period)}数据质量：${r.regions} 个地区、${r.indicators} 项指标；${Object.entries(r.counts).map(([k, n]) => `${QUALITY_KIND_NAMES[k as keyof typeof QUALITY_KIND_NAMES]} ${n}`).join('，')}`;
    const lines = r.flags.map((f) => `${QUALITY_KIND_NAMES[f.kind]}  ${f.regionName}（${f.regionCode}）  ${f.indicatorName}（${f.indicatorId}）  ${f.detail}`);
    const sums = r.sums.filter((s) => s.flagged || s.missingChildren).map((s) =>
      s.sum === null ? `合计无法核对：${s.parentName} ${s.indicatorName}，${s.missingChildren}/${s.children} 个下级缺数` : `合计不符：${s.parentName} ${s.indicatorName}，下级合计 ${s.sum}，本级 ${s.total}`,
    );
    return { json: { workspace: { path: target.path, name: ws.name }, ...r }, text: [`工作区：${ws.name}`, head, ...lines, ...sums].join('\n') };
  });
}

/** `sql "<select …>" [--limit n]`: one read-only query on a locked copy of the workspace (shared/db/console.ts). */
export async function sqlCommand(args: ParsedArgs): Promise<CommandResult> {
  const text = args.positional.join(' ').trim();
  if (!text) throw new UsageError('缺少查询语句：sql "SELECT …" --workspace <目录|.hjw>');
  const rawLimit = optional(args, 'limit');
  const limit = rawLimit === null ? 10_000 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 0 || limit > 1_000_000) throw new UsageError(`--limit 应为 0～1000000 的整数：${rawLimit}`);
  const target = existingWorkspace(args);
  const main = await createNodeConnector();
  const ro = await createNodeConnector({ deferLock: true });
  try {
    const ws = await openTarget(main, target);
    const engine = await openConsoleEngine(main, ro);
    const r = await runConsoleQuery(engine, text, limit);
    const cols = r.columns.columns;
    const rows = Array.from({ length: r.rows }, (_, i) => cols.map((c) => columnCell(r.columns, c, i)));
    const text2 = [cols.join('\t'), ...rows.map((row) => row.map((x) => (x === null ? '' : String(x))).join('\t')), r.truncated ? `（只显示前 ${r.rows} 行）` : `（${r.rows} 行，${r.ms} ms）`].join('\n');
    return { json: { workspace: { path: target.path, name: ws.name }, query: text, columns: cols, rows, rowCount: r.rows, truncated: r.truncated, ms: r.ms }, text: text2 };
  } finally {
    await ro.close();
    await main.close();
  }
}
