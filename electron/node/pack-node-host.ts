/**
 * The pack host in Node (the CLI, tests, the benchmark): one headless Chromium for a whole batch. It prints each
 * pack's HTML to PDF with JavaScript off and offline (every request that is not data: is blocked and counted: a
 * pack is self-contained, so any such request is a bug), turns SVG charts into PNG for PPTX/DOCX with the bundled
 * fonts, and supplies those fonts' subsets as data: URIs.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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

/** Chart images at 1.5× their CSS size: sharp on a 1080p projector and in print at the size they are placed. */
export const RASTER_SCALE = 1.5;

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

/** Reusable pages: `use` takes a free one (or opens one) and gives it back after. */
function pool(open: () => Promise<Page>): { use<T>(f: (page: Page) => Promise<T>): Promise<T> } {
  const free: Page[] = [];
  return {
    async use(f) {
      const page = free.pop() ?? (await open());
      try {
        return await f(page);
      } finally {
        free.push(page);
      }
    },
  };
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
  // One context for printing and one for charts at 2x, each with a pool of pages: a batch printing two packs at
  // once (writeBatch's concurrency) gets two pages, and pages are reused pack after pack.
  const print = await lockedContext(browser, blocked, () => current);
  const raster = await lockedContext(browser, blocked, () => `图表 ${current}`, RASTER_SCALE);
  const printPages = pool(() => print.newPage());
  const rasterPages = pool(() => raster.newPage());
  return {
    blocked,
    async fontCss({ body, title }) {
      // Bold serif is the title's alone: its subsets for the title's characters only.
      const bold = (s: { weight: number }) => s.weight >= 700;
      return fontFaceCss(body, { sources: fonts.sources.filter((s) => !bold(s)), read: fonts.read }) + '\n' + fontFaceCss(title, { sources: fonts.sources.filter(bold), read: fonts.read });
    },
    async printPdf(html, model) {
      current = model.title;
      return printPages.use(async (page) => {
        await page.setContent(html, { waitUntil: 'load' });
        const { headerText, footerText } = packPrintText(model);
        const t = printTemplates(headerText, footerText, fontFaceCss(`${headerText}${footerText}${MARGIN_EXTRA_TEXT}`, sans));
        const pdf = await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, preferCSSPageSize: true, ...t });
        return new Uint8Array(pdf);
      });
    },
    async rasterize(charts: readonly PackChart[]) {
      const out = new Map<string, Uint8Array>();
      if (!charts.length) return out;
      const css = fontFaceCss(charts.map((c) => c.svg.replace(/<[^>]*>/g, '')).join(''), sans);
      // Every chart in one document, stacked; one screenshot clip each (the fonts are decoded once).
      const width = Math.max(...charts.map((c) => c.width));
      const tops: number[] = [];
      let y = 0;
      for (const c of charts) {
        tops.push(y);
        y += c.height;
      }
      current = charts[0]?.title ?? '';
      return rasterPages.use(async (page) => {
        await page.setViewportSize({ width, height: Math.min(y, 16000) });
        const body = charts.map((c) => `<div style="width:${c.width}px;height:${c.height}px;overflow:hidden">${c.svg}</div>`).join('');
        await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${css} html,body{margin:0;background:#fff} svg{display:block}</style></head><body>${body}</body></html>`, { waitUntil: 'load' });
        for (const [i, c] of charts.entries()) {
          out.set(c.key, new Uint8Array(await page.screenshot({ clip: { x: 0, y: tops[i] as number, width: c.width, height: c.height }, type: 'png', fullPage: true })));
        }
        return out;
      });
    },
    async close() {
      await print.close().catch(() => undefined);
      await raster.close().catch(() => undefined);
      await browser.close();
    },
  };
}
