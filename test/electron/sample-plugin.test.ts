import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build, createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleWorkspacePlugin } from '../../electron/dev/sample-plugin.js';

let tmp: string;
let sample: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-sample-'));
  sample = path.join(tmp, 'sample');
  fs.mkdirSync(path.join(tmp, 'app'));
  fs.writeFileSync(path.join(tmp, 'app', 'index.html'), '<!doctype html><title>t</title><p>t</p>');
  fs.mkdirSync(path.join(sample, 'tables'), { recursive: true });
  fs.writeFileSync(path.join(sample, 'manifest.json'), '{"format":"hengjian-workspace"}');
  fs.writeFileSync(path.join(sample, 'tables', '考核.csv'), '地区,得分\n');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function buildWith(dir: string, outDir: string): Promise<string[]> {
  const warnings: string[] = [];
  await build({
    root: path.join(tmp, 'app'),
    configFile: false,
    logLevel: 'silent',
    plugins: [sampleWorkspacePlugin({ dir })],
    build: { outDir, emptyOutDir: true, rollupOptions: { onwarn: (w) => void warnings.push(w.message) } },
  });
  return warnings;
}

/** GET a path exactly as written (no URL normalisation). */
function rawStatus(rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/`, { path: rawPath }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
let base: string;

describe('sampleWorkspacePlugin', () => {
  it('copies data/sample into the build under sample/', async () => {
    const out = path.join(tmp, 'out');
    await buildWith(sample, out);
    expect(fs.readFileSync(path.join(out, 'sample', 'manifest.json'), 'utf8')).toContain('hengjian-workspace');
    expect(fs.readFileSync(path.join(out, 'sample', 'tables', '考核.csv'), 'utf8')).toBe('地区,得分\n');
  }, 60_000);

  it('emits nothing and warns when the sample is missing', async () => {
    const out = path.join(tmp, 'out-missing');
    const warnings = await buildWith(path.join(tmp, 'nope'), out);
    expect(fs.existsSync(path.join(out, 'sample'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(warnings.join('\n')).toMatch(/sample workspace not found/);
  }, 60_000);

  describe('dev server', () => {
    let server: ViteDevServer;
    beforeAll(async () => {
      server = await createServer({
        root: path.join(tmp, 'app'),
        configFile: false,
        logLevel: 'silent',
        plugins: [sampleWorkspacePlugin({ dir: sample })],
        server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
      });
      await server.listen();
      const address = server.httpServer?.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }, 60_000);
    afterAll(() => server?.close());

    it('serves sample files with their MIME type', async () => {
      const r = await fetch(`${base}/sample/tables/${encodeURIComponent('考核.csv')}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(await r.text()).toBe('地区,得分\n');
    });

    it('refuses traversal and answers 404 for missing files', async () => {
      expect((await fetch(`${base}/sample/..%2f..%2fapp%2findex.html`)).status).toBe(403);
      // fetch() would fold '..' before sending; a raw request sends the path as written.
      for (const raw of ['/sample/../../app/index.html', '/sample/%2e%2e/%2e%2e/app/index.html', '/sample/..\\x']) {
        expect(await rawStatus(raw), raw).toBe(403);
      }
      expect((await fetch(`${base}/sample/missing.csv`)).status).toBe(404);
    });
  });
});
