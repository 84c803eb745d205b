/**
 * The pack host in Node (the CLI, tests, the benchmark): one headless Chromium for a whole batch. It prints each
 * pack's HTML to PDF with JavaScript off and offline (every request that is not data: is blocked and counted: a
 * pack is self-contained, so any such request is a bug), turns SVG charts into PNG for PPTX/DOCX with the bundled
 * fonts, and supplies those fonts' subsets as data: URIs.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { PackHost } from '../../shared/report/pack-batch.js';
import type { PackChart } from '../../shared/report/pack-charts.js';
import { fontFaceCss } from '../../shared/report/pack-font.js';
import { packPrintText } from '../../shared/report/pack-html.js';
import { MARGIN_EXTRA_TEXT, printTemplates } from '../../shared/report/print-templates.js';
import { nodeFontFiles } from './pack-fonts.js';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise (as test/e2e/browser.ts). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** A PackHost over one Chromium; close() ends it. `blocked` lists every request a document tried to make. */
export interface NodePackHost extends PackHost {
  readonly blocked: string[];
  close(): Promise<void>;
}

async function lockedContext(browser: Browser, blocked: string[], label: () => string, scale = 1): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', deviceScaleFactor: scale });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:')) return route.continue();
    blocked.push(`${label()}: ${url}`);
    return route.abort('blockedbyclient');
  });
  return context;
}

/** Start Chromium (CHROMIUM_PATH or /usr/bin/chromium); throws in Chinese when it is missing. */
export async function openNodePackHost(opts: { chromiumPath?: string; fontRoot?: string } = {}): Promise<NodePackHost> {
  const exe = opts.chromiumPath ?? chromiumPath();
  if (!existsSync(exe)) throw new Error(`未找到 Chromium：${exe}（生成PDF需要它；可用环境变量 CHROMIUM_PATH 指定）`);
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  const fonts = nodeFontFiles(opts.fontRoot);
  const sans = { sources: fonts.sources.slice(0, 1), read: fonts.read };
  const blocked: string[] = [];
  let current = '';
  const raster = await lockedContext(browser, blocked, () => `图表 ${current}`, 2);
  const rasterPage = await raster.newPage();
  return {
    blocked,
    async fontCss(text) {
      return fontFaceCss(text, fonts);
    },
    async printPdf(html, model) {
      current = model.title;
      const context = await lockedContext(browser, blocked, () => model.title);
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const { headerText, footerText } = packPrintText(model);
        const t = printTemplates(headerText, footerText, fontFaceCss(`${headerText}${footerText}${MARGIN_EXTRA_TEXT}`, sans));
        const pdf = await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, preferCSSPageSize: true, ...t });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    async rasterize(charts: readonly PackChart[]) {
      const out = new Map<string, Uint8Array>();
      const css = fontFaceCss(charts.map((c) => c.svg.replace(/<[^>]*>/g, '')).join(''), sans);
      for (const c of charts) {
        current = c.title;
        await rasterPage.setViewportSize({ width: c.width, height: c.height });
        await rasterPage.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${css} html,body{margin:0;background:#fff} svg{display:block}</style></head><body>${c.svg}</body></html>`, { waitUntil: 'load' });
        out.set(c.key, new Uint8Array(await rasterPage.screenshot({ clip: { x: 0, y: 0, width: c.width, height: c.height }, type: 'png' })));
      }
      return out;
    },
    async close() {
      await raster.close().catch(() => undefined);
      await browser.close();
    },
  };
}
