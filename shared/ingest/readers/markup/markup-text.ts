import { decodeSource, decodeText, type TextEncodingName } from '../encoding.js';

/**
 * Text of an HTML or XML file exported as a spreadsheet: a byte-order mark wins, then the charset the file
 * declares (`<meta charset>`, `content="text/html; charset=gb2312"`, `<?xml encoding="GBK"?>`), else the same
 * UTF-8 / GB18030 / UTF-16 detection as CSV. GB2312 and GBK are read as GB18030 (their superset).
 */

const GB = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'euc-cn', 'hz-gb-2312']);
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/** The charset a markup file declares in its first 2 KB (lower-cased), or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  let head = '';
  const end = Math.min(bytes.length, 2048);
  for (let i = 0; i < end; i++) head += String.fromCharCode(bytes[i] as number);
  const m = /charset\s*=\s*["']?([\w.:-]{1,40})/i.exec(head) ?? /<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{1,40})/i.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

/** Decodes the whole file as described above (invalid bytes become U+FFFD, as for CSV), naming the encoding used. */
export function decodeMarkup(bytes: Uint8Array, file: string): { readonly text: string; readonly encoding: TextEncodingName } {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const charset = bom ? null : declaredCharset(bytes);
  if (charset !== null && GB.has(charset)) return { text: decodeText(bytes, 'gb18030'), encoding: 'gb18030' };
  if (charset !== null && UTF8.has(charset)) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch { /* declared wrongly (a GBK page saying utf-8): detect instead */ }
  }
  const d = decodeSource(bytes, file);
  return { text: d.text, encoding: d.encoding };
}
