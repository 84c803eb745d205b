/**
 * Snapshot of the loaded workspace as files: manifest.json, tables/<name>.csv in exactly the format load.ts reads,
 * and one JSON file per document (mappings, views, rules, weights). The files are then packed into one .hjw.
 */
import { HengjianError } from '../contract/errors.js';
import { workspaceManifestSchema, WORKSPACE_SCHEMA_VERSION, type DocumentEntry, type TableEntry } from '../contract/workspace.js';
import type { Connector } from '../db/connector.js';
import { quoteIdent, quoteValue } from '../db/sql.js';
import { STORED_TABLES, type StoredTable } from '../model/stored.js';
import { AUDIT_FILE, auditHead } from './audit-log.js';

/** Documents a workspace carries besides its tables; each is opaque JSON saved as `<kind>.json`. */
export const DOCUMENT_KINDS = ['mappings', 'views', 'rules', 'weights', 'maps', 'lists', 'templates'] as const;
/** The name of one workspace document. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** The documents of a workspace, each opaque JSON owned by the UI. */
export type WorkspaceDocuments = Partial<Record<DocumentKind, unknown>>;

/** What the UI knows about the workspace beyond its tables. */
export interface WorkspaceMeta extends WorkspaceDocuments {
  readonly name: string;
  readonly description?: string;
  /** Fictional demonstration data (the sample), marked as such wherever it shows. */
  readonly demo?: boolean;
  /** When the workspace was first created (kept across saves); now when omitted. */
  readonly createdAt?: string;
  /** The audit log as stored (audit.jsonl text); written with its head in the manifest when given. */
  readonly audit?: string;
}

/** The file of a canonical table inside a workspace. */
export function tableFile(name: string): string {
  return `tables/${name}.csv`;
}

/** The file of a document inside a workspace. */
export function documentFile(kind: string): string {
  return `${kind}.json`;
}

const enc = new TextEncoder();

/**
 * Write every stored table (canonical tables with provenance, the import history) and the documents to files, manifest.json first. Tables missing from the database
 * are written empty, so the snapshot is always a complete workspace. Reads the tables one COPY at a time: do not
 * run an import while saving.
 */
export async function snapshotWorkspace(db: Connector, meta: WorkspaceMeta, opts: { empty?: boolean } = {}): Promise<Map<string, Uint8Array>> {
  // `empty`: a new workspace, every table written with its header only.
  const present = opts.empty ? new Set<string>() : await existingTables(db);
  const tableFiles = new Map<string, Uint8Array>();
  const tables: TableEntry[] = [];
  for (const def of STORED_TABLES) {
    const file = tableFile(def.name);
    const { bytes, rows } = present.has(def.name) ? await exportTableCsv(db, def) : emptyCsv(def);
    tableFiles.set(file, bytes);
    tables.push({ name: def.name, file, format: 'csv', rows });
  }
  const docFiles = new Map<string, Uint8Array>();
  const documents: DocumentEntry[] = [];
  for (const kind of DOCUMENT_KINDS) {
    if (meta[kind] === undefined) continue;
    const file = documentFile(kind);
    docFiles.set(file, enc.encode(documentJson(kind, meta[kind])));
    documents.push({ kind, file, format: 'json' });
  }
  const manifest = workspaceManifestSchema.safeParse({
    format: 'hengjian-workspace',
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    name: meta.name,
    ...(meta.description === undefined ? {} : { description: meta.description }),
    ...(meta.demo ? { demo: true } : {}),
    createdAt: meta.createdAt ?? new Date().toISOString(),
    tables,
    ...(documents.length ? { documents } : {}),
    ...(meta.audit === undefined ? {} : { audit: { file: AUDIT_FILE, ...auditHead(meta.audit) } }),
  });
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    throw new HengjianError('workspace.save.meta', `无法保存工作区：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}（工作区名称须为 1–200 个字符）`.trim());
  }
  const auditFiles: [string, Uint8Array][] = meta.audit === undefined ? [] : [[AUDIT_FILE, enc.encode(meta.audit)]];
  return new Map([['manifest.json', enc.encode(JSON.stringify(manifest.data, null, 2))], ...tableFiles, ...docFiles, ...auditFiles]);
}

/** Canonical tables that exist in the connection's current schema. */
async function existingTables(db: Connector): Promise<Set<string>> {
  const r = await db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  return new Set(r.rows.map((row) => String(row.name)));
}

/**
 * One table as CSV: header = canonical columns in order, NULL as an empty field, '' as "", doubles in their
 * shortest round-trip form, DATE as YYYY-MM-DD, BOOLEAN as true/false. The output stays in DuckDB's memory.
 */
async function exportTableCsv(db: Connector, def: StoredTable): Promise<{ bytes: Uint8Array; rows: number }> {
  const name = `hjw_out_${Math.random().toString(36).slice(2, 10)}_${def.name}.csv`;
  const cols = def.columns.map((c) => quoteIdent(c.name)).join(', ');
  await db.registerFile(name, new Uint8Array(0));
  try {
    const r = await db.query(
      `COPY (SELECT ${cols} FROM ${quoteIdent(def.name)}) TO ${quoteValue(name)} ` +
        `(FORMAT csv, USE_TMP_FILE false, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '')`,
    );
    const rows = Number(r.rows[0]?.Count ?? NaN);
    const bytes = await db.copyFileToBuffer(name);
    if (!Number.isInteger(rows)) throw new Error(`COPY returned no row count`);
    return { bytes: bytes.byteLength === 0 ? emptyCsv(def).bytes : bytes, rows };
  } catch (e) {
    throw new HengjianError('workspace.save.table', `无法保存工作区表 ${def.label.zh}：${e instanceof Error ? e.message : String(e)}`, {
      table: def.name,
    });
  } finally {
    await db.dropFile(name).catch(() => undefined);
  }
}

function emptyCsv(def: StoredTable): { bytes: Uint8Array; rows: number } {
  return { bytes: enc.encode(def.columns.map((c) => c.name).join(',') + '\n'), rows: 0 };
}

function documentJson(kind: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new HengjianError('workspace.save.document', `无法保存工作区的 ${kind}：内容不能转换为 JSON（${e instanceof Error ? e.message : String(e)}）`);
  }
  if (text === undefined) throw new HengjianError('workspace.save.document', `无法保存工作区的 ${kind}：内容不能转换为 JSON。`);
  return text;
}
