/**
 * The CSV/TSV scan: one linear pass that transcodes a text file to the canonical UTF-8 CSV DuckDB reads (record
 * numbers written into the data, quoting normalised). Pure: no Connector, so it runs in the parse worker too.
 */
import { limitError, unterminatedQuote, type Delimiter } from './csv.js';
import { gbChar, utf8Char, type Gb18030Tables } from '../encoding.js';
import { SAMPLE_ROWS, type ReadLimits } from '../../types.js';

/** What one pass over the file found, and the canonical UTF-8 CSV it wrote for DuckDB. */
export interface Scan {
  readonly out: Uint8Array;
  readonly records: number;
  readonly widest: number;
  readonly longest: number;
  /** Input offset where record SAMPLE_ROWS + 1 starts (the end of the sample). */
  readonly sampleEnd: number;
  readonly nulRows: number[];
  readonly nulTotal: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

function grow(out: Uint8Array, used: number, remaining: number): Uint8Array {
  const next = new Uint8Array(Math.max(Math.floor(out.length * 1.5), used + 4 * Math.min(remaining, 1 << 20) + 65536));
  next.set(out.subarray(0, used));
  return next;
}

/** Bytes that need attention inside an unquoted (quoted = false) or a quoted cell; all others are copied as they are. */
function specials(d: number, quoted: boolean): Uint8Array {
  const t = new Uint8Array(256);
  t.fill(1, 0x80);
  t[0] = 1;
  t[QUOTE] = 1;
  if (!quoted) t[d] = t[CR] = t[LF] = 1;
  return t;
}

/**
 * One linear pass with parseCsv's exact semantics, writing each record as `record-number<d>cells…\n` with canonical
 * quoting (stray quotes re-quoted, NULs dropped, record ends normalised to LF). Null if the bytes are not valid.
 * `lim` is how far input may run before output could overflow (one input byte writes at most 4 bytes).
 * Exported for the transcoding tests and the benchmark.
 */
export function scanCsv(inp: Uint8Array, start: number, gb: Gb18030Tables | null, delim: Delimiter, file: string, limits: ReadLimits): Scan | null {
  const d = delim.charCodeAt(0);
  const unq = specials(d, false);
  const quo = specials(d, true);
  const two8 = gb ? gb.twoUtf8 : null;
  const n = inp.length;
  let out: Uint8Array = new Uint8Array(Math.floor((n - start) * (gb ? 1.6 : 1.25)) + 65536);
  let o = 0;
  let i = start;
  let lim = 0;
  let records = 0;
  let widest = 0;
  let longest = 0;
  let sampleEnd = n;
  const nulRows: number[] = [];
  let nulTotal = 0;
  let lastNulRow = 0;
  for (;;) {
    const lead = i;
    while (i < n && inp[i] === 0) i++; // NULs are transparent: trailing ones start no record
    if (i >= n) {
      if (i > lead && records > 0 && lastNulRow !== records && ++nulTotal <= 20) nulRows.push(records);
      break;
    }
    if (++records > limits.maxRows) throw limitError(file, 'rows', records, limits.maxRows, records);
    if (records === SAMPLE_ROWS + 1) sampleEnd = i;
    if (out.length - o < 4096) out = grow(out, o, n - i);
    const recStart = o;
    let digits = 1;
    for (let p = 10; p <= records; p *= 10) digits++;
    for (let k = digits - 1, v = records; k >= 0; k--, v = (v - (v % 10)) / 10) out[recStart + k] = 48 + (v % 10);
    o += digits;
    out[o++] = d;
    lim = Math.min(n, i + ((out.length - o - 1024) >> 2));
    let fields = 0;
    let hasNul = i > lead;
    let b = -1;
    for (;;) {
      fields++;
      const fs = o;
      b = i < n ? (inp[i] as number) : -1;
      while (b === 0) {
        hasNul = true;
        b = ++i < n ? (inp[i] as number) : -1;
      }
      // mode 0: plain cell; 1: inside quotes; 2: written quoted, reading unquoted text (after a close, or a stray quote)
      let mode = 0;
      let t = unq;
      if (b === QUOTE) {
        out[o++] = QUOTE;
        mode = 1;
        t = quo;
        i++;
      }
      for (;;) {
        if (i >= lim) {
          if (i >= n) {
            if (mode === 1) throw unterminatedQuote(file, records, fields - 1);
            b = -1;
            break;
          }
          if (out.length - o < 4 * Math.min(n - i, 65536) + 4096) out = grow(out, o, n - i);
          lim = Math.min(n, i + ((out.length - o - 1024) >> 2));
        }
        b = inp[i] as number;
        if (t[b] === 0) {
          out[o++] = b;
          i++;
          continue;
        }
        if (b >= 0x80) {
          if (two8 !== null && i + 1 < n) {
            const trail = inp[i + 1] as number; // the common GB two-byte code, by table
            const v = b > 0x80 && b < 0xff && trail >= 0x40 && trail < 0xff ? (two8[(b - 0x81) * 191 + trail - 0x40] as number) : 0;
            if (v !== 0) {
              out[o] = v & 0xff;
              out[o + 1] = (v >> 8) & 0xff;
              out[o + 2] = (v >> 16) & 0xff;
              o += v >>> 24;
              i += 2;
              continue;
            }
          } else if (two8 === null && b >= 0xe1 && b <= 0xef && b !== 0xed && i + 2 < n) {
            const c1 = inp[i + 1] as number; // common UTF-8 3-byte character
            const c2 = inp[i + 2] as number;
            if ((c1 & 0xc0) === 0x80 && (c2 & 0xc0) === 0x80) {
              out[o] = b;
              out[o + 1] = c1;
              out[o + 2] = c2;
              o += 3;
              i += 3;
              continue;
            }
          }
          const r = gb ? gbChar(inp, i, n, out, o, gb) : utf8Char(inp, i, n, out, o);
          if (r === 0) return null;
          i += r >> 3;
          o += r & 7;
          continue;
        }
        if (b === 0) {
          hasNul = true;
          i++;
          continue;
        }
        if (b !== QUOTE) break; // the delimiter, CR or LF outside quotes
        i++;
        if (mode === 1) {
          let j = i;
          while (j < n && inp[j] === 0) j++;
          if (j > i) hasNul = true;
          if (j < n && inp[j] === QUOTE) i = j + 1;
          else {
            i = j; // the closing quote: any text up to the delimiter is appended, as Excel does
            mode = 2;
            t = unq;
            continue;
          }
        } else if (mode === 0) {
          out.copyWithin(fs + 1, fs, o); // a stray quote: write this cell quoted after all
          out[fs] = QUOTE;
          o++;
          mode = 2;
        }
        out[o++] = QUOTE;
        out[o++] = QUOTE;
      }
      if (mode !== 0) out[o++] = QUOTE;
      if (b !== d) break;
      out[o++] = d;
      i++;
    }
    if (b === CR) {
      let j = i + 1;
      while (j < n && inp[j] === 0) j++;
      if (j < n && inp[j] === LF) {
        hasNul ||= j > i + 1;
        i = j + 1;
      } else i++;
    } else if (b === LF) i++;
    out[o++] = LF;
    if (hasNul) {
      lastNulRow = records;
      if (++nulTotal <= 20) nulRows.push(records);
    }
    if (fields > widest) {
      widest = fields;
      if (widest > limits.maxColumns) throw limitError(file, 'columns', widest, limits.maxColumns, records);
    }
    if (records * widest > limits.maxCells) throw limitError(file, 'cells', records * widest, limits.maxCells, records);
    if (o - recStart > longest) longest = o - recStart;
  }
  return { out: out.subarray(0, o), records, widest, longest, sampleEnd, nulRows, nulTotal };
}
