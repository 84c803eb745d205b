/**
 * Upgrades of manifest.json, one step per schema version, so a workspace saved by any earlier 衡鉴 still opens.
 * Each step takes the JSON of version n and returns the JSON of version n + 1; the result is validated by the
 * caller against the current schema, so a step only moves and renames fields and never has to be defensive.
 */
import { HengjianError } from './errors.js';
import { WORKSPACE_SCHEMA_VERSION } from './workspace.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 0 is the draft layout of the pre-release builds: `version` instead of `schemaVersion`, `title` and
 * `created` instead of `name` and `createdAt`, and tables as an object keyed by table name. No released build
 * writes it; it keeps the migration chain exercised from day one.
 */
function v0ToV1(m: Json): Json {
  const { version: _version, title, created, tables, ...rest } = m;
  const list = isObject(tables)
    ? Object.entries(tables).map(([name, t]) => ({ name, format: 'csv', ...(isObject(t) ? t : {}) }))
    : tables;
  return { ...rest, schemaVersion: 1, name: title, createdAt: created, tables: list };
}

/**
 * Version 2 keeps each row's provenance (src_id, src_row) in the canonical tables and adds the import history
 * (import_batches, import_sources, hist_*). The manifest itself is unchanged: a version-1 table file has the
 * canonical columns only and loads with no provenance, and the history tables start empty.
 */
function v1ToV2(m: Json): Json {
  return { ...m, schemaVersion: 2 };
}

/** MIGRATIONS[n] upgrades version n to n + 1; its length must be WORKSPACE_SCHEMA_VERSION. */
const MIGRATIONS: readonly ((m: Json) => Json)[] = [v0ToV1, v1ToV2];

/** The schema version a manifest declares, or null when it declares none. */
export function manifestVersion(json: unknown): number | null {
  if (!isObject(json)) return null;
  const v = 'schemaVersion' in json ? json.schemaVersion : json.version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/** Upgrade a parsed manifest.json of any supported version to the current one; a newer one is refused in Chinese. */
export function migrateManifest(json: unknown): unknown {
  if (!isObject(json) || json.format !== 'hengjian-workspace') {
    throw new HengjianError('workspace.manifest.invalid', '工作区清单（manifest.json）不是衡鉴工作区的清单。');
  }
  const version = manifestVersion(json);
  if (version === null) {
    throw new HengjianError('workspace.manifest.invalid', '工作区清单缺少有效的格式版本号（schemaVersion）。');
  }
  if (version > WORKSPACE_SCHEMA_VERSION) {
    throw new HengjianError(
      'workspace.manifest.newer',
      `该工作区由更新版本的衡鉴保存（格式版本 ${version}），当前版本只支持到 ${WORKSPACE_SCHEMA_VERSION}，请升级后再打开。`,
      { version },
    );
  }
  let m: Json = json;
  for (let v = version; v < WORKSPACE_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from workspace version ${v}`);
    m = step(m);
  }
  return m;
}

/** Exposed for the test that every version below the current one has a step. */
export const MIGRATION_COUNT = MIGRATIONS.length;
