/**
 * The app:// protocol's CSP on worker scripts, in Debian's Chromium: requests to a fake origin are fulfilled with the
 * bytes and the headers `responseHeaders` gives (what protocol.ts sends), so a dedicated worker runs under
 * WORKER_CONTENT_SECURITY_POLICY. A probe worker shows the policy is enforced (no eval, no outside fetch); DuckDB's
 * own worker still instantiates its WebAssembly and answers a query under it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseHeaders, WORKER_CONTENT_SECURITY_POLICY } from '../../electron/main/app-protocol-core.js';
import { CHROMIUM, launchChromium } from '../support/chromium.js';

// eslint-disable-next-line no-restricted-syntax -- a name that never resolves: every request is fulfilled by the route
const ORIGIN = 'http://hengjian.invalid';
const duckdb = path.resolve(import.meta.dirname, '../../node_modules/@duckdb/duckdb-wasm/dist');
const PROBE = `
const out = {};
try { out.evalResult = new Function('return 1')(); } catch (e) { out.evalError = String(e.name); }
fetch('http://elsewhere.invalid/x').then(() => { out.fetch = 'allowed'; }, (e) => { out.fetch = 'blocked'; })
  .then(() => postMessage(out));`;
const files: Record<string, () => Buffer> = {
  '/index.html': () => Buffer.from('<!doctype html><title>csp</title>'),
  '/probe.js': () => Buffer.from(PROBE),
  '/duckdb-browser-eh.worker.js': () => readFileSync(path.join(duckdb, 'duckdb-browser-eh.worker.js')),
  '/duckdb-eh.wasm': () => readFileSync(path.join(duckdb, 'duckdb-eh.wasm')),
};

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : null;
if (skip) console.log(`worker-csp tests skipped: ${skip}`);

describe.skipIf(skip !== null)('worker scripts run under the app CSP (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  const open = async () => {
    const context = await browser.newContext();
    const violations: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
      if (!file) return route.abort('blockedbyclient');
      return route.fulfill({ status: 200, headers: responseHeaders(url.pathname), body: file() });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${ORIGIN}/index.html`);
    return { page, violations, close: () => context.close() };
  };

  it('enforces the policy in a worker served with it: no eval, no request outside', async () => {
    expect(responseHeaders('probe.js')['Content-Security-Policy']).toBe(WORKER_CONTENT_SECURITY_POLICY);
    const { page, close } = await open();
    const out = await page.evaluate(
      () => new Promise((resolve) => (new Worker('/probe.js').onmessage = (e: MessageEvent) => resolve(e.data))),
    );
    expect(out).toEqual({ evalError: 'EvalError', fetch: 'blocked' });
    await close();
  }, 60_000);

  it("DuckDB's worker instantiates its wasm and answers a query under it", async () => {
    const { page, violations, close } = await open();
    const answer = await page.evaluate(async () => {
      const worker = new Worker('/duckdb-browser-eh.worker.js');
      let id = 0;
      const call = (type: string, data: unknown) =>
        new Promise<{ type: string; data: unknown }>((resolve) => {
          const messageId = ++id;
          const listen = (e: MessageEvent) => {
            if (e.data?.requestId !== messageId || e.data.type === 'INSTANTIATE_PROGRESS') return;
            worker.removeEventListener('message', listen);
            resolve({ type: e.data.type, data: e.data.data });
          };
          worker.addEventListener('message', listen);
          worker.postMessage({ messageId, type, data });
        });
      const steps: string[] = [];
      const inst = await call('INSTANTIATE', ['/duckdb-eh.wasm', null]);
      steps.push(inst.type);
      steps.push((await call('OPEN', {})).type);
      const conn = await call('CONNECT', null);
      steps.push(conn.type);
      const q = await call('RUN_QUERY', [conn.data, "SELECT 6 * 7 AS answer, '衡鉴' AS name"]);
      steps.push(q.type);
      const bytes = q.data instanceof Uint8Array ? q.data : new Uint8Array(0);
      // What the app does with an imported file: register its bytes, read it as CSV, write a file, copy it out.
      const csv = new TextEncoder().encode('县,得分\n甲县,90.5\n乙县,70\n');
      steps.push((await call('REGISTER_FILE_BUFFER', ['in.csv', csv])).type);
      const sum = await call('RUN_QUERY', [conn.data, "SELECT sum(得分) * 10 AS total FROM read_csv('in.csv', header = true)"]);
      steps.push(sum.type);
      const copied = await call('RUN_QUERY', [conn.data, "COPY (SELECT 县, 得分 * 2 AS 双倍 FROM read_csv('in.csv', header = true) ORDER BY 县) TO 'out.csv' (HEADER, DELIMITER ',')"]);
      steps.push(copied.type === 'ERROR' ? `ERROR ${JSON.stringify(copied.data)}` : copied.type);
      const out = await call('COPY_FILE_TO_BUFFER', 'out.csv');
      steps.push(out.type);
      const written = out.data instanceof Uint8Array ? new TextDecoder().decode(out.data) : '';
      return { steps, size: bytes.byteLength, text: new TextDecoder().decode(bytes), written };
    });
    expect(answer.steps).toEqual(['OK', 'OK', 'CONNECTION_INFO', 'QUERY_RESULT', 'OK', 'QUERY_RESULT', 'QUERY_RESULT', 'FILE_BUFFER']);
    expect(answer.text).toContain('answer');
    expect(answer.text).toContain('衡鉴');
    // 得分 is read as DOUBLE (90.5): 甲县 90.5 × 2 = 181.0, 乙县 70 × 2 = 140.0; 乙 (U+4E59) sorts before 甲 (U+7532).
    expect(answer.written.trim().split('\n')).toEqual(['县,双倍', '乙县,140.0', '甲县,181.0']);
    expect(violations).toEqual([]);
    await close();
  }, 90_000);
});
