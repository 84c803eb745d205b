/**
 * A forgiving, linear HTML tokenizer for the "Excel" files government systems export as web pages. It never
 * fetches or expands anything: no DTD (a <!DOCTYPE> is skipped), only HTML's named character references in
 * NAMED and numeric ones are decoded, script/style contents and comments are skipped. Every step moves forward
 * with indexOf or a bounded loop, so work is linear in the text whatever the markup (no regexes on content).
 */

export interface HtmlHandlers {
  /** A start tag (name lower-cased, attributes lower-cased, values decoded). */
  open(name: string, attrs: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(t: string): void;
  /** A comment's content (Excel keeps its office XML island, with the sheet names, in a conditional comment). */
  comment?(t: string): void;
}

const NAMED: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  middot: '·', mdash: '—', ndash: '–', hellip: '…', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', times: '×',
  divide: '÷', yen: '¥', copy: '©', reg: '®', plusmn: '±', deg: '°', permil: '‰', sup2: '²', sup3: '³',
});

/** Elements whose content is not markup: skipped up to their end tag. */
const RAW = new Set(['script', 'style', 'textarea', 'xmp', 'iframe', 'noscript', 'template']);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 58 || c === 46;
}

/** Decodes character references in s (unknown names are left as written). */
export function decodeHtmlEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    let end = amp + 1;
    while (end < s.length && end - amp <= 10 && (isNameChar(s.charCodeAt(end)) || s.charCodeAt(end) === 35)) end++;
    const name = s.slice(amp + 1, end);
    let rep: string | undefined;
    if (name.charCodeAt(0) === 35) {
      const hex = name.charCodeAt(1) === 120 || name.charCodeAt(1) === 88;
      const cp = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (Number.isInteger(cp)) rep = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    } else rep = NAMED[name];
    if (rep !== undefined) {
      out += s.slice(last, amp) + rep;
      last = end < s.length && s.charCodeAt(end) === 59 ? end + 1 : end;
    }
    amp = s.indexOf('&', Math.max(amp + 1, last));
  }
  return out + s.slice(last);
}

/** Where the tag starting at buf[i] ('<' + name) ends, its name and attributes; quotes may hold '>'. */
function readTag(buf: string, i: number): { end: number; name: string; attrs: Record<string, string> } {
  const n = buf.length;
  let j = i + 1;
  while (j < n && isNameChar(buf.charCodeAt(j))) j++;
  const name = buf.slice(i + 1, j).toLowerCase();
  const attrs = Object.create(null) as Record<string, string>;
  for (;;) {
    while (j < n && (isSpace(buf.charCodeAt(j)) || buf.charCodeAt(j) === 47)) j++;
    if (j >= n) return { end: n, name, attrs };
    if (buf.charCodeAt(j) === 62) return { end: j + 1, name, attrs };
    const a = j;
    while (j < n && !isSpace(buf.charCodeAt(j)) && buf.charCodeAt(j) !== 61 && buf.charCodeAt(j) !== 62 && buf.charCodeAt(j) !== 47) j++;
    if (j === a) j++; // a stray character: skip it
    const aname = buf.slice(a, j).toLowerCase();
    while (j < n && isSpace(buf.charCodeAt(j))) j++;
    let value = '';
    if (j < n && buf.charCodeAt(j) === 61) {
      j++;
      while (j < n && isSpace(buf.charCodeAt(j))) j++;
      const q = buf.charCodeAt(j);
      if (q === 34 || q === 39) {
        const e = buf.indexOf(q === 34 ? '"' : "'", j + 1);
        const stop = e < 0 ? n : e;
        value = buf.slice(j + 1, stop);
        j = stop + 1;
      } else {
        const v = j;
        while (j < n && !isSpace(buf.charCodeAt(j)) && buf.charCodeAt(j) !== 62) j++;
        value = buf.slice(v, j);
      }
    }
    if (aname !== '' && !(aname in attrs)) attrs[aname] = decodeHtmlEntities(value);
  }
}

/** Finds `</name` (any case) from `from`, visiting each '</' once; -1 if absent. */
function findEndTag(buf: string, name: string, from: number): number {
  for (let e = buf.indexOf('</', from); e >= 0; e = buf.indexOf('</', e + 2)) {
    if (buf.slice(e + 2, e + 2 + name.length).toLowerCase() === name && !isNameChar(buf.charCodeAt(e + 2 + name.length))) return e;
  }
  return -1;
}

/** Tokenizes a whole HTML document into handler calls (text with its references decoded, in runs). */
export function scanHtml(buf: string, h: HtmlHandlers): void {
  const n = buf.length;
  let i = 0;
  let from = 0; // start of text not yet handed on (a '<' that starts no tag is text)
  for (;;) {
    const lt = buf.indexOf('<', i);
    if (lt < 0) break;
    const c = buf.charCodeAt(lt + 1);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (!letter && c !== 33 && c !== 47 && c !== 63) { i = lt + 1; continue; }
    if (lt > from) h.text(decodeHtmlEntities(buf.slice(from, lt)));
    if (buf.startsWith('<!--', lt)) {
      const e = buf.indexOf('-->', lt + 4);
      h.comment?.(buf.slice(lt + 4, e < 0 ? n : e));
      i = e < 0 ? n : e + 3;
    } else if (c === 33 || c === 63) { // <!DOCTYPE …>, <![CDATA[…]]> in XHTML, <?xml …?>: skipped
      const e = buf.indexOf('>', lt + 2);
      i = e < 0 ? n : e + 1;
    } else if (c === 47) {
      let j = lt + 2;
      while (j < n && isNameChar(buf.charCodeAt(j))) j++;
      const name = buf.slice(lt + 2, j).toLowerCase();
      const e = buf.indexOf('>', j);
      i = e < 0 ? n : e + 1;
      if (name !== '') h.close(name);
    } else {
      const tag = readTag(buf, lt);
      h.open(tag.name, tag.attrs);
      i = tag.end;
      if (RAW.has(tag.name)) {
        const e = findEndTag(buf, tag.name, i);
        i = e < 0 ? n : e;
      }
    }
    from = i;
  }
  if (from < n) h.text(decodeHtmlEntities(buf.slice(from)));
}
