/**
 * The parse worker: runs the CPU-heavy readers (CSV scan and transcoding, XLSX/XLS, Parquet, JSON, GeoJSON,
 * .lrmx, zip) off the UI thread. The app posts one file at a time and may terminate the worker at any moment
 * (cancel, timeout); nothing here touches the workspace.
 */
import { failure, parseInputs } from '../../shared/ingest/pipeline/pipeline-parse.js';
import { toWire } from '../../shared/ingest/pipeline/parse-transfer.js';
import type { ParseReply, ParseRequest } from './parse-protocol.js';

function post(reply: ParseReply, transfer: Transferable[] = []): void {
  self.postMessage(reply, { transfer });
}

async function run(req: ParseRequest): Promise<void> {
  try {
    const bytes = req.data instanceof Uint8Array ? req.data : new Uint8Array(await req.data.arrayBuffer());
    const parsed = await parseInputs([{ name: req.name, bytes }], {
      ...(req.limits ? { limits: req.limits } : {}),
      ...(req.encoding ? { encoding: req.encoding } : {}),
      onProgress: (progress) => post({ type: 'progress', id: req.id, progress }),
    });
    const { wire, transfer } = toWire(parsed);
    post({ type: 'done', id: req.id, parsed: wire }, transfer);
  } catch (e) {
    const f = failure(req.name, e);
    post({ type: 'failed', id: req.id, code: f.code, message: f.message });
  }
}

self.onmessage = (e: MessageEvent<ParseRequest>) => void run(e.data);
