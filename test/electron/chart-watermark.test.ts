/**
 * The chart PNG export (renderer/charts/export-chart.ts, the code ExportButtons calls) in Debian's Chromium: the
 * watermark changes pixels where it is drawn, the legible line in the lower-right corner and the faint diagonal
 * copies across the chart, and leaves the image's size alone. Writes both images to test/e2e/artifacts/chart/ for a look.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { chartImage } from '../../renderer/charts/export-chart.js';
import { CHROMIUM, launchChromium } from '../support/chromium.js';

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : null;
if (skip) console.log(`chart watermark tests skipped: ${skip}`);

// eslint-disable-next-line no-restricted-syntax -- a name that never resolves: the route fulfils every request
const ORIGIN = 'http://hengjian.invalid';
const OUT = path.resolve(import.meta.dirname, '../e2e/artifacts/chart');
const MARK = '内部资料 张三 PC-ZZB-01 2026-12-07 09:30';

describe.skipIf(skip !== null)('chart PNG export with the watermark (Chromium)', () => {
  let browser: Browser;
  let bundle: string;
  beforeAll(async () => {
    browser = await launchChromium();
    const out = await build({ entryPoints: [path.resolve(import.meta.dirname, '../../renderer/charts/export-chart.ts')], bundle: true, format: 'iife', globalName: 'chartExport', write: false });
    bundle = out.outputFiles[0]!.text;
  }, 120_000);
  afterAll(async () => browser?.close());

  it('changes pixels in the lower-right line and in each diagonal tile, nowhere else in bulk', async () => {
    const context = await browser.newContext();
    await context.route('**/*', (route) => route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>app</title><body></body>' }));
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/index.html`);
    await page.addScriptTag({ content: bundle });
    const r = await page.evaluate(async (mark) => {
      const w = window as unknown as { chartExport: { chartImage: typeof chartImage } };
      // A plain bar chart, 600 × 300 CSS pixels (1200 × 600 in the 2× PNG); bars in the left half only.
      const option = { xAxis: { type: 'category', data: ['甲', '乙'] }, yAxis: { type: 'value' }, grid: { left: 40, right: 320, top: 20, bottom: 30 }, series: [{ type: 'bar', data: [3, 5] }] };
      const decode = async (bytes: Uint8Array) => {
        const bmp = await createImageBitmap(new Blob([bytes as BlobPart], { type: 'image/png' }));
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
        g.drawImage(bmp, 0, 0);
        return { w: bmp.width, h: bmp.height, data: g.getImageData(0, 0, bmp.width, bmp.height).data };
      };
      const plainBytes = w.chartExport.chartImage(option, 'png', 600, 300, '');
      const markedBytes = w.chartExport.chartImage(option, 'png', 600, 300, mark);
      const a = await decode(plainBytes);
      const b = await decode(markedBytes);
      /** Pixels that differ inside [x0, x1) × [y0, y1) (PNG pixels). */
      const diff = (x0: number, y0: number, x1: number, y1: number) => {
        let n = 0;
        for (let y = y0; y < y1; y++)
          for (let x = x0; x < x1; x++) {
            const i = (y * a.w + x) * 4;
            if (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 12) n++;
          }
        return n;
      };
      // Tile centres at ((c + 0.5) × 200, (r + 0.5) × 100) CSS px; the line's box: right 8, bottom 4, 11 px text.
      const tiles = [0, 1, 2].flatMap((row) => [0, 1, 2].map((col) => diff((col * 200 + 40) * 2, (row * 100 + 30) * 2, (col * 200 + 160) * 2, (row * 100 + 70) * 2)));
      const b64 = (u: Uint8Array) => btoa(Array.from(u, (x) => String.fromCharCode(x)).join(''));
      return { size: [a.w, a.h, b.w, b.h], line: diff(1200 - 2 * 230, 600 - 2 * 20, 1200 - 2 * 8, 600 - 2 * 4), tiles, plain: b64(plainBytes), marked: b64(markedBytes) };
    }, MARK);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'chart-plain.png'), Buffer.from(r.plain, 'base64'));
    writeFileSync(path.join(OUT, 'chart-watermark.png'), Buffer.from(r.marked, 'base64'));
    expect(r.size).toEqual([1200, 600, 1200, 600]);
    // The legible line: hundreds of text pixels in its corner box.
    expect(r.line).toBeGreaterThan(300);
    // Each of the nine faint copies changed pixels around its centre.
    for (const n of r.tiles) expect(n).toBeGreaterThan(100);
    await context.close();
  }, 120_000);
});
