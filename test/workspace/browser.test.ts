/**
 * The browser side in Debian's Chromium, on a 127.0.0.1 page: the browser connector (duckdb-wasm in its worker)
 * saving and opening a workspace, and the browser host's autosave on a real IndexedDB. The modules are bundled
 * with esbuild ('?url' imports mapped to the served duckdb-wasm files). Skips with a printed reason without Chromium.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type PluginBuild } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../shared/db/connector.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { CHROMIUM, launchChromium } from '../e2e/browser.js';
import { addEmptyStrings, dumpTables, loadFiles, trickyWorkspace } from './fixture.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '../..');
const DUCKDB_DIST = path.join(ROOT, 'node_modules/@duckdb/duckdb-wasm/dist');
const available = fs.existsSync(CHROMIUM);
if (!available) console.warn(`[browser-autosave] skipped: Chromium not found at ${CHROMIUM} (apt-get install chromium; CI installs it)`);

interface Methods {
  writeAutosave(b: Uint8Array): Promise<void>;
  readAutosave(): Promise<{ bytes: Uint8Array; savedAt: string; fromBackup: boolean } | null>;
  clearAutosave(): Promise<void>;
}
declare const hj: {
  createBrowserWorkspaceMethods(): Methods;
  roundTrip(files: Record<string, number[]>): Promise<unknown>;
  offlineRefusals(sqls: string[]): Promise<{ code: string; message: string; ms: number }[]>;
};

/** Page-side code: load the fixture, add '' cells, snapshot + pack, open into a second database, dump both. */
const PAGE_CODE = `
import { createBrowserConnector } from './renderer/db/browser-connector.ts';
import { loadWorkspace } from './shared/workspace/load.ts';
import { openPortableWorkspace, portableSnapshot } from './shared/workspace/open.ts';
import { TABLES } from './shared/model/tables.ts';
export { createBrowserWorkspaceMethods } from './renderer/host/browser-workspace.ts';
const dump = async (db) => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t.name, (await db.query('SELECT * FROM "' + t.name + '"')).rows])));
export async function roundTrip(files) {
  const a = await createBrowserConnector();
  await loadWorkspace(a, async (p) => new Uint8Array(files[p]));
  await a.query("UPDATE regions SET eval_group = '' WHERE region_code = '990101'");
  await a.query("UPDATE cadres SET ethnicity = '' WHERE cadre_id = 'C001'");
  const bytes = await portableSnapshot(a, { name: '浏览器', views: [1] });
  const b = await createBrowserConnector();
  const opened = await openPortableWorkspace(b, bytes, '浏览器.hjw');
  const result = { a: await dump(a), b: await dump(b), name: opened.manifest.name, documents: opened.documents };
  await a.close();
  await b.close();
  return JSON.parse(JSON.stringify(result));
}
export async function offlineRefusals(sqls) {
  const db = await createBrowserConnector();
  const out = [];
  for (const sql of sqls) {
    const t0 = Date.now();
    try { await db.query(sql); out.push({ code: 'ran', message: '', ms: Date.now() - t0 }); }
    catch (e) { out.push({ code: e.code ?? e.name, message: e.message, ms: Date.now() - t0 }); }
  }
  await db.close();
  return out;
}
`;

/** Vite's `import x from 'file?url'` as the URL the test server serves the file under. */
function viteUrlImports(build: PluginBuild): void {
  build.onResolve({ filter: /\?url$/ }, (a) => ({ path: `/duckdb/${path.basename(a.path.replace(/\?url$/, ''))}`, namespace: 'url' }));
  build.onLoad({ filter: /.*/, namespace: 'url' }, (a) => ({ contents: `export default ${JSON.stringify(a.path)};`, loader: 'js' }));
}

describe.skipIf(!available)('the browser side in Chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const built = await build({
      stdin: { contents: PAGE_CODE, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      format: 'iife',
      globalName: 'hj',
      platform: 'browser',
      write: false,
      logLevel: 'error',
      plugins: [{ name: 'vite-url', setup: viteUrlImports }],
    });
    const bundle = built.outputFiles[0]!.text;
    const types: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
    server = http.createServer((req, res) => {
      const served = /^\/duckdb\/([\w.-]+)$/.exec(req.url ?? '');
      if (req.url === '/hj.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      else if (served && fs.existsSync(path.join(DUCKDB_DIST, served[1]!))) {
        res.writeHead(200, { 'content-type': types[path.extname(served[1]!)] ?? 'application/octet-stream' });
        res.end(fs.readFileSync(path.join(DUCKDB_DIST, served[1]!)));
      } else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><script src="/hj.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  it('the browser connector saves and reopens a workspace exactly as the Node one does', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    const files = Object.fromEntries([...trickyWorkspace()].map(([k, v]) => [k, Array.from(v)]));
    const got = (await page.evaluate((f) => hj.roundTrip(f), files)) as {
      a: Record<string, Row[]>;
      b: Record<string, Row[]>;
      name: string;
      documents: unknown;
    };
    expect(got.name).toBe('浏览器');
    expect(got.documents).toEqual({ views: [1] });
    expect(got.b).toEqual(got.a);
    const node = await createNodeConnector();
    try {
      await loadFiles(node, trickyWorkspace());
      await addEmptyStrings(node);
      expect(got.b).toEqual(JSON.parse(JSON.stringify(await dumpTables(node))));
    } finally {
      await node.close();
    }
  });

  it('the browser connector refuses extensions fast, in Chinese, and its configuration is locked', async () => {
    const page = await (await browser.newContext()).newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(url)) outside.push(r.url());
    });
    await page.goto(url);
    const got = await page.evaluate((s) => hj.offlineRefusals(s), ['LOAD httpfs', 'INSTALL spatial', "SELECT * FROM st_read('x.shp')", 'SET autoload_known_extensions = true']);
    expect(got.map((g) => [g.code, g.message])).toEqual([
      ['engine.extension-refused', '衡鉴离线运行，不安装也不加载 DuckDB 扩展，语句被拒绝：LOAD httpfs'],
      ['engine.extension-refused', '衡鉴离线运行，不安装也不加载 DuckDB 扩展，语句被拒绝：INSTALL spatial'],
      ['engine.extension-missing', '此操作需要 DuckDB 扩展 spatial；衡鉴离线运行，扩展不会自动安装或加载，也不会联网下载'],
      ['engine.config-locked', '数据库引擎的设置已锁定（离线与安全设置），不能更改 autoload_known_extensions'],
    ]);
    for (const g of got) expect(g.ms).toBeLessThan(3_000);
    expect(outside).toEqual([]);
  });

  it('writes, replaces, survives a reload, and clears', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    const first = await page.evaluate(async () => {
      const m = hj.createBrowserWorkspaceMethods();
      const empty = await m.readAutosave();
      await m.writeAutosave(new Uint8Array([0x50, 0x4b, 3, 4, 1]));
      await m.writeAutosave(new Uint8Array([0x50, 0x4b, 3, 4, 2]));
      const r = await m.readAutosave();
      return { empty, bytes: r && Array.from(r.bytes), savedAt: r?.savedAt, fromBackup: r?.fromBackup };
    });
    expect(first).toEqual({ empty: null, bytes: [0x50, 0x4b, 3, 4, 2], savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), fromBackup: false });
    await page.reload();
    const after = await page.evaluate(async () => {
      const m = hj.createBrowserWorkspaceMethods();
      const r = await m.readAutosave();
      await m.clearAutosave();
      return { bytes: r && Array.from(r.bytes), cleared: await m.readAutosave() };
    });
    expect(after).toEqual({ bytes: [0x50, 0x4b, 3, 4, 2], cleared: null });
  });
});
