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
import { fontFaceCss, type FontFiles, type FontSource } from '../../shared/report/pack-font.js';
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

/**
 * Where the printer's documents fetch the bundled fonts: a name that never leaves the machine. Requests to it are
 * fulfilled from memory by the context's route (below) before any socket; the context is offline; `.invalid` never
 * resolves (RFC 6761). Serving rather than inlining keeps each pack's HTML small and lets Chromium keep the decoded
 * subsets from one pack to the next (measured on 12 packs: 3.6 s instead of 4.8 s).
 */
// eslint-disable-next-line no-restricted-syntax -- not a network address: fulfilled in-process, see above
export const FONT_ORIGIN = 'https://fonts.hengjian.invalid';

/** The served font files by path, and their URLs. */
interface FontServer {
  url(source: FontSource, file: string): string;
  get(url: string): Uint8Array | null;
}

function fontServer(fonts: FontFiles): FontServer {
  const byUrl = new Map<string, { source: FontSource; file: string }>();
  const urls = new Map<string, string>();
  return {
    url(source, file) {
      const key = `${source.family}|${source.weight}|${file}`;
      let u = urls.get(key);
      if (!u) {
        u = `${FONT_ORIGIN}/${urls.size}.woff2`;
        urls.set(key, u);
        byUrl.set(u, { source, file });
      }
      return u;
    },
    get(url) {
      const f = byUrl.get(url);
      return f ? fonts.read(f.source, f.file) : null;
    },
  };
}

async function lockedContext(browser: Browser, blocked: string[], label: () => string, scale: number, served: FontServer): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', deviceScaleFactor: scale });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:')) return route.continue();
    const font = url.startsWith(`${FONT_ORIGIN}/`) ? served.get(url) : null;
    if (font) return route.fulfill({ status: 200, headers: { 'content-type': 'font/woff2', 'cache-control': 'max-age=31536000, immutable', 'access-control-allow-origin': '*' }, body: Buffer.from(font) });
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
  const served = fontServer(fonts);
  const blocked: string[] = [];
  let current = '';
  // One context for printing and one for charts at 2x, each with a pool of pages: a batch printing two packs at
  // once (writeBatch's concurrency) gets two pages, and pages are reused pack after pack.
  const print = await lockedContext(browser, blocked, () => current, 1, served);
  const raster = await lockedContext(browser, blocked, () => `图表 ${current}`, RASTER_SCALE, served);
  const printPages = pool(() => print.newPage());
  const rasterPages = pool(() => raster.newPage());
  return {
    blocked,
    fontOrigin: FONT_ORIGIN,
    async fontCss({ body, title }) {
      // Bold serif is the title's alone: its subsets for the title's characters only.
      const bold = (s: { weight: number }) => s.weight >= 700;
      const url = served.url;
      return fontFaceCss(body, { sources: fonts.sources.filter((s) => !bold(s)), read: fonts.read }, { url }) + '\n' + fontFaceCss(title, { sources: fonts.sources.filter(bold), read: fonts.read }, { url });
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
      const css = fontFaceCss(charts.map((c) => c.svg.replace(/<[^>]*>/g, '')).join(''), sans, { url: served.url });
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
