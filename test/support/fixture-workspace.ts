import { WORKSPACE_SCHEMA_VERSION, type WorkspaceManifest } from '../../shared/contract/workspace.js';
import { tableDef, TABLES, type TableName } from '../../shared/model/tables.js';
import type { WorkspaceReader } from '../../shared/workspace/load.js';

type Cell = string | number | boolean | null;

function csvField(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * An in-memory workspace from rows given as objects keyed by canonical column names; missing columns are NULL.
 * Tables not given are written empty, so every fixture is a complete workspace.
 */
export function fixtureWorkspace(tables: Partial<Record<TableName, Record<string, Cell>[]>>): {
  read: WorkspaceReader;
  files: Map<string, Uint8Array>;
} {
  const files = new Map<string, Uint8Array>();
  const enc = new TextEncoder();
  const manifest: WorkspaceManifest = {
    format: 'hengjian-workspace',
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    name: '测试工作区',
    createdAt: '2026-01-01T00:00:00Z',
    tables: [],
  };
  for (const def of TABLES) {
    const rows = tables[def.name] ?? [];
    const names = tableDef(def.name).columns.map((c) => c.name);
    const lines = [names.join(','), ...rows.map((r) => names.map((n) => csvField(r[n] ?? null)).join(','))];
    const file = `tables/${def.name}.csv`;
    files.set(file, enc.encode(lines.join('\n') + '\n'));
    manifest.tables.push({ name: def.name, file, format: 'csv', rows: rows.length });
  }
  files.set('manifest.json', enc.encode(JSON.stringify(manifest)));
  const read: WorkspaceReader = async (p) => {
    const bytes = files.get(p);
    if (!bytes) throw new Error(`no such file ${p}`);
    return bytes;
  };
  return { read, files };
}
