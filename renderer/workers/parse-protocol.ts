/** Messages between the app and the parse worker: one request per file, progress while it runs, then its result. */
import type { TextEncodingName } from '../../shared/ingest/readers/encoding.js';
import type { ReadProgress } from '../../shared/ingest/pipeline/pipeline-parse.js';
import type { WireParsed } from '../../shared/ingest/pipeline/parse-transfer.js';
import type { ReadLimits } from '../../shared/ingest/types.js';

/** Parse one file: a picked File (read in the worker) or bytes (copied, e.g. a CSV to decode again). */
export interface ParseRequest {
  readonly id: number;
  readonly name: string;
  readonly data: Blob | Uint8Array;
  readonly limits?: ReadLimits;
  readonly encoding?: TextEncodingName;
}

export type ParseReply =
  | { readonly type: 'progress'; readonly id: number; readonly progress: ReadProgress }
  | { readonly type: 'done'; readonly id: number; readonly parsed: WireParsed }
  /** The parse threw outside the per-file handling (e.g. the file could not be read from disk). */
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string };
