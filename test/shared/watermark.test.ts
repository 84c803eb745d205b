import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withWatermark } from '../../shared/charts/watermark.js';
import { tableXlsx } from '../../shared/format/table-export.js';
import { honourPageHtml } from '../../shared/report/honour-page.js';
import { honourResultOf } from '../../shared/analytics/honour-lists-result.js';
import { packDocx } from '../../shared/report/pack-docx.js';
import { packHtml, packPrintText } from '../../shared/report/pack-html.js';
import { packPptx } from '../../shared/report/pack-pptx.js';
import { packXlsx } from '../../shared/report/pack-xlsx.js';
import { DEFAULT_WATERMARK_TEMPLATE, watermarkText } from '../../shared/report/pack-types.js';
import { readViewSettings, withWatermarkTemplate } from '../../shared/workspace/view-settings.js';
import { PACK_FIXTURE } from '../fixtures/pack/pack-model.js';
import { unescapeXml, xmlParts } from './report/ooxml-read.js';

const WHO = { user: '张三', machine: 'PC-ZZB-01', time: '2026-12-07 09:30' };
/** A template with markup, an ampersand, quotes and a control character: it must reach every format as text. */
const HOSTILE = '<b>注意&保密</b> "{user}" \u0007{machine} {time}';
const HOSTILE_TEXT = '内部资料 <b>注意&保密</b> "张三" PC-ZZB-01 2026-12-07 09:30';

const dir = mkdtempSync(join(tmpdir(), 'hj-wm-'));
/** xmllint's verdict on one XML part (throws with its message when not well-formed). */
function wellFormed(name: string, xml: string): void {
  const f = join(dir, name.replace(/[^\w.]/g, '_'));
  writeFileSync(f, xml);
  execFileSync('xmllint', ['--noout', f], { stdio: 'pipe' });
}
/** Every XML part is well-formed, and the text of all parts (unescaped) carries `text`. */
function carries(parts: Record<string, string>, text: string): void {
  for (const [n, x] of Object.entries(parts)) if (/\.(xml|rels)$/.test(n)) wellFormed(n, x);
  expect(Object.values(parts).map(unescapeXml).join('\n')).toContain(text);
}

describe('watermark text', () => {
  it('defaults to 「内部资料 {user} {machine} {time}」 and fills a configured template', () => {
    expect(DEFAULT_WATERMARK_TEMPLATE).toBe('内部资料 {user} {machine} {time}');
    expect(watermarkText(WHO)).toBe('内部资料 张三 PC-ZZB-01 2026-12-07 09:30');
    expect(watermarkText({ ...WHO, text: '{user}@{machine}' })).toBe('内部资料 张三@PC-ZZB-01');
    expect(watermarkText({ ...WHO, text: '注意保密' })).toBe('内部资料 注意保密 张三 PC-ZZB-01 2026-12-07 09:30');
    expect(watermarkText({ ...WHO, text: HOSTILE })).toBe(HOSTILE_TEXT);
  });
  it('is a workspace setting (views document), read defensively', () => {
    expect(readViewSettings(withWatermarkTemplate({ sourceNote: 'GS(2024)1号' }, '{user} 专用')).watermark).toBe('{user} 专用');
    expect(readViewSettings({ watermark: 42 }).watermark).toBe('');
    expect(readViewSettings(withWatermarkTemplate({}, 'x'.repeat(500))).watermark.length).toBe(200);
  });
});

describe('every export format carries the watermark, escaped', () => {
  const model = { ...PACK_FIXTURE, watermark: { ...WHO, text: HOSTILE } };

  it('table XLSX: page header and footer of the sheet (& doubled for Excel codes), well-formed', () => {
    const parts = xmlParts(tableXlsx({ sheetName: '名册', headers: ['姓名'], rows: [['张三']] }, { watermark: HOSTILE_TEXT }));
    const sheet = parts['xl/worksheets/sheet1.xml'] as string;
    expect(unescapeXml(/<oddHeader>(.*?)<\/oddHeader>/.exec(sheet)?.[1] ?? '')).toBe(`&C${HOSTILE_TEXT.replace('&', '&&')}`);
    carries(parts, HOSTILE_TEXT.replace('&', '&&'));
    // Without a watermark nothing is added.
    expect(xmlParts(tableXlsx({ sheetName: 'a', headers: ['x'], rows: [] }))['xl/worksheets/sheet1.xml']).not.toContain('headerFooter');
  });
  it('pack XLSX: every sheet', () => {
    const parts = xmlParts(packXlsx(model));
    const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets.length).toBeGreaterThan(5);
    for (const s of sheets) expect(unescapeXml(parts[s] as string)).toContain(HOSTILE_TEXT.replace('&', '&&'));
    carries(parts, HOSTILE_TEXT);
  });
  it('pack DOCX: header and footer, well-formed', async () => {
    const parts = xmlParts(await packDocx(model, new Map()));
    const header = Object.entries(parts).find(([n]) => /^word\/header\d+\.xml$/.test(n))?.[1] ?? '';
    expect(unescapeXml(header)).toContain(HOSTILE_TEXT);
    carries(parts, HOSTILE_TEXT);
  });
  it('pack PPTX: every slide, well-formed', async () => {
    const parts = xmlParts(await packPptx(model, new Map()));
    const slides = Object.keys(parts).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBeGreaterThan(5);
    for (const s of slides) expect(unescapeXml(parts[s] as string)).toContain(HOSTILE_TEXT);
    carries(parts, HOSTILE_TEXT);
  });
  it('pack HTML/PDF: the print footer and the page carry it as text, never markup', () => {
    expect(packPrintText(model).footerText).toBe(HOSTILE_TEXT);
    const page = packHtml(model, [], { fontCss: '' });
    expect(page).toContain('内部资料 &lt;b&gt;注意&amp;保密&lt;/b&gt;');
    expect(page).not.toContain('<b>注意');
  });
  it('红黄榜 page: the watermark escaped', () => {
    const r = honourResultOf({ level: 'county', periods: new Map([['2025Q3', { period: '2025Q3', hasData: true, records: [], standings: [] }]]), imported: new Map() }, { policy: { top: 1, bottom: 1 } }, '2025Q3');
    const page = honourPageHtml(r, { generatedAt: '2026/12/7', workspaceName: '工作区', watermark: HOSTILE_TEXT });
    expect(page).toContain('<div class="wm">内部资料 &lt;b&gt;注意&amp;保密&lt;/b&gt; &quot;张三&quot; PC-ZZB-01 2026-12-07 09:30</div>');
  });
  it('chart images: the option gets faint diagonal copies and a legible line, added to its own graphic', () => {
    const own = { type: 'text', left: 8, bottom: 4, style: { text: '审图号' } };
    const o = withWatermark({ series: [], graphic: [own] }, HOSTILE_TEXT, 900, 600);
    const g = o.graphic as { style: { text: string }; rotation?: number; right?: number }[];
    expect(g[0]).toBe(own);
    expect(g.slice(1).every((e) => e.style.text === HOSTILE_TEXT)).toBe(true);
    expect(g.filter((e) => e.rotation).length).toBe(9);
    expect(g.filter((e) => e.right === 8).length).toBe(1);
    expect(withWatermark({ graphic: { elements: [own] } }, 'x', 10, 10).graphic).toHaveLength(11);
    const bare = { series: [] };
    expect(withWatermark(bare, '  ', 10, 10)).toBe(bare);
  });
});
