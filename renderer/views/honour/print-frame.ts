/**
 * Printing an HTML page (红黄榜) through a hidden frame and the browser's print dialog (另存为 PDF included), with
 * JavaScript off inside the page: the frame is sandboxed without allow-scripts. allow-same-origin lets this page call
 * the frame's print(); allow-modals lets print() open the dialog. Nothing else is allowed (no forms, popups, top
 * navigation).
 */
export const PRINT_FRAME_SANDBOX = 'allow-same-origin allow-modals';

/** Print `page` from a hidden, script-less frame; the frame is removed a minute later. Returns the frame. */
export function printPage(page: string, doc: Document = document): HTMLIFrameElement {
  const frame = doc.createElement('iframe');
  frame.setAttribute('sandbox', PRINT_FRAME_SANDBOX);
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
  frame.srcdoc = page;
  frame.onload = () => {
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  doc.body.appendChild(frame);
  return frame;
}
