import { writing } from '../db/derived-state.js';
import { HengjianError } from '../contract/errors.js';
import { migrateManifest } from '../contract/migrate.js';
import { workspaceManifestSchema, type WorkspaceManifest } from '../contract/workspace.js';
import type { Connector } from '../db/connector.js';
import { quoteIdent, quoteValue } from '../db/sql.js';
import { createTableSql, csvColumnsSpec } from '../model/ddl.js';
import { storedTable, STORED_TABLES, type StoredTable } from '../model/stored.js';
import { tableDef, type TableName } from '../model/tables.js';
import type { BoundaryReport } from '../ingest/maps/boundary-types.js';
import type { MapsDocument } from '../ingest/pipeline/pipeline-maps.js';
import { loadManifestMap } from './load-map.js';

/** Reads a file of the workspace by its path relative to the workspace root. */
export type WorkspaceReader = (relativePath: string) => Promise<Uint8Array>;

export interface LoadedTable {
  readonly name: string;
  readonly rows: number;
}

export interface LoadedWorkspace {
  readonly manifest: WorkspaceManifest;
  readonly tables: readonly LoadedTable[];
  /** The boundaries the manifest names (`geojson`), matched to the loaded regions: a 'maps' document, and its report. */
  readonly maps?: MapsDocument;
  readonly mapReport?: BoundaryReport;
}

/** Parse, migrate and check a manifest; a damaged or newer one is a clear error, never a crash. */
export function parseManifest(bytes: Uint8Array): WorkspaceManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HengjianError('workspace.manifest.unreadable', '工作区清单（manifest.json）无法解析：文件已损坏或不是衡鉴工作区。');
  }
  const parsed = workspaceManifestSchema.safeParse(migrateManifest(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HengjianError('workspace.manifest.invalid', `工作区清单不合规：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const seen = new Set<string>();
  for (const t of parsed.data.tables) {
    if (seen.has(t.name)) throw new HengjianError('workspace.manifest.invalid', `工作区清单不合规：表 ${t.name} 出现了两次。`);
    seen.add(t.name);
  }
  return parsed.data;
}

/** Every file loadWorkspace reads besides the manifest (its tables and boundaries), so a caller can fetch them ahead. */
export function manifestFiles(manifest: WorkspaceManifest): string[] {
  const tables = manifest.tables.filter((t) => storedTable(t.name) !== undefined).map((t) => t.file);
  return manifest.geojson === undefined ? tables : [...tables, manifest.geojson];
}

/** Where loadWorkspace puts the tables: `prefix + name` (default: the canonical names themselves). */
export interface LoadOptions {
  readonly tablePrefix?: string;
}

/**
 * Load a workspace into DuckDB: every canonical table is created (empty when the workspace lacks it), then
 * filled from its CSV with explicit column types, and the row count is checked against the manifest.
 * With a `tablePrefix` the tables land beside the current ones (see openWorkspaceInto, which swaps them in).
 * A manifest that names a GeoJSON file brings it as `maps`, matched to the regions just loaded.
 */
export function loadWorkspace(db: Connector, read: WorkspaceReader, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  return writing(db, () => loadWorkspaceNow(db, read, options));
}

async function loadWorkspaceNow(db: Connector, read: WorkspaceReader, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const prefix = options.tablePrefix ?? '';
  const manifest = parseManifest(await read('manifest.json'));
  // One statement list, one round trip to the engine (a worker in the app) instead of one per table.
  await db.query(STORED_TABLES.map((def) => createTableSql(def, prefix + def.name)).join(';\n'));
  const loaded: LoadedTable[] = [];
  const fileTag = Math.random().toString(36).slice(2, 10);
  for (const entry of manifest.tables) {
    const def = storedTable(entry.name);
    if (!def) continue; // tables of later versions are kept in the file, not loaded
    const target = quoteIdent(prefix + def.name);
    const bytes = await read(entry.file);
    // Workspaces written before provenance was kept have the canonical columns only: their rows have no source.
    const columns = checkHeader(bytes, def, entry.file);
    const fileName = `ws_${fileTag}_${entry.name}.csv`;
    await db.registerFile(fileName, bytes);
    let rows: number;
    try {
      // allow_quoted_nulls = false: an empty string is written as "" and must come back as '', not NULL.
      // The INSERT answers with the number of rows it wrote (its Count column), the table being new.
      const inserted = await db.query(
        `INSERT INTO ${target} (${columns.columns.map((c) => quoteIdent(c.name)).join(', ')}) SELECT * FROM read_csv(${quoteValue(fileName)}, header = true, auto_detect = false, ` +
          `delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, columns = ${csvColumnsSpec(columns)})`,
      );
      rows = Number(inserted.rows[0]?.Count ?? NaN);
    } catch (e) {
      throw new HengjianError('workspace.table.unreadable', `工作区表 ${def.label.zh}（${entry.file}）无法读取：文件可能已损坏。（${errorText(e)}）`, {
        file: entry.file,
      });
    } finally {
      await db.dropFile(fileName);
    }
    if (rows !== entry.rows) {
      throw new HengjianError('workspace.table.count', `工作区表 ${def.label.zh}（${entry.file}）应有 ${entry.rows} 行，实际读到 ${rows} 行：文件可能已损坏。`, {
        file: entry.file,
      });
    }
    loaded.push({ name: entry.name, rows });
  }
  const map = await loadManifestMap(db, read, manifest, prefix);
  return { manifest, tables: loaded, ...(map ? { maps: map.maps, mapReport: map.report } : {}) };
}

/**
 * The first line of a workspace CSV must list the table's columns in order (for a canonical table, the canonical
 * columns alone are accepted too: files saved before provenance was kept); otherwise the file is not ours.
 * Returns the columns the file holds.
 */
function checkHeader(bytes: Uint8Array, def: StoredTable, file: string): { columns: StoredTable['columns'] } {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const expected = def.columns.map((c) => c.name);
  if (firstLine === expected.join(',')) return def;
  // A file written before a column was added (appointments.post_level) or before provenance was kept: its columns
  // are a subset of today's, in today's order, with every required column; the columns it lacks load as NULL.
  const names = firstLine.split(',');
  const known = names.map((n) => def.columns.find((c) => c.name === n));
  const legacy = def.canonical && def.name === def.canonical ? tableDef(def.canonical as TableName) : null;
  const required = (legacy ?? def).columns.filter((c) => 'required' in c && c.required).map((c) => c.name);
  const ordered = known.every((c, i) => c !== undefined && (i === 0 || expected.indexOf(c.name) > expected.indexOf(names[i - 1] as string)));
  if (names.length > 0 && ordered && required.every((r) => names.includes(r))) return { columns: known as StoredTable['columns'] };
  throw new HengjianError('workspace.table.header', `工作区文件 ${file} 的表头与预期不符：应为「${expected.join(',')}」，实际为「${firstLine.slice(0, 200)}」。`, {
    file,
    row: 1,
  });
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 300);
}
