import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToColumns, arrowToResult, type ArrowTableLike } from '../../shared/db/arrow.js';
import { OPEN_STATEMENTS, type Connector } from '../../shared/db/connector.js';

/**
 * The app's Connector: duckdb-wasm (exception-handling build) in a Web Worker. The wasm and worker files are
 * bundled by Vite and served by the app itself (app:// in Electron, 127.0.0.1 in a browser): no CDN.
 */
export async function createBrowserConnector(): Promise<Connector> {
  const worker = new Worker(ehWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasm);
  await db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  for (const s of OPEN_STATEMENTS) await conn.query(s);
  let closed = false;
  return {
    async query(sql) {
      if (closed) throw new Error('connector closed');
      return arrowToResult((await conn.query(sql)) as unknown as ArrowTableLike);
    },
    async queryColumns(sql) {
      if (closed) throw new Error('connector closed');
      return arrowToColumns((await conn.query(sql)) as unknown as ArrowTableLike);
    },
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
  };
}
