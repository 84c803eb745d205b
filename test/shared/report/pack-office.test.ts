/**
 * The pack as PPTX, DOCX and XLSX from the hand-written PACK_FIXTURE: parts, text, fonts and numbers read back from
 * the packages (no external tools here; pack-office-tools.test.ts validates with xmllint and renders with LibreOffice).
 */
import { describe, expect, it } from 'vitest';
import { stripXmlInvalid } from '../../../shared/format/xml-text.js';
import { tableXlsx, tablesXlsx } from '../../../shared/format/table-export.js';
import { packDocx } from '../../../shared/report/pack-docx.js';
import { packPptx } from '../../../shared/report/pack-pptx.js';
import { packXlsx } from '../../../shared/report/pack-xlsx.js';
import { readXlsx } from '../../../shared/ingest/readers/xlsx/xlsx.js';
import { setRunFonts } from '../../../shared/report/ooxml-fonts.js';
import { base64FromBytes, pngSize } from '../../../shared/report/office-bytes.js';
import type { PackIndicatorRow, PackModel } from '../../../shared/report/pack-types.js';
import { INDICATORS, PACK_FIXTURE } from '../../fixtures/pack/pack-model.js';
import { gradientPng } from '../../fixtures/pack/tiny-png.js';
import { parts, sheetCells, sheetsByName, xmlParts } from './ooxml-read.js';

const WATERMARK = '内部资料 张分析 PC-ZZB-01 2026-12-07 09:30';
const REGION_ESCAPED = '=HYPERLINK(&quot;http://x&quot;)&lt;img src=x onerror=alert(1)&gt;县';
const LEADER_ESCAPED = '+张&lt;b&gt;三&lt;/b&gt;';
const images = new Map([
  ['heat', gradientPng(40, 24)],
  ['map', gradientPng(30, 30)],
  ['trend:GDPG', gradientPng(60, 30)],
  ['peers', gradientPng(50, 30)],
  ['radar', gradientPng(30, 30)],
]);

/** Every run-property element of a DrawingML part, with its content. */
const runProps = (xml: string) => [...xml.matchAll(/<a:(rPr|defRPr|endParaRPr)\b[^>]*?(?:\/>|>[\s\S]*?<\/a:\1>)/g)].map((m) => m[0]);

describe('stripXmlInvalid', () => {
  it('removes C0 controls but tab/LF/CR, U+FFFE/U+FFFF and lone surrogates; keeps pairs', () => {
    expect(stripXmlInvalid('a\u0001b\u0008\u000b\u001f\t\n\rc')).toBe('ab\t\n\rc');
    expect(stripXmlInvalid('张\uFFFE三\uFFFF')).toBe('张三');
    expect(stripXmlInvalid('x\ud800y\udc00z😀')).toBe('xyz😀');
    expect(stripXmlInvalid('\ud83d')).toBe('');
  });
  it('table export strips before neutralising, so a hidden control cannot smuggle a formula', () => {
    const p = xmlParts(tableXlsx({ sheetName: 'a', headers: ['h'], rows: [['\u0001=1+1'], ['\uFFFE']] }));
    const cells = sheetCells(p['xl/worksheets/sheet1.xml'] ?? '');
    expect(cells.get('A2')).toBe("'=1+1");
    expect(cells.get('A3')).toBe('');
  });
});

describe('tablesXlsx', () => {
  it('writes one sheet per table with unique names, each with its header frozen', () => {
    const p = xmlParts(tablesXlsx([
      { sheetName: 'A', headers: ['x'], rows: [[1]] },
      { sheetName: 'a', headers: ['y'], rows: [[2]] },
      { sheetName: 'b[1]', headers: ['z'], rows: [['t']] },
    ]));
    const sheets = sheetsByName(p);
    expect([...sheets.keys()]).toEqual(['A', 'a_2', 'b 1 ']);
    expect(sheetCells(sheets.get('a_2') ?? '').get('A2')).toBe(2);
    for (const xml of sheets.values()) expect(xml).toContain('state="frozen"');
    expect(p['[Content_Types].xml']?.match(/worksheets\/sheet\d\.xml/g)).toHaveLength(3);
  });
});

describe('office helpers', () => {
  it('base64 matches the standard encoding with padding', () => {
    expect(base64FromBytes(new TextEncoder().encode('Man'))).toBe('TWFu');
    expect(base64FromBytes(new TextEncoder().encode('Ma'))).toBe('TWE=');
    expect(base64FromBytes(new TextEncoder().encode('M'))).toBe('TQ==');
  });
  it('reads a PNG size from IHDR', () => {
    expect(pngSize(gradientPng(40, 24))).toEqual({ width: 40, height: 24 });
    expect(pngSize(new Uint8Array([1, 2, 3]))).toBeNull();
  });
  it('setRunFonts sets lang and puts latin/ea/cs before hlinkClick, replacing existing faces', () => {
    const out = setRunFonts('<a:rPr lang="en-US" sz="1200"><a:solidFill/><a:latin typeface="Arial"/><a:hlinkClick r:id="x"/></a:rPr><a:defRPr/>', 'F');
    expect(out).toBe(
      '<a:rPr lang="zh-CN" altLang="en-US" sz="1200"><a:solidFill/><a:latin typeface="F"/><a:ea typeface="F"/><a:cs typeface="F"/><a:hlinkClick r:id="x"/></a:rPr>' +
        '<a:defRPr lang="zh-CN" altLang="en-US"><a:latin typeface="F"/><a:ea typeface="F"/><a:cs typeface="F"/></a:defRPr>',
    );
  });
});

describe('packPptx', async () => {
  const bytes = await packPptx(PACK_FIXTURE, images);
  const p = xmlParts(bytes);
  const slides = Object.keys(p).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  const charts = Object.keys(p).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
  const all = Object.values(p).join('\n');

  it('has one slide per section (10 for the fixture: 5 indicators fit one table slide, 2 trends one slide)', () => {
    expect(slides).toHaveLength(10);
    expect(p['ppt/presentation.xml']).toContain('<p:sldSz cx="12192000" cy="6858000"');
  });

  it('draws native line (2), bar, radar and doughnut charts', () => {
    const kinds = charts.map((n) => /<c:(lineChart|barChart|radarChart|doughnutChart)>/.exec(p[n] ?? '')?.[1]).sort();
    expect(kinds).toEqual(['barChart', 'doughnutChart', 'lineChart', 'lineChart', 'radarChart']);
  });

  it('sets lang zh-CN and the ea typeface on every run property of slides, charts and notes', () => {
    let n = 0;
    for (const name of Object.keys(p).filter((x) => /^ppt\/(slides|charts|notesSlides)\/[^/]+\.xml$/.test(x))) {
      const rp = runProps(p[name] ?? '');
      n += rp.length;
      expect(rp.filter((x) => !x.includes('lang="zh-CN"') || !x.includes('<a:ea typeface="微软雅黑"/>')), name).toEqual([]);
    }
    expect(n).toBeGreaterThan(200);
    expect(p['ppt/theme/theme1.xml']).not.toContain('<a:ea typeface=""/>');
  });

  it('leaves a missing trend value as a gap, not an empty number', () => {
    expect(all).not.toMatch(/<c:v>\s*<\/c:v>/);
    const gdpg = charts.map((n) => p[n] ?? '').find((x) => x.includes('<c:lineChart>') && x.includes('4.8'));
    const firstVal = /<c:val>([\s\S]*?)<\/c:val>/.exec(gdpg ?? '')?.[1] ?? '';
    expect([...firstVal.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v>/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([
      [0, 4.8], [1, 5.0], [2, 5.1], [4, 5.3], [5, 5.4], [6, 5.6], [7, 5.5],
    ]);
  });

  it('prints the title, ranks, 个百分点, the findings, the watermark on every slide and notes per slide', () => {
    expect(p[slides[0] as string]).toContain(`${REGION_ESCAPED}2025年三季度发展情况分析`);
    expect(all).toContain('第2位');
    expect(all).toContain('并列第3位');
    expect(all).toContain('+0.3个百分点');
    expect(all).toContain('前进1位');
    for (const f of PACK_FIXTURE.findings) expect(p[slides[1] as string]).toContain(f.text);
    for (const s of slides) expect(p[s], s).toContain(WATERMARK);
    const notes = Object.keys(p).filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n));
    expect(notes).toHaveLength(10);
    expect(p['ppt/notesSlides/notesSlide2.xml']).toContain(PACK_FIXTURE.findings[3]?.text);
  });

  it('keeps hostile names as escaped text and drops U+FFFE and raw controls everywhere', () => {
    expect(all).toContain(LEADER_ESCAPED);
    expect(all).not.toContain('<img');
    expect(all).not.toContain('<b>');
    expect(all).not.toMatch(/\uFFFE/);
    expect(all.includes('\u0001')).toBe(false);
  });

  it('places the heat map and map as images, and falls back to a native heat table without them', async () => {
    expect(Object.keys(parts(bytes)).filter((n) => n.startsWith('ppt/media/'))).toHaveLength(2);
    const bare = xmlParts(await packPptx(PACK_FIXTURE, new Map()));
    expect(Object.keys(bare).some((n) => n.startsWith('ppt/media/'))).toBe(false);
    expect(bare['ppt/slides/slide6.xml']).toContain('地区（标准分）');
  });

  it('continues a long indicator table on further slides (20 rows, 8 a slide: 3 slides)', async () => {
    const many: PackIndicatorRow[] = Array.from({ length: 20 }, (_, i) => ({ ...(INDICATORS[0] as PackIndicatorRow), indicatorId: `X${i}`, name: `指标${i + 1}` }));
    const model: PackModel = { ...PACK_FIXTURE, indicators: many, indicatorSentences: many.map((r) => `${r.name}。`) };
    const q = xmlParts(await packPptx(model, new Map()));
    const titles = Object.values(q).filter((x) => x.includes('三、核心指标')).map((x) => /三、核心指标[^<]*/.exec(x)?.[0]).sort();
    expect(titles).toEqual(['三、核心指标（1/3）', '三、核心指标（2/3，续）', '三、核心指标（3/3，续）']);
    expect(Object.values(q).join('').match(/<a:t>指标\d+<\/a:t>/g)).toHaveLength(20);
  });
});

describe('packDocx', async () => {
  const p = xmlParts(await packDocx(PACK_FIXTURE, images));
  const doc = p['word/document.xml'] ?? '';
  const all = Object.values(p).join('\n');

  it('prints the findings, ranks and the escaped hostile names, without U+FFFE', () => {
    for (const f of PACK_FIXTURE.findings) expect(doc).toContain(f.text);
    expect(doc).toContain(`${REGION_ESCAPED}2025年三季度发展情况分析`);
    expect(doc).toContain(LEADER_ESCAPED);
    expect(doc).toContain('并列第3位');
    expect(all).not.toMatch(/\uFFFE/);
    expect(all.includes('\u0001')).toBe(false);
    expect(all).not.toContain('<img');
  });

  it('sets the East Asian font on every text run, 公文 faces and sizes', () => {
    const runs = [...doc.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1] as string).filter((r) => r.includes('<w:t'));
    expect(runs.length).toBeGreaterThan(50);
    expect(runs.filter((r) => !/w:eastAsia="[^"]+"/.test(r))).toEqual([]);
    expect(doc).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/);
    expect(doc).toContain('w:eastAsia="黑体"');
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toMatch(/<w:ind w:firstLine="640" w:firstLineChars="200"\/>/);
    expect(p['word/fontTable.xml']).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('lays out A4 with 公文 margins (37 mm top = 2097.6 twips, 28 mm left = 1587.4)', () => {
    const pg = /<w:pgSz[^>]*>/.exec(doc)?.[0] ?? '';
    expect(pg).toContain('w:w="11906"');
    expect(pg).toContain('w:h="16838"');
    const mar = /<w:pgMar[^>]*>/.exec(doc)?.[0] ?? '';
    expect(Math.abs(Number(/w:top="(\d+)"/.exec(mar)?.[1]) - 2097.6)).toBeLessThan(1);
    expect(Math.abs(Number(/w:left="(\d+)"/.exec(mar)?.[1]) - 1587.4)).toBeLessThan(1);
  });

  it('marks 内部资料 first, numbers pages 「— N —」 and carries the watermark in the header and footer', () => {
    expect(/<w:t[^>]*>([^<]*)<\/w:t>/.exec(doc)?.[1]).toBe('内部资料');
    const footer = Object.entries(p).find(([n]) => /^word\/footer\d+\.xml$/.test(n))?.[1] ?? '';
    expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>[^]*?PAGE[^]*?<w:t xml:space="preserve"> —<\/w:t>/);
    expect(footer).toContain(WATERMARK);
    const header = Object.entries(p).find(([n]) => /^word\/header\d+\.xml$/.test(n))?.[1] ?? '';
    expect(header).toContain(WATERMARK);
  });

  it('embeds the given charts as images with numbered captions, skipping absent keys', () => {
    expect(Object.keys(p).length).toBeGreaterThan(0);
    expect(doc).toContain('图1 地区生产总值增速走势');
    expect(doc).not.toContain('一般公共预算收入同比走势');
    expect(doc).toContain('图5 分维度得分');
    expect(doc.match(/<pic:pic\b/g)).toHaveLength(5);
  });
});

describe('packXlsx', () => {
  const p = xmlParts(packXlsx(PACK_FIXTURE));
  const sheets = sheetsByName(p);
  const cells = (name: string) => sheetCells(sheets.get(name) ?? '');

  it('has one sheet per section, header rows frozen, no formula anywhere', () => {
    expect([...sheets.keys()]).toEqual(['核心指标', '趋势', '同组比较', '热力图', '综合得分', '预警', '红黄榜', '数据来源', '说明']);
    for (const xml of sheets.values()) expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(Object.values(p).join('')).not.toMatch(/<f[ >]/);
  });

  it('stores the indicator numbers as numbers and a missing value as an empty cell', () => {
    const c = cells('核心指标');
    expect(c.get('B2')).toBe('地区生产总值');
    expect(c.get('G2')).toBe(512.3);
    expect(c.get('H2')).toBe(5.5);
    expect(c.get('J2')).toBe(480.1);
    expect(c.get('K2')).toBe(32.2);
    expect(c.get('M2')).toBe(2);
    expect(c.get('Q2')).toBe(76.5);
    expect(c.get('K4')).toBe(-3);
    expect(c.get('E4')).toBe('越低越好');
    expect(c.get('L3')).toBe('个百分点');
    expect(c.get('O3')).toBe('是');
    expect(c.get('P5')).toBe(-2);
    expect(c.has('G6')).toBe(false);
  });

  it('keeps trends, peers, heat cells and the composite as numbers', () => {
    const tr = cells('趋势');
    expect(tr.get('E2')).toBe('2023Q4');
    expect(tr.get('F2')).toBe(4.8);
    expect(tr.has('F5')).toBe(false);
    expect(tr.get('G5')).toBe(5.1);
    expect(tr.get('F17')).toBe(-2.1);
    const peers = cells('同组比较');
    expect(peers.get('D3')).toBe(78.6);
    expect(peers.get('E5')).toBe(3);
    expect(cells('热力图').get('E3')).toBe(-1.3);
    const comp = cells('综合得分');
    expect(comp.get('B2')).toBe(78.6);
    expect(comp.get('B7')).toBe(1);
    expect(comp.get('B8')).toBe(3);
    expect(comp.get('C9')).toBe(76.3);
  });

  it('reads back through the app\'s own XLSX importer: nine sheets, the GDP row with numbers', () => {
    const read = readXlsx({ name: 'pack.xlsx', bytes: packXlsx(PACK_FIXTURE) });
    expect(read.map((s) => s.sheet)).toEqual(['核心指标', '趋势', '同组比较', '热力图', '综合得分', '预警', '红黄榜', '数据来源', '说明']);
    const gdp = read[0]?.rows[1] ?? [];
    expect([gdp[1], gdp[6], gdp[9], gdp[10], gdp[12]]).toEqual(['地区生产总值', 512.3, 480.1, 32.2, 2]);
    expect(read[1]?.rows).toHaveLength(17); // header + 2 trends × 8 quarters
  });

  it('neutralises formula payloads with an apostrophe and drops U+FFFE', () => {
    expect(cells('同组比较').get('B3')).toBe(`'=HYPERLINK("http://x")<img src=x onerror=alert(1)>县`);
    const notes = cells('说明');
    expect(notes.get('B7')).toBe("'+张<b>三</b>");
    expect([...notes.values()]).toContain(WATERMARK);
    expect(Object.values(p).join('')).not.toMatch(/[\uFFFE]/);
  });
});
