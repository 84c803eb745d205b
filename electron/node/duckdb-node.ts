import { createRequire } from 'node:module';
import path from 'node:path';
import { arrowToColumns, arrowToResult, type ArrowTableLike } from '../../shared/db/arrow.js';
import { openStatements, type Connector, type OpenOptions } from '../../shared/db/connector.js';
import { offlineConnector } from '../../shared/db/offline-engine.js';

const require = createRequire(import.meta.url);

interface BlockingConnection {
  query(sql: string): ArrowTableLike;
  close(): void;
}
interface BlockingDb {
  instantiate(): Promise<unknown>;
  open(config: object): void;
  connect(): BlockingConnection;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  dropFile(name: string): void;
  copyFileToBuffer(name: string): Uint8Array;
  reset?(): void;
}
interface BlockingModule {
  createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDb>;
  VoidLogger: new () => object;
  NODE_RUNTIME: object;
}

/**
 * A Connector over duckdb-wasm's Node bindings: the same engine (same wasm build) as the app's worker, so
 * analytics tested in Node behave as in the renderer. Used by tests and the CLI. Offline as the app's: extensions
 * never installed or loaded, the configuration locked (unless `deferLock`), see shared/db/offline-engine.ts.
 */
export async function createNodeConnector(options: OpenOptions = {}): Promise<Connector> {
  const mod = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as BlockingModule;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await mod.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new mod.VoidLogger(),
    mod.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  for (const s of openStatements(options)) conn.query(s);
  let closed = false;
  return offlineConnector({
    async query(sql) {
      if (closed) throw new Error('connector closed');
      return arrowToResult(conn.query(sql));
    },
    async queryColumns(sql) {
      if (closed) throw new Error('connector closed');
      return arrowToColumns(conn.query(sql));
    },
    async registerFile(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async copyFileToBuffer(name) {
      return db.copyFileToBuffer(name);
    },
    async cancel() {
      return false; // a blocking statement has already run to its end by the time anything else runs
    },
    async close() {
      if (closed) return;
      closed = true;
      conn.close();
    },
  });
}
