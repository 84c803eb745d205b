/**
 * CSV/TSV staging in two steps: `prepareCsv` (pure: detect the encoding and delimiter, transcode, scan, sample) can
 * run in the parse worker; `loadCsv` only hands the prepared bytes to DuckDB. `stageCsv` does both in-process.
 */
import { ImportError } from '../../contract/errors.js';
import type { Connector, Row } from '../../db/connector.js';
import { quoteIdent, quoteValue } from '../../db/sql.js';
import { scanCsv, type Scan } from '../readers/csv/csv-scan.js';
import { delimiterPreference, detectDelimiter, nulWarning, parseCsv, type Delimiter } from '../readers/csv/csv.js';
import { bomLength, decodeHead, decodeSource, decodeText, detectEncoding, gb18030Tables, type TextEncodingName, type TextWarning } from '../readers/encoding.js';
import { DEFAULT_LIMITS, SAMPLE_ROWS, stageColumn, type RawSheet, type ReadLimits, type SourceFile, type StagedSheet } from '../types.js';

export { scanCsv } from '../readers/csv/csv-scan.js';

/** A staged CSV with the corrections made while reading it. */
export interface StagedTextSheet extends StagedSheet {
  readonly encoding: TextEncodingName;
  readonly delimiter: Delimiter;
  readonly warnings: readonly TextWarning[];
}

/** Everything stageCsv learns before it touches DuckDB: plain data and one byte buffer, so it can cross threads. */
export interface PreparedCsv {
  readonly file: string;
  readonly encoding: TextEncodingName;
  readonly delimiter: Delimiter;
  readonly warnings: readonly TextWarning[];
  readonly sample: RawSheet;
  /** The canonical UTF-8 CSV (scanCsv's output); loading hands it to DuckDB, which may detach it. */
  readonly bytes: Uint8Array;
  readonly records: number;
  readonly widest: number;
  readonly longest: number;
}

let seq = 0;

/**
 * Read a CSV/TSV file into the canonical UTF-8 CSV DuckDB loads, fast enough for millions of rows. One JS pass
 * transcodes to UTF-8 and writes each record's number into the data itself, so src_row is right whatever DuckDB
 * does with blank lines or line ends. `forced` is the user's correction of a wrong encoding guess (no detection).
 */
export function prepareCsv(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS, forced?: TextEncodingName): PreparedCsv {
  const bytes = file.bytes;
  if (bytes.length > limits.maxFileBytes) {
    throw new ImportError('csv.too-large', `文件 ${file.name} 过大：${bytes.length} 字节，上限 ${limits.maxFileBytes} 字节。`, { file: file.name });
  }
  if (bytes.length === 0) throw new ImportError('file.empty', `文件 ${file.name} 为空（0 字节），没有可导入的内容。`, { file: file.name });
  let encoding = forced ?? detectEncoding(bytes, file.name).encoding;
  let warnings: readonly TextWarning[] = [];
  let delimiter = detectDelimiter(decodeHead(bytes, encoding), delimiterPreference(file.name));
  let input: Uint8Array = bytes;
  let start = bomLength(bytes, encoding);
  let scan = encoding === 'utf-16le' || encoding === 'utf-16be' ? null : scanCsv(bytes, start, encoding === 'gb18030' ? gb18030Tables() : null, delimiter, file.name, limits);
  let inputEncoding: TextEncodingName = encoding;
  if (!scan) {
    const decoded = forced ? { text: decodeText(bytes, forced), encoding: forced, warnings: [] } : decodeSource(bytes, file.name);
    ({ encoding, warnings } = decoded);
    delimiter = detectDelimiter(decodeHead(bytes, encoding), delimiterPreference(file.name));
    input = new TextEncoder().encode(decoded.text);
    start = 0;
    inputEncoding = 'utf-8';
    scan = scanCsv(input, 0, null, delimiter, file.name, limits) as Scan; // TextEncoder output is valid UTF-8
  }
  if (scan.records === 0) throw new ImportError('file.empty', `文件 ${file.name} 没有内容（只有字节顺序标记）。`, { file: file.name });
  if (scan.nulTotal) warnings = [...warnings, nulWarning(file.name, scan.nulRows, scan.nulTotal)];
  const sampleText = new TextDecoder(inputEncoding === 'gb18030' ? 'gb18030' : 'utf-8', { ignoreBOM: true }).decode(input.subarray(start, scan.sampleEnd));
  const sampleRows = parseCsv(sampleText, { delimiter, file: file.name, maxRows: SAMPLE_ROWS });
  const sample = { file: file.name, sheet: null, rows: sampleRows.map((r) => r.map((v) => (v === '' ? null : v))), merges: [], encoding, delimiter };
  return { file: file.name, encoding, delimiter, warnings, sample, bytes: scan.out, records: scan.records, widest: scan.widest, longest: scan.longest };
}

/**
 * Load a prepared CSV into DuckDB as `src_row INTEGER, c0 … c{n-1} VARCHAR` (empty cells NULL); the table is then
 * checked to hold records 1..N once each.
 */
export async function loadCsv(db: Connector, csv: PreparedCsv, table: string): Promise<StagedTextSheet> {
  await load(db, csv, table);
  const { file, sample, encoding, delimiter, warnings } = csv;
  return { table, file, sheet: null, columnCount: csv.widest, rowCount: csv.records, sample, encoding, delimiter, warnings };
}

/** Stage a CSV/TSV file into DuckDB in-process: prepareCsv then loadCsv. */
export async function stageCsv(
  db: Connector,
  file: SourceFile,
  table: string,
  limits: ReadLimits = DEFAULT_LIMITS,
  /** The user's correction of a wrong encoding guess: decode as this, no detection. */
  forced?: TextEncodingName,
): Promise<StagedTextSheet> {
  return loadCsv(db, prepareCsv(file, limits, forced), table);
}

async function load(db: Connector, csv: PreparedCsv, table: string): Promise<void> {
  const { file, delimiter } = csv;
  const name = `hengjian-stage-${++seq}.csv`;
  const columns = [`'src_row': 'INTEGER'`];
  for (let c = 0; c < csv.widest; c++) columns.push(`${quoteValue(stageColumn(c))}: 'VARCHAR'`);
  const t = quoteIdent(table);
  const options = [
    'auto_detect = false', 'header = false', `delim = ${quoteValue(delimiter)}`, `quote = '"'`, `escape = '"'`,
    `new_line = '\\n'`, `columns = {${columns.join(', ')}}`, 'null_padding = true', 'parallel = false', 'strict_mode = true',
    `max_line_size = ${Math.max(2_097_152, csv.longest + 16)}`, 'skip = 0', `nullstr = ''`, 'ignore_errors = false',
  ];
  await db.registerFile(name, csv.bytes);
  try {
    let counts: Row | undefined;
    try {
      await db.query(`CREATE OR REPLACE TABLE ${t} AS SELECT * FROM read_csv(${quoteValue(name)}, ${options.join(', ')})`);
      counts = (await db.query(`SELECT count(*) AS n, min(src_row) AS lo, max(src_row) AS hi, count(*) FILTER (WHERE src_row <> rowid + 1) AS off FROM ${t}`)).rows[0];
    } catch (e) {
      await db.query(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
      throw new ImportError('csv.stage-failed', `文件 ${file} 无法读入数据库：${reason}`, { file });
    }
    const n = csv.records;
    // n rows whose src_row equals rowid + 1 (so all distinct) and lies in 1..n: exactly the records 1..n, once each, in order.
    if (!counts || counts.n !== n || counts.off !== 0 || counts.lo !== 1 || counts.hi !== n) {
      await db.query(`DROP TABLE IF EXISTS ${t}`);
      throw new ImportError('csv.stage-mismatch', `文件 ${file} 有 ${n} 行，读入数据库的却是 ${String(counts?.n)} 行（行号不连续），已放弃导入。`, { file });
    }
  } finally {
    await db.dropFile(name);
  }
}
