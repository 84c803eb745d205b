/**
 * The frame every pack slide shares (16:9, 13.33 × 7.5 in): a title bar, the watermark as a footer line and a faint
 * diagonal, the slide number, and text helpers that always set the font and lang (charts and tables included), so
 * no call site can forget them.
 */
import type PptxGenJS from 'pptxgenjs';
import { t } from './pack-office-text.js';

/** The deck's font: Latin and East Asian typeface (WPS and Office on Chinese Windows have it; LibreOffice substitutes). */
export const PPTX_FONT = '微软雅黑';
export const PPTX_LANG = 'zh-CN';
export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
export const COLOR = { ink: '1F2937', brand: '1F4E79', muted: '6B7280', bench: '9CA3AF', red: 'C00000', yellow: 'B7791F', good: '2E7D32', line: 'D1D5DB' } as const;

type Slide = PptxGenJS.Slide;
type TextOpts = PptxGenJS.TextPropsOptions;

/** Font and language options every text, table and chart gets. */
export const FONT = { fontFace: PPTX_FONT, lang: PPTX_LANG } as const;

/** Add text with the deck's font and language; the string is stripped of XML-invalid characters. */
export function addText(slide: Slide, text: string | readonly string[], opts: TextOpts): void {
  if (typeof text === 'string') {
    slide.addText(t(text), { ...FONT, color: COLOR.ink, valign: 'top', ...opts });
    return;
  }
  const runs = text.map((s, i) => ({ text: t(s), options: { ...FONT, breakLine: i < text.length - 1, bullet: opts.bullet } }));
  slide.addText(runs, { ...FONT, color: COLOR.ink, valign: 'top', ...opts });
}

const FRAMED = new WeakMap<PptxGenJS, Slide[]>();

/** The slides frameSlide made for a deck, in order (pptxgenjs does not type its own list). */
export function framedSlides(pptx: PptxGenJS): readonly Slide[] {
  return FRAMED.get(pptx) ?? [];
}

/** The faint diagonal watermark, added last so that it lies over charts and images too. */
export function diagonalWatermark(slide: Slide, text: string): void {
  addText(slide, text, { x: 1.5, y: 2.9, w: 10.3, h: 1.6, fontSize: 30, color: 'BFBFBF', rotate: 330, align: 'center', valign: 'middle', transparency: 75 });
}

/** A new slide with the section title, the watermark footer, the slide number and notes (see diagonalWatermark). */
export function frameSlide(pptx: PptxGenJS, o: { title: string; watermark: string; notes: readonly string[] }): Slide {
  const slide = pptx.addSlide();
  FRAMED.set(pptx, [...framedSlides(pptx), slide]);
  slide.background = { color: 'FFFFFF' };
  slide.addShape('rect', { x: 0, y: 0, w: SLIDE_W, h: 0.9, fill: { color: COLOR.brand }, line: { color: COLOR.brand } });
  addText(slide, o.title, { x: 0.5, y: 0.12, w: 12.3, h: 0.66, fontSize: 24, bold: true, color: 'FFFFFF', valign: 'middle' });
  slide.addShape('line', { x: 0.5, y: 7.0, w: 12.33, h: 0, line: { color: COLOR.line, width: 0.75 } });
  addText(slide, o.watermark, { x: 0.5, y: 7.05, w: 10, h: 0.35, fontSize: 10, color: COLOR.muted, valign: 'middle' });
  slide.slideNumber = { x: 12.2, y: 7.05, w: 0.7, h: 0.35, fontFace: PPTX_FONT, fontSize: 10, color: COLOR.muted, align: 'right' };
  if (o.notes.length) slide.addNotes(t(o.notes.join('\n')));
  return slide;
}

/** A cell of a native table, font and language set. */
export function cell(text: string, opts: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell {
  return { text: t(text), options: { ...FONT, fontSize: 12, color: COLOR.ink, valign: 'middle', ...opts } };
}

/** A header cell: bold on the brand's light tint. */
export function headCell(text: string): PptxGenJS.TableCell {
  return cell(text, { bold: true, fill: { color: 'E8EEF5' }, color: COLOR.brand });
}

/** Chart options that put the deck's font on every chart text (titles, legend, axes, labels). */
export function chartFonts(): PptxGenJS.IChartOpts {
  return {
    lang: PPTX_LANG,
    titleFontFace: PPTX_FONT,
    legendFontFace: PPTX_FONT,
    catAxisLabelFontFace: PPTX_FONT,
    valAxisLabelFontFace: PPTX_FONT,
    dataLabelFontFace: PPTX_FONT,
    titleFontSize: 14,
    legendFontSize: 11,
    catAxisLabelFontSize: 11,
    valAxisLabelFontSize: 11,
    dataLabelFontSize: 10,
    titleColor: COLOR.ink,
    displayBlanksAs: 'gap',
  };
}
