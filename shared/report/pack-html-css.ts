/**
 * The pack's print CSS in 公文 habits: A4, 方正小标宋 title, 黑体 headings, 仿宋 body where installed, each falling
 * back to the font the document embeds (Noto Serif SC / Noto Sans SC), so it prints the same on a bare machine.
 */

/** The families the pack embeds (fontFaceCss sources use these names); charts use the sans one. */
export const PACK_FONTS = { sans: 'Noto Sans SC', serif: 'Noto Serif SC' } as const;

const TITLE = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "${PACK_FONTS.serif}", serif`;
const HEI = `"SimHei", "黑体", "${PACK_FONTS.sans}", sans-serif`;
const FANG = `"FangSong", "仿宋", "STFangsong", "仿宋_GB2312", "${PACK_FONTS.serif}", serif`;

/** Page size and margins; the header and footer (内部资料, page numbers, watermark) print inside the margins. */
export const PACK_PAGE_CSS = '@page { size: A4; margin: 22mm 20mm 20mm; }';

/** The whole stylesheet (no url() other than the data: fonts given separately). */
export const PACK_CSS = `${PACK_PAGE_CSS}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FANG}; font-size: 12pt; line-height: 1.55; color: #000; margin: 0; }
.mark { font-family: ${HEI}; font-size: 14pt; margin: 0 0 4mm; }
h1 { font-family: ${TITLE}; font-weight: 700; font-size: 21pt; text-align: center; margin: 4mm 0 2mm; line-height: 1.35; overflow-wrap: anywhere; }
.sub { text-align: center; font-size: 11pt; margin: 0 0 5mm; }
h2 { font-family: ${HEI}; font-weight: normal; font-size: 15pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-family: ${HEI}; font-weight: normal; font-size: 12.5pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1mm 0; text-indent: 2em; overflow-wrap: anywhere; }
ol.findings { margin: 0; padding-left: 2em; }
ol.findings li { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; line-height: 1.35; margin: 2mm 0 3mm; page-break-inside: auto; }
thead { display: table-header-group; }
tr, .row { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 2px 4px; vertical-align: middle; overflow-wrap: anywhere; }
th { font-family: ${HEI}; font-weight: normal; background: #f0f0f0; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.c { text-align: center; white-space: nowrap; }
/* CJK names break between any two characters: without a floor the name column shrinks to one character a line. */
.nm { min-width: 7.5em; }
.better { color: #1f4e8c; }
.worse { color: #b35806; }
.red { color: #b71c1c; }
.muted { color: #595959; }
.chart { break-inside: avoid; page-break-inside: avoid; margin: 2mm auto 4mm; text-align: center; }
.chart svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.chart .cap { font-family: ${HEI}; font-size: 10pt; margin-top: 1mm; }
.pair { display: flex; gap: 4mm; align-items: flex-start; break-inside: avoid; page-break-inside: avoid; }
.pair > * { flex: 1 1 0; min-width: 0; }
.watermark { position: fixed; inset: 0; overflow: hidden; pointer-events: none; z-index: 9; }
.watermark div { position: absolute; left: -30%; top: -30%; width: 160%; height: 160%; transform: rotate(-28deg); display: flex; flex-wrap: wrap; align-content: space-around; justify-content: space-around; }
.watermark span { font-family: "${PACK_FONTS.sans}", sans-serif; font-size: 13pt; color: rgba(0, 0, 0, 0.07); white-space: nowrap; padding: 14mm 10mm; }
.end { margin-top: 6mm; font-size: 10pt; color: #595959; text-indent: 0; }`;
