/**
 * The header and footer Chromium prints on every PDF page (Electron's printToPDF and the CLI's Chromium take the
 * same templates): the 内部资料 marking at the top, the watermark and 第N页 共M页 at the bottom. Text is escaped;
 * the templates carry their own font size because Chromium prints them at a default of 0 otherwise.
 */
import { escapeHtml } from '../format/html.js';

export interface PrintTemplates {
  readonly headerTemplate: string;
  readonly footerTemplate: string;
}

const BOX = 'width:100%;font-size:8pt;color:#555;padding:0 18mm;font-family:"Noto Sans SC","Noto Serif SC",sans-serif;display:flex;justify-content:space-between;';

/** Header and footer templates for one report. */
export function printTemplates(headerText: string, footerText: string): PrintTemplates {
  return {
    headerTemplate: `<div style='${BOX}'><span>${escapeHtml(headerText)}</span><span></span></div>`,
    footerTemplate:
      `<div style='${BOX}'><span>${escapeHtml(footerText)}</span>` +
      `<span>第<span class="pageNumber"></span>页 共<span class="totalPages"></span>页</span></div>`,
  };
}

/** The content security policy of report HTML: nothing runs, nothing is fetched; fonts and images are inline data. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";
