import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packCharts } from '../../../shared/report/pack-charts.js';
import { packTrendOption } from '../../../shared/report/pack-chart-options.js';
import { fontFaceCss, parseFontSubsets, type FontFiles } from '../../../shared/report/pack-font.js';
import { inertText } from '../../../shared/format/xml-text.js';
import { packHtml, packPrintText, PACK_CSP } from '../../../shared/report/pack-html.js';
import { base64 } from '../../../shared/util/base64.js';
import { HOSTILE_LEADER, PACK_FIXTURE } from '../../fixtures/pack/pack-model.js';

const SECTIONS = ['一、综合研判', '二、主要负责同志基本情况', '三、核心指标', '四、主要指标走势', '五、同组比较', '六、综合得分', '七、优势与短板', '八、预警与红黄榜', '九、附录'];

/** Two subsets: ASCII digits and 综合; their file bytes are 1,2,3 and 4,5. */
const FAKE_CSS = `@font-face { font-family: 'X'; src: url(./files/a.woff2) format('woff2'), url(./files/a.woff) format('woff'); unicode-range: U+30-39; }
@font-face { font-family: 'X'; src: url(./files/b.woff2) format('woff2'); unicode-range: U+7efc,U+5408-5409; }`;
const fakeFonts = (reads: string[]): FontFiles => ({
  sources: [{ family: 'Noto Sans SC', weight: 400, css: FAKE_CSS }],
  read: (_s, file) => (reads.push(file), file.endsWith('a.woff2') ? new Uint8Array([1, 2, 3]) : new Uint8Array([4, 5])),
});

const withTenure = { ...PACK_FIXTURE, trends: PACK_FIXTURE.trends.map((t, i) => (i === 0 ? { ...t, tenureStartIndex: 3 } : t)) };
const charts = packCharts(withTenure);
const doc = packHtml(withTenure, charts, { fontCss: fontFaceCss('综合', fakeFonts([])) });

describe('fonts', () => {
  it('parses @fontsource ranges and inlines only the subsets the text uses', () => {
    expect(parseFontSubsets(FAKE_CSS)).toEqual([
      { file: './files/a.woff2', ranges: [[0x30, 0x39]] },
      { file: './files/b.woff2', ranges: [[0x7efc, 0x7efc], [0x5408, 0x5409]] },
    ]);
    const reads: string[] = [];
    const css = fontFaceCss('综合得分', fakeFonts(reads));
    expect(reads).toEqual(['./files/b.woff2']);
    expect(css).toContain('url(data:font/woff2;base64,BAU=)');
    expect(css).toContain('unicode-range:U+7efc,U+5408-5409');
    expect(fontFaceCss('第2位', fakeFonts([]))).toContain('base64,AQID');
    expect(fontFaceCss('abc', fakeFonts([]))).toBe('');
  });

  it('base64 matches RFC 4648 test vectors', () => {
    const enc = (s: string) => base64(new TextEncoder().encode(s));
    expect([enc(''), enc('f'), enc('fo'), enc('foo'), enc('foob'), enc('fooba'), enc('foobar')]).toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
  });

  it('the real @fontsource css has subsets covering every CJK character of the pack', () => {
    const css = readFileSync(new URL('../../../node_modules/@fontsource/noto-sans-sc/400.css', import.meta.url), 'utf8');
    const subs = parseFontSubsets(css);
    expect(subs.length).toBeGreaterThan(90);
    const text = doc.replace(/<style>[\s\S]*?<\/style>/g, '');
    const missing = [...new Set(text)].filter((ch) => ch >= '\u2e80' && !subs.some((s) => s.ranges.some(([lo, hi]) => ch.codePointAt(0)! >= lo && ch.codePointAt(0)! <= hi)));
    expect(missing).toEqual([]);
  });
});

describe('packCharts', () => {
  it('renders one SVG per trend, the peers, the heat map and the radar; the map only with boundaries', () => {
    expect(charts.map((c) => c.key)).toEqual(['trend:GDPG', 'trend:REV', 'peers', 'heat', 'radar']);
    const geo = JSON.parse(readFileSync(new URL('../../../data/sample/map.geojson', import.meta.url), 'utf8'));
    expect(packCharts(PACK_FIXTURE, { geojson: geo }).map((c) => c.key)).toContain('map');
    for (const c of charts) {
      expect(c.svg.startsWith('<svg')).toBe(true);
      expect(c.svg).toContain(`width="${c.width}"`);
      expect(c.svg).toContain("font-family:'Noto Sans SC'");
    }
  });

  it('keeps hostile names as text in the SVG', () => {
    for (const c of charts) {
      expect(c.svg).not.toMatch(/<img/i);
      expect(c.svg).toContain('&lt;img src=x');
    }
    // the ranking and heat map print the name whole (the legends of trend and radar shorten it with …)
    for (const key of ['peers', 'heat']) expect(charts.find((c) => c.key === key)!.svg).toContain('=HYPERLINK(&quot;http://x&quot;)&lt;img src=x onerror=alert(1)&gt;县');
  });

  it('marks 任职起 only where the tenure starts inside the window, and leaves missing quarters as gaps', () => {
    expect(charts.find((c) => c.key === 'trend:GDPG')!.svg).toContain('任职起');
    expect(charts.find((c) => c.key === 'trend:REV')!.svg).not.toContain('任职起');
    const opt = packTrendOption(withTenure.trends[0]!, { regionName: '甲县', benchmarkLabel: '全省平均' });
    const data = (opt.series as { data: unknown[] }[])[0]!.data;
    expect(data[3]).toBe('-');
    expect(data[2]).toBe(5.1);
  });
});

describe('packHtml', () => {
  it('has the nine sections in the order of pack-types.ts', () => {
    const at = SECTIONS.map((s) => doc.indexOf(`<h2>${s}</h2>`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('escapes the hostile names: no markup from data, U+FFFE dropped', () => {
    expect(doc).not.toMatch(/<img/i);
    expect(doc).not.toContain('<b>三</b>');
    expect(doc).toContain('+张&lt;b&gt;三&lt;/b&gt;</td>');
    expect(doc).toContain('=HYPERLINK(&quot;http://x&quot;)&lt;img src=x onerror=alert(1)&gt;县2025年三季度发展情况分析</h1>');
    expect(doc).not.toContain('\uFFFE');
    expect(HOSTILE_LEADER).toContain('\uFFFE');
    expect(inertText('a\uFFFEb\u0007c\uD800d😀')).toBe('abcd😀');
    expect(packPrintText(PACK_FIXTURE)).toEqual({ headerText: '内部资料', footerText: '内部资料 张分析 PC-ZZB-01 2026-12-07 09:30' });
  });

  it('has a strict CSP, no script, fonts only as data:, no URL but the SVG namespaces', () => {
    expect(doc).toContain(`<meta http-equiv="Content-Security-Policy" content="${PACK_CSP.replace(/'/g, '&#39;')}">`);
    expect(PACK_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:");
    expect(doc).not.toMatch(/<script/i);
    expect(doc).not.toMatch(/\son[a-z]+\s*=\s*["']/i);
    const urls = [...doc.matchAll(/url\(\s*([^)]{0,20})/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    // url(#id) are the SVG's own clip paths and gradients
    expect(urls.filter((u) => !u.startsWith('data:font/woff2') && !u.startsWith('#'))).toEqual([]);
    const http = [...doc.matchAll(/https?:\/\/[^\s"'<>&)]*/g)].map((m) => m[0]);
    const foreign = http.filter((u) => u !== 'http://www.w3.org/2000/svg' && u !== 'http://www.w3.org/1999/xlink');
    // the only other one is the hostile name's payload, printed as escaped text
    expect(foreign.every((u) => u === `http://${'x'}`)).toBe(true);
    expect(doc).not.toMatch(/(?:href|src)\s*=\s*["']?https?:/i);
  });

  it('gives every SVG id once in the document (the charts are inlined side by side)', () => {
    const ids = [...doc.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('prints the indicator table in the house wording', () => {
    const table = doc.slice(doc.indexOf('<table class="indicators">'), doc.indexOf('</table>', doc.indexOf('<table class="indicators">')));
    expect(table).toContain('<th>位次（5个地区）</th>');
    // GDP: 512.3 亿元 two decimals, gap 32.2 亿元, 第2位, 前进1位, 76.5% against 75%
    expect(table).toContain('<td class="n">512.30</td><td class="n">+5.5%</td><td class="n">480.10</td><td class="n better">+32.20亿元</td><td class="c">第2位</td><td class="c better">前进1位</td><td class="c">76.5%（时序75%）</td>');
    // growth rate: gap in 个百分点, a tie, 后退1位
    expect(table).toContain('<td class="n better">+0.3个百分点</td><td class="c">并列第3位</td><td class="c worse">后退1位</td>');
    // PM2.5 lower is better: 3 below the average is better; 同比 −6.7%; 持平
    expect(table).toContain('PM2.5平均浓度（越低越好）');
    expect(table).toContain('<td class="n">−6.7%</td><td class="n">31</td><td class="n better">−3微克/立方米</td><td class="c">第1位</td><td class="c ">持平</td>');
    // a fall is −2.1%, never 增长-2.1%; missing is 暂缺, never 0
    expect(table).toContain('<td class="n">−2.1%</td>');
    expect(table).toContain('<td class="n">暂缺</td><td class="n">暂缺</td><td class="n">暂缺</td><td class="n ">暂缺</td><td class="c">暂缺</td>');
    expect(doc).toContain('位次区间为第1至3位');
    expect(doc).toContain('居第2位，较上季度前进1位');
    expect(doc).toContain('2.3年');
    expect(doc).toContain('2022年度称职；2023年度优秀；2024年度优秀');
    expect(doc).toContain('<td>2025年三季度主要指标.xlsx</td><td class="c">县区</td><td class="c">14</td>');
  });

  it('puts the watermark on the page as a fixed overlay', () => {
    expect(doc).toContain('.watermark { position: fixed;');
    expect(doc.split('<span>内部资料 张分析 PC-ZZB-01 2026-12-07 09:30</span>').length - 1).toBe(40);
    expect(doc).toContain('thead { display: table-header-group; }');
    expect(doc).toMatch(/\.chart \{ break-inside: avoid;/);
  });
});
