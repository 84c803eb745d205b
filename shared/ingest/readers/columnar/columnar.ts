/**
 * Parquet and JSON exported from data platforms, read in JS (duckdb-wasm has no parquet/json extension offline)
 * into RawSheets: a header row of column names, then the values. Every size is checked against ReadLimits before
 * the data is decoded, and every failure is an ImportError. JSON keys never become prototypes: rows are arrays.
 */
import { gunzipSync } from 'fflate';
import { parquetMetadata, parquetRead, parquetSchema, snappyUncompress, type FileMetaData, type ParquetReadOptions } from 'hyparquet';
import { ImportError } from '../../../contract/errors.js';
import { checkParquetPages } from './columnar-pages.js';
import type { TextWarning } from '../encoding.js';
import { DEFAULT_LIMITS, type RawCell, type RawSheet, type ReadLimits, type SourceFile } from '../../types.js';
import { parseJsonText, tooLarge } from './json-text.js';


/** A RawSheet read from JSON, with what was corrected on the way. */
export interface JsonSheet extends RawSheet {
  readonly warnings: readonly TextWarning[];
}

/** Deepest nesting of a JSON value kept as text in a cell. */
export const JSON_MAX_DEPTH = 64;
const MB = 1024 * 1024;


function limitError(file: string, kind: string, what: 'rows' | 'columns' | 'cells', value: number, limit: number): ImportError {
  const label = { rows: '行数', columns: '列数', cells: '单元格数' }[what];
  return new ImportError(`${kind}.too-many-${what}`, `文件 ${file} 的${label}超过上限：有 ${value}，上限 ${limit}。请拆分文件后再导入。`, { file });
}

function checkShape(file: string, kind: string, rows: number, columns: number, limits: ReadLimits): void {
  if (rows > limits.maxRows) throw limitError(file, kind, 'rows', rows, limits.maxRows);
  if (columns > limits.maxColumns) throw limitError(file, kind, 'columns', columns, limits.maxColumns);
  if (rows * columns > limits.maxCells) throw limitError(file, kind, 'cells', rows * columns, limits.maxCells);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** A Date as 'YYYY-MM-DD', or 'YYYY-MM-DD HH:MM:SS' when it has a time of day (UTC, never time-zone shifted). */
export function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours(), m = d.getUTCMinutes(), s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** True when a parsed JSON value nests deeper than `max` (checked without recursion). */
export function nestsDeeper(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop() as [unknown, number];
    if (x === null || typeof x !== 'object') continue;
    if (d >= max) return true;
    for (const c of Array.isArray(x) ? x : Object.values(x)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}

/** Any decoded value as a RawCell: bigints to numbers when safe, dates to text, structures to JSON text. */
export function toRawCell(v: unknown, file: string): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Date) return dateText(v);
  if (v instanceof Uint8Array) return `0x${Array.from(v.subarray(0, 4096), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (nestsDeeper(v, JSON_MAX_DEPTH)) {
    throw new ImportError('json.depth', `文件 ${file} 中的数据嵌套超过 ${JSON_MAX_DEPTH} 层，已拒绝`, { file });
  }
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? toRawCell(x, file) : x instanceof Uint8Array ? toRawCell(x, file) : x));
}

function wrap(e: unknown, file: string, what: string): ImportError {
  if (e instanceof ImportError) return e;
  const why = e instanceof Error ? e.message : String(e);
  return new ImportError('parquet.corrupt', `Parquet 文件 ${file} ${what}（${why}），文件可能已损坏或使用了不支持的格式`, { file });
}

/**
 * Every column of the file decoded whole, `columns[i][r]` the value of row r (what hyparquet's row transpose reads),
 * or null when the column names repeat or the chunks do not cover rows 0..rowCount-1 exactly once.
 */
async function readColumns(options: ParquetReadOptions & { rowFormat?: 'array' }, names: readonly string[], rowCount: number): Promise<ArrayLike<unknown>[] | null> {
  const index = new Map(names.map((n, i) => [n, i]));
  if (index.size !== names.length) return null;
  const chunks: { i: number; start: number; data: ArrayLike<unknown> }[] = [];
  await parquetRead({ ...options, onChunk: (c) => { chunks.push({ i: index.get(c.columnName) ?? -1, start: c.rowStart, data: c.columnData }); } });
  const covered = new Array<number>(names.length).fill(0);
  for (const c of chunks) {
    if (c.i < 0 || c.start !== covered[c.i]) return null;
    covered[c.i] = c.start + c.data.length;
  }
  if (covered.some((n) => n !== rowCount)) return null;
  return names.map((_, i) => {
    const own = chunks.filter((c) => c.i === i);
    if (own.length === 1) return (own[0] as { data: ArrayLike<unknown> }).data;
    const all = new Array<unknown>(rowCount);
    for (const c of own) for (let r = 0; r < c.data.length; r++) all[c.start + r] = c.data[r];
    return all;
  });
}

/** Reads a Parquet file: header = top-level column names; nested columns become JSON text. */
export async function readParquet(
  file: SourceFile,
  limits: ReadLimits = DEFAULT_LIMITS,
  /** Assemble rows with hyparquet's own transpose, as before the columnar read (tests compare the two ways). */
  viaRows = false,
): Promise<RawSheet> {
  tooLarge(file, limits, 'parquet');
  const b = file.bytes;
  const magic = (at: number): boolean => b[at] === 0x50 && b[at + 1] === 0x41 && b[at + 2] === 0x52 && b[at + 3] === 0x31;
  if (b.length < 12 || !magic(0) || !magic(b.length - 4)) {
    throw new ImportError('parquet.not-parquet', `文件 ${file.name} 不是有效的 Parquet 文件（缺少 PAR1 标记，文件可能已截断）`, { file: file.name });
  }
  const buffer = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  let meta: FileMetaData;
  let names: string[];
  let scales: (number | null)[];
  try {
    meta = parquetMetadata(buffer);
    const cols = parquetSchema(meta).children.map((c) => c.element);
    names = cols.map((c) => c.name);
    // hyparquet scales decimals by multiplying with 10^-scale (115 → 1.1500000000000001): round them back.
    scales = cols.map((c) => (c.converted_type === 'DECIMAL' || c.logical_type?.type === 'DECIMAL' ? Math.min(c.scale ?? 0, 20) : null));
  } catch (e) {
    throw wrap(e, file.name, '的元数据无法读取');
  }
  const rowCount = Number(meta.num_rows);
  checkShape(file.name, 'parquet', rowCount + 1, names.length, limits);
  try {
    checkParquetPages(b, meta, file.name, limits);
  } catch (e) {
    throw wrap(e, file.name, '的数据页无法读取');
  }
  let budget = limits.maxInflatedBytes;
  const take = (n: number): void => {
    budget -= n;
    if (budget < 0) throw new ImportError('parquet.bomb', `Parquet 文件 ${file.name} 解压后超过 ${Math.round(limits.maxInflatedBytes / MB)} MB，已拒绝`, { file: file.name });
  };
  const options = {
    file: buffer, metadata: meta, columns: names,
    compressors: {
      SNAPPY: (input: Uint8Array, n: number) => { take(n); const out = new Uint8Array(n); snappyUncompress(input, out); return out; },
      GZIP: (input: Uint8Array, n: number) => { take(n); return gunzipSync(input, { out: new Uint8Array(n) }); },
    },
    parsers: {
      dateFromDays: (days: number) => dateText(new Date(days * 86_400_000)),
      jsonFromBytes: (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : bytes),
    },
  };
  let columns: ArrayLike<unknown>[] | null;
  try {
    columns = viaRows ? null : await readColumns(options, names, rowCount);
  } catch (e) {
    throw wrap(e, file.name, '的数据无法读取');
  }
  const cell = (v: unknown, i: number): RawCell => {
    if (typeof v === 'string') return v;
    const scale = scales[i];
    return typeof v === 'number' && scale !== null && scale !== undefined && Number.isFinite(v) ? Number(v.toFixed(scale)) : toRawCell(v, file.name);
  };
  if (columns === null) {
    // Duplicate column names, or chunks that do not tile the rows (or asked): hyparquet's own transpose.
    let rows: unknown[][] = [];
    budget = limits.maxInflatedBytes; // a read of its own: a columnar read given up on does not count against it
    try {
      await parquetRead({ ...options, rowFormat: 'array', onComplete: (r) => { rows = r; } });
    } catch (e) {
      throw wrap(e, file.name, '的数据无法读取');
    }
    checkShape(file.name, 'parquet', rows.length + 1, names.length, limits);
    return { file: file.name, sheet: null, rows: [names, ...rows.map((r) => names.map((_, i) => cell(r[i], i)))], merges: [] };
  }
  // Row by row from the decoded columns: the cells hyparquet's transpose would give, without its row arrays.
  const out: RawCell[][] = new Array<RawCell[]>(rowCount + 1);
  out[0] = names;
  const w = names.length;
  for (let r = 0; r < rowCount; r++) {
    const row = new Array<RawCell>(w);
    for (let i = 0; i < w; i++) row[i] = cell((columns[i] as ArrayLike<unknown>)[r], i);
    out[r + 1] = row;
  }
  return { file: file.name, sheet: null, rows: out, merges: [] };
}


const WRAPPERS = ['data', 'rows', 'records'];

function rowsOf(v: unknown, file: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') {
    for (const k of WRAPPERS) {
      if (Object.hasOwn(v, k) && Array.isArray((v as Record<string, unknown>)[k])) return (v as Record<string, unknown>)[k] as unknown[];
    }
  }
  throw new ImportError('json.shape', `文件 ${file} 的内容不是表格：应为对象数组、数组的数组，或 {"data": [...]} / {"rows": [...]}`, { file });
}

/**
 * Reads JSON as a table: an array of flat objects (header = union of keys in first-seen order), an array of arrays
 * (rows as they are), or either one under "data"/"rows"/"records". Nested values become JSON text.
 */
export function readJson(file: SourceFile, limits: ReadLimits = DEFAULT_LIMITS): JsonSheet {
  const { value, warnings } = parseJsonText(file, limits, 'json');
  const items = rowsOf(value, file.name);
  const base = { file: file.name, sheet: null, merges: [], warnings };
  const isObj = (x: unknown): x is object => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (items.length === 0) return { ...base, rows: [] };
  if (items.every(Array.isArray)) {
    const width = items.reduce<number>((w, r) => Math.max(w, (r as unknown[]).length), 0);
    checkShape(file.name, 'json', items.length, width, limits);
    return { ...base, rows: items.map((r) => (r as unknown[]).map((c) => toRawCell(c, file.name))) };
  }
  if (!items.every((x) => isObj(x) || x === null)) {
    const at = items.findIndex((x) => !isObj(x) && x !== null);
    throw new ImportError('json.shape', `文件 ${file.name} 第 ${at + 1} 条记录不是对象：对象数组中不能混有数组或单个值`, { file: file.name, row: at + 1 });
  }
  const index = new Map<string, number>();
  const entries = items.map((x) => (x === null ? [] : Object.entries(x)));
  for (const e of entries) {
    for (const [k] of e) if (!index.has(k)) index.set(k, index.size);
    if (index.size > limits.maxColumns) throw limitError(file.name, 'json', 'columns', index.size, limits.maxColumns);
  }
  checkShape(file.name, 'json', items.length + 1, index.size, limits);
  const rows: RawCell[][] = [[...index.keys()]];
  for (const e of entries) {
    const row = new Array<RawCell>(index.size).fill(null);
    for (const [k, v] of e) row[index.get(k) as number] = toRawCell(v, file.name);
    rows.push(row);
  }
  return { ...base, rows };
}
