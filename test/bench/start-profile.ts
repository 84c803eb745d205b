/**
 * The start timeline of the app in Chromium (a developer's tool beside chromium-bench.ts, not part of `npm run bench`):
 * `tsx test/bench/start-profile.ts [runs] [--trace file.json]` serves the existing dist/ with Vite's preview (run
 * `npx vite build` first), loads it cold `runs` times and prints, per run, the page's marks and measures and the
 * resource timings (request start → response end), relative to navigationStart (ALL=1: every run in full).
 * `--trace f.json` records a Chrome trace of the last run (categories: TRACE_CATS, comma-separated);
 * CHROME_ARGS adds Chromium switches (e.g. `--js-flags=...`), replacing the bench's own launch options.
 */
import { writeFileSync } from 'node:fs';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { launchChromium, recordedPage } from '../support/chromium.js';
import { freePort, REPO_ROOT } from '../support/serve-app.js';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const traceAt = args.indexOf('--trace');
const traceFile = traceAt >= 0 ? args[traceAt + 1] : undefined;

const port = await freePort();
const server = await preview({ configFile: `${REPO_ROOT}/vite.config.ts`, root: `${REPO_ROOT}/renderer`, preview: { host: '127.0.0.1', port, strictPort: true, open: false }, ...(process.env.DIST ? { build: { outDir: process.env.DIST } } : {}), logLevel: 'warn' });
const url = `http://127.0.0.1:${port}/`;
const extra = process.env.CHROME_ARGS?.split(' ').filter(Boolean) ?? [];
const browser = extra.length ? await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', ...extra] }) : await launchChromium();
try {
  for (let i = 0; i < runs + 1; i++) {
    const rec = await recordedPage(browser, url);
    const cdp = await rec.context.newCDPSession(rec.page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const tracing = traceFile && i === runs;
    if (tracing) await browser.startTracing(rec.page, { path: traceFile, screenshots: false, categories: (process.env.TRACE_CATS ?? 'devtools.timeline,v8,v8.wasm,disabled-by-default-v8.wasm.detailed,blink.user_timing,toplevel').split(',') });
    await rec.page.goto(url);
    await rec.page.waitForFunction(() => performance.getEntriesByName('hj:first-chart').length > 0, null, { timeout: 120_000, polling: 50 });
    if (tracing) await browser.stopTracing();
    const lines = await rec.page.evaluate(() => {
      const out: [number, string][] = [];
      for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
        out.push([e.startTime, `res  ${Math.round(e.startTime)}→${Math.round(e.responseEnd)}  ${e.name.replace(location.origin, '')} (${Math.round(e.encodedBodySize / 1024)} kB)`]);
      }
      for (const e of performance.getEntriesByType('mark')) out.push([e.startTime, `mark ${Math.round(e.startTime)}  ${e.name}`]);
      for (const e of performance.getEntriesByType('measure')) out.push([e.startTime, `meas ${Math.round(e.startTime)}+${Math.round(e.duration)}  ${e.name}`]);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      out.push([nav.domContentLoadedEventEnd, `nav  DCL ${Math.round(nav.domContentLoadedEventEnd)}`]);
      return out.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
    });
    console.log(i === 0 ? '--- warm-up' : `--- run ${i}`);
    if (i === runs || process.env.ALL) console.log(lines.join('\n'));
    else console.log(lines.filter((l) => l.startsWith('mark') || l.includes('first-chart')).join('\n'));
    if (rec.consoleErrors.length) console.log('errors:', rec.consoleErrors);
    await rec.context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (traceFile) writeFileSync(`${traceFile}.done`, '');
