import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (CHROMIUM_PATH overrides): the e2e suite and the Chromium bench drive the same binary. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Domains of Chromium's own Google services (never the app's): the test browser resolves them to nothing. */
export const CHROMIUM_VENDOR_HOSTS = ['google.com', '*.google.com', '*.googleapis.com', '*.gstatic.com', '*.gvt1.com', '*.gvt2.com'] as const;

/** Debian's Chromium, headless, with everything that phones home switched off. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (the CI script does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      // Chromium's own Google services resolve to nothing: seen in a net log under `unshare -n`, with background
      // networking off they still look up content-autofill.googleapis.com (Autofill's form queries),
      // android.clients.google.com (GCM check-in), optimizationguide-pa.googleapis.com and google.com. Only these
      // vendor domains: any other name the page or the browser looks up still reaches the system resolver, where
      // test/e2e/offline.e2e.ts counts the sockets (the page's own requests are blocked and recorded above them).
      `--host-resolver-rules=${CHROMIUM_VENDOR_HOSTS.map((h) => `MAP ${h} ~NOTFOUND`).join(', ')}`,
    ],
  });
}

export interface RecordedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL requested by the page and its workers. */
  readonly requests: string[];
  /** Requests to anywhere but the app's own origin (blocked and recorded). */
  readonly outside: string[];
  readonly consoleErrors: string[];
  /** The app's own console.info lines ('[hengjian] …'). */
  readonly consoleInfo: string[];
}

/** A page that records every request and blocks (and records) any that would leave 127.0.0.1. */
export async function recordedPage(browser: Browser, appUrl: string): Promise<RecordedPage> {
  const origin = new URL(appUrl).origin;
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const requests: string[] = [];
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  const consoleInfo: string[] = [];
  const isLocal = (u: string) => u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:');
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (isLocal(u)) return route.continue();
    outside.push(u);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => {
    requests.push(r.url());
    if (!isLocal(r.url()) && !outside.includes(r.url())) outside.push(r.url());
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
    if (m.type() === 'info' && m.text().startsWith('[hengjian]')) consoleInfo.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return { context, page, requests, outside, consoleErrors, consoleInfo };
}
