import { chromium } from 'playwright-core';
import { createNodeConnector } from '../electron/node/duckdb-node.js';
import { openTarget, workspaceTarget } from '../electron/node/workspace-target.js';
import { nodeFontFiles } from '../electron/node/pack-fonts.js';
import { fontFaceCss } from '../shared/report/pack-font.js';
import { buildPackFrom, packContext } from '../shared/report/pack-model.js';
import { packWriters } from '../shared/report/pack-writers.js';
import { CHROMIUM_ARGS } from '../electron/node/pack-node-host.js';

const db = await createNodeConnector();
const ws = await openTarget(db, workspaceTarget('data/sample'));
const ctx = await packContext(db, '2025Q4', { watermark: { user: 'u', time: 't', machine: 'm' }, documents: ws.documents, demo: true });
const model = await buildPackFrom(ctx, { period: '2025Q4', regionCode: '990102' });
const w = packWriters(ws.documents.maps);
const charts = w.charts(model);
const fonts = nodeFontFiles();
const text = JSON.stringify(model) + '第页共一二三四五六七八九十、：（）—';
let t = Date.now();
const css = fontFaceCss(text, { sources: fonts.sources.slice(0, 2), read: fonts.read }) + fontFaceCss(model.title, { sources: fonts.sources.slice(2), read: fonts.read });
const sansOnly = fontFaceCss(text, { sources: fonts.sources.slice(0, 1), read: fonts.read });
console.log('fontcss', Date.now() - t, 'ms', (css.length / 1e6).toFixed(2), 'MB');
const full = w.html(model, charts, css);
const variants: Record<string, string> = {
  full,
  nofont: w.html(model, charts, ''),
  sansonly: w.html(model, charts, sansOnly),
  nowm: full.replace(/<div class="watermark"[\s\S]*?<\/div><\/div>/, ''),
  nocharts: w.html(model, [], css),
};
import { printTemplates, MARGIN_EXTRA_TEXT } from '../shared/report/print-templates.js';
const sans = { sources: fonts.sources.slice(0, 1), read: fonts.read };
const mt = printTemplates('内部资料 茂口区2025年四季度发展情况分析', '内部资料 u t m', fontFaceCss('内部资料 茂口区2025年四季度发展情况分析内部资料 u t m' + MARGIN_EXTRA_TEXT, sans));
const mt0 = printTemplates('内部资料 茂口区2025年四季度发展情况分析', '内部资料 u t m', '');
console.log('margin css KB', (mt.headerTemplate.length/1024).toFixed(0));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
const page = await context.newPage();
for (let round = 0; round < 2; round++) for (const [k, h] of Object.entries(variants)) {
  t = Date.now();
  await page.setContent(h, { waitUntil: 'load' });
  const a = Date.now() - t;
  t = Date.now();
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  console.log(round, k, 'setContent', a, 'pdf', Date.now() - t, 'KB', (pdf.length / 1024).toFixed(0));
  if (k !== 'full') continue;
  t = Date.now();
  await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, ...mt });
  console.log(round, k, '+margins with fonts', Date.now() - t);
  t = Date.now();
  await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, ...mt0 });
  console.log(round, k, '+margins no fonts', Date.now() - t);
}
await browser.close();
await db.close();
