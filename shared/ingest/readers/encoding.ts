import { ImportError } from '../../contract/errors.js';
import { identifyBinary } from './sniff.js';

/** Text encodings met in exported spreadsheets. GBK files are read as GB18030 (its superset). */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** What detectEncoding found, and how sure it is. */
export interface DetectedEncoding {
  readonly encoding: TextEncodingName;
  /** 1 for a BOM; lower when the sample could not tell (e.g. pure ASCII in a larger file). */
  readonly confidence: number;
}

/** A correction made while reading, shown to the user with the import report. Rows are 1-based record numbers. */
export interface TextWarning {
  readonly code: string;
  readonly message: string;
  readonly rows?: readonly number[];
}

/** The confidence of 'utf-8' when the sample was pure ASCII and the file goes on: the rest may still be GBK. */
const ASCII_SAMPLE = 0.6;

/** Bytes looked at to detect the encoding: enough for any real header, and fast on 1 GB files. */
export const SAMPLE_BYTES = 64 * 1024;

const BOMS: readonly (readonly [TextEncodingName, readonly number[]])[] = [
  ['utf-8-bom', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
  ['gb18030', [0x84, 0x31, 0x95, 0x33]],
];

function bomOf(b: Uint8Array): TextEncodingName | null {
  for (const [name, sig] of BOMS) if (sig.every((x, i) => b[i] === x)) return name;
  return null;
}

/** Bytes of the byte-order mark at the start of `b` for `encoding` (0 when there is none). */
export function bomLength(b: Uint8Array, encoding: TextEncodingName): number {
  const sig = BOMS.find(([n]) => n === encoding)?.[1] ?? [0xef, 0xbb, 0xbf];
  return sig.every((x, i) => b[i] === x) ? sig.length : 0;
}

/** UTF-16 without a BOM: ASCII characters leave a NUL in every other byte. */
function utf16ByNuls(b: Uint8Array): TextEncodingName | null {
  const n = Math.min(b.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= Math.max(4, pairs * 0.2) && even * 10 <= odd) return 'utf-16le';
  if (even >= Math.max(4, pairs * 0.2) && odd * 10 <= even) return 'utf-16be';
  return null;
}

function tryDecode(label: string, b: Uint8Array, stream: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(b, { stream });
  } catch {
    return null;
  }
}

/** UTF-8 with a few bad bytes (a pasted GBK cell) rather than GB text: valid multi-byte characters far outnumber errors. */
function mostlyUtf8(sample: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(sample, { stream: true });
  let good = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) good++;
  }
  return good >= 8 && good >= 4 * bad;
}

function labelOf(e: TextEncodingName): string {
  return e === 'utf-8-bom' ? 'utf-8' : e;
}

function assertTextual(text: string, file: string, sampled: number): void {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 0x1a) || c === 0xfffd) control++;
  }
  if (control > 8 && control * 100 > text.length) {
    throw new ImportError(
      'text.binary',
      `文件 ${file} 不是文本文件：开头 ${sampled} 字节中有 ${control} 个控制字符或无法识别的字节，看起来是二进制数据。请确认导入的是 CSV/TXT 表格。`,
      { file },
    );
  }
}

/**
 * Detect the encoding of a text file from its BOM, else a ≤64 KB sample: valid UTF-8, a UTF-16 NUL pattern, or
 * GB18030 (never 'gbk', which garbles 4-byte characters). Throws ImportError for binary files (xlsx, PNG, …).
 */
export function detectEncoding(bytes: Uint8Array, file = ''): DetectedEncoding {
  const binary = identifyBinary(bytes, file);
  if (binary) {
    throw new ImportError('text.binary', `文件 ${file} 实际上是${binary.label}，不是文本表格（CSV）：${binary.advice}。`, { file });
  }
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const whole = sample.length === bytes.length;
  const bom = bomOf(sample);
  let result: DetectedEncoding;
  if (bom) result = { encoding: bom, confidence: 1 };
  else {
    const u16 = utf16ByNuls(sample);
    if (u16 && tryDecode(u16, sample, !whole) !== null) result = { encoding: u16, confidence: 0.9 };
    else if (tryDecode('utf-8', sample, true) !== null) {
      let ascii = true;
      for (let i = 0; i < sample.length && ascii; i++) ascii = (sample[i] as number) < 0x80;
      result = { encoding: 'utf-8', confidence: ascii && !whole ? ASCII_SAMPLE : 0.99 };
    } else if (mostlyUtf8(sample)) result = { encoding: 'utf-8', confidence: 0.7 };
    else result = { encoding: 'gb18030', confidence: tryDecode('gb18030', sample, true) !== null ? 0.9 : 0.5 };
  }
  assertTextual(new TextDecoder(labelOf(result.encoding)).decode(sample, { stream: !whole }), file, sample.length);
  return result;
}

/** Decode a whole text file (BOM stripped; invalid bytes become U+FFFD). GB18030 goes through the native decoder. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  return new TextDecoder(labelOf(encoding), { ignoreBOM: true }).decode(bytes.subarray(bomLength(bytes, encoding)));
}

/** The first ≤64 KB of a file as text (a character cut at the end is dropped): what delimiter detection looks at. */
export function decodeHead(bytes: Uint8Array, encoding: TextEncodingName): string {
  const start = bomLength(bytes, encoding);
  const head = bytes.subarray(start, start + SAMPLE_BYTES);
  return new TextDecoder(labelOf(encoding), { ignoreBOM: true }).decode(head, { stream: head.length < bytes.length - start });
}

/** A decoded text file with the encoding finally used and any corrections made. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly confidence: number;
  readonly warnings: readonly TextWarning[];
}

/**
 * Detect and decode a text file the one way every reader shares: strict first; an ASCII-looking sample whose rest
 * is not UTF-8 is re-read as GB18030; otherwise invalid bytes become U+FFFD with a warning (truncation named as such).
 */
export function decodeSource(bytes: Uint8Array, file: string): DecodedText {
  const det = detectEncoding(bytes, file);
  const body = bytes.subarray(bomLength(bytes, det.encoding));
  const label = labelOf(det.encoding);
  const strict = tryDecode(label, body, false);
  if (strict !== null) return { text: strict, encoding: det.encoding, confidence: det.confidence, warnings: [] };
  if (det.encoding === 'utf-8' && det.confidence === ASCII_SAMPLE) {
    const gb = tryDecode('gb18030', body, false);
    if (gb !== null) return { text: gb, encoding: 'gb18030', confidence: 0.8, warnings: [] };
  }
  const truncated = tryDecode(label, body, true) !== null;
  const name = det.encoding === 'gb18030' ? 'GB18030/GBK' : label.toUpperCase();
  const warning: TextWarning = truncated
    ? { code: 'text.truncated', message: `文件 ${file} 末尾的字符不完整（文件可能被截断），已替换为“�”。请核对最后一行。` }
    : { code: 'text.invalid-bytes', message: `文件 ${file} 中有无法按 ${name} 解码的字节，已替换为“�”：文件可能混用了编码或已损坏。` };
  return { text: decodeText(bytes, det.encoding), encoding: det.encoding, confidence: det.confidence, warnings: [warning] };
}

/** Lazily built GB18030 lookup tables, taken from the platform decoder itself so the fast path cannot disagree. */
export interface Gb18030Tables {
  /** Two-byte codes: index (lead − 0x81) × 191 + (trail − 0x40); 0 = not a valid code. */
  readonly two: Uint16Array;
  /** Four-byte codes below U+10000 by linear index; 0 = not valid. */
  readonly four: Uint16Array;
  /** The two-byte codes as UTF-8: bytes in the low 24 bits (first byte lowest), length in the top 8; 0 = not valid. */
  readonly twoUtf8: Uint32Array;
}

let tables: Gb18030Tables | null = null;

function decodeEach(count: number, width: number, write: (buf: Uint8Array, at: number, i: number) => void): Uint16Array {
  const buf = new Uint8Array(count * (width + 1));
  for (let i = 0; i < count; i++) {
    write(buf, i * (width + 1), i);
    buf[i * (width + 1) + width] = 0x0a;
  }
  const parts = new TextDecoder('gb18030').decode(buf).split('\n');
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const s = parts[i] ?? '';
    const c = s.length === 1 ? s.charCodeAt(0) : 0;
    out[i] = c === 0xfffd || (c >= 0xd800 && c <= 0xdfff) ? 0 : c;
  }
  return out;
}

/** The GB18030 → Unicode tables for the streaming transcoder in stage-csv. */
export function gb18030Tables(): Gb18030Tables {
  if (tables) return tables;
  const two = decodeEach(126 * 191, 2, (buf, at, i) => {
    buf[at] = 0x81 + Math.floor(i / 191);
    buf[at + 1] = 0x40 + (i % 191);
  });
  const four = decodeEach(39420, 4, (buf, at, i) => {
    buf[at] = 0x81 + Math.floor(i / 12600);
    buf[at + 1] = 0x30 + (Math.floor(i / 1260) % 10);
    buf[at + 2] = 0x81 + (Math.floor(i / 10) % 126);
    buf[at + 3] = 0x30 + (i % 10);
  });
  const twoUtf8 = new Uint32Array(two.length);
  two.forEach((cp, k) => {
    if (cp === 0) return;
    const u = new TextEncoder().encode(String.fromCharCode(cp));
    twoUtf8[k] = ((u[0] ?? 0) | ((u[1] ?? 0) << 8) | ((u[2] ?? 0) << 16) | (u.length << 24)) >>> 0;
  });
  tables = { two, four, twoUtf8 };
  return tables;
}

const C = 0x80; // the continuation-byte bits

/** Copy one valid UTF-8 multi-byte character at inp[i]: consumed << 3 | written, or 0 if the strict decoder would reject it. */
export function utf8Char(inp: Uint8Array, i: number, n: number, out: Uint8Array, o: number): number {
  const b0 = inp[i] as number;
  const b1 = i + 1 < n ? (inp[i + 1] as number) : 0;
  if (b0 < 0xe0) {
    if (b0 < 0xc2 || (b1 & 0xc0) !== C) return 0;
    out[o] = b0;
    out[o + 1] = b1;
    return (2 << 3) | 2;
  }
  const b2 = i + 2 < n ? (inp[i + 2] as number) : 0;
  if (b1 < (b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : C) || b1 > (b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf) || (b2 & 0xc0) !== C) return 0;
  out[o] = b0;
  out[o + 1] = b1;
  out[o + 2] = b2;
  if (b0 < 0xf0) return (3 << 3) | 3;
  const b3 = i + 3 < n ? (inp[i + 3] as number) : 0;
  if (b0 > 0xf4 || (b3 & 0xc0) !== C) return 0;
  out[o + 3] = b3;
  return (4 << 3) | 4;
}

/** Transcode one GB18030 multi-byte character at inp[i] to UTF-8, or 0 for anything the strict decoder would reject. */
export function gbChar(inp: Uint8Array, i: number, n: number, out: Uint8Array, o: number, gb: Gb18030Tables): number {
  const b0 = inp[i] as number;
  if (b0 === 0x80 || b0 === 0xff || i + 1 >= n) return 0;
  const b1 = inp[i + 1] as number;
  let cp = 0;
  let used = 2;
  if (b1 >= 0x30 && b1 <= 0x39) {
    if (i + 3 >= n) return 0;
    const b2 = inp[i + 2] as number;
    const b3 = inp[i + 3] as number;
    if (b2 < 0x81 || b2 > 0xfe || b3 < 0x30 || b3 > 0x39) return 0;
    const idx = ((b0 - 0x81) * 10 + (b1 - 0x30)) * 1260 + (b2 - 0x81) * 10 + (b3 - 0x30);
    cp = idx < 39420 ? (gb.four[idx] as number) : idx >= 189000 && idx <= 1237575 ? 0x10000 + idx - 189000 : 0;
    used = 4;
  } else if (b1 >= 0x40 && b1 <= 0xfe) cp = gb.two[(b0 - 0x81) * 191 + b1 - 0x40] as number;
  if (cp === 0) return 0;
  if (cp < 0x800) {
    out[o] = 0xc0 | (cp >> 6);
    out[o + 1] = C | (cp & 63);
    return (used << 3) | 2;
  }
  if (cp < 0x10000) {
    out[o] = 0xe0 | (cp >> 12);
    out[o + 1] = C | ((cp >> 6) & 63);
    out[o + 2] = C | (cp & 63);
    return (used << 3) | 3;
  }
  out[o] = 0xf0 | (cp >> 18);
  out[o + 1] = C | ((cp >> 12) & 63);
  out[o + 2] = C | ((cp >> 6) & 63);
  out[o + 3] = C | (cp & 63);
  return (used << 3) | 4;
}
