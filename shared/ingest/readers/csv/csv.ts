import { ImportError } from '../../../contract/errors.js';
import { decodeHead, decodeSource, type TextEncodingName, type TextWarning } from '../encoding.js';
import { DEFAULT_LIMITS, type RawSheet, type ReadLimits, type SourceFile } from '../../types.js';

/** Delimiters we recognise. The full-width comma '，' is text, never a delimiter. */
export const DELIMITERS = [',', '\t', ';', '|'] as const;
/** One of DELIMITERS. */
export type Delimiter = (typeof DELIMITERS)[number];

/** A CSV RawSheet with the corrections made while reading it (NULs removed, undecodable bytes replaced). */
export interface TextSheet extends RawSheet {
  readonly encoding: TextEncodingName;
  readonly delimiter: Delimiter;
  readonly warnings: readonly TextWarning[];
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Excel's column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The ImportError for a quote that never closes; shared with the staging scanner so both say the same. */
export function unterminatedQuote(file: string, row: number, col: number): ImportError {
  const column = columnLetter(col);
  return new ImportError(
    'csv.unterminated-quote',
    `文件 ${file} 第 ${row} 行第 ${col + 1} 列（${column} 列）的引号没有闭合：从这里到文件末尾都会被当成一个单元格。请检查该处是否缺少右引号（"），或文件是否被截断。`,
    { file, row, column },
  );
}

/** The ImportError for a file beyond a read limit. */
export function limitError(file: string, what: 'rows' | 'columns' | 'cells', value: number, limit: number, row?: number): ImportError {
  const label = { rows: '行数', columns: '列数', cells: '单元格数' }[what];
  return new ImportError(`csv.too-many-${what}`, `文件 ${file} 的${label}超过上限：已读到 ${value}，上限 ${limit}。请拆分文件后再导入。`, {
    file,
    ...(row === undefined ? {} : { row }),
  });
}

/** Summarise the records that held NUL bytes (removed) as one warning. */
export function nulWarning(file: string, rows: readonly number[], total: number): TextWarning {
  const more = total > rows.length ? ` 等 ${total} 行` : '';
  return {
    code: 'text.nul-removed',
    message: `文件 ${file} 第 ${rows.join('、')} 行${more}含有空字符（NUL，0x00），已删除。`,
    rows,
  };
}

/** Options for parseCsv. */
export interface ParseOptions {
  readonly delimiter: Delimiter;
  readonly file: string;
  /** Stop quietly after this many records (for samples and previews). */
  readonly maxRows?: number;
  /** Throw a typed ImportError when the text exceeds these (rows, columns, records × widest record). */
  readonly limits?: ReadLimits;
  /** Receives corrections (NUL bytes removed, with their records). */
  readonly warnings?: TextWarning[];
}

/**
 * Parse CSV text into records of cells (arrays, never header-keyed objects). RFC 4180 quoting with Excel's leniency:
 * a quote inside an unquoted cell is literal, text after a closing quote is appended. CRLF, LF and CR end records;
 * ragged records stay as they are; NUL characters are dropped. One linear pass: no regex on content.
 */
export function parseCsv(text: string, opts: ParseOptions): string[][] {
  const d = opts.delimiter.charCodeAt(0);
  const maxRows = opts.maxRows ?? Infinity;
  const limits = opts.limits;
  const n = text.length;
  const records: string[][] = [];
  const nulRows: number[] = [];
  let nulTotal = 0;
  let lastNulRow = 0;
  let widest = 0;
  let i = 0;
  while (records.length < maxRows) {
    const lead = i;
    while (i < n && text.charCodeAt(i) === 0) i++; // NULs are transparent: trailing ones start no record
    if (i >= n) {
      if (i > lead && records.length > 0 && lastNulRow !== records.length && ++nulTotal <= 20) nulRows.push(records.length);
      break;
    }
    const row = records.length + 1;
    const fields: string[] = [];
    let hasNul = i > lead;
    let end = false;
    while (!end) {
      let value = '';
      let seg = i;
      let c = i < n ? text.charCodeAt(i) : -1;
      while (c === 0) {
        hasNul = true;
        c = ++i < n ? text.charCodeAt(i) : -1;
        seg = i;
      }
      if (c === QUOTE) {
        i++;
        seg = i;
        for (;;) {
          if (i >= n) throw unterminatedQuote(opts.file, row, fields.length);
          c = text.charCodeAt(i);
          if (c === QUOTE) {
            value += text.slice(seg, i);
            let j = i + 1;
            while (j < n && text.charCodeAt(j) === 0) j++;
            if (j > i + 1) hasNul = true;
            if (j < n && text.charCodeAt(j) === QUOTE) {
              value += '"';
              i = j + 1;
              seg = i;
              continue;
            }
            i = j;
            seg = i;
            break;
          }
          if (c === 0) {
            value += text.slice(seg, i);
            hasNul = true;
            seg = i + 1;
          }
          i++;
        }
      }
      // Unquoted text, or text after a closing quote: literal up to the delimiter or the end of the record.
      for (;;) {
        c = i < n ? text.charCodeAt(i) : -1;
        if (c === d || c === CR || c === LF || c === -1) break;
        if (c === 0) {
          value += text.slice(seg, i);
          hasNul = true;
          seg = i + 1;
        }
        i++;
      }
      fields.push(value + text.slice(seg, i));
      if (c === d) i++;
      else {
        end = true;
        if (c === CR) {
          let j = i + 1;
          while (j < n && text.charCodeAt(j) === 0) j++;
          if (j < n && text.charCodeAt(j) === LF) {
            hasNul ||= j > i + 1;
            i = j + 1;
          } else i++;
        } else if (c === LF) i++;
      }
    }
    if (hasNul) {
      lastNulRow = row;
      if (++nulTotal <= 20) nulRows.push(row);
    }
    if (fields.length > widest) widest = fields.length;
    if (limits) {
      if (fields.length > limits.maxColumns) throw limitError(opts.file, 'columns', fields.length, limits.maxColumns, row);
      if (row > limits.maxRows) throw limitError(opts.file, 'rows', row, limits.maxRows, row);
      if (row * widest > limits.maxCells) throw limitError(opts.file, 'cells', row * widest, limits.maxCells, row);
    }
    records.push(fields);
  }
  if (nulTotal && opts.warnings) opts.warnings.push(nulWarning(opts.file, nulRows, nulTotal));
  return records;
}

/** Field counts of the first records of `sample` under one delimiter (quote-aware, linear, stops at a cut quote). */
function fieldCounts(sample: string, d: number, maxRecords: number): number[] {
  const counts: number[] = [];
  const n = sample.length;
  let fields = 1;
  let atStart = true;
  let i = 0;
  while (i < n && counts.length < maxRecords) {
    const c = sample.charCodeAt(i);
    if (atStart && c === QUOTE) {
      let j = i + 1;
      for (;;) {
        const k = sample.indexOf('"', j);
        if (k < 0) return counts;
        if (sample.charCodeAt(k + 1) === QUOTE) j = k + 2;
        else {
          i = k + 1;
          break;
        }
      }
      atStart = false;
      continue;
    }
    if (c === d) fields++;
    else if (c === CR || c === LF) {
      if (c === CR && sample.charCodeAt(i + 1) === LF) i++;
      counts.push(fields);
      fields = 1;
    }
    atStart = c === d || c === CR || c === LF;
    i++;
  }
  if (counts.length === 0 && fields > 1) counts.push(fields);
  return counts;
}

/**
 * Pick the delimiter among , TAB ; | whose field counts are most consistent over the first records (quote-aware).
 * A single-column file (or one separated by full-width commas) gets ','; `preferred` breaks ties (TAB for .tsv).
 */
export function detectDelimiter(sample: string, preferred: Delimiter = ','): Delimiter {
  let best: Delimiter = preferred;
  let bestScore = 0;
  const order = [preferred, ...DELIMITERS.filter((x) => x !== preferred)];
  for (const delim of order) {
    const counts = fieldCounts(sample.slice(0, 65536), delim.charCodeAt(0), 100);
    const freq = new Map<number, number>();
    for (const k of counts) if (k > 1) freq.set(k, (freq.get(k) ?? 0) + 1);
    let score = 0;
    for (const [k, times] of freq) score = Math.max(score, times * 1000 + Math.min(k, 999));
    if (score > bestScore) {
      best = delim;
      bestScore = score;
    }
  }
  return best;
}

/** The delimiter a file name suggests when the content cannot tell: TAB for .tsv/.tab, else ','. */
export function delimiterPreference(name: string): Delimiter {
  return /\.(tsv|tab)$/i.test(name) ? '\t' : ',';
}

/**
 * Read a CSV/TSV file into a RawSheet: encoding and delimiter detected, every record kept (ragged rows as they are).
 * Cells are strings, and empty cells (unquoted or "") are null, the same as the NULLs of a staging table.
 */
export function readCsvSheet(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): TextSheet {
  if (file.bytes.length > limits.maxFileBytes) {
    throw new ImportError('csv.too-large', `文件 ${file.name} 过大：${file.bytes.length} 字节，上限 ${limits.maxFileBytes} 字节。`, { file: file.name });
  }
  if (file.bytes.length === 0) throw new ImportError('file.empty', `文件 ${file.name} 为空（0 字节），没有可导入的内容。`, { file: file.name });
  const decoded = decodeSource(file.bytes, file.name);
  if (decoded.text.length === 0) {
    throw new ImportError('file.empty', `文件 ${file.name} 没有内容（只有字节顺序标记）。`, { file: file.name });
  }
  const delimiter = detectDelimiter(decodeHead(file.bytes, decoded.encoding), delimiterPreference(file.name));
  const warnings = [...decoded.warnings];
  const records = parseCsv(decoded.text, { delimiter, file: file.name, limits, warnings });
  const rows = records.map((r) => r.map((v) => (v === '' ? null : v)));
  return { file: file.name, sheet: null, rows, merges: [], encoding: decoded.encoding, delimiter, warnings };
}
