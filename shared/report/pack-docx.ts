/**
 * The pack as a Word document in 公文 layout (docx, which runs in Node and in the browser): the narrative of every
 * section with its tables, charts as PNG images supplied by the caller (keys 'trend:<indicatorId>', 'peers',
 * 'heat', 'map', 'radar'; absent ones are skipped), 内部资料 top-left, the watermark in the header, 「— N —」 page
 * numbers in the footer. After docx writes the file, the font table gains the fallbacks of the 公文 faces.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { formatValue } from '../format/number.js';
import { fitBox } from './office-bytes.js';
import {
  INDICATOR_HEADERS, compositeSentences, gapText, indicatorCells, profileSentence, rankText, sentenceOf, t, warningLine,
} from './pack-office-text.js';
import { watermarkText, type PackModel } from './pack-types.js';
import { DOCX_FONTS, PAGE, TEXT_WIDTH_PX, bodyPara, centredPara, fontTableEntries, fonts, headingPara, run, subheadingPara, titlePara } from './docx-style.js';

type Block = Paragraph | Table;

const NUMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The type area's width in twips (156 mm), shared by the tables' columns. */
const TABLE_TWIPS = 8844;

/** A table in 仿宋 (五号 10.5 pt unless `pt`) with a 黑体 header row, full width, columns in proportion to `weights`. */
function table(headers: readonly string[], rows: readonly (readonly string[])[], weights: readonly number[] = headers.map(() => 1), pt = 10.5): Table {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TABLE_TWIPS * w) / total));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const mk = (text: string, head: boolean, j: number) =>
    new TableCell({
      width: { size: widths[j] ?? 0, type: WidthType.DXA },
      children: [new Paragraph({ children: [run(text, head ? DOCX_FONTS.heading : DOCX_FONTS.body, pt)], alignment: j === 0 ? AlignmentType.LEFT : AlignmentType.CENTER })],
      margins: { top: 40, bottom: 40, left: 60, right: 60 },
      verticalAlign: VerticalAlign.CENTER,
    });
  return new Table({
    width: { size: TABLE_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, j) => mk(h, true, j)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, j) => mk(c, false, j)) })),
    ],
  });
}

/** An image paragraph (centred, fitted to the type area) and its caption, or nothing when the image is absent. */
function figure(images: ReadonlyMap<string, Uint8Array>, key: string, caption: string, counter: { n: number }): Block[] {
  const bytes = images.get(key);
  if (!bytes) return [];
  const box = fitBox(bytes, TEXT_WIDTH_PX, 420);
  counter.n += 1;
  const label = `图${counter.n} ${caption}`;
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120 }, children: [new ImageRun({ type: 'png', data: bytes, transformation: { width: Math.round(box.w), height: Math.round(box.h) }, altText: { name: t(label), description: t(label), title: t(label) } })] }),
    centredPara(label, 12),
  ];
}

/** The body of the document, section by section. */
function body(m: PackModel, images: ReadonlyMap<string, Uint8Array>): Block[] {
  const fig = { n: 0 };
  let h = 0;
  const heading = (text: string) => headingPara(`${NUMS[h++] ?? String(h)}、${text}`);
  const out: Block[] = [
    new Paragraph({ children: [run('内部资料', DOCX_FONTS.heading, 16)], spacing: { after: 240 } }),
    titlePara(m.title),
    centredPara(`（${m.periodLabel} · 数据截至${m.appendix.cutoff} · ${m.appendix.dataStage}）`, 16),
  ];
  out.push(heading('总体情况'), ...(m.findings.length ? m.findings.map((f) => bodyPara(f.text)) : [bodyPara('本期要点暂缺。')]));

  out.push(heading('一把手基本情况'), bodyPara(profileSentence(m.leader)));

  out.push(heading('核心指标完成情况'), ...m.indicators.map((r) => bodyPara(sentenceOf(m, r))));
  out.push(centredPara('表1 核心指标', 12, DOCX_FONTS.heading), table(INDICATOR_HEADERS, m.indicators.map(indicatorCells), [2.4, 1.5, 1.0, 1.8, 1.5, 1.3, 1.3, 1.5], 9));

  out.push(heading('主要指标走势'));
  if (!m.trends.length) out.push(bodyPara('本期趋势数据暂缺。'));
  for (const tr of m.trends) {
    const last = tr.values[tr.values.length - 1] ?? null;
    const b = tr.benchmark[tr.benchmark.length - 1] ?? null;
    const u = tr.unit ?? '';
    out.push(bodyPara(`${tr.name}${tr.series === 'yoy' ? '同比' : ''}：${tr.periods[tr.periods.length - 1] ?? ''}为${last === null ? '暂缺' : `${formatValue(last, tr.unit)}${u}`}，基准为${b === null ? '暂缺' : `${formatValue(b, tr.unit)}${u}`}${tr.tenureStartIndex === null ? '' : `；任期自${tr.periods[tr.tenureStartIndex] ?? ''}起`}。`));
    out.push(...figure(images, `trend:${tr.indicatorId}`, `${tr.name}${tr.series === 'yoy' ? '同比' : ''}走势`, fig));
  }

  const p = m.peers;
  const self = p.regions.find((r) => r.self);
  out.push(heading(`${p.scopeLabel}比较`));
  out.push(bodyPara(`在${p.scopeLabel}${p.regions.length}个地区中，本地区综合得分${self?.composite == null ? '暂缺' : `${formatValue(self.composite, '分')}分，居${rankText(self.rank, p.regions.filter((r) => r.rank === self.rank).length > 1)}`}。`));
  out.push(...figure(images, 'peers', `${p.scopeLabel}综合得分`, fig), ...figure(images, 'heat', '分指标热力图（标准分）', fig), ...figure(images, 'map', '分布图', fig));
  out.push(centredPara('表2 同组综合得分', 12, DOCX_FONTS.heading), table(['地区', '综合得分', '位次'], p.regions.map((r) => [t(r.name) + (r.self ? '（本地区）' : ''), r.composite === null ? '暂缺' : formatValue(r.composite, '分'), rankText(r.rank, p.regions.filter((x) => x.rank !== null && x.rank === r.rank).length > 1)])));

  out.push(heading('综合得分'), ...compositeSentences(m.composite, p.scopeLabel).map(bodyPara));
  out.push(...figure(images, 'radar', '分维度得分', fig));
  if (m.composite?.dimensions.length) {
    out.push(centredPara('表3 分维度得分', 12, DOCX_FONTS.heading), table(['维度', '得分', '同组平均'], m.composite.dimensions.map((d) => [t(d.name), d.score === null ? '暂缺' : formatValue(d.score, '分'), d.average === null ? '暂缺' : formatValue(d.average, '分')])));
  }

  out.push(heading('优势与短板'), subheadingPara('（一）优势指标'));
  out.push(...(m.strengths.length ? m.strengths.map((r, i) => bodyPara(`${i + 1}.${sentenceOf(m, r)}（与${t(r.benchmarkLabel)}差距${gapText(r)}，${rankText(r.rank, r.tied)}）`)) : [bodyPara('暂无。')]));
  out.push(subheadingPara('（二）短板指标'));
  out.push(...(m.weaknesses.length ? m.weaknesses.map((r, i) => bodyPara(`${i + 1}.${sentenceOf(m, r)}（与${t(r.benchmarkLabel)}差距${gapText(r)}，${rankText(r.rank, r.tied)}）`)) : [bodyPara('暂无。')]));

  out.push(heading('预警与红黄榜'));
  out.push(...(m.warnings.length ? m.warnings.map((w) => bodyPara(warningLine(w))) : [bodyPara('本期无预警。')]));
  out.push(...(m.lists.length ? m.lists.map((l) => bodyPara(`${l.period}，${l.subject === 'region' ? '地区' : '干部'}列入${l.listType}：${t(l.reason)}。`)) : [bodyPara('无红黄榜记录。')]));

  const a = m.appendix;
  out.push(heading('附录：指标口径与数据来源'));
  out.push(bodyPara(`数据阶段：${a.dataStage}；数据截至：${a.cutoff}；文字模板版本：${m.templatesVersion}。`));
  out.push(table(['指标', '维度', '单位', '口径', '方向'], a.definitions.map((d) => [t(d.name), t(d.dimension ?? '—'), t(d.unit ?? '—'), d.basis ?? '—', d.direction === 1 ? '越高越好' : '越低越好'])));
  out.push(...a.quality.map((q) => bodyPara(`数据质量提示：${q.indicator}，${q.text}。`)));
  out.push(...a.sources.map((s) => bodyPara(`来源：${s.indicator}，${s.file}${s.sheet ? `／${s.sheet}` : ''}${s.row === null ? '' : `／第${s.row}行`}。`)));
  return out;
}

/** The font table with the 公文 faces and their fallbacks added (docx writes none of them). */
function addFontFallbacks(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  const name = 'word/fontTable.xml';
  const ft = parts[name];
  if (ft) {
    const xml = strFromU8(ft);
    // docx writes the table empty and self-closed (<w:fonts …/>), or with entries; the fallbacks go last either way.
    parts[name] = strToU8(/<\/w:fonts>\s*$/.test(xml) ? xml.replace(/<\/w:fonts>\s*$/, `${fontTableEntries()}</w:fonts>`) : xml.replace(/(<w:fonts\b[^>]*?)\/>\s*$/, `$1>${fontTableEntries()}</w:fonts>`));
  }
  return zipSync(parts, { level: 6 });
}

/** DOCX bytes of the pack (A4, 公文 layout), with images taken from `images` by key as documented above. */
export async function packDocx(model: PackModel, images: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const mark = t(watermarkText(model.watermark));
  const doc = new Document({
    title: t(model.title),
    creator: t(model.watermark.user),
    description: mark,
    styles: { default: { document: { run: { font: fonts(DOCX_FONTS.body), size: 32 } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992 } } },
      headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(mark, DOCX_FONTS.number, 9, { color: '808080' })] })] }) },
      footers: {
        default: new Footer({
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fonts(DOCX_FONTS.number), size: 28 })] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [run(mark, DOCX_FONTS.number, 8, { color: 'A0A0A0' })] }),
          ],
        }),
      },
      children: body(model, images),
    }],
  });
  const raw = await Packer.pack(doc, 'uint8array');
  return addFontFallbacks(raw);
}
