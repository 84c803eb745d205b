/**
 * Print report HTML to PDF in a hidden, script-less window on its own session (see print-options.ts). One job at a
 * time: the session's single app:// handler serves the job's HTML with the report CSP; every other request is
 * refused, so a report can reach nothing, local or remote.
 */
import { BrowserWindow, session } from 'electron';
import type { PrintPdfRequest } from '../../shared/contract/host-api.js';
import { PACK_CSP } from '../../shared/report/pack-html.js';
import { APP_SCHEME } from './app-protocol-core.js';
import { PRINT_PARTITION, PRINT_URL, printToPdfOptions, printWindowOptions } from './print-options.js';
import { hardenSession, hardenWebContents } from './security.js';

let current: string | null = null;
let queue: Promise<unknown> = Promise.resolve();
let prepared = false;

function prepare(): void {
  if (prepared) return;
  prepared = true;
  const ses = session.fromPartition(PRINT_PARTITION);
  hardenSession(ses);
  ses.protocol.handle(APP_SCHEME, (request) => {
    if (request.url !== PRINT_URL || current === null) return new Response(null, { status: 404 });
    return new Response(current, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PACK_CSP } });
  });
}

async function printOne(request: PrintPdfRequest): Promise<Uint8Array> {
  prepare();
  const win = new BrowserWindow(printWindowOptions());
  hardenWebContents(win.webContents);
  try {
    current = request.html;
    await win.loadURL(PRINT_URL);
    const pdf = await win.webContents.printToPDF(printToPdfOptions(request));
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    current = null;
    win.destroy();
  }
}

/** Print one report; calls are queued so that the served HTML is always the job's own. */
export function printPdf(request: PrintPdfRequest): Promise<Uint8Array> {
  const job = queue.then(() => printOne(request));
  queue = job.catch(() => undefined);
  return job;
}
