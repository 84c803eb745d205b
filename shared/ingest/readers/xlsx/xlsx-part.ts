import { ImportError } from '../../../contract/errors.js';
import { localName, parseXml, XmlScanner, type XmlElement, type XmlHandlers } from '../xml.js';
import type { ZipArchive, ZipEntry } from '../zip/zip.js';

/** Parts of an .xlsx package: streaming and tree reads, relationships, and OOXML string escapes. */

/** Adds the part (and sheet) to an xml.* error so the user can find the broken piece. */
function rethrow(err: unknown, part: string, sheet?: string): never {
  if (err instanceof ImportError && err.code.startsWith('xml.')) {
    const where = sheet === undefined ? `部件 ${part}` : `工作表 ${sheet}，部件 ${part}`;
    throw new ImportError(err.code, `${err.message}（${where}）`, { ...err.location, ...(sheet === undefined ? {} : { sheet }) });
  }
  throw err;
}

function decoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/** Inflates a part in chunks and feeds it to the XML scanner without ever holding the whole text. */
export function streamPart(zip: ZipArchive, entry: ZipEntry, handlers: XmlHandlers, sheet?: string): void {
  const scanner = new XmlScanner(zip.file, handlers);
  let dec: TextDecoder | undefined;
  try {
    zip.inflate(entry, (chunk) => {
      dec ??= decoderFor(chunk);
      scanner.feed(dec.decode(chunk, { stream: true }));
    });
    if (dec) scanner.feed(dec.decode());
    scanner.end();
  } catch (err) {
    rethrow(err, entry.name, sheet);
  }
}

/** Inflates and parses a small part into a tree. */
export function parsePart(zip: ZipArchive, entry: ZipEntry): XmlElement {
  const bytes = zip.read(entry);
  try {
    return parseXml(decoderFor(bytes).decode(bytes), zip.file);
  } catch (err) {
    return rethrow(err, entry.name);
  }
}

/** Finds an entry by part name; OPC part names are case-insensitive. */
export function findPart(zip: ZipArchive, name: string): ZipEntry | undefined {
  const want = name.toLowerCase();
  return zip.entries.find((e) => e.name.toLowerCase() === want);
}

/** Resolves a relationship target against the directory of the part that owns it. */
export function resolveTarget(owner: string, target: string): string {
  const base = target.startsWith('/') ? [] : owner.split('/').slice(0, -1);
  for (const seg of target.replace(/\\/g, '/').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** A relationship of a part: id, type (its last path segment, e.g. 'worksheet') and resolved target. */
export interface Rel { readonly id: string; readonly type: string; readonly target: string }

/** Reads the relationships of `owner` (from `dir/_rels/name.rels`); external targets are skipped. */
export function readRels(zip: ZipArchive, owner: string): Rel[] {
  const slash = owner.lastIndexOf('/');
  const relsName = `${owner.slice(0, slash + 1)}_rels/${owner.slice(slash + 1)}.rels`;
  const entry = findPart(zip, relsName);
  if (!entry) return [];
  const rels: Rel[] = [];
  for (const r of parsePart(zip, entry).children) {
    if (localName(r.name) !== 'Relationship' || r.attrs.TargetMode === 'External') continue;
    const type = r.attrs.Type ?? '';
    // some writers give package-root paths without the leading '/' ('xl/worksheets/sheet1.xml' from xl/workbook.xml)
    const raw = r.attrs.Target ?? '';
    const target = resolveTarget(owner, raw);
    const rooted = resolveTarget('', raw);
    const found = findPart(zip, target) || !findPart(zip, rooted) ? target : rooted;
    rels.push({ id: r.attrs.Id ?? '', type: type.slice(type.lastIndexOf('/') + 1), target: found });
  }
  return rels;
}

/**
 * A copy of s that does not keep the (large) text chunk it was sliced from alive: V8 represents long substrings
 * as views into their parent, so a kept cell value would otherwise retain a whole inflated chunk.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Decodes OOXML `_xHHHH_` escapes (e.g. `_x000D_` is a carriage return; `_x005F_` escapes an underscore). */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') === -1) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Longest cell text read (as written, before _xHHHH_ escapes are decoded): Excel keeps at most 32,767 characters in
 * a cell, so a longer one is a damaged or hostile file, refused before it can hold hundreds of MB in one string.
 */
export const MAX_CELL_TEXT = 262_144;

/** The error for a cell (or shared string) whose text passes MAX_CELL_TEXT. */
export function cellTextError(file: string, where: string, location: { sheet?: string; row?: number; column?: string } = {}): ImportError {
  return new ImportError('sheet.cell-text', `${where}的文本超过 ${MAX_CELL_TEXT} 个字符（Excel 单元格最多 32767 个字符），` +
    `文件可能已损坏或被恶意构造，已拒绝（文件 ${file}）`, { file, ...location });
}

/**
 * Collects rich text: `<t>` pieces inside `<si>` or `<is>`, phonetic runs `<rPh>` ignored. Call open/close/text
 * from the part's handlers; `take()` returns the text gathered since the last take.
 */
export class RichText {
  private inT = false;
  private phonetic = 0;
  private buf = '';

  open(ln: string): void {
    if (ln === 'rPh') this.phonetic++;
    else if (ln === 't' && this.phonetic === 0) this.inT = true;
  }

  close(ln: string): void {
    if (ln === 'rPh') this.phonetic--;
    else if (ln === 't') this.inT = false;
  }

  text(t: string): void {
    if (this.inT) this.buf += t;
  }

  /** Characters gathered since the last take. */
  get length(): number {
    return this.buf.length;
  }

  take(): string {
    const s = detach(unescapeOoxml(this.buf));
    this.buf = '';
    this.inT = false;
    this.phonetic = 0;
    return s;
  }
}

/** Reads the shared string table (streamed: it can hold a million strings). */
export function readSharedStrings(zip: ZipArchive, entry: ZipEntry | undefined): string[] {
  const out: string[] = [];
  if (!entry) return out;
  const rich = new RichText();
  let inSi = false;
  streamPart(zip, entry, {
    open(name) {
      const ln = localName(name);
      if (ln === 'si') { inSi = true; rich.take(); } else if (inSi) rich.open(ln);
    },
    text(t) {
      if (!inSi) return;
      rich.text(t);
      if (rich.length > MAX_CELL_TEXT) throw cellTextError(zip.file, `共享字符串表第 ${out.length + 1} 项`);
    },
    close(name) {
      const ln = localName(name);
      if (ln === 'si') { inSi = false; out.push(rich.take()); } else if (inSi) rich.close(ln);
    },
  });
  return out;
}
