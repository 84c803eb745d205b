/**
 * The hidden window that prints report HTML to PDF, as data (type-only `electron` import) so tests can assert it:
 * no JavaScript at all, sandboxed, isolated, no preload, its own in-memory session; and the printToPDF options.
 */
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import type { PrintPdfRequest } from '../../shared/contract/host-api.js';
import { printTemplates } from '../../shared/report/print-templates.js';
import { secureWebPreferences } from './security.js';

/** The in-memory session the print window uses (nothing persists, nothing is shared with the app's session). */
export const PRINT_PARTITION = 'hengjian-print';

/** The URL the report is served at inside the print session (app:// like the app, but on its own session). */
export const PRINT_URL = 'app://hengjian/report.html';

/** Options of the print window: never shown, JavaScript off, sandboxed, no preload. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    // The app's hardened preferences, without the preload (no host API) and without JavaScript, on its own session.
    webPreferences: { ...secureWebPreferences(''), preload: undefined, partition: PRINT_PARTITION, javascript: false, images: true },
  };
}

/** printToPDF options: A4, backgrounds, the CSS page size, header and footer on every page. */
export function printToPdfOptions(request: PrintPdfRequest): PrintToPDFOptions {
  const t = printTemplates(request.headerText, request.footerText, request.marginFontCss);
  return {
    pageSize: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: t.headerTemplate,
    footerTemplate: t.footerTemplate,
  };
}
