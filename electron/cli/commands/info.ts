import path from 'node:path';
import { tableCounts } from '../../../shared/analytics/catalog.js';
import { loadWorkspace } from '../../../shared/workspace/load.js';
import { createNodeConnector } from '../../node/duckdb-node.js';
import { workspaceDirReader } from '../../node/workspace-dir.js';
import { requireFlag, type ParsedArgs } from '../args.js';
import type { CommandResult } from '../output.js';

/** `info --workspace <dir>`: the workspace's name and its tables with row counts. */
export async function infoCommand(args: ParsedArgs): Promise<CommandResult> {
  const dir = requireFlag(args, 'workspace');
  const db = await createNodeConnector();
  try {
    const ws = await loadWorkspace(db, workspaceDirReader(dir));
    const tables = await tableCounts(db);
    const json = {
      workspace: { path: path.resolve(dir), name: ws.manifest.name, schemaVersion: ws.manifest.schemaVersion },
      tables: tables.map((t) => ({ name: t.name, label: t.label, rows: t.rows })),
    };
    const width = Math.max(...tables.map((t) => t.name.length));
    const text = [
      `工作区：${ws.manifest.name}（${path.resolve(dir)}）`,
      ...tables.map((t) => `  ${t.name.padEnd(width)}  ${String(t.rows).padStart(9)}  ${t.label}`),
    ].join('\n');
    return { json, text };
  } finally {
    await db.close();
  }
}
