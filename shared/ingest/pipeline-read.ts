/**
 * First half of an import: every file the user gave (or every entry of a zip) is recognised and read into
 * staging, without touching the canonical tables. Spreadsheets become staged sheets, cadre forms become
 * canonical rows, GeoJSON becomes map features; a file that cannot be read is a failure with a Chinese reason.
 */
import { HengjianError, ImportError, errorMessage } from '../contract/errors.js';
import type { Connector } from '../db/connector.js';
import { readGeoJson, type GeoJsonResult } from './columnar-geo.js';
import { readJson, readParquet } from './columnar.js';
import { readLrmxBatch, type LrmxBatch } from './lrmx.js';
import { sniffFormat, type SniffedFormat } from './sniff.js';
import { stageCsv } from './stage-csv.js';
import { stageRawSheet } from './stage-rows.js';
import { DEFAULT_LIMITS, type RawSheet, type ReadLimits, type SourceFile, type StagedSheet } from './types.js';
import { listZip, unzip } from './zip.js';
import { readXls } from './xls.js';
import { readXlsx } from './xlsx.js';

export interface StagedInput {
  readonly format: SniffedFormat;
  readonly staged: StagedSheet;
  /** A hidden worksheet: staged but left out of the import unless the user puts it back. */
  readonly hidden: boolean;
  /** The file of a CSV/TSV, kept so it can be staged again with another encoding. */
  readonly source?: SourceFile;
}

export interface FileFailure {
  readonly file: string;
  readonly code: string;
  readonly message: string;
}

export interface ReadInputs {
  readonly sheets: StagedInput[];
  readonly forms: LrmxBatch | null;
  readonly maps: { readonly file: string; readonly result: GeoJsonResult }[];
  readonly failures: FileFailure[];
  /** Empty worksheets, skipped with a note. */
  readonly emptySheets: string[];
}

export interface ReadProgress {
  readonly file: string;
  readonly done: number;
  readonly total: number;
}

const FORM_FORMATS: readonly SniffedFormat[] = ['lrmx', 'lrm'];

/** What cancels an import: an AbortSignal in the app, anything with `aborted` elsewhere. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Throw the cancellation error when the user pressed cancel. */
export function checkCancelled(signal?: CancelSignal): void {
  if (signal?.aborted) throw new HengjianError('import.cancelled', '已取消导入，工作区未作任何改动。');
}

function failure(file: string, e: unknown): FileFailure {
  if (e instanceof HengjianError) return { file, code: e.code, message: e.message };
  return { file, code: 'import.unreadable', message: `文件 ${file} 无法读取：${errorMessage(e)}` };
}

/** A zip of many files: cadre forms stay together (one batch), other entries are read one by one. */
function expandZip(file: SourceFile, limits: ReadLimits): { forms: SourceFile | null; others: SourceFile[] } {
  const names = listZip(file.bytes, file.name, limits).map((e) => e.name).filter((n) => !n.endsWith('/'));
  const isForm = (n: string) => /\.lrmx?$/i.test(n);
  if (names.length > 0 && names.every((n) => isForm(n) || n.startsWith('__MACOSX/'))) return { forms: file, others: [] };
  const entries = unzip(file.bytes, file.name, limits, (n) => !n.endsWith('/') && !n.startsWith('__MACOSX/'));
  return { forms: null, others: entries.map((e) => ({ name: `${file.name}/${e.name}`, bytes: e.bytes })) };
}

/** Read every input into staging tables named `${prefix}_<n>`. */
export async function readInputs(
  db: Connector,
  files: readonly SourceFile[],
  prefix: string,
  opts: { limits?: ReadLimits; signal?: CancelSignal; onProgress?: (p: ReadProgress) => void } = {},
): Promise<ReadInputs> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const out: ReadInputs = { sheets: [], forms: null, maps: [], failures: [], emptySheets: [] };
  const forms: SourceFile[] = [];
  const queue = [...files];
  let n = 0;
  const stageSheets = async (format: SniffedFormat, sheets: readonly (RawSheet & { hidden?: boolean })[]) => {
    for (const sheet of sheets) {
      if (sheet.rows.length === 0) {
        out.emptySheets.push(`${sheet.file}${sheet.sheet ? ` / ${sheet.sheet}` : ''}`);
        continue;
      }
      out.sheets.push({ format, staged: await stageRawSheet(db, sheet, `${prefix}_${n++}`), hidden: sheet.hidden === true });
    }
  };
  for (let i = 0; i < queue.length; i++) {
    checkCancelled(opts.signal);
    const file = queue[i] as SourceFile;
    opts.onProgress?.({ file: file.name, done: i, total: queue.length });
    try {
      const format = sniffFormat(file);
      if (FORM_FORMATS.includes(format)) forms.push(file);
      else if (format === 'zip') {
        const z = expandZip(file, limits);
        if (z.forms) forms.push(z.forms);
        queue.push(...z.others);
      } else if (format === 'csv' || format === 'tsv') out.sheets.push({ format, staged: await stageCsv(db, file, `${prefix}_${n++}`, limits), hidden: false, source: file });
      else if (format === 'xlsx') await stageSheets(format, readXlsx(file, limits));
      else if (format === 'xls') await stageSheets(format, readXls(file, limits));
      else if (format === 'parquet') await stageSheets(format, [await readParquet(file, limits)]);
      else if (format === 'json') await stageSheets(format, [readJson(file, limits)]);
      else if (format === 'geojson') out.maps.push({ file: file.name, result: readGeoJson(file, limits) });
      else throw new ImportError('import.format', `无法识别文件 ${file.name} 的格式：支持 CSV/TSV、Excel（.xlsx/.xls）、Parquet、JSON、GeoJSON、任免审批表（.lrmx）及其 zip 压缩包。`, { file: file.name });
    } catch (e) {
      if (e instanceof HengjianError && e.code === 'import.cancelled') throw e;
      out.failures.push(failure(file.name, e));
    }
  }
  if (forms.length) {
    const batch = readLrmxBatch(forms, limits);
    out.failures.push(...batch.failures.map((f) => failure(f.container ? `${f.container}/${f.file}` : f.file, f.error)));
    (out as { forms: LrmxBatch | null }).forms = batch;
  }
  opts.onProgress?.({ file: '', done: queue.length, total: queue.length });
  return out;
}
