import { chromium } from 'playwright-core';
import { createNodeConnector } from '../electron/node/duckdb-node.js';
import { openTarget, workspaceTarget } from '../electron/node/workspace-target.js';
import { nodeFontFiles } from '../electron/node/pack-fonts.js';
import { fontFaceCss } from '../shared/report/pack-font.js';
import { buildPackFrom, packContext, packTargets } from '../shared/report/pack-model.js';
import { packWriters } from '../shared/report/pack-writers.js';
import { CHROMIUM_ARGS } from '../electron/node/pack-node-host.js';

const db = await createNodeConnector();
const ws = await openTarget(db, workspaceTarget('data/sample'));
const ctx = await packContext(db, '2025Q4', { watermark: { user: 'u', time: 't', machine: 'm' }, documents: ws.documents, demo: true });
const targets = (await packTargets(db, '2025Q4')).slice(20, 32);
const w = packWriters(ws.documents.maps);
const fonts = nodeFontFiles();
const files = new Map<string, Uint8Array>();
const urlFonts = { sources: fonts.sources, read: fonts.read };
const docs: { data: string; url: string }[] = [];
for (const t of targets) {
  const model = await buildPackFrom(ctx, { period: '2025Q4', regionCode: t.regionCode });
  const charts = w.charts(model);
  const text = JSON.stringify(model);
  const css = fontFaceCss(text, { sources: fonts.sources.slice(0, 2), read: fonts.read });
  // same rules but with URLs
  const urlCss = css.replace(/url\(data:font\/woff2;base64,([^)]+)\)/g, (_m, b64: string) => {
    const key = `f${files.size}`;
    const found = [...files.entries()].find(([, v]) => (v as unknown as string) === b64);
    const k = found ? found[0] : key;
    if (!found) files.set(k, b64 as unknown as Uint8Array);
    return `url(https://fonts.hengjian.invalid/${k}.woff2)`;
  });
  docs.push({ data: w.html(model, charts, css), url: w.html(model, charts, urlCss).replace("font-src data:", "font-src data: https://fonts.hengjian.invalid") });
}
void urlFonts;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
for (const mode of ['data', 'url', 'data', 'url'] as const) {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  let fetched = 0;
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:')) return route.continue();
    const m = /fonts\.hengjian\.invalid\/(f\d+)\.woff2/.exec(u);
    if (m) { fetched++; return route.fulfill({ status: 200, headers: { 'content-type': 'font/woff2', 'cache-control': 'max-age=31536000, immutable', 'access-control-allow-origin': '*' }, body: Buffer.from(files.get(m[1]!) as unknown as string, 'base64') }); }
    return route.abort();
  });
  const page = await context.newPage();
  const t0 = Date.now();
  let sc = 0, pd = 0;
  for (const d of docs) {
    let t = Date.now();
    await page.setContent(d[mode], { waitUntil: 'load' });
    sc += Date.now() - t; t = Date.now();
    await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    pd += Date.now() - t;
  }
  console.log(mode, 'total', Date.now() - t0, 'setContent', sc, 'pdf', pd, 'fetched', fetched, 'html KB', (docs[0]![mode].length / 1024).toFixed(0));
  await context.close();
}
await browser.close();
await db.close();
