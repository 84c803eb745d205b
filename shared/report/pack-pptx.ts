/**
 * The pack as a 16:9 PowerPoint deck (pptxgenjs, which runs in Node and in the browser): one slide per section with
 * native tables and charts, the watermark on every slide and the section's sentences as speaker notes. After
 * pptxgenjs writes the deck, every text run of the slides, charts, notes and masters is given lang="zh-CN" and the
 * East Asian typeface (pptxgenjs drops it on chart text), empty chart points are removed (pptxgenjs writes
 * <c:v></c:v> for a missing value, which is not a number), and notes lines become paragraphs.
 */
import PptxGenJS from 'pptxgenjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { xmlEscape } from '../format/xml-text.js';
import { setRunFonts, setThemeFonts } from './ooxml-fonts.js';
import { t } from './pack-office-text.js';
import { watermarkText, type PackModel } from './pack-types.js';
import { PPTX_FONT, PPTX_LANG, diagonalWatermark, framedSlides } from './pptx-frame.js';
import {
  appendixSlide, compositeSlide, indicatorSlides, peersSlide, profileSlide, strengthsSlide, summarySlide, titleSlide, trendSlides, warningsSlide, type SlideContext,
} from './pptx-slides.js';

const TEXT_PARTS = /^ppt\/(slides|charts|notesSlides|slideLayouts|slideMasters|notesMasters)\/[^/]+\.xml$/;

/** Notes text written as one run with line feeds, split into one paragraph per line. */
function notesParagraphs(xml: string): string {
  return xml.replace(/<a:r><a:rPr([^>]*)\/><a:t>([^<]*)<\/a:t><\/a:r>/g, (m, attrs: string, text: string) =>
    text.includes('\n') ? text.split('\n').map((line) => `<a:r><a:rPr${attrs}/><a:t>${line}</a:t></a:r>`).join('</a:p><a:p>') : m,
  );
}

/** The deck's parts rewritten as described above; other parts are copied unchanged. */
export function fixPptxParts(bytes: Uint8Array, typeface = PPTX_FONT, lang = PPTX_LANG): Uint8Array {
  const parts = unzipSync(bytes);
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    if (name.endsWith('/')) continue;
    let xml: string | null = null;
    if (TEXT_PARTS.test(name)) {
      xml = strFromU8(data);
      if (name.startsWith('ppt/charts/')) xml = xml.replace(/<c:pt idx="\d+">\s*<c:v>\s*<\/c:v>\s*<\/c:pt>/g, '').replace(/<c:lang val="[^"]*"\/>/g, `<c:lang val="${lang}"/>`);
      if (name.startsWith('ppt/notesSlides/')) xml = notesParagraphs(xml);
      xml = setRunFonts(xml, typeface, lang);
    } else if (/^ppt\/theme\/[^/]+\.xml$/.test(name)) {
      xml = setThemeFonts(strFromU8(data), typeface);
    }
    out[name] = xml === null ? data : strToU8(xml);
  }
  return zipSync(out, { level: 6 });
}

/**
 * PPTX bytes of the pack. `images` may hold PNGs under 'heat' and 'map' (rendered by the caller from the same
 * model); absent ones are replaced by a native table (heat) or left out (map).
 */
export async function packPptx(model: PackModel, images: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.theme = { headFontFace: PPTX_FONT, bodyFontFace: PPTX_FONT };
  pptx.title = t(model.title);
  pptx.subject = t(`${model.periodLabel} 一把手分析材料`);
  pptx.author = t(model.watermark.user);
  // pptxgenjs escapes title, subject and author but writes company into docProps/app.xml as it is: escape it here.
  pptx.company = xmlEscape(t(watermarkText(model.watermark)));
  const ctx: SlideContext = { pptx, model, images, watermark: t(watermarkText(model.watermark)) };
  for (const slide of [titleSlide, summarySlide, profileSlide, indicatorSlides, trendSlides, peersSlide, compositeSlide, strengthsSlide, warningsSlide, appendixSlide]) slide(ctx);
  for (const s of framedSlides(pptx)) diagonalWatermark(s, ctx.watermark);
  const raw = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  return fixPptxParts(raw);
}
