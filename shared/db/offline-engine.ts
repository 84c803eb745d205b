/**
 * The engine stays offline: DuckDB extensions are never installed or loaded. The settings (autoinstall and
 * autoload off, then the configuration locked) are in connector.ts; this module is the rest:
 * - INSTALL, FORCE INSTALL, LOAD and UPDATE EXTENSIONS are refused before they reach the engine (duckdb-wasm's LOAD
 *   looks the extension up on extensions.duckdb.org, a DNS query and a request, whatever the settings say);
 * - DuckDB's errors about a missing extension, a refused load or the locked configuration become Chinese errors
 *   that say why (衡鉴 runs offline), instead of DuckDB's advice to install the extension.
 */
import { HengjianError } from '../contract/errors.js';
import type { Connector } from './connector.js';
import { cancelledError, crashedError, isEngineCrash } from './query-gate.js';

/** The text of `sql` with comments, string literals and quoted identifiers blanked out (same length). */
function codeOnly(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'?|"(?:[^"]|"")*"?/g, (m) => ' '.repeat(m.length));
}

const EXTENSION_STATEMENT = /^\s*(?:FORCE\s+INSTALL|INSTALL|LOAD|UPDATE\s+EXTENSIONS)\b/i;

/** The first statement of `sql` that installs, loads or updates an extension, or null. */
export function extensionStatement(sql: string): string | null {
  const code = codeOnly(sql);
  let start = 0;
  for (const part of code.split(';')) {
    if (EXTENSION_STATEMENT.test(part)) return sql.slice(start, start + part.length).trim();
    start += part.length + 1;
  }
  return null;
}

/** Throw the refusal when `sql` would install or load an extension. */
export function refuseExtensionStatements(sql: string): void {
  const stmt = extensionStatement(sql);
  if (stmt === null) return;
  throw new HengjianError('engine.extension-refused', `衡鉴离线运行，不安装也不加载 DuckDB 扩展，语句被拒绝：${stmt.slice(0, 80)}`, { statement: stmt.slice(0, 200) });
}

/** DuckDB's error text as a Chinese HengjianError when it is about extensions, the locked configuration, memory or a crashed engine. */
export function offlineEngineError(e: unknown): HengjianError | null {
  if (e instanceof HengjianError) return null;
  const m = e instanceof Error ? e.message : String(e);
  const ext = /exists in the (\w+) extension|requires the extension (\w+)|Extension "(\w+)" is an existing extension/.exec(m);
  if (ext) {
    const name = ext[1] ?? ext[2] ?? ext[3] ?? '';
    return new HengjianError('engine.extension-missing', `此操作需要 DuckDB 扩展 ${name}；衡鉴离线运行，扩展不会自动安装或加载，也不会联网下载`, { extension: name, duckdb: m.slice(0, 300) });
  }
  if (/Loading external extensions is disabled/i.test(m)) {
    return new HengjianError('engine.extension-refused', '衡鉴离线运行，不安装也不加载 DuckDB 扩展', { duckdb: m.slice(0, 300) });
  }
  const locked = /Cannot change configuration option "(\w+)" - the configuration has been locked/.exec(m);
  if (locked) {
    return new HengjianError('engine.config-locked', `数据库引擎的设置已锁定（离线与安全设置），不能更改 ${locked[1] ?? ''}`, { option: locked[1] ?? '', duckdb: m.slice(0, 300) });
  }
  // A WebAssembly trap leaves the engine unusable: not "nothing changed, retry" but "restart the engine".
  if (isEngineCrash(e)) return crashedError(e);
  if (/Out of Memory Error|failed to allocate|could not allocate/i.test(m)) {
    return new HengjianError(
      'engine.out-of-memory',
      '数据库引擎内存不足（duckdb-wasm 的上限约 3 GiB），此操作未能完成。已导入的数据和工作区没有改动；请缩小范围（更少的指标、期间或地区）后重试，或保存工作区后重新打开。',
      { duckdb: m.slice(0, 300) },
    );
  }
  return null;
}

/** Run `f`; its DuckDB error, if about extensions, the lock or memory, comes back as offlineEngineError's. */
async function mapped<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw offlineEngineError(e) ?? e;
  }
}

/**
 * `db` with extension statements refused and the offline errors mapped (both connectors wrap themselves in it); a
 * statement whose signal has aborted is not started (engine.cancelled).
 */
export function offlineConnector(db: Connector): Connector {
  return {
    async query(sql, options) {
      refuseExtensionStatements(sql);
      if (options?.signal?.aborted) throw cancelledError();
      return mapped(() => db.query(sql, options));
    },
    async queryColumns(sql, options) {
      refuseExtensionStatements(sql);
      if (options?.signal?.aborted) throw cancelledError();
      return mapped(() => db.queryColumns(sql, options));
    },
    registerFile: (name, bytes) => db.registerFile(name, bytes),
    dropFile: (name) => db.dropFile(name),
    copyFileToBuffer: (name) => db.copyFileToBuffer(name),
    cancel: () => db.cancel(),
    close: () => db.close(),
  };
}
