import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFontFiles } from '../../electron/node/pack-fonts.js';
import { chromiumPath, openNodePackHost } from '../../electron/node/pack-node-host.js';
import { packCharts } from '../../shared/report/pack-charts.js';
import { fontFaceCss } from '../../shared/report/pack-font.js';
import { packHtml, packPrintText } from '../../shared/report/pack-html.js';
import type { PackIndicatorRow, PackModel } from '../../shared/report/pack-types.js';
import { HOSTILE_REGION, INDICATORS, PACK_FIXTURE } from '../fixtures/pack/pack-model.js';

/** Under the e2e artifacts folder (git-ignored), to look at. */
const OUT = new URL('../e2e/artifacts/pack/', import.meta.url).pathname;
const tool = (name: string) => {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const reason = !existsSync(chromiumPath()) ? `no Chromium at ${chromiumPath()} (set CHROMIUM_PATH)` : !tool('pdftotext') ? 'poppler-utils (pdftotext, pdffonts) not installed' : null;
if (reason) console.log(`pdf-print tests skipped: ${reason}`);

/** 60 indicator rows, so the core table runs over more than one page. */
const LONG: PackModel = {
  ...PACK_FIXTURE,
  indicators: Array.from({ length: 60 }, (_, i): PackIndicatorRow => ({ ...(INDICATORS[0] as PackIndicatorRow), indicatorId: `X${i + 1}`, name: `长表指标${i + 1}`, value: 100 + i, rank: (i % 5) + 1 })),
  indicatorSentences: [],
};

function doc(m: PackModel) {
  const charts = packCharts(m);
  const fonts = nodeFontFiles();
  const bare = packHtml(m, charts, { fontCss: '' });
  return { model: m, html: packHtml(m, charts, { fontCss: fontFaceCss(bare, fonts) }), ...packPrintText(m) };
}

const text = (file: string, page?: number) => execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-raw', file, '-'], { encoding: 'utf8' });
const squash = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(reason !== null)('the Node pack host prints', () => {
  it('prints the fixture and a long table in one Chromium, offline, with fonts embedded', async () => {
    mkdirSync(OUT, { recursive: true });
    const jobs = [doc(PACK_FIXTURE), doc(LONG)];
    const host = await openNodePackHost();
    const t0 = Date.now();
    const pdf = await host.printPdf(jobs[0]!.html, PACK_FIXTURE);
    const long = await host.printPdf(jobs[1]!.html, LONG);
    const ms = Date.now() - t0;
    const png = await host.rasterize(packCharts(PACK_FIXTURE).filter((c) => c.key === 'heat'));
    await host.close();
    // a PNG, twice the chart's CSS size
    const heat = png.get('heat')!;
    expect([...heat.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(new DataView(heat.buffer, heat.byteOffset).getUint32(16)).toBe(1.5 * packCharts(PACK_FIXTURE).find((c) => c.key === 'heat')!.width);
    writeFileSync(`${OUT}heat.png`, heat);
    const file = `${OUT}fixture.pdf`;
    const longFile = `${OUT}long.pdf`;
    writeFileSync(file, pdf!);
    writeFileSync(longFile, long!);
    console.log(`printed 2 packs in ${ms} ms; fixture HTML ${(jobs[0]!.html.length / 1e6).toFixed(2)} MB, PDF ${(pdf!.length / 1024).toFixed(0)} KB`);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, `${OUT}fixture`]);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', longFile, `${OUT}long`]);

    expect(host.blocked).toEqual([]);
    expect(String.fromCharCode(...pdf!.slice(0, 5))).toBe('%PDF-');

    const all = text(file);
    const flat = squash(all);
    expect(flat).toContain('2025年三季度发展情况分析');
    expect(flat).toContain(squash(HOSTILE_REGION));
    expect(flat).toContain('第2位');
    expect(flat).toContain('+0.3个百分点');
    expect(flat).toContain(squash(PACK_FIXTURE.findings[0]!.text));
    expect(flat).toContain(squash(PACK_FIXTURE.findings[3]!.text));
    expect(flat).toContain('内部资料');
    expect(flat).toContain('内部资料张分析PC-ZZB-012026-12-0709:30');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(squash(text(file, 1))).toContain(`第1页共${pages}页`);
    expect(squash(text(file, pages))).toContain(`第${pages}页共${pages}页`);

    // every font embedded; every named one is the bundled Noto (none from the system, e.g. DejaVu)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.some((l) => /Noto(Sans|Serif)SC/.test(l))).toBe(true);
    for (const l of fonts) {
      expect(l).toMatch(/\syes\s/);
      if (!l.startsWith('[none]')) expect(l).toMatch(/^\S+\+Noto(Sans|Serif)SC/);
    }

    // the long table carries its header onto page 2
    const p2 = squash(text(longFile, 2));
    expect(p2).toContain('年度目标完成');
    expect(p2).toContain('本期值');
    expect(p2).toMatch(/长表指标[3-5]\d/);
    expect(squash(text(longFile, 1))).not.toContain('长表指标60');
  }, 120_000);

  it('blocks and counts every request that is not data: (a document without the pack CSP)', async () => {
    const origin = ['http:', '', '127.0.0.1:9'].join('/');
    const html = `<html><head><link rel="stylesheet" href="${origin}/a.css"></head><body><p>内部</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>`;
    const host = await openNodePackHost();
    const pdf = await host.printPdf(html, PACK_FIXTURE);
    await host.close();
    expect(host.blocked).toEqual([`${PACK_FIXTURE.title}: ${origin}/a.css`]);
    expect(pdf!.length).toBeGreaterThan(1000);
  }, 60_000);
});
