/**
 * The pack's sections as slides: native tables and charts (line, bar, radar, doughnut) so the deck stays editable
 * in PowerPoint and WPS, and the heat map and map as images when the caller rendered them. Each slide's speaker
 * notes carry the section's sentences for projection mode.
 */
import { packPeriodLabel } from './narrative.js';
import type PptxGenJS from 'pptxgenjs';
import { formatValue } from '../format/number.js';
import { base64FromBytes, fitBox } from './office-bytes.js';
import { INDICATOR_HEADERS, compositeSentences, indicatorCells, profileSentence, sentenceOf, shortPeriod, t, valueText, gapText, rankText, warningLine } from './pack-office-text.js';
import type { PackModel, PackIndicatorRow } from './pack-types.js';
import { COLOR, FONT, addText, cell, chartFonts, frameSlide, headCell } from './pptx-frame.js';

export interface SlideContext {
  readonly pptx: PptxGenJS;
  readonly model: PackModel;
  readonly images: ReadonlyMap<string, Uint8Array>;
  readonly watermark: string;
}

/** Rows of the core indicator table per slide; longer tables continue on the next slide. */
export const TABLE_ROWS_PER_SLIDE = 8;

const png = (bytes: Uint8Array) => `image/png;base64,${base64FromBytes(bytes)}`;

/** Title slide. */
export function titleSlide({ pptx, model: m, watermark }: SlideContext): void {
  const s = frameSlide(pptx, { title: '季度发展情况分析', watermark, notes: [t(m.title), ...m.findings.slice(0, 1).map((f) => t(f.text))] });
  addText(s, m.title, { x: 0.8, y: 2.0, w: 11.7, h: 1.6, fontSize: 34, bold: true, color: COLOR.brand, align: 'center', valign: 'middle' });
  const sub = [m.region.parentName, m.region.group, m.leader ? `${t(m.leader.name)}${m.leader.post ? `（${t(m.leader.post)}）` : ''}` : null].filter(Boolean).join(' · ');
  addText(s, sub, { x: 0.8, y: 3.8, w: 11.7, h: 0.6, fontSize: 18, color: COLOR.muted, align: 'center' });
  addText(s, `${m.periodLabel} · 数据截至${m.appendix.cutoff} · ${m.appendix.dataStage}`, { x: 0.8, y: 4.5, w: 11.7, h: 0.5, fontSize: 14, color: COLOR.muted, align: 'center' });
}

/** Summary: the findings in the pack's order. */
export function summarySlide({ pptx, model: m, watermark }: SlideContext): void {
  const lines = m.findings.map((f) => f.text);
  const s = frameSlide(pptx, { title: '一、总体情况', watermark, notes: lines });
  addText(s, lines.length ? lines : ['本期要点暂缺。'], { x: 0.7, y: 1.3, w: 11.9, h: 5.4, fontSize: 20, bullet: true, paraSpaceAfter: 12 });
}

/** The leader's profile as a two-column table plus the sentence. */
export function profileSlide({ pptx, model: m, watermark }: SlideContext): void {
  const sentence = profileSentence(m.leader);
  const s = frameSlide(pptx, { title: '二、一把手基本情况', watermark, notes: [sentence] });
  const l = m.leader;
  const rows: [string, string][] = [
    ['姓名', l ? t(l.name) : '暂缺'],
    ['现任职务', l?.post ? t(l.post) : '暂缺'],
    ['出生年月（年龄）', l?.birthYm ? `${l.birthYm}${l.age === null ? '' : `（${l.age}岁）`}` : '暂缺'],
    ['任现职时间（年限）', l?.since ? `${l.since}${l.yearsInPost === null ? '' : `（${formatValue(l.yearsInPost, null, 'zh-CN', 1)}年）`}` : '暂缺'],
    ['近三年年度考核', l?.assessments.length ? l.assessments.map((a) => `${a.year}年度 ${t(a.result)}`).join('；') : '暂缺'],
  ];
  s.addTable(rows.map(([k, v]) => [cell(k, { bold: true, fill: { color: 'E8EEF5' }, color: COLOR.brand, fontSize: 15 }), cell(v, { fontSize: 16 })]), { ...FONT, x: 0.7, y: 1.3, w: 8, colW: [2.6, 5.4], rowH: 0.6, border: { type: 'solid', pt: 0.75, color: COLOR.line } });
  addText(s, sentence, { x: 0.7, y: 4.8, w: 11.9, h: 1.6, fontSize: 16, color: COLOR.muted });
}

/** The core indicator table, split over continuation slides. */
export function indicatorSlides({ pptx, model: m, watermark }: SlideContext): void {
  const rows = m.indicators;
  const pages = Math.max(1, Math.ceil(rows.length / TABLE_ROWS_PER_SLIDE));
  for (let p = 0; p < pages; p++) {
    const part = rows.slice(p * TABLE_ROWS_PER_SLIDE, (p + 1) * TABLE_ROWS_PER_SLIDE);
    const title = `三、核心指标${pages > 1 ? `（${p + 1}/${pages}${p > 0 ? '，续' : ''}）` : ''}`;
    const s = frameSlide(pptx, { title, watermark, notes: part.map((r) => sentenceOf(m, r)) });
    const body = part.map((r) => indicatorCells(r).map((c, j) => cell(c, { align: j === 0 ? 'left' : 'center', color: j === 4 && (r.gap ?? 0) * r.direction < 0 ? COLOR.red : COLOR.ink })));
    s.addTable([INDICATOR_HEADERS.map(headCell), ...body], { ...FONT, x: 0.4, y: 1.2, w: 12.5, colW: [2.5, 1.45, 1.35, 1.9, 1.55, 1.25, 1.1, 1.4], rowH: 0.55, border: { type: 'solid', pt: 0.75, color: COLOR.line } });
    if (!part.length) addText(s, '本期核心指标数据暂缺。', { x: 0.7, y: 2, w: 11, h: 0.6, fontSize: 18 });
  }
}

/** Trends: two native line charts per slide, region against its benchmark. */
export function trendSlides({ pptx, model: m, watermark }: SlideContext): void {
  const trends = m.trends;
  if (!trends.length) {
    const s = frameSlide(pptx, { title: '四、主要指标走势', watermark, notes: ['本期趋势数据暂缺。'] });
    addText(s, '本期趋势数据暂缺。', { x: 0.7, y: 2, w: 11, h: 0.6, fontSize: 18 });
    return;
  }
  for (let i = 0; i < trends.length; i += 2) {
    const pair = trends.slice(i, i + 2);
    const notes = pair.map((tr) => {
      const last = tr.values[tr.values.length - 1] ?? null;
      const b = tr.benchmark[tr.benchmark.length - 1] ?? null;
      const what = tr.series === 'yoy' ? '同比' : '';
      return `${t(tr.name)}${what}：${t(tr.periods[tr.periods.length - 1] ?? '')}为${last === null ? '暂缺' : `${formatValue(last, tr.unit)}${tr.unit ?? ''}`}，基准${b === null ? '暂缺' : `${formatValue(b, tr.unit)}${tr.unit ?? ''}`}。`;
    });
    const s = frameSlide(pptx, { title: `四、主要指标走势${trends.length > 2 ? `（${i / 2 + 1}/${Math.ceil(trends.length / 2)}）` : ''}`, watermark, notes });
    pair.forEach((tr, k) => {
      const labels = tr.periods.map((p) => t(shortPeriod(p)));
      const benchLabel = m.indicators.find((r) => r.indicatorId === tr.indicatorId)?.benchmarkLabel ?? '基准';
      const x = 0.4 + k * 6.3;
      s.addChart(pptx.ChartType.line, [
        { name: t(m.region.name), labels, values: tr.values as number[] },
        { name: t(benchLabel), labels, values: tr.benchmark as number[] },
      ], {
        ...chartFonts(), x, y: 1.15, w: 6.1, h: 5.1,
        title: t(`${tr.name}${tr.series === 'yoy' ? '（同比，%）' : tr.unit ? `（${tr.unit}）` : ''}`), showTitle: true,
        showLegend: true, legendPos: 'b', chartColors: [COLOR.brand, COLOR.bench], lineSize: 2, lineDataSymbolSize: 6,
        valAxisLabelFormatCode: '0.0', catAxisLabelRotate: 0,
      });
      const start = tr.tenureStartIndex === null ? null : tr.periods[tr.tenureStartIndex];
      addText(s, start ? `现任一把手任职起：${packPeriodLabel(start)}（图中第${(tr.tenureStartIndex ?? 0) + 1}个季度）` : tr.series === 'yoy' ? '累计值逐年重新起算，故绘同比' : '', { x, y: 6.3, w: 6.1, h: 0.4, fontSize: 11, color: COLOR.muted });
    });
  }
}

const heatColor = (z: number | null): string => (z === null ? 'F3F4F6' : z >= 1 ? '2E7D32' : z >= 0.3 ? 'A5D6A7' : z > -0.3 ? 'FFF3C4' : z > -1 ? 'F4A261' : 'C62828');

/** Peers: a native bar chart of the composite, and the heat map and map as images (a native coloured table without one). */
export function peersSlide({ pptx, model: m, images, watermark }: SlideContext): void {
  const p = m.peers;
  const scored = p.regions.filter((r) => r.composite !== null);
  const missing = p.regions.filter((r) => r.composite === null).map((r) => t(r.name));
  const self = p.regions.find((r) => r.self);
  const notes = [`在${t(p.scopeLabel)}中，综合得分${self?.composite == null ? '暂缺' : `${formatValue(self.composite, '分')}分，居${rankText(self.rank, scored.filter((r) => r.rank === self.rank).length > 1)}`}。`, ...(missing.length ? [`${missing.join('、')}综合得分暂缺。`] : [])];
  const s = frameSlide(pptx, { title: `五、${t(p.scopeLabel)}比较`, watermark, notes });
  // A horizontal bar chart draws its first category at the bottom: reversed, the first-ranked region is on top.
  const bars = [...scored].reverse();
  const labels = bars.map((r) => t(r.name));
  s.addChart(pptx.ChartType.bar, [
    { name: '本地区', labels, values: bars.map((r) => (r.self ? r.composite : null)) as number[] },
    { name: '同组其他地区', labels, values: bars.map((r) => (r.self ? null : r.composite)) as number[] },
  ], {
    ...chartFonts(), x: 0.4, y: 1.15, w: 5.6, h: 5.2, barDir: 'bar', barGrouping: 'stacked',
    title: '综合得分', showTitle: true, showLegend: true, legendPos: 'b', chartColors: [COLOR.brand, COLOR.bench],
    showValue: true, dataLabelFormatCode: '0.0', valAxisMinVal: 0, valAxisMaxVal: 100,
  });
  if (missing.length) addText(s, `综合得分暂缺：${missing.join('、')}`, { x: 0.4, y: 6.4, w: 5.6, h: 0.4, fontSize: 11, color: COLOR.muted });
  const heat = images.get('heat');
  const map = images.get('map');
  const right = { x: 6.3, y: 1.15, w: 6.6, h: map ? 2.75 : 5.5 };
  if (heat) {
    const b = fitBox(heat, right.w, right.h);
    s.addImage({ data: png(heat), x: right.x, y: right.y, w: b.w, h: b.h, altText: '热力图' });
  } else {
    const cols = p.heat.indicators.map((n) => headCell(n));
    const rows = p.regions.map((r, i) => [cell(r.name, { bold: r.self, fontSize: 10 }), ...p.heat.indicators.map((_, j) => {
      const z = p.heat.cells[i]?.[j] ?? null;
      const dark = z !== null && Math.abs(z) >= 1;
      return cell(z === null ? '暂缺' : formatValue(z, null, 'zh-CN', 1), { align: 'center', fontSize: 10, fill: { color: heatColor(z) }, color: dark ? 'FFFFFF' : COLOR.ink });
    })]);
    const first = 1.9;
    const colW = [first, ...p.heat.indicators.map(() => (right.w - first) / Math.max(1, p.heat.indicators.length))];
    s.addTable([[headCell('地区（标准分）'), ...cols], ...rows], { ...FONT, x: right.x, y: right.y, w: right.w, colW, fontSize: 10, border: { type: 'solid', pt: 0.5, color: 'FFFFFF' } });
  }
  if (map) {
    const b = fitBox(map, right.w, 2.75);
    s.addImage({ data: png(map), x: right.x, y: 4.05, w: b.w, h: b.h, altText: '地图' });
  }
}

/** Composite: radar of dimensions against the average, the score as a doughnut of 100, and the rank interval. */
export function compositeSlide({ pptx, model: m, watermark }: SlideContext): void {
  const c = m.composite;
  const sentences = compositeSentences(c, m.peers.scopeLabel);
  const s = frameSlide(pptx, { title: '六、综合得分', watermark, notes: sentences });
  if (c && c.dimensions.length) {
    const labels = c.dimensions.map((d) => t(d.name));
    s.addChart(pptx.ChartType.radar, [
      { name: t(m.region.name), labels, values: c.dimensions.map((d) => d.score) as number[] },
      { name: '同组平均', labels, values: c.dimensions.map((d) => d.average) as number[] },
    ], { ...chartFonts(), x: 0.4, y: 1.15, w: 6.2, h: 5.0, radarStyle: 'marker', title: '分维度得分', showTitle: true, showLegend: true, legendPos: 'b', chartColors: [COLOR.brand, COLOR.bench], valAxisMinVal: 0, valAxisMaxVal: 100 });
  }
  if (c && c.score !== null && c.score >= 0 && c.score <= 100) {
    s.addChart(pptx.ChartType.doughnut, [{ name: '综合得分', labels: ['得分', '距满分'], values: [c.score, Number((100 - c.score).toFixed(4))] }], {
      ...chartFonts(), x: 7.0, y: 1.15, w: 3.4, h: 3.4, holeSize: 70, showLegend: false, showValue: false, showPercent: false, showTitle: false, chartColors: [COLOR.brand, 'E5E7EB'], firstSliceAng: 0,
    });
    addText(s, [`${formatValue(c.score, '分')}分`, rankText(c.rank, c.tied)], { x: 7.6, y: 2.3, w: 2.2, h: 1.1, fontSize: 20, bold: true, color: COLOR.brand, align: 'center', valign: 'middle' });
  }
  addText(s, sentences, { x: 6.9, y: 4.7, w: 6.0, h: 2.1, fontSize: 15 });
}

function swTable(m: PackModel, rows: readonly PackIndicatorRow[]): PptxGenJS.TableRow[] {
  return [[headCell('指标'), headCell('数值'), headCell('与基准差距'), headCell('位次')], ...rows.map((r) => [cell(r.name), cell(valueText(r), { align: 'center' }), cell(gapText(r), { align: 'center' }), cell(rankText(r.rank, r.tied), { align: 'center' })])];
}

/** Strengths and weaknesses side by side, each with its sentences below. */
export function strengthsSlide({ pptx, model: m, watermark }: SlideContext): void {
  const notes = m.findings.filter((f) => f.kind === 'strength' || f.kind === 'weakness').map((f) => f.text);
  const s = frameSlide(pptx, { title: '七、优势与短板', watermark, notes: notes.length ? notes : [...m.strengths, ...m.weaknesses].map((r) => sentenceOf(m, r)) });
  ([['优势指标', m.strengths, COLOR.good], ['短板指标', m.weaknesses, COLOR.red]] as const).forEach(([label, rows, color], k) => {
    const x = 0.4 + k * 6.35;
    addText(s, label, { x, y: 1.1, w: 6.1, h: 0.5, fontSize: 18, bold: true, color });
    s.addTable(swTable(m, rows), { ...FONT, x, y: 1.65, w: 6.1, colW: [2.2, 1.4, 1.4, 1.1], rowH: 0.5, fontSize: 12, border: { type: 'solid', pt: 0.75, color: COLOR.line } });
    addText(s, rows.map((r) => sentenceOf(m, r)), { x, y: 4.0, w: 6.1, h: 2.8, fontSize: 13, color: COLOR.muted, bullet: true });
  });
}

/** Warnings in force and the 红黄榜 history (labelled, never colour alone). */
export function warningsSlide({ pptx, model: m, watermark }: SlideContext): void {
  const lines = m.warnings.map(warningLine);
  const listLines = m.lists.map((l) => `${l.period} ${l.listType}（${l.subject === 'region' ? '地区' : '干部'}）：${t(l.reason)}`);
  const s = frameSlide(pptx, { title: '八、预警与红黄榜', watermark, notes: [...(lines.length ? lines : ['本期无预警。']), ...listLines] });
  addText(s, '预警', { x: 0.4, y: 1.1, w: 12, h: 0.5, fontSize: 18, bold: true, color: COLOR.brand });
  const wRows = m.warnings.map((w) => [cell(w.level, { bold: true, color: w.level === '红线' ? COLOR.red : COLOR.yellow, align: 'center' }), cell(w.status, { align: 'center' }), cell(w.ruleName), cell(w.message), cell(w.since, { align: 'center' })]);
  if (wRows.length) s.addTable([[headCell('等级'), headCell('状态'), headCell('规则'), headCell('内容'), headCell('起始')], ...wRows], { ...FONT, x: 0.4, y: 1.6, w: 12.5, colW: [1.0, 1.0, 2.2, 7.1, 1.2], rowH: 0.5, border: { type: 'solid', pt: 0.75, color: COLOR.line } });
  else addText(s, '本期无预警。', { x: 0.4, y: 1.6, w: 12, h: 0.5, fontSize: 16 });
  const y = 1.9 + Math.max(1, wRows.length + 1) * 0.5;
  addText(s, '红黄榜记录', { x: 0.4, y, w: 12, h: 0.5, fontSize: 18, bold: true, color: COLOR.brand });
  const lRows = m.lists.map((l) => [cell(l.period, { align: 'center' }), cell(l.listType, { bold: true, align: 'center', color: l.listType === '红榜' ? COLOR.red : COLOR.yellow }), cell(l.subject === 'region' ? '地区' : '干部', { align: 'center' }), cell(l.reason)]);
  if (lRows.length) s.addTable([[headCell('期间'), headCell('榜单'), headCell('对象'), headCell('事由')], ...lRows], { ...FONT, x: 0.4, y: y + 0.5, w: 12.5, colW: [1.5, 1.2, 1.2, 8.6], rowH: 0.45, border: { type: 'solid', pt: 0.75, color: COLOR.line } });
  else addText(s, '无红黄榜记录。', { x: 0.4, y: y + 0.5, w: 12, h: 0.5, fontSize: 16 });
}

/** Appendix: definitions, data stage and cut-off, quality notes and sources. */
export function appendixSlide({ pptx, model: m, watermark }: SlideContext): void {
  const a = m.appendix;
  const facts = [`数据阶段：${t(a.dataStage)}；数据截至：${t(a.cutoff)}；文字模板版本：${m.templatesVersion}。`, ...a.quality.map((q) => `数据质量提示：${t(q.indicator)}，${t(q.text)}。`), ...a.sources.map((x) => `来源：${t(x.indicator)}，${t(x.file)}${x.sheet ? `／${t(x.sheet)}` : ''}${x.row === null ? '' : `／第${x.row}行`}`)];
  const s = frameSlide(pptx, { title: '附录：指标口径与数据来源', watermark, notes: facts });
  const rows = a.definitions.map((d) => [cell(d.name, { fontSize: 11 }), cell(d.dimension ?? '—', { fontSize: 11 }), cell(d.unit ?? '—', { fontSize: 11, align: 'center' }), cell(d.basis ?? '—', { fontSize: 11, align: 'center' }), cell(d.direction === 1 ? '越高越好' : '越低越好', { fontSize: 11, align: 'center' })]);
  s.addTable([[headCell('指标'), headCell('维度'), headCell('单位'), headCell('口径'), headCell('方向')], ...rows], { ...FONT, x: 0.4, y: 1.15, w: 7.4, colW: [2.6, 1.4, 1.4, 0.9, 1.1], rowH: 0.4, border: { type: 'solid', pt: 0.75, color: COLOR.line } });
  addText(s, facts, { x: 8.1, y: 1.15, w: 4.8, h: 5.6, fontSize: 12, color: COLOR.ink, paraSpaceAfter: 6 });
}
