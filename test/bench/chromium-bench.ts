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
import { startApp } from '../support/serve-app.js';
import type { ChartBench, ChartTiming } from './chart-page.js';
import { descendants } from './proc-memory.js';

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
  readonly outside: readonly string[];
  readonly errors: readonly string[];
}

/** Marks of the page, relative to navigationStart (performance.timeOrigin). */
async function pageMarks(page: Page): Promise<Omit<ColdRun, 'heapPeakBytes' | 'rendererPeakRssMb' | 'outside' | 'errors'>> {
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

async function coldRun(browser: Browser, url: string): Promise<ColdRun> {
  const rec = await recordedPage(browser, url);
  try {
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
    return { ...marks, heapPeakBytes, rendererPeakRssMb: peakRssMb(isRenderer), outside: rec.outside, errors: rec.consoleErrors };
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
    await rec.page.goto(url);
    await rec.page.waitForFunction(() => performance.getEntriesByName('hj:first-chart').length > 0, null, { timeout: 120_000 });
    await rec.page.waitForTimeout(1000); // let the app settle: the draws below should not race its own start
    // Evaluated through CDP: the app's CSP (script-src 'self') rightly refuses an inline <script>.
    await rec.page.evaluate(script);
    const draw = (kind: 'ranking' | 'heatmap') =>
      rec.page.evaluate(
        ([k, n, c]) => {
          const b = (window as unknown as { hjChartBench: ChartBench }).hjChartBench;
          return k === 'ranking' ? b.ranking(n) : b.heatmap(n, c);
        },
        [kind, REGIONS, HEAT_COLUMNS] as const,
      );
    const out: Record<string, unknown> = {};
    for (const kind of ['ranking', 'heatmap'] as const) {
      log(`chromium: ${kind} at ${REGIONS} regions (2 warm-up + ${runs} runs)`);
      for (let i = 0; i < 2; i++) await draw(kind);
      const t: ChartTiming[] = [];
      for (let i = 0; i < runs; i++) t.push(await draw(kind));
      out[kind] = {
        what: kind === 'ranking' ? `${REGIONS} bars, SVG, every bar drawn (as RankingView)` : `${REGIONS} regions × ${HEAT_COLUMNS} columns, sorted by composite, window of 40 rows drawn (as HeatmapView)`,
        optionMs: stats(t.map((x) => x.optionMs)),
        renderMs: stats(t.map((x) => x.renderMs)),
        totalMs: stats(t.map((x) => x.totalMs)),
        svgNodes: t[0]?.svgNodes,
        target: { medianMs: 100 },
        note: "render = setOption to ECharts' 'finished' (SVG DOM or canvas drawn); the browser's own layout and paint after it are not counted",
      };
    }
    out.errors = rec.consoleErrors;
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
export async function chromiumBench(opts: { runs: number; log: (s: string) => void }): Promise<Record<string, unknown>> {
  const { log } = opts;
  const runs = Math.max(1, opts.runs);
  log('chromium: npm start (production build, served on 127.0.0.1)…');
  const app = await startApp();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    log('chromium: warm-up load (server and OS file cache; not counted)');
    const warm = await coldRun(browser, app.url);
    const cold: ColdRun[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await coldRun(browser, app.url);
      log(`chromium: cold load ${i + 1}/${runs}: first chart (${r.firstChartId}) at ${Math.round(r.firstChartMs)} ms; its option ${r1(r.optionMs ?? NaN)} ms, option+render ${r1(r.chartMs ?? NaN)} ms`);
      cold.push(r);
    }
    const charts = await chartsAtScale(browser, app.url, Math.max(5, runs), log);
    const num = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    return {
      browser: `${browser.version()} headless (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'})`,
      coldStart: {
        what: 'sample workspace, fresh context, cache disabled: navigationStart → hj:first-chart',
        firstChart: cold[0]?.firstChartId,
        firstChartMs: stats(cold.map((r) => r.firstChartMs)),
        engineReadyMs: stats(num(cold.map((r) => r.engineReadyMs))),
        workspaceLoadedMs: stats(num(cold.map((r) => r.workspaceLoadedMs))),
        firstChartOptionMs: stats(num(cold.map((r) => r.optionMs))),
        firstChartOptionAndRenderMs: stats(num(cold.map((r) => r.chartMs))),
        warmUpLoadMs: r1(warm.firstChartMs),
        target: { medianMs: 1500 },
        outside: [...new Set(cold.flatMap((r) => r.outside))],
        errors: [...new Set(cold.flatMap((r) => r.errors))],
      },
      chartsAt3000: charts,
      memory: {
        rendererJsHeapPeakMb: r1(Math.max(...cold.map((r) => r.heapPeakBytes)) / MB),
        rendererJsHeapNote: 'main thread only (CDP JSHeapUsedSize, sampled every 100 ms during each cold load)',
        rendererProcessPeakRssMb: r1(Math.max(...cold.map((r) => r.rendererPeakRssMb))),
        rendererProcessNote: 'VmHWM of the renderer process: its workers and duckdb-wasm memory included',
        serverPeakRssMb: app.process.pid ? peakRssMb(() => true, app.process.pid) : null,
        serverNote: "npm start's Node processes (VmHWM): the one that serves also ran the Vite build, whose peak this is",
        benchNodePeakRssMb: r1((process.resourceUsage().maxRSS * 1024) / MB),
      },
    };
  } finally {
    await browser?.close();
    app.stop();
  }
}
