/**
 * The header and footer Chromium prints on every PDF page; Electron's printToPDF and the CLI's Chromium take the
 * same templates: the 内部资料 marking at the top, the watermark and 第N页 共M页 at the bottom. Text is escaped. The
 * margins cannot see the page's fonts, so they carry their own @font-face rules (`fontCss`, data: URIs), and their
 * own font size, since Chromium prints them at a tiny default otherwise.
 */
import { escapeHtml } from '../format/html.js';

export interface PrintTemplates {
  readonly headerTemplate: string;
  readonly footerTemplate: string;
}

// Single quotes only inside the style attribute: a double quote would end it (and shrink the margins' text).
const BOX = "font-family:'Noto Sans SC',sans-serif;font-size:8pt;color:#595959;width:100%;padding:0 20mm;display:flex;justify-content:space-between;";

/** Header and footer templates for one report. */
export function printTemplates(headerText: string, footerText: string, fontCss = ''): PrintTemplates {
  const style = fontCss ? `<style>${fontCss}</style>` : '';
  return {
    headerTemplate: `${style}<div style="${BOX}"><span>${escapeHtml(headerText)}</span></div>`,
    footerTemplate: `${style}<div style="${BOX}"><span>${escapeHtml(footerText)}</span><span>第<span class="pageNumber"></span>页 共<span class="totalPages"></span>页</span></div>`,
  };
}

/** Text the margins print besides the header and footer texts (their font subset must cover it). */
export const MARGIN_EXTRA_TEXT = '第页共0123456789';
