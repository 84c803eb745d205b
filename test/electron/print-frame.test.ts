/**
 * 红黄榜's print frame (renderer/views/honour/print-frame.ts) in Debian's Chromium: the page printed runs no
 * JavaScript even where the embedding page's CSP would allow inline script (the frame's sandbox has no
 * allow-scripts), and print() is still allowed (allow-modals), called from the app's page.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import type { printPage } from '../../renderer/views/honour/print-frame.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../support/chromium.js';

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : null;
if (skip) console.log(`print-frame tests skipped: ${skip}`);

// eslint-disable-next-line no-restricted-syntax -- a name that never resolves: the route fulfils every request
const ORIGIN = 'http://hengjian.invalid';
const HOSTILE = `<!doctype html><title>红黄榜</title><p>甲县</p>
<script>parent.document.title = 'script ran'</script>
<img src="data:," onerror="parent.document.title = 'handler ran'">`;

describe.skipIf(skip !== null)('the 红黄榜 print frame (Chromium)', () => {
  let browser: Browser;
  let bundle: string;
  beforeAll(async () => {
    browser = await launchChromium();
    const out = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../renderer/views/honour/print-frame.ts')],
      bundle: true,
      format: 'iife',
      globalName: 'printFrame',
      write: false,
    });
    bundle = out.outputFiles[0]!.text;
  }, 60_000);
  afterAll(async () => browser?.close());

  it('renders the page with its scripts and handlers not run, and print() allowed', async () => {
    const context = await browser.newContext();
    // The embedding page allows inline script on purpose: only the frame's sandbox stands in the way.
    await context.route('**/*', (route) => route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>app</title><body></body>' }));
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    await page.goto(`${ORIGIN}/index.html`);
    await page.addScriptTag({ content: bundle });
    const result = await page.evaluate(async (html) => {
      const w = window as unknown as { printFrame: { printPage: typeof printPage } };
      const frame = w.printFrame.printPage(html);
      await new Promise((resolve) => frame.addEventListener('load', resolve));
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { sandbox: frame.getAttribute('sandbox'), text: frame.contentDocument?.body.innerText ?? '', title: document.title };
    }, HOSTILE);
    expect(result.text).toContain('甲县');
    expect(result.title).toBe('app');
    expect(console.filter((m) => /print\(\)/.test(m))).toEqual([]);
    expect(console.some((m) => /Blocked script execution/.test(m))).toBe(true);
    expect(result.sandbox).toBe('allow-same-origin allow-modals');
    await context.close();
  }, 60_000);
});
