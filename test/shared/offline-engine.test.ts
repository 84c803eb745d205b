/**
 * The engine never installs or loads a DuckDB extension and its configuration is locked once applied: on every
 * connector the app ships (connectorFactories; the browser connector in test/workspace/browser.test.ts) and on
 * native DuckDB (@duckdb/node-api, the benches' engine) opened with the same statements.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { HengjianError } from '../../shared/contract/errors.js';
import { OPEN_STATEMENTS } from '../../shared/db/connector.js';
import { extensionStatement, offlineEngineError } from '../../shared/db/offline-engine.js';
import { connectorFactories } from '../support/connectors.js';

/** Fails fast: a refused statement must not wait on a download (LOAD in duckdb-wasm otherwise waits on DNS). */
const FAST_MS = 3_000;

async function failure(run: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const t0 = Date.now();
  try {
    await run();
  } catch (error) {
    return { error, ms: Date.now() - t0 };
  }
  throw new Error('expected a failure');
}

describe('extensionStatement', () => {
  it.each([
    ['LOAD httpfs', 'LOAD httpfs'],
    ['  install spatial', 'install spatial'],
    ['FORCE INSTALL httpfs FROM core', 'FORCE INSTALL httpfs FROM core'],
    ['SELECT 1; LOAD json', 'LOAD json'],
    ['-- comment\nLOAD httpfs', '-- comment\nLOAD httpfs'],
    ['UPDATE EXTENSIONS', 'UPDATE EXTENSIONS'],
  ])('%j is an extension statement', (sql, stmt) => {
    expect(extensionStatement(sql)).toBe(stmt);
  });
  it.each([
    "SELECT 'LOAD httpfs'",
    'SELECT 1 AS "load"',
    "SELECT * FROM query('INSTALL httpfs')",
    'UPDATE regions SET name = 1',
    '/* LOAD x; */ SELECT 1',
    'SELECT loaded FROM duckdb_extensions()',
  ])('%j is not', (sql) => {
    expect(extensionStatement(sql)).toBeNull();
  });
});

describe('offlineEngineError', () => {
  it('maps the missing-extension, refused-load and locked messages, and nothing else', () => {
    const missing = offlineEngineError(new Error('Catalog Error: Table Function with name "st_read" is not in the catalog, but it exists in the spatial extension.'));
    expect(missing?.code).toBe('engine.extension-missing');
    expect(missing?.message).toBe('此操作需要 DuckDB 扩展 spatial；衡鉴离线运行，扩展不会自动安装或加载，也不会联网下载');
    expect(offlineEngineError(new Error('Missing Extension Error: File https://a/b.csv requires the extension httpfs to be loaded'))?.detail.extension).toBe('httpfs');
    expect(offlineEngineError(new Error('Invalid Input Error: Cannot change configuration option "threads" - the configuration has been locked'))?.message).toBe(
      '数据库引擎的设置已锁定（离线与安全设置），不能更改 threads',
    );
    expect(offlineEngineError(new Error('Binder Error: Referenced column "x" not found'))).toBeNull();
  });
});

for (const factory of connectorFactories) {
  describe(`offline engine on ${factory.name}`, () => {
    it('has autoinstall and autoload off and the configuration locked', async () => {
      const db = await factory.create();
      try {
        const r = await db.query(
          "SELECT name, value FROM duckdb_settings() WHERE name IN ('autoinstall_known_extensions', 'autoload_known_extensions', 'allow_community_extensions', 'lock_configuration') ORDER BY name",
        );
        expect(r.rows).toEqual([
          { name: 'allow_community_extensions', value: 'false' },
          { name: 'autoinstall_known_extensions', value: 'false' },
          { name: 'autoload_known_extensions', value: 'false' },
          { name: 'lock_configuration', value: 'true' },
        ]);
        const set = await failure(() => db.query('SET autoinstall_known_extensions = true'));
        expect((set.error as HengjianError).code).toBe('engine.config-locked');
        expect((set.error as Error).message).toContain('设置已锁定');
        expect((await db.query("SELECT current_setting('autoinstall_known_extensions') AS v")).rows).toEqual([{ v: false }]);
      } finally {
        await db.close();
      }
    });

    it.each([
      ['a function of an extension not built in', "SELECT * FROM st_read('x.shp')", 'engine.extension-missing', '需要 DuckDB 扩展 spatial'],
      ['JSON, not built into duckdb-wasm', "SELECT * FROM read_json('x.json')", 'engine.extension-missing', '需要 DuckDB 扩展 json'],
      ['LOAD', 'LOAD httpfs', 'engine.extension-refused', '语句被拒绝：LOAD httpfs'],
      ['INSTALL', 'INSTALL httpfs', 'engine.extension-refused', '语句被拒绝：INSTALL httpfs'],
      ['LOAD after a query', 'SELECT 1; LOAD spatial', 'engine.extension-refused', '语句被拒绝：LOAD spatial'],
    ])('%s fails fast with a Chinese error', async (_what, sql, code, text) => {
      const db = await factory.create();
      try {
        const { error, ms } = await failure(() => db.query(sql));
        expect(error).toBeInstanceOf(HengjianError);
        expect((error as HengjianError).code).toBe(code);
        expect((error as Error).message).toContain(text);
        expect(ms).toBeLessThan(FAST_MS);
        // Refused the same way by the column reader.
        await expect(db.queryColumns(sql)).rejects.toThrow(text);
      } finally {
        await db.close();
      }
    });
  });
}

describe('out of memory', () => {
  it('maps DuckDB running out of its memory to a Chinese message that says nothing was changed', async () => {
    // Provoked for real: native DuckDB under a 32 MB limit, with nowhere to spill, sorting 20M rows.
    const inst = await DuckDBInstance.create(':memory:', { memory_limit: '32MB', temp_directory: '', threads: '1' });
    const conn = await inst.connect();
    try {
      const oom = await failure(() => conn.run('SELECT * FROM (SELECT range AS x, md5(range::VARCHAR) AS h FROM range(20000000)) ORDER BY h'));
      const mapped = offlineEngineError(oom.error);
      expect(mapped?.code, String(oom.error)).toBe('engine.out-of-memory');
      expect(mapped?.message).toContain('数据库引擎内存不足');
      expect(mapped?.message).toContain('已导入的数据和工作区没有改动');
      expect(String(mapped?.detail.duckdb)).toMatch(/Out of Memory/i);
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
    expect(offlineEngineError(new Error('Out of Memory Error: failed to allocate data of size 16.0 MiB (9.5 MiB/9.5 MiB used)'))?.code).toBe('engine.out-of-memory');
  });
});

describe('native DuckDB (@duckdb/node-api) opened with the same statements', () => {
  it('refuses to change settings after the lock and names the extension a query needs', async () => {
    const inst = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const conn = await inst.connect();
    try {
      for (const s of OPEN_STATEMENTS) await conn.run(s);
      const set = await failure(() => conn.run('SET autoinstall_known_extensions = true'));
      expect(offlineEngineError(set.error)?.code).toBe('engine.config-locked');
      // httpfs is not built into native DuckDB: an https URL needs it, and with autoinstall off it is not fetched.
      const https = await failure(() => conn.run("SELECT * FROM read_csv('https://example.invalid/x.csv')"));
      expect(https.ms).toBeLessThan(FAST_MS);
      expect(offlineEngineError(https.error)?.message).toBe('此操作需要 DuckDB 扩展 httpfs；衡鉴离线运行，扩展不会自动安装或加载，也不会联网下载');
      const spatial = await failure(() => conn.run("SELECT * FROM st_read('x.shp')"));
      expect(offlineEngineError(spatial.error)?.detail.extension).toBe('spatial');
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });
});
