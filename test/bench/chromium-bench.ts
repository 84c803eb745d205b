/**
 * The Chromium part of `npm run bench` (`--chromium`): the app started as users start it (`npm start`: production
 * build, served on 127.0.0.1, as the e2e suite does), then
 * - cold start to first chart: `runs` loads of the sample workspace, each in a fresh browser context with the cache
 *   disabled; navigationStart → the renderer's `hj:first-chart` mark, and that chart's option + render measure;
 * - option building + ECharts render of the ranking and the heat map at 3,000 regions: the pure option builders,
 *   bundled with esbuild for the bench alone and evaluated in the production page (CDP, not a <script>: the app's
 *   CSP allows none inline), fed synthetic results there;
 * - peak memory: the page's JS heap (CDP Performance.getMetrics, main thread), the renderer processes' peak RSS
 *   (/proc VmHWM, workers and wasm memory included), the server's and this Node process's peak RSS.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium, recordedPage } from '../support/chromium.js';
import { performance } from 'node:perf_hooks';
import { startApp } from '../support/serve-app.js';
import { distFreshness, serveDist } from './fresh-build.js';
import type { ChartBench, ChartTiming } from './chart-page.js';
import { descendants } from './proc-memory.js';
import { RANKING_ALL_BARS, RANKING_VISIBLE_BARS } from '../../shared/charts/ranking-bar.js';

/** Regions and heat-map columns of the synthetic chart set. */
const REGIONS = 3_000;
const HEAT_COLUMNS = 20;
const MB = 1024 * 1024;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Median and p95 (nearest rank) of a sample, rounded to 0.1. */
export function stats(xs: readonly number[]): { median: number; p95: number; runs: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const median = s.length % 2 ? at(0.5) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  return { median: r1(median), p95: r1(at(0.95)), runs: s.length };
}

/** Peak RSS (MB) of the descendants of this process whose command line matches. */
function peakRssMb(match: (cmdline: string) => boolean, root = process.pid): number {
  return r1(Math.max(0, ...descendants(root).filter((p) => match(p.cmdline)).map((p) => p.peakRssBytes)) / MB);
}
const isRenderer = (c: string) => c.includes('--type=renderer');

/** Poll the page's main-thread JS heap through CDP until stopped; resolves with the peak in bytes. */
function heapSampler(cdp: CDPSession): { stop: () => Promise<number> } {
  let peak = 0;
  let on = true;
  const loop = (async () => {
    while (on) {
      try {
        const { metrics } = await cdp.send('Performance.getMetrics');
        peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      } catch {
        /* the page is navigating */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      on = false;
      await loop;
      return peak;
    },
  };
}

interface ColdRun {
  readonly firstChartMs: number;
  readonly firstChartId: string;
  readonly chartMs: number | null;
  readonly optionMs: number | null;
  readonly engineReadyMs: number | null;
  readonly workspaceLoadedMs: number | null;
  readonly heapPeakBytes: number;
  readonly rendererPeakRssMb: number;
  /** The workspace name the header shows once the first chart is drawn (which workspace was opened). */
  readonly workspaceName: string | null;
  readonly outside: readonly string[];
  readonly errors: readonly string[];
}

/** Marks of the page, relative to navigationStart (performance.timeOrigin). */
async function pageMarks(page: Page): Promise<Omit<ColdRun, 'heapPeakBytes' | 'rendererPeakRssMb' | 'workspaceName' | 'outside' | 'errors'>> {
  // No named functions inside: tsx's keepNames would wrap them in a __name() the page does not have.
  return page.evaluate(() => {
    const first = performance.getEntriesByName('hj:first-chart')[0]?.startTime ?? -1;
    // The chart whose render measure ended first is the first chart.
    const charts = performance.getEntriesByType('measure').filter((m) => /^hj:chart:[^:]+$/.test(m.name)).sort((a, b) => a.startTime + a.duration - (b.startTime + b.duration));
    const chart = charts[0];
    const id = chart?.name.slice('hj:chart:'.length) ?? '';
    const option = performance.getEntriesByName(`hj:chart:${id}:option`)[0];
    return {
      firstChartMs: first, firstChartId: id, chartMs: chart?.duration ?? null, optionMs: option?.duration ?? null,
      engineReadyMs: performance.getEntriesByName('hengjian:engine-ready')[0]?.startTime ?? null,
      workspaceLoadedMs: performance.getEntriesByName('hengjian:workspace-loaded')[0]?.startTime ?? null,
    };
  });
}

/**
 * Put `bytes` as the app's crash-recovery autosave (IndexedDB 'hengjian' / 'autosave', as renderer/host/idb-store.ts
 * keeps it) in this fresh context, so that the next load opens that workspace, as a restart does. The bytes reach
 * the page by a routed same-origin URL; the page that writes them is a blank routed one, not the app.
 */
async function seedAutosave(rec: Awaited<ReturnType<typeof recordedPage>>, url: string, bytes: Uint8Array): Promise<void> {
  const origin = new URL(url).origin;
  await rec.context.route(`${origin}/__bench/seed`, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await rec.context.route(`${origin}/__bench/workspace.hjw`, (r) => r.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from(bytes) }));
  await rec.page.goto(`${origin}/__bench/seed`);
  await rec.page.evaluate(async () => {
    const data = new Uint8Array(await (await fetch('/__bench/workspace.hjw')).arrayBuffer());
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('hengjian', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('autosave');
      open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
      open.onsuccess = () => {
        const tx = open.result.transaction('autosave', 'readwrite');
        tx.objectStore('autosave').put({ bytes: data, savedAt: new Date().toISOString() }, 'workspace');
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB put failed'));
      };
    });
  });
}

async function coldRun(browser: Browser, url: string, workspace?: Uint8Array): Promise<ColdRun> {
  const rec = await recordedPage(browser, url);
  try {
    if (workspace) await seedAutosave(rec, url, workspace);
    const cdp = await rec.context.newCDPSession(rec.page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Performance.enable');
    const heap = heapSampler(cdp);
    let heapPeakBytes = 0;
    try {
      await rec.page.goto(url);
      await rec.page.waitForFunction(() => performance.getEntriesByName('hj:first-chart').length > 0, null, { timeout: 120_000, polling: 50 });
    } finally {
      heapPeakBytes = await heap.stop();
    }
    const marks = await pageMarks(rec.page);
    const workspaceName = await rec.page.getByTestId('workspace-name').textContent({ timeout: 5000 }).catch(() => null);
    return { ...marks, heapPeakBytes, rendererPeakRssMb: peakRssMb(isRenderer), workspaceName, outside: rec.outside, errors: rec.consoleErrors };
  } finally {
    await rec.context.close();
  }
}

/** The bench-only bundle of the option builders and ECharts (chart-page.ts), as a script's text. */
async function chartPageScript(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./chart-page.ts', import.meta.url))],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true,
    define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'warning',
  });
  return out.outputFiles[0]?.text ?? '';
}

/** Option building + render of the ranking and the heat map at 3,000 regions: warm-up, then `runs` timed draws. */
async function chartsAtScale(browser: Browser, url: string, runs: number, log: (s: string) => void) {
  const script = await chartPageScript();
  const rec = await recordedPage(browser, url);
  try {
    // The draws run on the app's page (its CSS, fonts and CSP) with the engine kept from starting: its worker script
    // is refused. The app's own start must not race the draws: after the first chart the engine builds the derived
    // tables and prefetches the warnings on the other core of two, and drawn against that work the 300 bars took
    // 155-240 ms at load 10-13 against 94 ms once it was over. Waiting for it to end cost ~10 s; this costs nothing.
    await rec.context.route('**/duckdb-browser-*.worker*.js', (route) => route.abort('blockedbyclient'));
    await rec.page.goto(url);
    await rec.page.waitForFunction(() => document.readyState === 'complete' && document.querySelector('.ant-layout') !== null, null, { timeout: 60_000 });
    await rec.page.evaluate(() => document.fonts.ready.then(() => undefined));
    await rec.page.waitForTimeout(300);
    // The engine's failure to start is this setup's, not the draws': errors are those logged from here on.
    const errorsBefore = rec.consoleErrors.length;
    // Evaluated through CDP: the app's CSP (script-src 'self') rightly refuses an inline <script>.
    await rec.page.evaluate(script);
    // The ranking at 3,000 regions (a window drawn), at RANKING_ALL_BARS (the most bars drawn at once), the heat map.
    const cases = {
      ranking: { n: REGIONS, what: `${REGIONS} bars, SVG, the window of ${RANKING_VISIBLE_BARS} bars drawn (as RankingView above ${RANKING_ALL_BARS} bars)` },
      rankingAllBars: { n: RANKING_ALL_BARS, what: `${RANKING_ALL_BARS} bars, SVG, every bar drawn (RankingView's largest chart drawn whole)` },
      heatmap: { n: REGIONS, what: `${REGIONS} regions × ${HEAT_COLUMNS} columns, sorted by composite, window of 40 rows drawn (as HeatmapView)` },
    } as const;
    const draw = (kind: keyof typeof cases) =>
      rec.page.evaluate(
        ([k, n, c]) => {
          const b = (window as unknown as { hjChartBench: ChartBench }).hjChartBench;
          return k === 'heatmap' ? b.heatmap(n, c) : b.ranking(n);
        },
        [kind, cases[kind].n, HEAT_COLUMNS] as const,
      );
    const out: Record<string, unknown> = {};
    for (const kind of Object.keys(cases) as (keyof typeof cases)[]) {
      log(`chromium: ${kind} at ${cases[kind].n} regions (2 warm-up + ${runs} runs)`);
      for (let i = 0; i < 2; i++) await draw(kind);
      const t: ChartTiming[] = [];
      for (let i = 0; i < runs; i++) t.push(await draw(kind));
      out[kind] = {
        what: cases[kind].what,
        optionMs: stats(t.map((x) => x.optionMs)),
        renderMs: stats(t.map((x) => x.renderMs)),
        totalMs: stats(t.map((x) => x.totalMs)),
        svgNodes: t[0]?.svgNodes,
        target: { medianMs: 100 },
        note: "render = setOption to ECharts' 'finished' (SVG DOM or canvas drawn); the browser's own layout and paint after it are not counted",
      };
    }
    out.errors = rec.consoleErrors.slice(errorsBefore);
    out.outside = rec.outside;
    return out;
  } finally {
    await rec.context.close();
  }
}

/**
 * Cold start to first chart on the sample workspace, and chart option building + render at 3,000 regions, in
 * Debian's Chromium against the app as `npm start` serves it; medians and p95 of `runs` (≥ 5 for the charts).
 */
export interface ChromiumOptions {
  readonly runs: number;
  readonly log: (s: string) => void;
  /** A saved workspace (.hjw) to time the cold start on as well (opened as the autosave is at start), and its label. */
  readonly workspace?: { readonly bytes: Uint8Array; readonly label: string } | null;
  /** Cold loads of each workspace (default `runs`); --quick takes fewer, stated in the output. */
  readonly coldLoads?: number;
  /** Serve dist/ as built when it is newer than every build input (fresh-build.ts) instead of rebuilding (--quick). */
  readonly reuseBuild?: boolean;
}

/**
 * Cold loads: `warmUp`, one load not counted (the server's and the OS's file caches: the first workspace's only, the
 * app's files are the same for the next and its workspace comes from memory), then `runs` fresh ones; `workspace`
 * seeded as the autosave in each.
 */
async function coldRuns(browser: Browser, url: string, runs: number, log: (s: string) => void, what: string, warmUp: boolean, workspace?: Uint8Array) {
  // The issue's targets: 1.5 s on the sample, 4 s on a saved workspace (the 24M-row one; the quick set's is 1M rows).
  const targetMs = workspace ? 4000 : 1500;
  if (warmUp) log(`chromium: ${what}: warm-up load (server and OS file cache; not counted)`);
  const warm = warmUp ? await coldRun(browser, url, workspace) : null;
  const cold: ColdRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await coldRun(browser, url, workspace);
    log(`chromium: ${what}: cold load ${i + 1}/${runs}: first chart (${r.firstChartId}) at ${Math.round(r.firstChartMs)} ms; its option ${r1(r.optionMs ?? NaN)} ms, option+render ${r1(r.chartMs ?? NaN)} ms`);
    cold.push(r);
  }
  const num = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  return {
    cold,
    summary: {
      firstChart: cold[0]?.firstChartId,
      firstChartMs: stats(cold.map((r) => r.firstChartMs)),
      engineReadyMs: stats(num(cold.map((r) => r.engineReadyMs))),
      workspaceLoadedMs: stats(num(cold.map((r) => r.workspaceLoadedMs))),
      firstChartOptionMs: stats(num(cold.map((r) => r.optionMs))),
      firstChartOptionAndRenderMs: stats(num(cold.map((r) => r.chartMs))),
      warmUpLoadMs: warm ? r1(warm.firstChartMs) : null,
      target: { medianMs: targetMs },
      workspacesShown: [...new Set(cold.map((r) => r.workspaceName))],
      rendererProcessPeakRssMb: r1(Math.max(...cold.map((r) => r.rendererPeakRssMb))),
      outside: [...new Set(cold.flatMap((r) => r.outside))],
      errors: [...new Set(cold.flatMap((r) => r.errors))],
    },
  };
}

export async function chromiumBench(opts: ChromiumOptions): Promise<Record<string, unknown>> {
  const { log } = opts;
  const runs = Math.max(1, opts.runs);
  const coldLoads = Math.max(1, opts.coldLoads ?? runs);
  const fresh = opts.reuseBuild ? distFreshness() : null;
  const t0 = performance.now();
  let app: { url: string; pid: number | undefined; stop: () => unknown };
  if (fresh?.fresh) {
    log(`chromium: reusing the production build (${fresh.reason})`);
    const d = await serveDist();
    app = { url: d.url, pid: undefined, stop: () => d.stop() };
  } else {
    log(`chromium: npm start (production build, served on 127.0.0.1)…${fresh ? ` (${fresh.reason})` : ''}`);
    const a = await startApp();
    app = { url: a.url, pid: a.process.pid, stop: a.stop };
  }
  const build = { reused: fresh?.fresh ?? false, why: fresh?.reason ?? 'full run: always built by npm start', serveMs: Math.round(performance.now() - t0) };
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const sample = await coldRuns(browser, app.url, coldLoads, log, 'sample', true);
    const saved = opts.workspace ? await coldRuns(browser, app.url, coldLoads, log, opts.workspace.label, false, opts.workspace.bytes) : null;
    const charts = await chartsAtScale(browser, app.url, Math.max(5, runs), log);
    const cold = [...sample.cold, ...(saved?.cold ?? [])];
    return {
      browser: `${browser.version()} headless (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'})`,
      build,
      coldLoads,
      coldStart: { what: 'sample workspace, fresh context, cache disabled: navigationStart → hj:first-chart', ...sample.summary },
      ...(saved && opts.workspace
        ? { coldStartSaved: { what: `${opts.workspace.label} (${Math.round(opts.workspace.bytes.length / MB)} MB .hjw), opened as the autosave is at start; fresh context, cache disabled: navigationStart → hj:first-chart`, ...saved.summary } }
        : {}),
      chartsAt3000: charts,
      memory: {
        rendererJsHeapPeakMb: r1(Math.max(...cold.map((r) => r.heapPeakBytes)) / MB),
        rendererJsHeapNote: 'main thread only (CDP JSHeapUsedSize, sampled every 100 ms during each cold load)',
        rendererProcessPeakRssMb: r1(Math.max(...cold.map((r) => r.rendererPeakRssMb))),
        rendererProcessNote: 'VmHWM of the renderer process: its workers and duckdb-wasm memory included',
        serverPeakRssMb: app.pid ? peakRssMb(() => true, app.pid) : null,
        serverNote: app.pid ? "npm start's Node processes (VmHWM): the one that serves also ran the Vite build, whose peak this is" : 'dist/ reused: served by Vite preview inside this Node process (no build run)',
        benchNodePeakRssMb: r1((process.resourceUsage().maxRSS * 1024) / MB),
      },
    };
  } finally {
    await browser?.close();
    await app.stop();
  }
}
