/**
 * First half of an import: every file the user gave (or every entry of a zip) is recognised and read into
 * staging, without touching the canonical tables. Parsing (pipeline-parse.ts) needs no Connector and runs in a
 * worker in the app; staging here only hands the parsed bytes to DuckDB. A file that cannot be read is a failure.
 */
import { HengjianError } from '../../contract/errors.js';
import type { Connector } from '../../db/connector.js';
import { dropTables } from '../apply/commit.js';
import type { GeoJsonResult } from '../readers/columnar/columnar-geo.js';
import type { LrmxBatch } from '../readers/lrmx/lrmx.js';
import { checkCancelled, failure, parseInputs, type CancelSignal, type FileFailure, type ParsedInputs, type ParseOptions, type ReadProgress } from './pipeline-parse.js';
import type { SniffedFormat } from '../readers/sniff.js';
import { loadCsv } from '../stage/stage-csv.js';
import { loadGrid } from '../stage/stage-rows.js';
import type { SourceFile, StagedSheet } from '../types.js';

export { checkCancelled, type CancelSignal, type FileFailure, type ReadProgress } from './pipeline-parse.js';

export interface StagedInput {
  readonly format: SniffedFormat;
  readonly staged: StagedSheet;
  /** A hidden worksheet: staged but left out of the import unless the user puts it back. */
  readonly hidden: boolean;
  /** The file of a CSV/TSV, kept so it can be staged again with another encoding. */
  readonly source?: SourceFile;
}

export interface ReadInputs {
  readonly sheets: StagedInput[];
  readonly forms: LrmxBatch | null;
  readonly maps: readonly { readonly file: string; readonly result: GeoJsonResult }[];
  readonly failures: FileFailure[];
  /** Empty worksheets, skipped with a note. */
  readonly emptySheets: string[];
}

export interface StageOptions {
  readonly signal?: CancelSignal;
  readonly onProgress?: (p: ReadProgress) => void;
}

/**
 * Stage parsed inputs into tables named `${prefix}_<n>` (DuckDB work only). The parsed byte buffers are handed to
 * the engine and may be detached afterwards. On cancellation the tables staged so far are dropped.
 */
export async function stageParsed(db: Connector, parsed: ParsedInputs, prefix: string, opts: StageOptions = {}): Promise<ReadInputs> {
  const out: ReadInputs = { sheets: [], forms: parsed.forms, maps: parsed.maps, failures: [...parsed.failures], emptySheets: [...parsed.emptySheets] };
  try {
    for (const [n, p] of parsed.sheets.entries()) {
      checkCancelled(opts.signal);
      const file = p.kind === 'csv' ? p.csv.file : p.grid.file;
      opts.onProgress?.({ file, done: n, total: parsed.sheets.length, phase: 'stage', ...(p.kind === 'grid' && p.grid.sheet ? { sheet: p.grid.sheet } : {}) });
      try {
        if (p.kind === 'csv') out.sheets.push({ format: p.format, staged: await loadCsv(db, p.csv, `${prefix}_${n}`), hidden: false, source: p.source });
        else out.sheets.push({ format: p.format, staged: await loadGrid(db, p.grid, `${prefix}_${n}`), hidden: p.hidden });
      } catch (e) {
        if (e instanceof HengjianError && e.code === 'import.cancelled') throw e;
        out.failures.push(failure(file, e));
      }
    }
  } catch (e) {
    await dropTables(db, out.sheets.map((s) => s.staged.table));
    throw e;
  }
  return out;
}

/** Read every input into staging tables named `${prefix}_<n>`: parse in-process, then stage (CLI, tests). */
export async function readInputs(db: Connector, files: readonly SourceFile[], prefix: string, opts: ParseOptions = {}): Promise<ReadInputs> {
  return stageParsed(db, await parseInputs(files, opts), prefix, opts);
}
