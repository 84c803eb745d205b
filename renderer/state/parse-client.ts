/**
 * Parsing off the UI thread: each file is posted to the parse worker on its own, so the page stays responsive,
 * cancel terminates the worker at once, and a file that runs past the time limit or crashes the worker (out of
 * memory) becomes a failure naming it while the other files still import. Never rejects except on cancel.
 */
import type { TextEncodingName } from '../../shared/ingest/readers/encoding.js';
import { cancelledError, type ParsedInputs, type ReadProgress } from '../../shared/ingest/pipeline/pipeline-parse.js';
import { failedParse, fromWire, mergeParsed } from '../../shared/ingest/pipeline/parse-transfer.js';
import type { ReadLimits } from '../../shared/ingest/types.js';
import type { ParseReply, ParseRequest } from '../workers/parse-protocol.js';

/** Longest wall time one file may take to parse (worker start and reading the file included)… */
export const PARSE_TIMEOUT_MS = 30_000;
/** …plus this much per MiB, so a large genuine workbook on a slow machine is not cut off (1M-row XLSX: ~30 MiB, ~15 s here). */
export const PARSE_MS_PER_MIB = 1_000;

/** A file to parse: a picked File, or bytes already in memory (copied to the worker, never detached). */
export interface ParseInput {
  readonly name: string;
  readonly data: Blob | Uint8Array;
}

export interface ParseRunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ReadProgress) => void;
  readonly encoding?: TextEncodingName;
  readonly limits?: ReadLimits;
}

/** What the client needs of a worker; tests give a fake. */
export interface ParseWorker {
  post(req: ParseRequest): void;
  terminate(): void;
}

/** Start a worker that reports its replies, and its death (uncaught error, out of memory), to `events`. */
export type ParseWorkerFactory = (events: { message(reply: ParseReply): void; crash(detail: string): void }) => ParseWorker;

const browserWorker: ParseWorkerFactory = (events) => {
  const w = new Worker(new URL('../workers/parse-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<ParseReply>) => events.message(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    events.crash(e.message || 'error');
  };
  w.onmessageerror = () => events.crash('messageerror');
  return { post: (req) => w.postMessage(req), terminate: () => w.terminate() };
};

export function timeoutMessage(file: string, ms: number): string {
  return `文件 ${file} 读取超时（超过 ${Math.round(ms / 1000)} 秒），已停止读取；工作区未改动`;
}

export function crashMessage(file: string): string {
  return `文件 ${file} 读取时后台读取线程意外退出（文件可能过大或已损坏，内存不足），已停止读取；工作区未改动`;
}

type Event = ParseReply | { readonly type: 'crash'; readonly detail: string };

/** A parser over `createWorker` (the app's parse worker by default) with a per-file time limit (30 s + 1 s per MiB). */
export function createParseClient(opts: { createWorker?: ParseWorkerFactory; timeoutMs?: number; msPerMiB?: number } = {}) {
  const make = opts.createWorker ?? browserWorker;
  const limitFor = (input: ParseInput) => {
    const size = input.data instanceof Uint8Array ? input.data.byteLength : input.data.size;
    return (opts.timeoutMs ?? PARSE_TIMEOUT_MS) + Math.round(((opts.msPerMiB ?? PARSE_MS_PER_MIB) * size) / 1_048_576);
  };

  /** Parse every input, one worker run per file; the worker is ended when done, on cancel, timeout or crash. */
  async function parse(inputs: readonly ParseInput[], o: ParseRunOptions = {}): Promise<ParsedInputs> {
    let worker: ParseWorker | null = null;
    let listener: ((e: Event) => void) | null = null;
    const kill = () => {
      worker?.terminate();
      worker = null;
    };
    const runOne = (input: ParseInput, id: number): Promise<ParsedInputs> =>
      new Promise((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer);
          o.signal?.removeEventListener('abort', onAbort);
          listener = null;
        };
        const finish = (p: ParsedInputs) => {
          cleanup();
          resolve(p);
        };
        const lost = (code: string, message: string) => {
          kill();
          finish(failedParse(input.name, code, message));
        };
        const onAbort = () => {
          kill();
          cleanup();
          reject(cancelledError());
        };
        const ms = limitFor(input);
        const timer = setTimeout(() => lost('import.timeout', timeoutMessage(input.name, ms)), ms);
        o.signal?.addEventListener('abort', onAbort);
        listener = (e) => {
          if (e.type === 'crash') return lost('import.worker-crashed', crashMessage(input.name));
          if (e.id !== id) return;
          if (e.type === 'progress') o.onProgress?.({ ...e.progress, file: e.progress.file || input.name, done: id, total: inputs.length });
          else if (e.type === 'done') finish(fromWire(e.parsed));
          else finish(failedParse(input.name, e.code, e.message));
        };
        try {
          worker ??= make({ message: (r) => listener?.(r), crash: (detail) => listener?.({ type: 'crash', detail }) });
          const req: ParseRequest = { id, name: input.name, data: input.data, ...(o.limits ? { limits: o.limits } : {}), ...(o.encoding ? { encoding: o.encoding } : {}) };
          worker.post(req);
        } catch {
          lost('import.worker-crashed', crashMessage(input.name));
        }
      });
    const parts: ParsedInputs[] = [];
    try {
      for (const [i, input] of inputs.entries()) {
        if (o.signal?.aborted) throw cancelledError();
        parts.push(await runOne(input, i));
      }
    } finally {
      kill();
    }
    o.onProgress?.({ file: '', done: inputs.length, total: inputs.length, phase: 'read' });
    return mergeParsed(parts);
  }

  return { parse };
}
