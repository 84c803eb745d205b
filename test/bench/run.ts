/**
 * `npm run bench [rows]`: timings reported as ratios against baselines measured in the same run, on the same
 * engine (duckdb-wasm's Node bindings). Not a test: it prints one JSON document and never fails on numbers.
 *
 * Parts: imports (sample load, ranking, GBK/XLSX import of `rows` rows) and views (view queries on a generated
 * national-scale set against native DuckDB, see views.ts). Both by default; `--imports` or `--views` for one.
 * `--scale 0.1` (or BENCH_SCALE) shrinks the view set's regions; `--runs 20` (BENCH_RUNS) timed runs per view;
 * `--only score,robustness` times those view questions alone; `--only warnings` the default warning rule set
 * (warnings-bench.ts), evaluated on duckdb-wasm and its very statements replayed on native DuckDB. `--packs` writes
 * every 一把手's pack of the sample in PDF + PPTX (pack-batch.ts; target 60 s); alone, or added to the others.
 * `--quick`: a 1M-row run (imports of 1M rows, views on a 1M-row set, 5 runs each) in a few minutes.
 *
 * Output: a table on stdout, or the JSON document with `--json`; the JSON is always written to bench-results/.
 * `--chromium` starts the app as `npm start` does and drives Debian's Chromium (chromium-bench.ts): cold start to
 * first chart on the sample (median/p95 of `--runs` fresh loads, default 5; target 1.5 s), option building + render of
 * the ranking and the heat map at 3,000 regions, renderer heap and peak RSS; alone, or added to the others.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import iconv from 'iconv-lite';
import { ranking } from '../../shared/analytics/ranking.js';
import type { Connector } from '../../shared/db/connector.js';
import { sql } from '../../shared/db/sql.js';
import { discardImport, prepareImport, validateImport } from '../../shared/ingest/pipeline/pipeline.js';
import { stageCsv } from '../../shared/ingest/stage/stage-csv.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { workspaceDirReader } from '../../electron/node/workspace-dir.js';
import { SAMPLE_DIR } from '../support/sample-data.js';
import { benchCsv, benchXlsx, useRegions } from './import-data.js';
import { viewsBench } from './views.js';
import { packsBench } from './pack-batch.js';
import { formatTable, writeResults } from './report.js';
import { chromiumBench } from './chromium-bench.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !['--scale', '--runs', '--only'].includes(args[i - 1] ?? ''));
const ROWS = Number(positional[0] ?? 1_000_000);
/** `--only score,robustness`: time those view questions alone (the imports part is skipped). */
const ONLY = option('--only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
const PACKS = args.includes('--packs');
const CHROMIUM = args.includes('--chromium');
/** `--packs` and/or `--chromium` alone: only those parts. */
const extrasAlone = (PACKS || CHROMIUM) && ONLY === null && !args.includes('--views') && !args.includes('--imports');
const onlyViews = (args.includes('--views') || ONLY !== null || extrasAlone) && !args.includes('--imports');
const onlyImports = args.includes('--imports') && !args.includes('--views');
const QUICK = args.includes('--quick');
/** --quick: the view set scaled to about 1M rows (24M × 1/24). */
const SCALE = Number(option('--scale') ?? process.env.BENCH_SCALE ?? (QUICK ? 1 / 24 : 1));
const RUNS = Math.max(1, Math.round(Number(option('--runs') ?? process.env.BENCH_RUNS ?? (QUICK ? 5 : 20))));
const JSON_OUT = args.includes('--json');
const round = (x: number) => Math.round(x * 100) / 100;
const log = (s: string) => process.stderr.write(`${s}\n`);

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)] as number; // median
}

async function sampleBench(db: Connector) {
  const read = workspaceDirReader(SAMPLE_DIR);
  await db.registerFile('bench_values.csv', new Uint8Array(readFileSync(`${SAMPLE_DIR}tables/indicator_values.csv`)));
  const baseLoad = await time(5, () => db.query("CREATE OR REPLACE TABLE bench_raw AS SELECT * FROM read_csv('bench_values.csv')"));
  const ourLoad = await time(5, () => loadWorkspace(db, read));
  const period = String((await db.query("SELECT max(period) AS p FROM indicator_values WHERE indicator_id = 'A01'")).rows[0]?.p);
  const baseRank = await time(20, () => db.query(sql`SELECT avg(value) FROM indicator_values WHERE indicator_id = 'A01' AND period = ${period}`));
  const ourRank = await time(20, () => ranking(db, { indicator: 'A01', period, level: 'county' }));
  return {
    load: { baseline: 'read_csv(indicator_values.csv), auto-detect', baselineMs: round(baseLoad), workspaceMs: round(ourLoad), ratio: round(ourLoad / baseLoad) },
    ranking: { baseline: 'filtered avg() over the same rows', baselineMs: round(baseRank), rankingMs: round(ourRank), ratio: round(ourRank / baseRank) },
  };
}

async function importBench(db: Connector) {
  log(`generating ${ROWS} rows…`);
  const counties = await db.query("SELECT region_code, name FROM regions WHERE level = 'county' ORDER BY region_code");
  useRegions(counties.rows.map((r) => ({ code: String(r.region_code), name: String(r.name) })));
  const text = benchCsv(ROWS);
  const utf8 = new TextEncoder().encode(text);
  const gbk = new Uint8Array(iconv.encode(text, 'gb18030'));
  const xlsx = benchXlsx(ROWS);
  await db.registerFile('bench_utf8.csv', utf8);
  log('baseline: read_csv of the UTF-8 file');
  const base = await time(3, () => db.query("CREATE OR REPLACE TABLE bench_b AS SELECT * FROM read_csv('bench_utf8.csv')"));
  log('stageCsv of the GBK file');
  const stage = await time(3, () => stageCsv(db, { name: 'bench.csv', bytes: gbk }, 'bench_stage'));
  const full = async (name: string, bytes: Uint8Array) => {
    const s = await prepareImport(db, [{ name, bytes }], { period: '2025Q4' });
    const v = await validateImport(db, s);
    const r = v.applied[0]?.applied.report;
    await discardImport(db, v);
    return r;
  };
  log('full import (prepare + validate) of the GBK CSV');
  let report = await full('bench.csv', gbk);
  const csvFull = await time(1, async () => void (report = await full('bench.csv', gbk)));
  log('full import of the XLSX');
  let xReport = report;
  const xlsxFull = await time(1, async () => void (xReport = await full('bench.xlsx', xlsx)));
  return {
    rows: ROWS,
    bytes: { utf8: utf8.length, gb18030: gbk.length, xlsx: xlsx.length },
    baseline: { what: 'DuckDB read_csv of the UTF-8 file (auto-detect)', ms: round(base) },
    gbkStaging: { what: 'stageCsv of the GB18030 file (decode + scan + read_csv)', ms: round(stage), ratio: round(stage / base), target: 1.5 },
    gbkFullImport: { ms: round(csvFull), ratio: round(csvFull / base), rowsPerSecond: Math.round(ROWS / (csvFull / 1000)), rowsImported: report?.rowsImported },
    xlsxFullImport: { ms: round(xlsxFull), ratio: round(xlsxFull / base), rowsPerSecond: Math.round(ROWS / (xlsxFull / 1000)), rowsImported: xReport?.rowsImported },
  };
}

async function main(): Promise<void> {
  const doc: Record<string, unknown> = { engine: 'duckdb-wasm 1.32 (Node bindings)', startedAt: new Date().toISOString(), quick: QUICK };
  const t0 = performance.now();
  if (!onlyViews) {
    const db = await createNodeConnector();
    doc.sample = await sampleBench(db);
    doc.import = await importBench(db);
    await db.close();
  }
  if (!onlyImports && !extrasAlone) doc.views = await viewsBench({ scale: SCALE, runs: RUNS, warmup: 3, log, only: ONLY });
  if (PACKS) doc.packs = await packsBench({ log });
  if (CHROMIUM) doc.chromium = await chromiumBench({ runs: (option('--runs') ?? process.env.BENCH_RUNS) !== undefined ? RUNS : 5, log });
  doc.totalSeconds = round((performance.now() - t0) / 1000);
  const file = writeResults(doc);
  log(`results written to ${file}`);
  process.stdout.write(JSON_OUT ? `${JSON.stringify(doc, null, 2)}\n` : `${formatTable(doc)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e instanceof Error ? e.stack : e)}\n`);
  process.exitCode = 1;
});
