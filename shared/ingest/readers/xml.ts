import { ImportError } from '../../contract/errors.js';

/**
 * A safe, non-validating XML reader. Never expands entities: a DOCTYPE (or any DTD declaration) anywhere is refused
 * with 'xml.doctype', so billion laughs and XXE are rejected rather than processed. Only the five predefined entities
 * and numeric character references are decoded. Linear time: indexOf-based scanning, no regexes on content.
 */

/** One element of a parsed document; `attrs` has a null prototype; `text` is its direct text, entities decoded. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

/** Callbacks of the streaming scanner; `close` is also called right after `open` for a self-closing element. */
export interface XmlHandlers {
  open(name: string, attrs: Readonly<Record<string, string>>, selfClosing: boolean): void;
  text(t: string): void;
  close(name: string): void;
}

/** Bounds on nesting depth and (for parseXml) on the number of elements and text nodes. */
export interface XmlLimits {
  readonly maxDepth?: number;
  readonly maxNodes?: number;
}

/** The attributes of every element written without any (shared, frozen). */
const EMPTY_ATTRS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** Default nesting depth limit. */
export const XML_MAX_DEPTH = 256;
/** Default node limit of parseXml. */
export const XML_MAX_NODES = 2_000_000;

const PREDEFINED: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'",
});

/** The local part of a possibly prefixed name: 'x:sheet' → 'sheet'. */
export function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** True if the code point may appear in an XML 1.0 document. */
function isXmlChar(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff);
}

const LT = 1;
const AMP = 2;
const WS = 4;

/** Which of '<', '&' and tab/CR/LF occur in buf[from, to) (one pass, for short values). */
function special(buf: string, from: number, to: number): number {
  let seen = 0;
  for (let k = from; k < to; k++) {
    const c = buf.charCodeAt(k);
    if (c < 61) seen |= c === 60 ? LT : c === 38 ? AMP : c === 9 || c === 10 || c === 13 ? WS : 0;
  }
  return seen;
}

/** indexOf for one character: a plain loop over the first few (cheaper than a builtin call), then indexOf. */
function findChar(buf: string, code: number, ch: string, from: number): number {
  const lim = Math.min(buf.length, from + 24);
  for (let k = from; k < lim; k++) if (buf.charCodeAt(k) === code) return k;
  return lim < buf.length ? buf.indexOf(ch, lim) : -1;
}

/** True if buf holds s at position at. */
function holds(buf: string, s: string, at: number): boolean {
  for (let k = 0; k < s.length; k++) if (buf.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

function parseCharRef(ref: string): number {
  const hex = ref.charCodeAt(1) === 120; // '#x'
  const digits = ref.slice(hex ? 2 : 1);
  if (digits.length === 0 || digits.length > (hex ? 6 : 7)) return -1;
  for (let k = 0; k < digits.length; k++) {
    const c = digits.charCodeAt(k);
    const ok = (c >= 48 && c <= 57) || (hex && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102)));
    if (!ok) return -1;
  }
  return parseInt(digits, hex ? 16 : 10);
}

/** Incremental tokenizer: feed text in pieces, then call end(). Errors are ImportError with the line number. */
export class XmlScanner {
  private rest = '';
  private parts: string[] = [];
  private partsLen = 0;
  private cur = '';
  private lineBase = 1;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private started = false;
  private readonly maxDepth: number;
  private readonly names: string[] = [];

  constructor(private readonly file: string, private readonly h: XmlHandlers, limits?: XmlLimits) {
    this.maxDepth = limits?.maxDepth ?? XML_MAX_DEPTH;
  }

  /** Adds text; tokens cut at the end wait for more (retried once the buffer doubles, so total work stays linear). */
  feed(chunk: string): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.parts.push(chunk);
    this.partsLen += chunk.length;
    if (this.partsLen >= Math.max(this.rest.length, 1)) this.run(false);
  }

  /** Finishes the document: everything must be closed and a root element must have been seen. */
  end(): void {
    this.run(true);
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined) this.fail('xml.malformed', `元素 <${open}> 没有结束标签`, this.cur.length);
    if (!this.rootSeen) this.fail('xml.malformed', '文档中没有根元素', this.cur.length);
  }

  private run(final: boolean): void {
    const buf = this.parts.length === 1 && this.rest === '' ? (this.parts[0] ?? '') : this.rest + this.parts.join('');
    this.parts = [];
    this.partsLen = 0;
    this.cur = buf;
    const stop = this.scan(buf, final);
    for (let k = buf.indexOf('\n'); k !== -1 && k < stop; k = buf.indexOf('\n', k + 1)) this.lineBase++;
    this.rest = stop === 0 ? buf : buf.slice(stop);
    this.cur = this.rest;
  }

  private fail(code: string, what: string, at: number): never {
    let line = this.lineBase;
    for (let k = this.cur.indexOf('\n'); k !== -1 && k < at; k = this.cur.indexOf('\n', k + 1)) line++;
    const msg = code === 'xml.doctype'
      ? `文件 ${this.file} 含有 DOCTYPE/实体声明（第 ${line} 行），可能是恶意构造（实体展开或外部实体），已拒绝`
      : `文件 ${this.file} 的 XML 格式错误（第 ${line} 行）：${what}`;
    throw new ImportError(code, msg, { file: this.file, row: line });
  }

  /** Scans complete tokens of buf; returns where an incomplete token starts (buf.length when all consumed). */
  private scan(buf: string, final: boolean): number {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const lt = findChar(buf, 60, '<', i);
      if (lt === -1) {
        if (final) {
          this.text(buf, i, n);
          return n;
        }
        // pass long text on now, keeping back only a possibly cut reference or CR (so memory stays flat)
        let end = n;
        const amp = buf.lastIndexOf('&');
        if (amp >= i && buf.indexOf(';', amp) === -1) end = amp;
        if (end > i && buf.charCodeAt(end - 1) === 13) end--;
        if (end > i) this.text(buf, i, end);
        return end;
      }
      if (lt > i) this.text(buf, i, lt);
      i = lt;
      const c = buf.charCodeAt(i + 1);
      let next: number;
      if (c === 47) next = this.closeTag(buf, i);
      else if (c === 63) next = this.skipTo(buf, i, '?>', 2);
      else if (c === 33) next = this.bang(buf, i, final);
      else if (i + 1 >= n) next = -1;
      else next = this.openTag(buf, i);
      if (next < 0) {
        if (final) this.fail('xml.malformed', '文件在标记中间结束', i);
        return i;
      }
      i = next;
    }
    return n;
  }

  private skipTo(buf: string, i: number, end: string, from: number): number {
    const e = buf.indexOf(end, i + from);
    return e < 0 ? -1 : e + end.length;
  }

  private bang(buf: string, i: number, final: boolean): number {
    if (buf.startsWith('!--', i + 1)) return this.skipTo(buf, i, '-->', 4);
    if (buf.startsWith('![CDATA[', i + 1)) {
      const e = buf.indexOf(']]>', i + 9);
      if (e < 0) return -1;
      if (this.stack.length === 0) this.fail('xml.malformed', 'CDATA 出现在根元素之外', i);
      const raw = buf.slice(i + 9, e);
      this.h.text(raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n'));
      return e + 3;
    }
    if (buf.length - i < 10 && !final) return -1;
    const word = buf.slice(i + 2, i + 10).toUpperCase();
    for (const w of ['DOCTYPE', 'ENTITY', 'ELEMENT', 'ATTLIST', 'NOTATION']) {
      if (word.startsWith(w)) this.fail('xml.doctype', w, i);
    }
    return this.fail('xml.malformed', '无法识别的 <! 标记', i);
  }

  private text(buf: string, from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let k = from; k < to; k++) {
        if (!isSpace(buf.charCodeAt(k))) this.fail('xml.malformed', '根元素之外有文本', k);
      }
      return;
    }
    const seen = to - from > 64 ? AMP | WS : special(buf, from, to);
    let raw = buf.slice(from, to);
    if (seen & WS && raw.indexOf('\r') !== -1) raw = raw.replace(/\r\n?/g, '\n');
    this.h.text(seen & AMP ? this.decode(raw, from) : raw);
  }

  /** Decodes the predefined entities and character references; anything else is refused. */
  private decode(raw: string, at: number): string {
    let amp = raw.indexOf('&');
    if (amp === -1) return raw;
    let out = '';
    let last = 0;
    while (amp !== -1) {
      const semi = raw.indexOf(';', amp + 1);
      if (semi === -1 || semi - amp > 12) this.fail('xml.malformed', '“&” 后没有合法的实体引用', at + amp);
      const ref = raw.slice(amp + 1, semi);
      let rep = PREDEFINED[ref];
      if (rep === undefined) {
        if (ref.charCodeAt(0) !== 35) this.fail('xml.entity', `未定义的实体 &${ref};（不展开实体）`, at + amp);
        const cp = parseCharRef(ref);
        if (cp < 0) this.fail('xml.malformed', `非法的字符引用 &${ref};`, at + amp);
        rep = isXmlChar(cp) ? String.fromCodePoint(cp) : '\uFFFD';
      }
      out += raw.slice(last, amp) + rep;
      last = semi + 1;
      amp = raw.indexOf('&', last);
    }
    return out + raw.slice(last);
  }

  private nameEnd(buf: string, j: number): number {
    const n = buf.length;
    while (j < n) {
      const c = buf.charCodeAt(j);
      if (isSpace(c) || c === 47 || c === 62 || c === 61) break;
      if (c === 60 || c === 34 || c === 39 || c === 38) this.fail('xml.malformed', '名称中有非法字符', j);
      j++;
    }
    return j;
  }

  /** The name at buf[from, to), reusing a previously seen string (sheet XML repeats a handful of names). */
  private nameAt(buf: string, from: number, to: number): string {
    const len = to - from;
    const first = buf.charCodeAt(from);
    const names = this.names;
    for (let k = 0; k < names.length; k++) {
      const n = names[k] as string;
      if (n.length === len && n.charCodeAt(0) === first && holds(buf, n, from)) return n;
    }
    const s = buf.slice(from, to);
    if (this.names.length < 32) this.names.push(s);
    return s;
  }

  private checkName(name: string, at: number): void {
    const c = name.charCodeAt(0);
    if (name.length === 0 || (c >= 48 && c <= 57) || c === 45 || c === 46) {
      this.fail('xml.malformed', `非法的名称 “${name.slice(0, 40)}”`, at);
    }
  }

  private closeTag(buf: string, i: number): number {
    const gt = findChar(buf, 62, '>', i + 2);
    if (gt === -1) return -1;
    let e = gt;
    while (e > i + 2 && isSpace(buf.charCodeAt(e - 1))) e--;
    const top = this.stack.pop();
    const name = top !== undefined && e - i - 2 === top.length && holds(buf, top, i + 2) ? top : buf.slice(i + 2, e);
    if (top !== name) {
      this.fail('xml.malformed', top === undefined ? `多余的结束标签 </${name.slice(0, 40)}>` :
        `结束标签 </${name.slice(0, 40)}> 与开始标签 <${top}> 不匹配`, i);
    }
    this.h.close(name);
    return gt + 1;
  }

  private openTag(buf: string, i: number): number {
    const n = buf.length;
    let j = this.nameEnd(buf, i + 1);
    if (j >= n) return -1;
    const name = this.nameAt(buf, i + 1, j);
    this.checkName(name, i);
    let attrs = EMPTY_ATTRS;
    let selfClosing = false;
    for (;;) {
      const ws = j;
      while (j < n && isSpace(buf.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const c = buf.charCodeAt(j);
      if (c === 62) { j++; break; }
      if (c === 47) {
        if (j + 1 >= n) return -1;
        if (buf.charCodeAt(j + 1) !== 62) this.fail('xml.malformed', '“/” 后应为 “>”', j);
        selfClosing = true;
        j += 2;
        break;
      }
      if (j === ws) this.fail('xml.malformed', '属性之间缺少空白', j);
      const an = j;
      j = this.nameEnd(buf, j);
      const aname = this.nameAt(buf, an, j);
      this.checkName(aname, an);
      while (j < n && isSpace(buf.charCodeAt(j))) j++;
      if (j >= n) return -1;
      if (buf.charCodeAt(j) !== 61) this.fail('xml.malformed', `属性 ${aname.slice(0, 40)} 缺少 “=”`, j);
      j++;
      while (j < n && isSpace(buf.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const q = buf.charCodeAt(j);
      if (q !== 34 && q !== 39) this.fail('xml.malformed', `属性 ${aname.slice(0, 40)} 的值缺少引号`, j);
      const end = findChar(buf, q, q === 34 ? '"' : "'", j + 1);
      if (end === -1) return -1;
      const seen = special(buf, j + 1, end);
      if (seen & LT) this.fail('xml.malformed', '属性值中不能有 “<”', j);
      if (attrs === EMPTY_ATTRS) attrs = Object.create(null) as Record<string, string>;
      else if (aname in attrs) this.fail('xml.malformed', `重复的属性 ${aname.slice(0, 40)}`, an);
      let value = buf.slice(j + 1, end);
      if (seen & WS) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
      attrs[aname] = seen & AMP ? this.decode(value, j + 1) : value;
      j = end + 1;
    }
    if (this.stack.length === 0 && this.rootSeen) this.fail('xml.malformed', '文档有多个根元素', i);
    if (this.stack.length >= this.maxDepth) this.fail('xml.depth', `元素嵌套超过 ${this.maxDepth} 层`, i);
    this.rootSeen = true;
    this.h.open(name, attrs, selfClosing);
    if (selfClosing) this.h.close(name);
    else this.stack.push(name);
    return j;
  }
}

/** Streams a whole document through handlers (see XmlScanner for pieces). */
export function scanXml(text: string, file: string, handlers: XmlHandlers, limits?: XmlLimits): void {
  const s = new XmlScanner(file, handlers, limits);
  s.feed(text);
  s.end();
}

interface MutableElement { name: string; attrs: Readonly<Record<string, string>>; children: MutableElement[]; text: string }

/** Parses a document into a tree and returns its root element. */
export function parseXml(text: string, file: string, limits?: XmlLimits): XmlElement {
  const maxNodes = limits?.maxNodes ?? XML_MAX_NODES;
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  let nodes = 0;
  const count = (): void => {
    if (++nodes > maxNodes) {
      throw new ImportError('xml.nodes', `文件 ${file} 的 XML 节点超过 ${maxNodes} 个，已拒绝`, { file });
    }
  };
  scanXml(text, file, {
    open(name, attrs) {
      count();
      const el: MutableElement = { name, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else root = el;
      stack.push(el);
    },
    text(t) {
      const top = stack[stack.length - 1];
      if (top) { count(); top.text += t; }
    },
    close() { stack.pop(); },
  }, limits);
  if (!root) throw new ImportError('xml.malformed', `文件 ${file} 中没有根元素`, { file });
  return root;
}
