/**
 * Print pack HTML to PDF in headless Chromium (tests and the CLI; the Electron app uses webContents.printToPDF with
 * the same templates). One browser for a whole batch, a fresh context per document, JavaScript off, and every
 * request that is not data: blocked and counted: a pack is self-contained, so any such request is a bug.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { fontFaceCss } from '../../shared/report/pack-font.js';
import { MARGIN_EXTRA_TEXT, printTemplates } from '../../shared/report/print-templates.js';
import { nodeFontFiles } from './pack-fonts.js';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise (as test/e2e/browser.ts). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** One document to print; the header and footer texts are printed in every page's margins. */
export interface PrintJob {
  readonly name: string;
  readonly html: string;
  readonly headerText: string;
  /** The watermark line printed at the foot beside the page number (packPrintText). */
  readonly footerText?: string;
  /**
   * @font-face rules (data: URIs) for the margins' text, which does not see the page's fonts; by default the
   * Noto Sans SC subsets of the header and footer text, read from node_modules.
   */
  readonly marginFontCss?: string;
}

/** What a batch did: requests the documents tried to make (all blocked) and the time spent. */
export interface PrintStats {
  blocked: string[];
  ms: number;
}

let fonts: ReturnType<typeof nodeFontFiles> | null = null;

/** The sans subsets covering the margins' text (the header and footer templates cannot use the page's fonts). */
export function marginFonts(text: string): string {
  fonts ??= nodeFontFiles();
  const sans = fonts.sources.slice(0, 1);
  return fontFaceCss(text, { sources: sans, read: fonts.read });
}

/**
 * Print each document to PDF bytes, in order, in one Chromium. Throws when Chromium is missing. `stats`, when
 * given, receives every blocked URL and the elapsed time.
 */
export async function printPdfs(htmls: readonly PrintJob[], opts?: { chromiumPath?: string; stats?: PrintStats }): Promise<Uint8Array[]> {
  const exe = opts?.chromiumPath ?? chromiumPath();
  if (!existsSync(exe)) throw new Error(`未找到 Chromium：${exe}（可用环境变量 CHROMIUM_PATH 指定）`);
  const t0 = Date.now();
  const browser: Browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  const out: Uint8Array[] = [];
  try {
    for (const job of htmls) {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
      try {
        await context.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('data:')) return route.continue();
          opts?.stats?.blocked.push(`${job.name}: ${url}`);
          return route.abort('blockedbyclient');
        });
        const margins = job.marginFontCss ?? marginFonts(`${job.headerText}${job.footerText ?? ''}${MARGIN_EXTRA_TEXT}`);
        const t = printTemplates(job.headerText, job.footerText ?? '', margins);
        const page = await context.newPage();
        await page.setContent(job.html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: t.headerTemplate,
          footerTemplate: t.footerTemplate,
          preferCSSPageSize: true,
        });
        out.push(new Uint8Array(pdf));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    if (opts?.stats) opts.stats.ms += Date.now() - t0;
  }
  return out;
}
