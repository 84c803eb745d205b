/**
 * The app's engine connector (renderer/db/browser-connector.ts) in Chromium, on the real duckdb-wasm worker: a long
 * statement is cancelled and the engine goes on; a statement that exhausts the wasm heap (a trap, as a huge query at
 * 24M rows can) ends in engine.crashed, reported once, and every later statement fails at once with the same clear
 * error instead of wasm's words or a hang. The module is loaded from a Vite dev server of the renderer, so the
 * connector under test is the app's own code, with its gate (shared/db/query-gate.ts) and its worker and wasm.
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from './browser.js';
import type { createBrowserConnector as CreateBrowserConnector } from '../../renderer/db/browser-connector.js';

interface Outcome {
  readonly cancelAccepted: boolean;
  readonly longError: { code?: string; message: string } | null;
  readonly queuedAnswer: number | null;
  readonly msFromCancelToEnd: number;
  readonly busyEvents: number;
  readonly afterCancel: number;
  readonly trapError: { code?: string; message: string } | null;
  readonly crashes: string[];
  readonly laterError: { code?: string; message: string } | null;
  readonly msLaterError: number;
  readonly cancelAfterCrash: boolean;
}

describe('engine: cancel a long statement; a crashed engine says so', () => {
  let vite: ViteDevServer;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    // A blank page on the dev server's origin that imports the connector module (a plugin's middleware runs before
    // Vite's own, which would answer with the app's index.html).
    const page = {
      name: 'engine-test-page',
      configureServer(server: ViteDevServer) {
        server.middlewares.use('/__engine-test', (_req, res) => {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(
            '<!doctype html><meta charset="utf-8"><title>engine</title><script type="module">' +
              "import { createBrowserConnector } from '/db/browser-connector.ts'; window.createBrowserConnector = createBrowserConnector;" +
              '</script>',
          );
        });
      },
    };
    vite = await createServer({ configFile: 'vite.config.ts', logLevel: 'error', plugins: [page], server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false } });
    await vite.listen();
    const address = (vite.httpServer as Server).address();
    if (!address || typeof address === 'string') throw new Error('the dev server has no port');
    url = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await vite?.close();
  });

  it('cancels the running statement (the one queued behind it runs), and turns a wasm trap into engine.crashed', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/__engine-test`);
    await page.waitForFunction(() => 'createBrowserConnector' in window, undefined, { timeout: 120_000 });
    const outcome = await page.evaluate(async (): Promise<Outcome> => {
      const { createBrowserConnector } = window as unknown as { createBrowserConnector: typeof CreateBrowserConnector };
      const crashes: string[] = [];
      let busyEvents = 0;
      const db = await createBrowserConnector({}, { onBusy: () => void busyEvents++, onCrash: (e) => void crashes.push(e.code) });
      const err = (e: unknown) => ({ code: (e as { code?: string }).code, message: String((e as Error).message) });
      await db.query('CREATE TABLE t AS SELECT range AS i FROM range(3000000)');
      // 200,000 × 3,000 matching pairs: many seconds of work on one thread.
      const long = db.query('SELECT count(*) AS n FROM t a JOIN t b ON a.i % 1000 = b.i % 1000 WHERE a.i < 200000', { cancellable: true }).then(
        () => null,
        err,
      );
      const queued = db.query('SELECT 42 AS x'); // asked after the cancellable statement: waits for it, then runs
      await new Promise((r) => setTimeout(r, 800));
      const asked = performance.now();
      const cancelAccepted = await db.cancel();
      const longError = await long;
      const msFromCancelToEnd = performance.now() - asked;
      const queuedAnswer = Number((await queued).rows[0]?.x ?? null);
      const afterCancel = Number((await db.query('SELECT count(*) AS n FROM t')).rows[0]?.n);
      // A string of 2.2 billion characters exhausts the wasm heap: a trap, after which duckdb-wasm cannot run anything.
      const trapError = await db.query("SELECT length(repeat('x', 2200000000)) AS n").then(() => null, err);
      const t = performance.now();
      const laterError = await db.query('SELECT 1 AS one').then(() => null, err);
      const msLaterError = performance.now() - t;
      const cancelAfterCrash = await db.cancel();
      return { cancelAccepted, longError, queuedAnswer, msFromCancelToEnd, busyEvents, afterCancel, trapError, crashes, laterError, msLaterError, cancelAfterCrash };
    });
    console.log(`engine-cancel: cancel ended the statement ${outcome.msFromCancelToEnd.toFixed(0)} ms after it was asked; the later statement failed in ${outcome.msLaterError.toFixed(1)} ms`);
    expect(outcome.cancelAccepted).toBe(true);
    expect(outcome.longError?.code).toBe('engine.cancelled');
    expect(outcome.longError?.message).toContain('计算已取消');
    expect(outcome.queuedAnswer).toBe(42);
    expect(outcome.afterCancel).toBe(3_000_000);
    expect(outcome.busyEvents).toBe(2); // the cancellable statement's start and end, and no other
    expect(outcome.trapError?.code).toBe('engine.crashed');
    expect(outcome.trapError?.message).toContain('数据库引擎已停止运行');
    expect(outcome.crashes).toEqual(['engine.crashed']);
    expect(outcome.laterError?.code).toBe('engine.crashed');
    expect(outcome.cancelAfterCrash).toBe(false);
    await page.close();
  });

  it('in the app: a long cancellable statement shows 正在计算 with 取消计算, which stops it; a crash shows the restart, which recovers', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${url}/`);
    await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 120_000 });
    // The app's own modules, as the dev server serves them to the page (the same instances the app runs on).
    // (A string, so that the test runner does not rewrite its import(); DevTools' evaluation is not subject to the CSP.)
    await page.evaluate("import('/state/store.ts').then((m) => { window.appStore = m.useAppStore; })");
    await page.waitForFunction(() => 'appStore' in window);
    // A long statement on the app's engine, as a view at national scale would run.
    await page.evaluate(() => {
      const store = (window as unknown as { appStore: { getState(): { engine: { db: { query(s: string, o?: { cancellable?: boolean }): Promise<unknown> } } } } }).appStore;
      const db = store.getState().engine.db;
      const w = window as unknown as Record<string, unknown>;
      w.longOutcome = 'running';
      void db
        .query('CREATE OR REPLACE TEMP TABLE e2e_t AS SELECT range AS i FROM range(3000000)')
        .then(() => db.query('SELECT count(*) FROM e2e_t a JOIN e2e_t b ON a.i % 1000 = b.i % 1000 WHERE a.i < 300000', { cancellable: true }))
        .then(
          () => (w.longOutcome = 'finished'),
          (e: { code?: string }) => (w.longOutcome = e.code ?? 'error'),
        );
    });
    const bar = page.getByTestId('engine-busy');
    await bar.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `${ARTIFACTS}engine-busy.png` });
    expect(await bar.textContent()).toMatch(/正在计算，已用 \d+ 秒/);
    await page.getByTestId('engine-busy-cancel').click();
    await page.waitForFunction(() => (window as unknown as { longOutcome: string }).longOutcome !== 'running', undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { longOutcome: string }).longOutcome)).toBe('engine.cancelled');
    await bar.waitFor({ state: 'hidden' });
    // The views still answer: the ranking is there and a change of indicator draws again.
    await page.getByTestId('ranking-chart').locator('svg').waitFor();

    // A statement that exhausts the wasm heap: the views give way to the restart panel, not a white screen.
    await page.evaluate(() => {
      const store = (window as unknown as { appStore: { getState(): { engine: { db: { query(s: string): Promise<unknown> } } } } }).appStore;
      void store.getState().engine.db.query("SELECT length(repeat('x', 2200000000))").catch(() => undefined);
    });
    const crashed = page.getByTestId('engine-crashed');
    await crashed.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${ARTIFACTS}engine-crashed.png` });
    expect(await crashed.textContent()).toContain('数据库引擎已停止运行');
    expect(await crashed.textContent()).toContain('重新启动引擎并恢复工作区');
    expect(await page.getByTestId('ranking-chart').count()).toBe(0);
    await page.getByTestId('engine-restart').click();
    await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('workspace-name').textContent()).toContain('示例省');
    await page.close();
  });
});
