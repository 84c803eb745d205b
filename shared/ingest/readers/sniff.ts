import { ImportError } from '../../contract/errors.js';
import type { SourceFile } from '../types.js';
import { locateDirectory } from './zip/zip-directory.js';

/** What a file really is, decided from its bytes first and its name second. */
export type SniffedFormat = 'csv' | 'tsv' | 'xlsx' | 'xls' | 'zip' | 'lrmx' | 'lrm' | 'parquet' | 'json' | 'geojson' | 'unknown';

/** A non-text file recognised by its magic bytes, with a Chinese label and what the user should do instead. */
export interface BinaryKind {
  readonly format: SniffedFormat;
  readonly label: string;
  readonly advice: string;
}

const EXCEL = '请按 Excel 文件导入';
const UNPACK = '请先解压，再导入其中的表格文件';
const NOT_TABLE = '它不是表格数据，无法导入';

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const u16 = (b: Uint8Array, p: number): number => (b[p] ?? 0) | ((b[p + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, p: number): number => (u16(b, p) + u16(b, p + 2) * 0x10000) >>> 0;

/** Entry names of a zip archive from its central directory (or, if that is cut off, its local headers); nothing is inflated. */
export function zipEntryNames(b: Uint8Array, max = 10_000): string[] {
  const names: string[] = [];
  const dec = new TextDecoder('utf-8');
  const dir = locateDirectory(b);
  if (dir) {
    let p = dir.offset;
    for (let i = 0; i < dir.total && names.length < max && p + 46 <= b.length && u32(b, p) === 0x02014b50; i++) {
      const n = u16(b, p + 28);
      names.push(dec.decode(b.subarray(p + 46, Math.min(b.length, p + 46 + n))));
      p += 46 + n + u16(b, p + 30) + u16(b, p + 32);
    }
    if (names.length) return names;
  }
  let p = 0;
  while (names.length < max && p + 30 <= b.length && u32(b, p) === 0x04034b50) {
    const n = u16(b, p + 26);
    names.push(dec.decode(b.subarray(p + 30, Math.min(b.length, p + 30 + n))));
    const size = u32(b, p + 18);
    if (size === 0 && (u16(b, p + 6) & 8) !== 0) break; // sizes follow the data: cannot skip without inflating
    p += 30 + n + u16(b, p + 28) + size;
  }
  return names;
}

/**
 * Stream names in an OLE compound file (.xls, .doc, .ppt, WPS .et): the directory chain is followed through the
 * FAT (first 109 FAT sectors, at most 64 directory sectors), since WPS and others put streams past the first sector.
 */
export function oleStreamNames(b: Uint8Array): string[] {
  const shift = u16(b, 0x1e);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  const perFat = size / 4;
  const fats = Math.min(u32(b, 0x2c), 109);
  const names: string[] = [];
  const dec = new TextDecoder('utf-16le');
  const seen = new Set<number>();
  for (let sector = u32(b, 0x30); sector < 0xfffffffa && !seen.has(sector) && seen.size < 64;) {
    seen.add(sector);
    const start = (sector + 1) * size;
    if (start + size > b.length) break;
    for (let p = start; p + 128 <= start + size; p += 128) {
      const len = u16(b, p + 0x40);
      if (len >= 2 && len <= 64) names.push(dec.decode(b.subarray(p, p + len - 2)));
    }
    const fatIndex = Math.floor(sector / perFat);
    if (fatIndex >= fats) break;
    const fatSector = u32(b, 0x4c + 4 * fatIndex);
    sector = u32(b, (fatSector + 1) * size + (sector % perFat) * 4);
  }
  return names;
}

function extension(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function zipKind(b: Uint8Array, ext: string): BinaryKind {
  const names = zipEntryNames(b);
  if (names.some((n) => n.startsWith('word/'))) return { format: 'zip', label: 'Word 文档（.docx）', advice: NOT_TABLE };
  if (names.some((n) => n.startsWith('ppt/'))) return { format: 'zip', label: 'PowerPoint 演示文稿（.pptx）', advice: NOT_TABLE };
  if (names.some((n) => n.startsWith('xl/')) || (ext === 'xlsx' && (names.length === 0 || names.includes('[Content_Types].xml')))) {
    return { format: 'xlsx', label: 'Excel 工作簿（.xlsx）', advice: EXCEL };
  }
  return { format: 'zip', label: 'ZIP 压缩包', advice: UNPACK };
}

function oleKind(b: Uint8Array, ext: string): BinaryKind {
  const names = oleStreamNames(b);
  if (names.includes('Workbook') || names.includes('Book') || (names.length === 0 && (ext === 'xls' || ext === 'et'))) {
    return { format: 'xls', label: 'Excel 97-2003 工作簿（.xls）', advice: EXCEL };
  }
  if (names.includes('EncryptedPackage')) { // a password-protected .xlsx: readXls names the password as the cause
    return { format: 'xls', label: '设置了打开密码的 Excel 工作簿', advice: '请在 Excel 或 WPS 中取消密码后再导入' };
  }
  if (names.includes('WordDocument')) return { format: 'unknown', label: 'Word 97-2003 文档（.doc）', advice: NOT_TABLE };
  return { format: 'unknown', label: 'Office 97-2003 复合文档', advice: NOT_TABLE };
}

const SIMPLE: readonly (readonly [number[], number, BinaryKind])[] = [
  [ascii('PAR1'), 0, { format: 'parquet', label: 'Parquet 数据文件', advice: '请按 Parquet 文件导入' }],
  [ascii('%PDF-'), 0, { format: 'unknown', label: 'PDF 文档', advice: '衡鉴不能读取 PDF，请向报送单位索取 Excel 或 CSV 原表' }],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0, { format: 'unknown', label: 'PNG 图片', advice: NOT_TABLE }],
  [[0xff, 0xd8, 0xff], 0, { format: 'unknown', label: 'JPEG 图片', advice: NOT_TABLE }],
  [ascii('GIF8'), 0, { format: 'unknown', label: 'GIF 图片', advice: NOT_TABLE }],
  [ascii('WEBP'), 8, { format: 'unknown', label: 'WebP 图片', advice: NOT_TABLE }],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 0, { format: 'unknown', label: '7z 压缩包', advice: UNPACK }],
  [ascii('Rar!\x1a\x07'), 0, { format: 'unknown', label: 'RAR 压缩包', advice: UNPACK }],
  [[0x1f, 0x8b], 0, { format: 'unknown', label: 'gzip 压缩文件', advice: UNPACK }],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 0, { format: 'unknown', label: 'xz 压缩文件', advice: UNPACK }],
  [[0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4, { format: 'unknown', label: 'bzip2 压缩文件', advice: UNPACK }],
  [ascii('SQLite format 3\0'), 0, { format: 'unknown', label: 'SQLite 数据库', advice: NOT_TABLE }],
  [ascii('ARROW1'), 0, { format: 'unknown', label: 'Arrow/Feather 数据文件', advice: NOT_TABLE }],
  [ascii('\x7fELF'), 0, { format: 'unknown', label: '可执行程序', advice: NOT_TABLE }],
];

/** Recognise a binary file by its magic bytes; null when it does not look like any known binary format. */
export function identifyBinary(b: Uint8Array, name = ''): BinaryKind | null {
  const ext = extension(name);
  if (startsWith(b, [0x50, 0x4b]) && (b[2] === 3 || b[2] === 5 || b[2] === 7) && b[3] === b[2] + 1) return zipKind(b, ext);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleKind(b, ext);
  if (startsWith(b, ascii('MZ')) && startsWith(b, ascii('PE\0\0'), u32(b, 0x3c))) {
    return { format: 'unknown', label: '可执行程序', advice: NOT_TABLE };
  }
  for (const [sig, at, kind] of SIMPLE) {
    if (at === 4 && !startsWith(b, ascii('BZh'))) continue;
    if (at === 8 && !startsWith(b, ascii('RIFF'))) continue;
    if (startsWith(b, sig, at)) return kind;
  }
  return null;
}

/** The first characters of a text file (any common encoding), for a peek at its structure. */
function peekText(b: Uint8Array): string {
  const head = b.subarray(0, 4096);
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(head);
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(head);
  return new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
}

/** The first element name of an XML text, skipping the declaration, comments and doctype. */
function xmlRoot(text: string): string | null {
  let p = 0;
  for (;;) {
    p = text.indexOf('<', p);
    if (p < 0) return null;
    const c = text[p + 1];
    if (c !== '?' && c !== '!') break;
    const end = text.startsWith('<!--', p) ? text.indexOf('-->', p) : text.indexOf('>', p);
    if (end < 0) return null;
    p = end + 1;
  }
  let q = p + 1;
  while (q < text.length && /[\w:.-]/.test(text[q] ?? '')) q++;
  return text.slice(p + 1, q);
}

const HTML_ROOTS = new Set(['html', 'head', 'body', 'table', 'meta', 'title', 'style', 'div', 'link', 'script']);

/**
 * What a text file starting with '<' holds, when it is a spreadsheet that some systems save as ".xls": an XML
 * Spreadsheet 2003 workbook, or a web page with a table. Null for anything else (lrmx, other XML, binary).
 */
export function markupKind(b: Uint8Array): 'spreadsheetml' | 'html' | 'mhtml' | null {
  const text = peekText(b);
  if (/^\s*MIME-Version:/i.test(text) && /multipart\/related/i.test(text)) return 'mhtml'; // Excel's "single file web page"
  if (text.trimStart()[0] !== '<') return null;
  const root = xmlRoot(text);
  if (root === null) return null;
  const local = root.slice(root.lastIndexOf(':') + 1);
  if (local === 'Workbook' && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'spreadsheetml';
  if (HTML_ROOTS.has(local.toLowerCase()) || /<!doctype\s+html|<table[\s>]/i.test(text)) return 'html';
  return null;
}

/** True if a peek at the file shows text (no control characters other than tab, CR, LF, FF, EOF). */
function looksTextual(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 0x1a) return false;
  }
  return true;
}

const BY_EXTENSION: Readonly<Record<string, SniffedFormat>> = {
  csv: 'csv', txt: 'csv', tsv: 'tsv', tab: 'tsv', xlsx: 'xlsx', xlsm: 'xlsx', xls: 'xls', et: 'xls', zip: 'zip',
  lrmx: 'lrmx', lrm: 'lrm', parquet: 'parquet', json: 'json', geojson: 'geojson',
};

/** Decide the reader for a file: magic bytes first, then a peek at text structure, then the extension. */
export function sniffFormat(file: SourceFile): SniffedFormat {
  const b = file.bytes;
  if (b.length === 0) throw new ImportError('file.empty', `文件 ${file.name} 为空（0 字节），没有可导入的内容。`, { file: file.name });
  const ext = extension(file.name);
  if (ext === 'lrm') return 'lrm'; // the legacy 任免审批表 container: its own reader decides what is inside
  const binary = identifyBinary(b, file.name);
  if (binary) return binary.format;
  const text = peekText(b);
  const first = text.trimStart()[0];
  if (first === '<') {
    const root = xmlRoot(text);
    if (root === 'Person') return 'lrmx';
    if (BY_EXTENSION[ext] === 'lrmx') return 'lrmx';
    return markupKind(b) ? 'xls' : 'unknown'; // HTML-table and XML 2003 "xls" exports: read by readXls
  }
  if (first === '{' || first === '[') {
    if (/"type"\s*:\s*"(FeatureCollection|Feature)"/.test(text) || ext === 'geojson') return 'geojson';
    if (ext === 'json' || ext === '') return 'json';
  }
  if (markupKind(b) === 'mhtml') return 'xls'; // readXls explains how to resave it
  const byExt = BY_EXTENSION[ext];
  // a tab- or comma-separated text saved under an Excel name (common in system exports) is read as such
  if ((byExt === 'xls' || byExt === 'xlsx') && looksTextual(text)) return text.includes('\t') ? 'tsv' : 'csv';
  if (byExt) return byExt;
  return 'unknown';
}
