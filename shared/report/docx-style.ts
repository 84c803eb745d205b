/**
 * 公文 habits for the DOCX pack (GB/T 9704): A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (a
 * 156 × 225 mm type area), title in 方正小标宋简体 二号 (22 pt) centred, headings in 黑体 三号 (16 pt) numbered 一、二、,
 * body in 仿宋_GB2312 三号 (16 pt) with a two-character first-line indent and 28 pt lines, page numbers 「— 1 —」.
 * Each font names its East Asian face (w:eastAsia); Word and WPS fall back through the font table's altName.
 */
import { AlignmentType, Paragraph, TextRun, convertMillimetersToTwip, type IRunOptions } from 'docx';
import { t } from './pack-office-text.js';

export const DOCX_FONTS = { title: '方正小标宋简体', heading: '黑体', body: '仿宋_GB2312', kai: '楷体_GB2312', number: '宋体' } as const;
/** What a missing font falls back to (written as w:altName in the font table). */
export const DOCX_FALLBACK: Readonly<Record<string, string>> = { 方正小标宋简体: '宋体', 黑体: 'SimHei', 仿宋_GB2312: '仿宋', 楷体_GB2312: '楷体', 宋体: 'SimSun' };

/** Page geometry in twips. */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
} as const;
/** The type area's width in pixels at 96 dpi, for sizing images (156 mm). */
export const TEXT_WIDTH_PX = Math.floor((156 / 25.4) * 96);

/** Run fonts naming the East Asian face (and a Latin face for digits and letters). */
export function fonts(eastAsia: string): NonNullable<IRunOptions['font']> {
  return { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, cs: 'Times New Roman' };
}

/** A run of text in a face and size (points), stripped of XML-invalid characters. */
export function run(text: string, face: string, pt: number, extra: Omit<IRunOptions, 'text' | 'font' | 'size'> = {}): TextRun {
  return new TextRun({ text: t(text), font: fonts(face), size: pt * 2, language: { eastAsia: 'zh-CN', value: 'zh-CN' }, ...extra });
}

const LINE = { line: 560, lineRule: 'exact' as const };

/** A body paragraph: 仿宋 16 pt, two-character first-line indent, 28 pt lines, justified. */
export function bodyPara(text: string): Paragraph {
  return new Paragraph({ children: [run(text, DOCX_FONTS.body, 16)], indent: { firstLine: 640, firstLineChars: 200 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED });
}

/** A first-level heading: 黑体 16 pt with its 一、二、 number, outline level 1 for the navigation pane. */
export function headingPara(text: string): Paragraph {
  return new Paragraph({ children: [run(text, DOCX_FONTS.heading, 16)], indent: { firstLine: 640, firstLineChars: 200 }, spacing: LINE, outlineLevel: 0, keepNext: true });
}

/** A second-level heading: 楷体 16 pt 「（一）」. */
export function subheadingPara(text: string): Paragraph {
  return new Paragraph({ children: [run(text, DOCX_FONTS.kai, 16)], indent: { firstLine: 640, firstLineChars: 200 }, spacing: LINE, outlineLevel: 1, keepNext: true });
}

/** The document title: 方正小标宋简体 22 pt, centred, 36 pt lines. */
export function titlePara(text: string): Paragraph {
  return new Paragraph({ children: [run(text, DOCX_FONTS.title, 22)], alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: 'exact', after: 280 } });
}

/** A centred caption or subtitle line in 楷体 (no indent). */
export function centredPara(text: string, pt = 14, face: string = DOCX_FONTS.kai): Paragraph {
  return new Paragraph({ children: [run(text, face, pt)], alignment: AlignmentType.CENTER, spacing: { before: 60, after: 120 }, keepNext: false });
}

/** The font table's entries for the faces above, each with the alternative Word and WPS use when it is missing. */
export function fontTableEntries(): string {
  return Object.entries(DOCX_FALLBACK)
    .map(([name, alt]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
}
