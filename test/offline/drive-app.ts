/**
 * One app run for the offline proof (test/e2e/offline.e2e.ts runs this inside `unshare -n`, under strace): start
 * the app as `npm start` does (test/support/serve-app.ts), drive Debian's Chromium through the sample workspace's
 * main views, open 离线自检 and export its report, and write what happened as JSON to the file named by argv[2].
 */
import { writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { launchChromium, recordedPage } from '../support/chromium.js';
import { startApp } from '../support/serve-app.js';
import { MAIN_VIEWS } from './main-views.js';


export interface DriveResult {
  readonly appUrl: string;
  readonly port: number;
  readonly views: readonly { label: string; ms: number }[];
  readonly verdict: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly checks: readonly string[];
  readonly exported: readonly string[];
  readonly outside: readonly string[];
  readonly consoleErrors: readonly string[];
  readonly screenshot: string;
}

const out = process.argv[2];
const shot = process.argv[3];
if (!out || !shot) throw new Error('usage: drive-app.ts <result.json> <screenshot.png>');

const app = await startApp();
const browser = await launchChromium();
try {
  const rec = await recordedPage(browser, app.url);
  const { page } = rec;
  await page.goto(app.url);
  const views: { label: string; ms: number }[] = [];
  for (const v of MAIN_VIEWS) {
    const t0 = Date.now();
    await page.getByRole('menuitem', { name: v.label }).click();
    await page.locator(v.ready).first().waitFor({ timeout: 90_000 });
    views.push({ label: v.label, ms: Date.now() - t0 });
  }
  await page.getByTestId('offline-check-open').click();
  const verdict = page.getByTestId('offline-check-verdict');
  await verdict.waitFor({ timeout: 90_000 });
  const counts: Record<string, number> = {};
  for (const k of ['font', 'wasm', 'worker', 'map']) counts[k] = Number(await page.getByTestId(`offline-assets-${k}`).getAttribute('data-count'));
  const checks = await page.getByTestId('offline-check-checks').locator('tbody tr').allInnerTexts();
  await page.screenshot({ path: shot });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('offline-check-export').click()]);
  const zip = unzipSync(new Uint8Array(await (await import('node:fs/promises')).readFile(await download.path())));
  const result: DriveResult = {
    appUrl: app.url,
    port: Number(new URL(app.url).port),
    views,
    verdict: await verdict.innerText(),
    counts,
    checks,
    exported: Object.keys(zip).sort(),
    outside: rec.outside,
    consoleErrors: rec.consoleErrors,
    screenshot: shot,
  };
  writeFileSync(out, JSON.stringify(result, null, 1));
} finally {
  await browser.close();
  app.stop();
}
