import * as duckdb from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToColumns, arrowToResult, type ArrowTableLike } from '../../shared/db/arrow.js';
import { openStatements, type Connector, type OpenOptions } from '../../shared/db/connector.js';
import { offlineConnector } from '../../shared/db/offline-engine.js';
import { queryGate, type GateEvents } from '../../shared/db/query-gate.js';

/**
 * The app's Connector: duckdb-wasm (exception-handling build) in a Web Worker. The wasm and worker files are
 * bundled by Vite and served by the app itself (app:// in Electron, 127.0.0.1 in a browser): no CDN. Extensions
 * are never installed or loaded and the configuration is locked (unless `deferLock`): shared/db/offline-engine.ts.
 * Statements go through a gate (shared/db/query-gate.ts): those asked for as cancellable, or with a signal, are sent so
 * that cancel() or the signal stops them, and a crashed engine is reported (`events`) instead of hanging or failing with wasm's words.
 */
export async function createBrowserConnector(options: OpenOptions = {}, events: GateEvents = {}): Promise<Connector> {
  const worker = new Worker(ehWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasm);
  performance.mark('hengjian:engine:instantiated');
  await db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  performance.mark('hengjian:engine:opened');
  for (const s of openStatements(options)) await conn.query(s);
  let closed = false;
  const gate = queryGate<ArrowTableLike>(
    {
      async send(sql) {
        // The whole result, materialised by the engine (no streaming), read batch by batch.
        const reader = await conn.send(sql);
        const batches = await reader.readAll();
        return (batches.length > 0 ? new Table(batches) : new Table(reader.schema)) as unknown as ArrowTableLike;
      },
      query: async (sql) => (await conn.query(sql)) as unknown as ArrowTableLike,
      cancelSent: () => conn.cancelSent(),
    },
    events,
  );
  worker.addEventListener('error', (e) => gate.fail(new Error(`RuntimeError: the DuckDB worker failed: ${e.message}`)));
  return offlineConnector({
    async query(sql, o) {
      if (closed) throw new Error('connector closed');
      return arrowToResult(await gate.run(sql, o));
    },
    async queryColumns(sql, o) {
      if (closed) throw new Error('connector closed');
      return arrowToColumns(await gate.run(sql, o));
    },
    cancel: () => gate.cancel(),
    async registerFile(name, bytes) {
      // duckdb-wasm transfers bytes.buffer to the worker; a view into a larger buffer (e.g. one zip entry) would
      // detach its neighbours too, so hand over a buffer of its own.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      await db.registerFileBuffer(name, own);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async copyFileToBuffer(name) {
      return db.copyFileToBuffer(name);
    },
    async close() {
      if (closed) return;
      closed = true;
      await conn.close();
      await db.terminate();
    },
  });
}
