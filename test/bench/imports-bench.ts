/**
 * The imports part of `npm run bench`: the full import (prepareImport + validateImport, validation included, as the
 * import dialog runs it) of the same generated rows as UTF-8 CSV, GBK CSV, XLSX and Parquet, on duckdb-wasm (the
 * app's engine), against the same engine's read_csv of the same UTF-8 rows (duckdb-wasm here has no parquet
 * extension: the app reads Parquet in JS) and against native DuckDB (@duckdb/node-api) reading the same rows (read_csv of the UTF-8 file for the
 * three text/sheet formats — native DuckDB reads neither GBK nor XLSX without extensions this machine does not
 * install; read_parquet for Parquet). The Parquet file is written by native DuckDB (`COPY … TO 'x.parquet'`).
 * Medians and p95 of `runs` timed runs after one warm-up.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import iconv from 'iconv-lite';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Connector } from '../../shared/db/connector.js';
import { discardImport, prepareImport, validateImport } from '../../shared/ingest/pipeline/pipeline.js';
import { benchCsv, benchXlsx, useRegions } from './import-data.js';
import { median, p95, round } from './stats.js';

/** The targets: full import ≤ k × the same engine's read_csv of the UTF-8 rows (GBK: ≤ 1.2 × the UTF-8 import). */
export const IMPORT_TARGETS = { csvUtf8: 2, csvGbkOverUtf8: 1.2, xlsx: 4, parquet: 1.5 } as const;

interface Timing {
  readonly medianMs: number;
  readonly p95Ms: number;
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { medianMs: median(t), p95Ms: p95(t) };
}

export async function importsBench(db: Connector, o: { rows: number; runs: number; log: (s: string) => void }): Promise<Record<string, unknown>> {
  const { rows, runs, log } = o;
  log(`imports: generating ${rows} rows…`);
  const counties = await db.query("SELECT region_code, name FROM regions WHERE level = 'county' ORDER BY region_code");
  useRegions(counties.rows.map((r) => ({ code: String(r.region_code), name: String(r.name) })));
  const text = benchCsv(rows);
  const utf8 = new TextEncoder().encode(text);
  const gbk = new Uint8Array(iconv.encode(text, 'gb18030'));
  const xlsx = benchXlsx(rows);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'hj-bench-import-'));
  const inst = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: String(os.availableParallelism()) });
  const native = await inst.connect();
  try {
    const csvPath = path.join(dir, 'bench.csv').replace(/\\/g, '/');
    const pqPath = path.join(dir, 'bench.parquet').replace(/\\/g, '/');
    writeFileSync(csvPath, utf8);
    // The Parquet of the same rows, typed as read_csv detects them, written by native DuckDB.
    await native.run(`COPY (SELECT * FROM read_csv('${csvPath}')) TO '${pqPath}' (FORMAT parquet)`);
    const parquet = new Uint8Array(readFileSync(pqPath));
    await db.registerFile('bench_utf8.csv', utf8);

    log('imports: raw reads (duckdb-wasm and native)');
    const wasmCsv = await timed(runs, () => db.query("CREATE OR REPLACE TABLE bench_b AS SELECT * FROM read_csv('bench_utf8.csv')"));
    await db.query('DROP TABLE IF EXISTS bench_b');
    const nativeCsv = await timed(runs, () => native.run(`CREATE OR REPLACE TABLE b AS SELECT * FROM read_csv('${csvPath}')`));
    const nativePq = await timed(runs, () => native.run(`CREATE OR REPLACE TABLE b AS SELECT * FROM read_parquet('${pqPath}')`));

    const full = async (name: string, bytes: Uint8Array) => {
      const s = await prepareImport(db, [{ name, bytes }], { period: '2025Q4' });
      const v = await validateImport(db, s);
      const imported = v.applied[0]?.applied.report.rowsImported ?? 0;
      await discardImport(db, v);
      if (imported !== rows) throw new Error(`${name}: ${imported} of ${rows} rows imported`);
    };
    const out: Record<string, unknown> = {};
    const cases = [
      ['csvUtf8', 'bench.csv', utf8, nativeCsv, 'read_csv of the UTF-8 file'],
      ['csvGbk', 'bench.csv', gbk, nativeCsv, 'read_csv of the UTF-8 file (it reads no GBK without the encodings extension)'],
      ['xlsx', 'bench.xlsx', xlsx, nativeCsv, 'read_csv of the same rows as UTF-8 (it reads no XLSX without the excel extension)'],
      ['parquet', 'bench.parquet', parquet, nativePq, 'read_parquet of the file'],
    ] as const;
    for (const [key, name, bytes, nat, nativeWhat] of cases) {
      log(`imports: full import of the ${key} (1 warm-up + ${runs} runs)`);
      const t = await timed(runs, () => full(name, bytes));
      out[key] = {
        bytes: bytes.length,
        medianMs: t.medianMs,
        p95Ms: t.p95Ms,
        rowsPerSecond: Math.round(rows / (t.medianMs / 1000)),
        baseline: 'same engine: read_csv of the UTF-8 rows',
        baselineMs: wasmCsv.medianMs,
        ratio: round(t.medianMs / wasmCsv.medianMs),
        nativeWhat: `native DuckDB: ${nativeWhat}`,
        nativeMs: nat.medianMs,
        ratioToNative: round(t.medianMs / nat.medianMs),
      };
    }
    const med = (k: string) => (out[k] as Timing).medianMs;
    (out.csvGbk as Record<string, unknown>).overUtf8 = round(med('csvGbk') / med('csvUtf8'));
    return {
      what: 'full import (prepareImport + validateImport, validation included) of the same rows per format, vs the raw read of the file',
      rows,
      runs,
      targets: IMPORT_TARGETS,
      wasmReadCsv: wasmCsv,
      nativeReadCsv: nativeCsv,
      nativeReadParquet: nativePq,
      ...out,
    };
  } finally {
    native.closeSync();
    inst.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
