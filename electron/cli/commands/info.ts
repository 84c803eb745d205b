import { tableCounts } from '../../../shared/model/catalog.js';
import type { ParsedArgs } from '../args.js';
import { onWorkspace } from './open.js';
import type { CommandResult } from '../output.js';

/** `info --workspace <dir|.hjw>`: the workspace's name and its tables with row counts. */
export async function infoCommand(args: ParsedArgs): Promise<CommandResult> {
  return onWorkspace(args, async (db, ws, target) => {
    const tables = await tableCounts(db);
    const json = {
      workspace: { path: target.path, kind: target.kind, name: ws.name },
      tables: tables.map((t) => ({ name: t.name, label: t.label, rows: t.rows })),
    };
    const width = Math.max(...tables.map((t) => t.name.length));
    const text = [
      `工作区：${ws.name}（${target.path}）`,
      ...tables.map((t) => `  ${t.name.padEnd(width)}  ${String(t.rows).padStart(9)}  ${t.label}`),
    ].join('\n');
    return { json, text };
  });
}
