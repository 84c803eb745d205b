import { ImportError } from '../../../contract/errors.js';
import type { ZipEntry } from '../zip/zip.js';
import { CellGrid, EXCEL_COLS, EXCEL_ROWS, RowsTarget, type CellTarget, type SheetCells, type SheetContext } from './xlsx-cells.js';
import { MAX_CELL_TEXT, unescapeOoxml } from './xlsx-part.js';

/**
 * A worksheet read straight from the inflated bytes: no text decoding of the markup, no attribute objects, no
 * callbacks; numbers and shared-string indices are parsed from the bytes, and only text values become strings.
 * It accepts a strict subset of XML, the one every spreadsheet writer produces (tags, attributes in double or
 * single quotes, text with the predefined entities and character references, comments and processing
 * instructions), checks it is well formed, and turns the cells into RawCells through the same CellGrid as the
 * generic reader. Anything else (CDATA, a DOCTYPE, UTF-16, a name or construct it does not know, a malformed or
 * over-long token, any error) makes it give up: readSheet then reads the part with the generic scanner, which
 * produces the rows or the error. So on every input both readers give the same outcome.
 */

/** Thrown to give up; an ImportError so the zip reader passes it through unchanged. */
const BAIL = 'xlsx.fast-bail';
function bail(): never {
  throw new ImportError(BAIL, 'fast path', { file: '' });
}

/** Longest token (text run or tag) kept across inflated chunks; a longer one is left to the generic reader. */
const MAX_CARRY = 2 * 1024 * 1024;
/** As the generic reader: text between tags outside cell values (there, in characters; here in bytes, ≥ characters). */
const MAX_STRAY = 1024 * 1024;
const MAX_DEPTH = 250;
const MAX_NAMES = 512;
const MAX_ATTRS = 64;

const LT = 60, GT = 62, SLASH = 47, QM = 63, BANG = 33, EQ = 61, AMP = 38, QUOT = 34, APOS = 39, CR = 13, MINUS = 45, DOT = 46;

/** Bytes a name may hold here (ASCII letters, digits, '_', ':', '.', '-'), and those it may start with. */
const NAME = new Uint8Array(256);
const NAME_START = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const letter = (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95 || b === 58;
  NAME[b] = letter || (b >= 48 && b <= 57) || b === 46 || b === 45 ? 1 : 0;
  NAME_START[b] = letter ? 1 : 0;
}
const isSpace = (b: number): boolean => b === 32 || b === 10 || b === 13 || b === 9;

/** What an element's local name means to a worksheet. */
const E_OTHER = 0, E_C = 1, E_ROW = 2, E_V = 3, E_IS = 4, E_T = 5, E_MERGE = 6, E_RPH = 7;
/** What an attribute's (whole) name means. */
const A_OTHER = 0, A_R = 1, A_T = 2, A_S = 3, A_REF = 4;

interface Name {
  readonly bytes: Uint8Array;
  readonly element: number;
  readonly attr: number;
}

const ELEMENTS: Record<string, number> = { c: E_C, row: E_ROW, v: E_V, is: E_IS, t: E_T, mergeCell: E_MERGE, rPh: E_RPH };
const ATTRS: Record<string, number> = { r: A_R, t: A_T, s: A_S, ref: A_REF };
const TYPES = ['s', 'inlineStr', 'n', 'str', 'b', 'e', 'd'].map((t) => [t, new TextEncoder().encode(t)] as const);

function nameOf(text: string): Name {
  const local = text.slice(text.lastIndexOf(':') + 1);
  return { bytes: new TextEncoder().encode(text), element: ELEMENTS[local] ?? E_OTHER, attr: ATTRS[text] ?? A_OTHER };
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** A character reference's code point (as the generic scanner reads it), or -1. */
function charRef(ref: string): number {
  const hex = ref.charCodeAt(1) === 120;
  const digits = ref.slice(hex ? 2 : 1);
  if (digits.length === 0 || digits.length > (hex ? 6 : 7) || !(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) return -1;
  return parseInt(digits, hex ? 16 : 10);
}
function isXmlChar(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the predefined entities and character references as the generic scanner does; gives up on anything else. */
function decodeRefs(raw: string): string {
  let out = '';
  let last = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', last)) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) bail();
    const ref = raw.slice(amp + 1, semi);
    let rep = PREDEFINED[ref];
    if (rep === undefined) {
      const cp = ref.charCodeAt(0) === 35 ? charRef(ref) : -1;
      if (cp < 0) bail();
      rep = isXmlChar(cp) ? String.fromCodePoint(cp) : '\uFFFD';
    }
    out += raw.slice(last, amp) + rep;
    last = semi + 1;
  }
  return out + raw.slice(last);
}

const utf8 = new TextDecoder('utf-8');

const DISPIMG = new TextEncoder().encode('=DISPIMG(');

function startsWith(buf: Uint8Array, from: number, to: number, prefix: Uint8Array): boolean {
  if (to - from < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[from + k] !== prefix[k]) return false;
  return true;
}

/**
 * True if the plain decimal at buf[from, to) (fraction point at frac, or -1; mantissa m) is what String() gives for
 * its value: no leading zeros, no trailing fraction zeros, no negative zero, not below 1e-6 (written with an
 * exponent). With at most 15 digits it is then the shortest text of that double, so String(n) is these bytes.
 */
function canonical(buf: Uint8Array, from: number, to: number, frac: number, neg: boolean, m: number): boolean {
  if (m === 0) return !neg && to - from === 1;
  const int = neg ? from + 1 : from;
  const intEnd = frac < 0 ? to : frac;
  if (buf[int] === 48) {
    if (intEnd - int !== 1) return false; // leading zero
    let zeros = 0;
    while (frac + 1 + zeros < to && buf[frac + 1 + zeros] === 48) zeros++;
    if (zeros > 5) return false;
  }
  return frac < 0 || buf[to - 1] !== 48;
}

/**
 * True if buf[from, to) is the text as is: valid UTF-8 (as TextDecoder would decode it without a replacement),
 * with no reference ('&'), no CR (made LF) and no '_x' (a possible _xHHHH_ escape).
 */
export function plainUtf8(buf: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const b = buf[k] as number;
    if (b < 0x80) {
      if (b === AMP || b === CR || (b === 95 && buf[k + 1] === 120 && k + 1 < to)) return false;
      continue;
    }
    const b1 = buf[k + 1] as number;
    if (b < 0xc2) return false;
    if (b < 0xe0) {
      if (k + 1 >= to || (b1 & 0xc0) !== 0x80) return false;
      k += 1;
    } else if (b < 0xf0) {
      if (k + 2 >= to || (b1 & 0xc0) !== 0x80 || ((buf[k + 2] as number) & 0xc0) !== 0x80) return false;
      if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) return false;
      k += 2;
    } else if (b < 0xf5) {
      if (k + 3 >= to || (b1 & 0xc0) !== 0x80 || ((buf[k + 2] as number) & 0xc0) !== 0x80 || ((buf[k + 3] as number) & 0xc0) !== 0x80) return false;
      if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return false;
      k += 3;
    } else return false;
  }
  return true;
}

/** The scanner's state over one worksheet part. */
class FastSheet {
  private carry: Uint8Array = new Uint8Array(0);
  private first = true;
  private readonly names: Name[] = ['c', 'v', 'r', 's', 't', 'row', 'is', 'f'].map(nameOf);
  private readonly stack: number[] = [];
  private rootSeen = false;
  private stray = 0;
  // the tag being read: its name, and where the attributes this reader uses start and end (-1: absent)
  private tagName = 0;
  private selfClosing = false;
  private readonly attrIds = new Int32Array(MAX_ATTRS);
  private rFrom = -1; private rTo = -1;
  private tFrom = -1; private tTo = -1;
  private sFrom = -1; private sTo = -1;
  private refFrom = -1; private refTo = -1;
  // the cell being read
  private inCell = false;
  private type = 'n';
  private style = 0;
  /** The cell's <v> or <is> was read (and its value stored: nothing after it in the cell can change it). */
  private hasValue = false;
  private inIs = false;
  private isText = '';
  private phonetic = 0;

  constructor(private readonly grid: CellGrid) {}

  feed(chunk: Uint8Array): void {
    if (this.first) {
      this.first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) bail(); // UTF-16
      if (chunk.length < 3) bail();
      for (let k = 0; k < 2 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf; k++) chunk = chunk.subarray(3);
    }
    let buf = chunk;
    if (this.carry.length) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
    }
    const stop = this.scan(buf, false);
    this.carry = stop < buf.length ? buf.slice(stop) : new Uint8Array(0);
    if (this.carry.length > MAX_CARRY) bail();
  }

  end(): void {
    if (this.first) bail();
    this.scan(this.carry, true);
    if (this.stack.length || !this.rootSeen || this.inCell) bail();
  }

  private scan(buf: Uint8Array, final: boolean): number {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const lt = buf.indexOf(LT, i);
      if (lt === -1) {
        if (!final) return i;
        this.text(buf, i, n);
        return n;
      }
      if (lt > i) this.text(buf, i, lt);
      if (lt + 1 >= n) {
        if (final) bail();
        return lt;
      }
      const c = buf[lt + 1] as number;
      let next: number;
      if (c === SLASH) next = this.closeTag(buf, lt);
      else if (c === QM) next = this.skipTo(buf, lt + 2, '?>');
      else if (c === BANG) {
        if (lt + 4 > n) next = -1;
        else if (buf[lt + 2] === MINUS && buf[lt + 3] === MINUS) next = this.skipTo(buf, lt + 4, '-->');
        else bail(); // CDATA, DOCTYPE and other declarations
      } else next = this.openTag(buf, lt);
      if (next < 0) {
        if (final) bail();
        return lt;
      }
      i = next;
    }
    return n;
  }

  private skipTo(buf: Uint8Array, from: number, end: string): number {
    const a = end.charCodeAt(0);
    for (let k = buf.indexOf(a, from); k !== -1; k = buf.indexOf(a, k + 1)) {
      if (k + end.length > buf.length) return -1;
      let j = 1;
      while (j < end.length && buf[k + j] === end.charCodeAt(j)) j++;
      if (j === end.length) return k + end.length;
    }
    return -1;
  }

  /** Text between tags, outside a cell value. */
  private text(buf: Uint8Array, from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let k = from; k < to; k++) if (!isSpace(buf[k] as number)) bail();
      return;
    }
    let amp = false;
    for (let k = from; k < to; k++) if (buf[k] === AMP) { amp = true; break; }
    if (amp) decodeRefs(this.string(buf, from, to)); // checked, as the generic scanner would
    if (this.inIs) return; // rich text outside <t> is not kept
    if ((this.stray += to - from) > MAX_STRAY) bail();
  }

  /** The index of the name at buf[from, to) in the table (added if new). */
  private name(buf: Uint8Array, from: number, to: number): number {
    const len = to - from;
    const first = buf[from];
    const names = this.names;
    for (let k = 0; k < names.length; k++) {
      const nb = (names[k] as Name).bytes;
      if (nb.length !== len || nb[0] !== first) continue;
      let j = 1;
      while (j < len && nb[j] === buf[from + j]) j++;
      if (j === len) return k;
    }
    if (len === 0 || !NAME_START[first as number] || names.length >= MAX_NAMES) bail();
    names.push(nameOf(String.fromCharCode(...buf.subarray(from, to))));
    return names.length - 1;
  }

  /** Reads `<name attrs>` or `<name attrs/>` at lt; returns the end, or -1 if it is cut off. */
  private tag(buf: Uint8Array, lt: number): number {
    const n = buf.length;
    let j = lt + 1;
    while (j < n && NAME[buf[j] as number]) j++;
    if (j >= n) return -1;
    this.tagName = this.name(buf, lt + 1, j);
    this.rFrom = this.tFrom = this.sFrom = this.refFrom = -1;
    let count = 0;
    for (;;) {
      const ws = j;
      while (j < n && isSpace(buf[j] as number)) j++;
      if (j >= n) return -1;
      const c = buf[j];
      if (c === GT) { this.selfClosing = false; return j + 1; }
      if (c === SLASH) {
        if (j + 1 >= n) return -1;
        if (buf[j + 1] !== GT) bail();
        this.selfClosing = true;
        return j + 2;
      }
      if (j === ws) bail();
      const an = j;
      while (j < n && NAME[buf[j] as number]) j++;
      if (j >= n) return -1;
      const id = this.name(buf, an, j);
      while (j < n && isSpace(buf[j] as number)) j++;
      if (j >= n) return -1;
      if (buf[j] !== EQ) bail();
      j++;
      while (j < n && isSpace(buf[j] as number)) j++;
      if (j >= n) return -1;
      const q = buf[j] as number;
      if (q !== QUOT && q !== APOS) bail();
      const end = buf.indexOf(q, j + 1);
      if (end === -1) return -1;
      for (let k = j + 1; k < end; k++) {
        const b = buf[k] as number;
        if (b === LT || b === AMP) bail(); // '<' is an error there, '&' (rare in a sheet) is left to the generic reader
      }
      for (let k = 0; k < count; k++) if (this.attrIds[k] === id) bail(); // a repeated attribute
      if (count === MAX_ATTRS) bail();
      this.attrIds[count++] = id;
      switch ((this.names[id] as Name).attr) {
        case A_R: this.rFrom = j + 1; this.rTo = end; break;
        case A_T: this.tFrom = j + 1; this.tTo = end; break;
        case A_S: this.sFrom = j + 1; this.sTo = end; break;
        case A_REF: this.refFrom = j + 1; this.refTo = end; break;
        default: break;
      }
      j = end + 1;
    }
  }

  /** After `<name ...>` ending at p: the text up to `</name>` and that tag's end; null if cut off. */
  private simpleContent(buf: Uint8Array, p: number): [number, number] | null {
    const n = buf.length;
    const lt = buf.indexOf(LT, p);
    if (lt === -1 || lt + 1 >= n) return null;
    if (buf[lt + 1] !== SLASH) bail(); // markup inside a value
    const end = this.closeName(buf, lt, this.tagName);
    return end < 0 ? null : [lt, end];
  }

  /** `</name>` at lt must close `expect`: its end, -1 if cut off. */
  private closeName(buf: Uint8Array, lt: number, expect: number): number {
    const n = buf.length;
    const nb = (this.names[expect] as Name).bytes;
    let j = lt + 2;
    for (let k = 0; k < nb.length; k++, j++) {
      if (j >= n) return -1;
      if (buf[j] !== nb[k]) bail();
    }
    while (j < n && isSpace(buf[j] as number)) j++;
    if (j >= n) return -1;
    if (buf[j] !== GT) bail();
    return j + 1;
  }

  /** The end of `</name>` (closing `expect`) right at p, or -1 if something else (or nothing yet) is there. */
  private closeAt(buf: Uint8Array, p: number, expect: number): number {
    if (p + 1 >= buf.length || buf[p] !== LT || buf[p + 1] !== SLASH) return -1;
    const nb = (this.names[expect] as Name).bytes;
    let j = p + 2;
    for (let k = 0; k < nb.length; k++, j++) if (j >= buf.length || buf[j] !== nb[k]) return -1;
    while (j < buf.length && isSpace(buf[j] as number)) j++;
    return j < buf.length && buf[j] === GT ? j + 1 : -1;
  }

  private closeTag(buf: Uint8Array, lt: number): number {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) bail();
    const end = this.closeName(buf, lt, top);
    if (end < 0) return -1;
    this.stack.pop();
    this.closed(top);
    return end;
  }

  private openTag(buf: Uint8Array, lt: number): number {
    const end = this.tag(buf, lt);
    if (end < 0) return -1;
    if (this.stack.length === 0 && this.rootSeen) bail(); // a second root
    if (this.stack.length >= MAX_DEPTH) bail();
    const id = this.tagName;
    const kind = (this.names[id] as Name).element;
    // <v>…</v> in a cell and <t>…</t> in an inline string are read whole, with their closing tag
    if (!this.selfClosing && ((kind === E_V && this.inCell && !this.inIs) || (kind === E_T && this.inIs))) {
      const content = this.simpleContent(buf, end);
      if (!content) return -1;
      this.rootSeen = true;
      this.stray = 0;
      if (kind === E_V) {
        this.cellValue(buf, end, content[0]);
        return content[1];
      }
      if (this.phonetic > 0) return content[1];
      // the usual <is><t>text</t></is>: stored from the bytes when they are the text as is
      const top = this.stack[this.stack.length - 1] ?? 0;
      if (this.isText === '' && this.type === 'inlineStr' && (this.names[top] as Name).element === E_IS && plainUtf8(buf, end, content[0])) {
        const isEnd = this.closeAt(buf, content[1], top);
        if (isEnd > 0) {
          this.stack.pop();
          this.inIs = false;
          this.hasValue = true;
          if (content[0] > end) this.grid.storeUtf8(buf, end, content[0]);
          return isEnd;
        }
      }
      this.isText += this.textValue(buf, end, content[0]);
      if (this.isText.length > MAX_CELL_TEXT) bail();
      return content[1];
    }
    this.rootSeen = true;
    this.opened(kind, buf);
    if (this.selfClosing) this.closed(id);
    else this.stack.push(id);
    return end;
  }

  private opened(kind: number, buf: Uint8Array): void {
    this.stray = 0;
    const grid = this.grid;
    if (kind === E_C) {
      if (this.inCell) bail();
      if (this.rFrom >= 0) {
        if (!this.ref(buf, this.rFrom, this.rTo)) bail();
      } else {
        grid.col++;
        if (grid.row < 0) grid.row = 0;
      }
      this.type = this.tFrom < 0 ? 'n' : this.typeAt(buf, this.tFrom, this.tTo);
      this.style = this.sFrom < 0 ? 0 : this.digits(buf, this.sFrom, this.sTo, 9);
      this.hasValue = false;
      this.inCell = true;
    } else if (kind === E_ROW) {
      if (this.inCell) bail();
      const r = this.rFrom < 0 ? grid.row + 2 : this.digits(buf, this.rFrom, this.rTo, 7);
      if (r < 1 || r > EXCEL_ROWS) bail();
      grid.row = r - 1;
      grid.col = -1;
    } else if (this.inCell) {
      if (kind === E_V) {
        if (this.inIs || this.hasValue) bail(); // <v/>, or a second value
        this.hasValue = true;
      } else if (kind === E_IS) {
        if (this.inIs || this.hasValue) bail();
        this.inIs = true;
        this.isText = '';
        this.phonetic = 0;
      } else if (this.inIs && kind === E_RPH) this.phonetic++;
    } else if (kind === E_MERGE && this.refFrom >= 0) {
      this.grid.mergeRefs.push(this.string(buf, this.refFrom, this.refTo));
    }
  }

  private closed(id: number): void {
    this.stray = 0;
    if (!this.inCell) return;
    const kind = (this.names[id] as Name).element;
    if (kind === E_IS) {
      this.inIs = false;
      this.hasValue = true;
      this.grid.store(this.grid.finish(this.type, unescapeOoxml(this.isText), this.style, true));
    } else if (this.inIs) {
      if (kind === E_RPH) this.phonetic--;
    } else if (kind === E_C) {
      this.inCell = false;
      if (!this.hasValue) this.grid.store(this.grid.finish(this.type, '', this.style, true));
    }
  }

  /** A cell's `<v>` text at buf[from, to): numbers and shared-string indices straight from the bytes. */
  private cellValue(buf: Uint8Array, from: number, to: number): void {
    if (this.hasValue) bail();
    this.hasValue = true;
    const type = this.type;
    if (type === 'n' || type === 's') {
      // a plain decimal of at most 15 digits: exactly Number(text) (both operands exact, one rounding)
      let k = from;
      const neg = buf[k] === MINUS && type === 'n';
      if (neg) k++;
      let m = 0;
      let digits = 0;
      let frac = -1;
      for (; k < to; k++) {
        const d = (buf[k] as number) - 48;
        if (d >= 0 && d <= 9) { m = m * 10 + d; digits++; } else if (buf[k] === DOT && frac < 0 && type === 'n') frac = k;
        else break;
      }
      if (k === to && digits > 0 && digits <= 15 && frac !== from + (neg ? 1 : 0) && frac !== to - 1) {
        if (type === 's') {
          this.grid.storeShared(m);
          return;
        }
        const scale = frac < 0 ? 1 : (POW10[to - frac - 1] as number);
        const n = neg ? -m / scale : m / scale;
        if (this.grid.plainStyle(this.style) && canonical(buf, from, to, frac, neg, m)) {
          this.grid.storeNumber(n, buf, from, to);
          return;
        }
        this.grid.store(this.grid.number(n, to - from <= 15 ? '' : this.string(buf, from, to), this.style));
        return;
      }
    } else if ((type === 'inlineStr' || type === 'e' || (type === 'str' && !startsWith(buf, from, to, DISPIMG))) && plainUtf8(buf, from, to)) {
      if (to > from) this.grid.storeUtf8(buf, from, to);
      return;
    }
    this.grid.store(this.grid.finish(type, this.textValue(buf, from, to), this.style, true));
  }

  /** Text content as the generic scanner gives it: UTF-8 decoded, references decoded, CR and CRLF made LF. */
  private textValue(buf: Uint8Array, from: number, to: number): string {
    if (to - from > MAX_CELL_TEXT) bail(); // bytes ≥ characters: the generic reader may refuse it
    let special = false;
    for (let k = from; k < to; k++) {
      const b = buf[k];
      if (b === AMP || b === CR) { special = true; break; }
    }
    let s = this.string(buf, from, to);
    if (special) {
      if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n');
      if (s.indexOf('&') !== -1) s = decodeRefs(s);
    }
    return s;
  }

  /** UTF-8 bytes as a string of its own. */
  private string(buf: Uint8Array, from: number, to: number): string {
    if (to - from <= 16) {
      let ascii = true;
      for (let k = from; k < to; k++) if ((buf[k] as number) >= 0x80) { ascii = false; break; }
      if (ascii) return String.fromCharCode.apply(null, buf.subarray(from, to) as unknown as number[]);
    }
    return utf8.decode(buf.subarray(from, to));
  }

  /** Sets the grid's row and column from a cell reference at buf[from, to) (as parseRef); false if it is none. */
  private ref(buf: Uint8Array, from: number, to: number): boolean {
    const len = to - from;
    let i = 0;
    let col = 0;
    for (; i < len && i < 4; i++) {
      const c = (buf[from + i] as number) | 0x20;
      if (c < 97 || c > 122) break;
      col = col * 26 + (c - 96);
    }
    if (i === 0 || i > 3 || i === len || len - i > 7) return false;
    let row = 0;
    for (let k = from + i; k < to; k++) {
      const d = (buf[k] as number) - 48;
      if (d < 0 || d > 9) return false;
      row = row * 10 + d;
    }
    if (row < 1 || row > EXCEL_ROWS || col > EXCEL_COLS) return false;
    this.grid.row = row - 1;
    this.grid.col = col - 1;
    return true;
  }

  /** An attribute of 1..max digits as a number; anything else is left to the generic reader. */
  private digits(buf: Uint8Array, from: number, to: number, max: number): number {
    if (to <= from || to - from > max) bail();
    let v = 0;
    for (let k = from; k < to; k++) {
      const d = (buf[k] as number) - 48;
      if (d < 0 || d > 9) bail();
      v = v * 10 + d;
    }
    return v;
  }

  private typeAt(buf: Uint8Array, from: number, to: number): string {
    for (const [t, bytes] of TYPES) if (startsWith(buf, from, to, bytes) && to - from === bytes.length) return t;
    return bail();
  }
}

/**
 * Scans one worksheet part from its bytes into `target` through a CellGrid, which it returns (for the row count and
 * the merged ranges); null where it gives up (the caller then reads the part with the generic scanner).
 */
export function scanSheetFast(ctx: SheetContext, entry: ZipEntry, sheet: string, target: CellTarget): CellGrid | null {
  const grid = new CellGrid(ctx, entry, sheet, target);
  const scanner = new FastSheet(grid);
  try {
    ctx.zip.inflate(entry, (chunk) => scanner.feed(chunk));
    scanner.end();
  } catch (e) {
    return given(e);
  }
  return grid;
}

/** After a failure: the archive's own errors stand (the generic reader would meet them too); anything else gives up. */
function given(e: unknown): null {
  if (e instanceof ImportError && e.code.startsWith('zip.')) throw e;
  return null;
}

/** Reads one worksheet part from its bytes into rows; null where it gives up. */
export function readSheetFast(ctx: SheetContext, entry: ZipEntry, sheet: string): SheetCells | null {
  return scanSheetFast(ctx, entry, sheet, new RowsTarget())?.result() ?? null;
}
