/**
 * Text bound for XML (OOXML parts of XLSX, PPTX, DOCX): XML 1.0 forbids C0 controls other than tab, LF and CR,
 * the non-characters U+FFFE and U+FFFF, and lone UTF-16 surrogates. One such character in a name from a user's
 * file makes Office refuse the whole document (measured: U+FFFE made exceljs and docx write invalid XML, pptxgenjs
 * wrote a raw \x01), so every writer passes every string through here.
 */

// A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without the characters XML 1.0 cannot carry (valid pairs of surrogates are kept). */
export function stripXmlInvalid(s: string): string {
  return s.replace(XML_INVALID, '');
}

/**
 * Text as any document may carry it (HTML/PDF as well as OOXML): what XML forbids, plus DEL and the other
 * noncharacters (U+FDD0–U+FDEF), which no font draws (the embedded Noto has no glyph even for U+FFFD, so Chromium
 * would reach for a system font). Every format drops the same characters.
 */
export function inertText(s: string): string {
  return stripXmlInvalid(s).replace(/[\u007f\ufdd0-\ufdef]/g, '');
}

/** Escape text for an XML element or attribute value, after removing what XML cannot carry. */
export function xmlEscape(s: string): string {
  // A literal CR would reach the reader as LF (XML end-of-line handling): written as a character reference it stays.
  return stripXmlInvalid(s).replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c] as string);
}
