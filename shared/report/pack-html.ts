/**
 * The quarterly 一把手 analysis pack as one self-contained HTML document (A4, 公文 habits) with the charts inlined as
 * SVG and the fonts as data: URIs, printed to PDF by Chromium with JavaScript off. A strict CSP forbids any script
 * and any fetch but data:. Every value from the model goes through html``/escapeHtml.
 */
import { escapeHtml, html } from '../format/html.js';
import { inertText } from '../format/xml-text.js';
import type { PackChart } from './pack-charts.js';
import { PACK_CSS } from './pack-html-css.js';
import {
  appendixSection,
  compositeSection,
  findingsSection,
  indicatorSection,
  peersSection,
  profileSection,
  strengthsSection,
  trendSection,
  warningsSection,
} from './pack-html-sections.js';
import { MARKING, watermarkText, type PackModel } from './pack-types.js';

/** The Content-Security-Policy of every pack: no script at all, styles inline, fonts and images only as data:. */
export const PACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/**
 * What the printer puts in every page's margins: the 内部资料 marking at the top, the watermark at the foot. The
 * title is not repeated there: the margins carry their own font subsets on every page, so their text stays short.
 */
export function packPrintText(model: PackModel): { headerText: string; footerText: string } {
  return { headerText: MARKING, footerText: inertText(watermarkText(model.watermark)) };
}

/** The faint rotated watermark repeated over the whole page; position: fixed repeats it on every printed page. */
function watermarkOverlay(text: string): string {
  const span = html`<span>${text}</span>`;
  return `<div class="watermark" aria-hidden="true"><div>${span.repeat(40)}</div></div>`;
}

/**
 * The CSP of a pack whose fonts a printer serves itself from `fontOrigin` (the CLI's Chromium); otherwise PACK_CSP.
 * Only a plain scheme://host origin is accepted.
 */
export function packCsp(fontOrigin?: string): string {
  if (!fontOrigin) return PACK_CSP;
  if (!/^[a-z]+:\/\/[a-z0-9.-]+$/.test(fontOrigin)) throw new Error(`无效的字体来源：${fontOrigin}`);
  return PACK_CSP.replace('font-src data:', `font-src data: ${fontOrigin}`);
}

/** One complete HTML document for the pack; `fontCss` from fontFaceCss (data: URIs, or URLs under `fontOrigin`). */
export function packHtml(model: PackModel, charts: readonly PackChart[], opts: { fontCss: string; fontOrigin?: string; lang?: 'zh' }): string {
  let n = 0;
  const fig = () => ++n;
  const wm = watermarkText(model.watermark);
  const sub = [model.periodLabel, model.region.parentName, model.peers.scopeLabel, `数据截至${model.appendix.cutoff}`].filter((s): s is string => !!s).join('　');
  const body = [
    html`<div class="mark">${MARKING}</div>`,
    html`<h1>${model.title}</h1><p class="sub" style="text-indent:0">${sub}</p>`,
    findingsSection(model),
    profileSection(model),
    indicatorSection(model),
    trendSection(model, charts, fig),
    peersSection(model, charts, fig),
    compositeSection(model, charts, fig),
    strengthsSection(model),
    warningsSection(model),
    appendixSection(model),
    html`<p class="end">${wm}</p>`,
  ].join('\n');
  return inertText(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(packCsp(opts.fontOrigin))}">
<title>${escapeHtml(model.title)}</title>
<style>${opts.fontCss.replace(/<\//g, '<\\/')}
${PACK_CSS}</style></head>
<body>
${watermarkOverlay(wm)}
${body}
</body></html>
`);
}
