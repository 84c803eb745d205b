/**
 * The CPU-heavy first half of reading an import, with no Connector: every file (or zip entry) is recognised and
 * parsed into plain data and byte buffers that staging only has to hand to DuckDB. The app runs this in a Web
 * Worker (one file per run, so a hang or a crash loses one file); the CLI and tests run it in-process.
 */
import { HengjianError, ImportError, errorMessage } from '../../contract/errors.js';
import { readGeoJson, type GeoJsonResult } from '../readers/columnar/columnar-geo.js';
import { readJson, readParquet } from '../readers/columnar/columnar.js';
import type { TextEncodingName } from '../readers/encoding.js';
import { readLrmxBatch, type LrmxBatch } from '../readers/lrmx/lrmx.js';
import { sniffFormat, type SniffedFormat } from '../readers/sniff.js';
import { prepareCsv, type PreparedCsv } from '../stage/stage-csv.js';
import { prepareGrid, type PreparedGrid } from '../stage/stage-rows.js';
import { DEFAULT_LIMITS, type RawSheet, type ReadLimits, type SourceFile } from '../types.js';
import { listZip, unzip } from '../readers/zip/zip.js';
import { readXls } from '../readers/xls/xls.js';
import { prepareXlsx } from '../stage/stage-xlsx.js';

/** Sheets one file may bring (a web page of 100,000 one-cell tables reads in 1.5 s but would stage for minutes). */
export const MAX_SHEETS_PER_FILE = 256;

export interface FileFailure {
  readonly file: string;
  readonly code: string;
  readonly message: string;
}

export interface ReadProgress {
  readonly file: string;
  readonly done: number;
  readonly total: number;
  /** The worksheet being prepared, when a workbook has several. */
  readonly sheet?: string;
  /** 'read': parsing files; 'stage': loading them into DuckDB. */
  readonly phase?: 'read' | 'stage';
}

/** What cancels an import: an AbortSignal in the app, anything with `aborted` elsewhere. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** The error every cancelled import ends with. */
export function cancelledError(): HengjianError {
  return new HengjianError('import.cancelled', '已取消导入，工作区未作任何改动。');
}

/** Throw the cancellation error when the user pressed cancel. */
export function checkCancelled(signal?: CancelSignal): void {
  if (signal?.aborted) throw cancelledError();
}

/** A file that could not be read, as shown to the user. */
export function failure(file: string, e: unknown): FileFailure {
  if (e instanceof HengjianError) return { file, code: e.code, message: e.message };
  if (e instanceof RangeError && /alloc|memory/i.test(e.message)) {
    return { file, code: 'import.out-of-memory', message: `文件 ${file} 过大，读取时内存不足，已停止读取。` };
  }
  return { file, code: 'import.unreadable', message: `文件 ${file} 无法读取：${errorMessage(e)}` };
}

/** One table-shaped input, parsed: a CSV/TSV transcoded, or a worksheet/Parquet/JSON grid encoded for staging. */
export type ParsedSheet =
  | { readonly kind: 'csv'; readonly format: SniffedFormat; readonly csv: PreparedCsv; readonly source: SourceFile }
  | { readonly kind: 'grid'; readonly format: SniffedFormat; readonly grid: PreparedGrid; readonly hidden: boolean };

export interface ParsedInputs {
  readonly sheets: readonly ParsedSheet[];
  readonly forms: LrmxBatch | null;
  readonly maps: readonly { readonly file: string; readonly result: GeoJsonResult }[];
  readonly failures: readonly FileFailure[];
  /** Empty worksheets, skipped with a note. */
  readonly emptySheets: readonly string[];
}

export interface ParseOptions {
  readonly limits?: ReadLimits;
  readonly signal?: CancelSignal;
  readonly onProgress?: (p: ReadProgress) => void;
  /** Decode every CSV/TSV as this (the user corrected a wrong guess) instead of detecting. */
  readonly encoding?: TextEncodingName;
}

const FORM_FORMATS: readonly SniffedFormat[] = ['lrmx', 'lrm'];

/** A zip of many files: cadre forms stay together (one batch), other entries are read one by one. */
function expandZip(file: SourceFile, limits: ReadLimits): { forms: SourceFile | null; others: SourceFile[] } {
  const names = listZip(file.bytes, file.name, limits).map((e) => e.name).filter((n) => !n.endsWith('/'));
  const isForm = (n: string) => /\.lrmx?$/i.test(n);
  if (names.length > 0 && names.every((n) => isForm(n) || n.startsWith('__MACOSX/'))) return { forms: file, others: [] };
  const entries = unzip(file.bytes, file.name, limits, (n) => !n.endsWith('/') && !n.startsWith('__MACOSX/'));
  return { forms: null, others: entries.map((e) => ({ name: `${file.name}/${e.name}`, bytes: e.bytes })) };
}

/** Parse every input: nothing here touches DuckDB. A file that cannot be read becomes a failure. */
export async function parseInputs(files: readonly SourceFile[], opts: ParseOptions = {}): Promise<ParsedInputs> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const sheets: ParsedSheet[] = [];
  const maps: { file: string; result: GeoJsonResult }[] = [];
  const failures: FileFailure[] = [];
  const emptySheets: string[] = [];
  const forms: SourceFile[] = [];
  const queue = [...files];
  const checkCount = (file: string, count: number) => {
    if (count > MAX_SHEETS_PER_FILE) {
      throw new ImportError('import.sheets', `文件 ${file} 有 ${count} 个工作表（或网页表格），超过 ${MAX_SHEETS_PER_FILE} 个，已拒绝；请只保留要导入的表后再导入`, { file });
    }
  };
  const grids = (format: SniffedFormat, list: readonly RawSheet[], progress: (sheet: string) => void) => {
    checkCount(list[0]?.file ?? '', list.length);
    for (const sheet of list) {
      if (sheet.rows.length === 0) {
        emptySheets.push(`${sheet.file}${sheet.sheet ? ` / ${sheet.sheet}` : ''}`);
        continue;
      }
      if (sheet.sheet !== null && list.length > 1) progress(sheet.sheet);
      sheets.push({ kind: 'grid', format, grid: prepareGrid(sheet), hidden: sheet.hidden === true });
    }
  };
  for (let i = 0; i < queue.length; i++) {
    checkCancelled(opts.signal);
    const file = queue[i] as SourceFile;
    const progress = { file: file.name, done: i, total: queue.length, phase: 'read' as const };
    opts.onProgress?.(progress);
    const onSheet = (sheet: string) => opts.onProgress?.({ ...progress, sheet });
    try {
      const format = sniffFormat(file);
      if (FORM_FORMATS.includes(format)) forms.push(file);
      else if (format === 'zip') {
        const z = expandZip(file, limits);
        if (z.forms) forms.push(z.forms);
        queue.push(...z.others);
      } else if (format === 'csv' || format === 'tsv') sheets.push({ kind: 'csv', format, csv: prepareCsv(file, limits, opts.encoding), source: file });
      else if (format === 'xlsx') {
        // worksheets go straight to staging chunks (stage-xlsx.ts), with no RawCell per cell
        for (const s of await prepareXlsx(file, limits, { onSheets: (n) => checkCount(file.name, n), progress: onSheet })) {
          if (s.grid.rowCount === 0) emptySheets.push(`${file.name}${s.sheet ? ` / ${s.sheet}` : ''}`);
          else sheets.push({ kind: 'grid', format, grid: s.grid, hidden: s.hidden });
        }
      }
      else if (format === 'xls') grids(format, readXls(file, limits), onSheet);
      else if (format === 'parquet') grids(format, [await readParquet(file, limits)], onSheet);
      else if (format === 'json') grids(format, [readJson(file, limits)], onSheet);
      else if (format === 'geojson') maps.push({ file: file.name, result: readGeoJson(file, limits) });
      else throw new ImportError('import.format', `无法识别文件 ${file.name} 的格式：支持 CSV/TSV、Excel（.xlsx/.xls）、Parquet、JSON、GeoJSON、任免审批表（.lrmx）及其 zip 压缩包。`, { file: file.name });
    } catch (e) {
      if (e instanceof HengjianError && e.code === 'import.cancelled') throw e;
      failures.push(failure(file.name, e));
    }
  }
  let batch: LrmxBatch | null = null;
  if (forms.length) {
    batch = readLrmxBatch(forms, limits);
    failures.push(...batch.failures.map((f) => failure(f.container ? `${f.container}/${f.file}` : f.file, f.error)));
  }
  opts.onProgress?.({ file: '', done: queue.length, total: queue.length, phase: 'read' });
  return { sheets, forms: batch, maps, failures, emptySheets };
}
