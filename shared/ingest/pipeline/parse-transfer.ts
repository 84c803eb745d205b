/**
 * ParsedInputs across threads: the parse worker posts one file's result as plain data (errors have no class on the
 * other side) with its byte buffers transferred, not copied; the app merges the per-file results into one.
 */
import { ImportError } from '../../contract/errors.js';
import { mergeLrmxBatches, type LrmxBatch } from '../readers/lrmx/lrmx.js';
import type { ParsedInputs } from './pipeline-parse.js';

/** An LrmxFailure with its error as data. */
interface WireFormFailure {
  readonly file: string;
  readonly container: string | null;
  readonly error: { readonly code: string; readonly message: string; readonly location: ImportError['location'] };
}

/** ParsedInputs as posted by the worker: structured-clone-able with nothing lost. */
export interface WireParsed extends Omit<ParsedInputs, 'forms'> {
  readonly forms: (Omit<LrmxBatch, 'failures'> & { readonly failures: readonly WireFormFailure[] }) | null;
}

/** The bytes as a view of a buffer of their own (a view into a larger buffer would transfer, or copy, all of it). */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** The wire form of a parse result and the buffers to transfer with it (each listed once). */
export function toWire(parsed: ParsedInputs): { wire: WireParsed; transfer: ArrayBuffer[] } {
  const buffers = new Set<ArrayBuffer>();
  const keep = (b: Uint8Array): Uint8Array => {
    const o = own(b);
    buffers.add(o.buffer as ArrayBuffer);
    return o;
  };
  const sheets = parsed.sheets.map((s) =>
    s.kind === 'csv'
      ? { ...s, csv: { ...s.csv, bytes: keep(s.csv.bytes) }, source: { name: s.source.name, bytes: keep(s.source.bytes) } }
      : { ...s, grid: { ...s.grid, chunks: s.grid.chunks.map((c) => ({ ...c, bytes: keep(c.bytes) })) } },
  );
  const forms = parsed.forms && {
    ...parsed.forms,
    failures: parsed.forms.failures.map((f) => ({ file: f.file, container: f.container, error: { code: f.error.code, message: f.error.message, location: { ...f.error.location } } })),
  };
  return { wire: { ...parsed, sheets, forms }, transfer: [...buffers] };
}

/** A parse result received from the worker, with its errors typed again. */
export function fromWire(wire: WireParsed): ParsedInputs {
  const forms = wire.forms && {
    ...wire.forms,
    failures: wire.forms.failures.map((f) => ({ file: f.file, container: f.container, error: new ImportError(f.error.code, f.error.message, f.error.location) })),
  };
  return { ...wire, forms };
}

/** A result holding only a failure (a file whose parse timed out or crashed). */
export function failedParse(file: string, code: string, message: string): ParsedInputs {
  return { sheets: [], forms: null, maps: [], failures: [{ file, code, message }], emptySheets: [] };
}

/** Per-file parse results as one, in order; cadre forms from different files are checked for repeats together. */
export function mergeParsed(parts: readonly ParsedInputs[]): ParsedInputs {
  const batches = parts.flatMap((p) => (p.forms ? [p.forms] : []));
  return {
    sheets: parts.flatMap((p) => p.sheets),
    forms: batches.length ? mergeLrmxBatches(batches) : null,
    maps: parts.flatMap((p) => p.maps),
    failures: parts.flatMap((p) => p.failures),
    emptySheets: parts.flatMap((p) => p.emptySheets),
  };
}
