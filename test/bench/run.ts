/**
 * `npm run bench [rows]`: the figures of issue 14, each engine-level one next to native DuckDB (@duckdb/node-api)
 * answering the same question, in the same run. Not a test: it never fails on numbers.
 *
 * Parts: imports (imports-bench.ts: UTF-8 and GBK CSV, XLSX and Parquet through the full import, `rows` rows, default
 * 1M) and views (views.ts: the view questions on the national-scale set, the warnings and the 预警 view), roster
 * (干部结构), and with `--packs` the batch of packs (pack-batch.ts), with `--chromium` the app in Debian's Chromium
 * (chromium-bench.ts: cold start on the sample and on the view set saved as a workspace, charts at 3,000 regions,
 * memory). `--imports` or `--views` for one part; `--packs` and/or `--chromium` alone for those.
 * `--scale 0.1` (or BENCH_SCALE) shrinks the view set's regions; `--runs 20` (BENCH_RUNS) timed runs per view (and
 * per import format when given on the command line);
 * `--only score,robustness` times those view questions alone (`--only warnings`, `--only roster`).
 * `--quick`: every part, scaled down to a few minutes (docs/performance.md): views, warnings and the saved workspace on
 * the 1M-row set (125 regions × 200 indicators × 40 quarters), imports of QUICK_IMPORT_ROWS rows with fewer runs,
 * roster of 10k, one pack and a batch of 3, Chromium on dist/ as built when it is up to date (fresh-build.ts) with
 * QUICK_COLD_LOADS loads of each workspace. What quick measures with fewer rows or runs is said in `quickNotes` and
 * in the figures' names.
 *
 * Output: the issue's figures (figures.ts: median, p95, native, ratio, target, met) then every number of the
 * document as a table on stdout, or the JSON document with `--json`; the JSON is always written to bench-results/.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ranking } from '../../shared/analytics/ranking.js';
import type { Connector } from '../../shared/db/connector.js';
import { sql } from '../../shared/db/sql.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { workspaceDirReader } from '../../electron/node/workspace-dir.js';
import { SAMPLE_DIR } from '../support/sample-data.js';
import { importsBench } from './imports-bench.js';
import { figuresOf } from './figures.js';
import { viewsBench } from './views.js';
import { packsBench } from './pack-batch.js';
import { formatTable, writeResults } from './report.js';
import { chromiumBench } from './chromium-bench.js';
import { rosterBench } from './roster-bench.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !['--scale', '--runs', '--only'].includes(args[i - 1] ?? ''));
/** --quick: everything scaled down to run in under 3 minutes on 2 cores (see docs/performance.md). */
const QUICK = args.includes('--quick');
/** --quick: imports of fewer rows than the 1M set, and fewer timed runs (XLSX alone would take minutes at 1M). */
const QUICK_IMPORT_ROWS = 120_000;
const QUICK_IMPORT_RUNS = 3;
/** --quick: cold loads of each workspace in Chromium after the warm-up load. */
const QUICK_COLD_LOADS = 3;
const ROWS = Number(positional[0] ?? (QUICK ? QUICK_IMPORT_ROWS : 1_000_000));
/** `--only score,robustness`: time those view questions alone (the imports part is skipped). */
const ONLY = option('--only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
const PACKS = args.includes('--packs');
const CHROMIUM = args.includes('--chromium');
/** `--packs` and/or `--chromium` alone (without --quick, which runs every part): only those parts. */
const extrasAlone = (PACKS || CHROMIUM) && !QUICK && ONLY === null && !args.includes('--views') && !args.includes('--imports');
const onlyViews = (args.includes('--views') || ONLY !== null || extrasAlone) && !args.includes('--imports');
const onlyImports = args.includes('--imports') && !args.includes('--views');
/** --quick: the view set at 125 regions (24M × 1/24 = 1M rows). */
const SCALE = Number(option('--scale') ?? process.env.BENCH_SCALE ?? (QUICK ? 1 / 24 : 1));
const RUNS = Math.max(1, Math.round(Number(option('--runs') ?? process.env.BENCH_RUNS ?? (QUICK ? 5 : 20))));
const JSON_OUT = args.includes('--json');
const round = (x: number) => Math.round(x * 100) / 100;
/** --quick: a batch of this many packs (the first of the 115) and roster copies up to this many cadres. */
const QUICK_PACKS = 3;
const QUICK_CADRES = 10_000;
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

/** What --quick measures with fewer rows or runs than the issue's 1M-row, ≥ 5-run figures, and why. */
function quickNotes(doc: Record<string, unknown>): string[] {
  const c = doc.chromium as { build?: { reused?: boolean; why?: string }; coldLoads?: number } | undefined;
  return [
    `imports: ${ROWS.toLocaleString('en')} rows, ${QUICK_IMPORT_RUNS} timed runs after a warm-up: at 1M rows the four formats' full imports take minutes at this load (XLSX alone ~30 s a run); \`npm run bench -- --imports\` measures 1M rows, 10 runs`,
    `chromium: ${c?.coldLoads ?? QUICK_COLD_LOADS} cold loads of each workspace after one warm-up load (the full run takes 5); charts at 3,000 regions keep 5 runs`,
    `chromium: ${c?.build?.reused ? `dist/ reused, not rebuilt (${c.build.why ?? ''})` : `built by npm start (${c?.build?.why ?? 'dist/ missing or stale'})`}`,
    `packs: one pack and a batch of ${QUICK_PACKS}, one round of the three in flight (the 60 s target is for the 115: \`--packs\`)`,
    `roster: ${QUICK_CADRES.toLocaleString('en')} cadres (the full run: 100,000)`,
  ];
}

async function main(): Promise<void> {
  const doc: Record<string, unknown> = { engine: 'duckdb-wasm 1.32 (Node bindings)', startedAt: new Date().toISOString(), quick: QUICK };
  const load0 = os.loadavg();
  const t0 = performance.now();
  const partSeconds: Record<string, number> = {};
  let mark = t0;
  const lap = (part: string) => {
    const now = performance.now();
    partSeconds[part] = round((now - mark) / 1000);
    mark = now;
  };
  /** A part that fails is reported in the document (its error), and the parts after it still run. */
  const guarded = async (name: string, fn: () => Promise<unknown>): Promise<unknown> => {
    try {
      return await fn();
    } catch (e) {
      log(`${name} failed: ${String(e instanceof Error ? e.stack : e)}`);
      return { error: String(e instanceof Error ? e.message : e).split('\n')[0] };
    }
  };
  if (!onlyViews) {
    const db = await createNodeConnector();
    // The sample's load and ranking against read_csv: not one of the issue's figures, so --quick only loads the sample
    // (its counties are the imported rows' regions).
    if (QUICK) await loadWorkspace(db, workspaceDirReader(SAMPLE_DIR));
    else doc.sample = await sampleBench(db);
    doc.import = await importsBench(db, { rows: ROWS, runs: option('--runs') !== undefined ? RUNS : QUICK ? QUICK_IMPORT_RUNS : 10, log });
    await db.close();
    lap('imports');
  }
  // The cold start on a saved workspace: in --quick the view set's, saved as a workspace (with --chromium or --quick).
  let saved: Uint8Array | null = null;
  const viewOnly = ONLY?.filter((q) => q !== 'roster') ?? null;
  if (!onlyImports && !extrasAlone && (viewOnly === null || viewOnly.length))
    doc.views = await viewsBench({ scale: SCALE, runs: RUNS, warmup: QUICK ? 1 : 3, timeDirect: !QUICK, log, only: viewOnly, ...(CHROMIUM || QUICK ? { saveWorkspace: (b: Uint8Array) => void (saved = b) } : {}) });
  lap('views');
  // 干部结构 over a 100k roster (`--only roster` alone).
  if (!onlyImports && !extrasAlone && (!ONLY || ONLY.includes('roster'))) doc.roster = await rosterBench({ cadres: QUICK ? QUICK_CADRES : 100_000, runs: Math.min(RUNS, 5), log });
  lap('roster');
  if (PACKS || QUICK) {
    doc.onePack = await guarded('one pack', () => packsBench({ log, limit: 1 }));
    doc.packs = await guarded('packs', () => packsBench({ log, ...(QUICK ? { limit: QUICK_PACKS } : {}) }));
    lap('packs');
  }
  if (CHROMIUM || QUICK) {
    const rows = (doc.views as { shape?: { rows?: number } } | undefined)?.shape?.rows;
    const workspace = saved ? { bytes: saved as Uint8Array, label: `the ${QUICK ? 'quick' : 'view'} set's saved workspace (${rows} rows)` } : null;
    const runs = (option('--runs') ?? process.env.BENCH_RUNS) !== undefined ? RUNS : 5;
    doc.chromium = await guarded('chromium', () => chromiumBench({ runs, coldLoads: QUICK ? Math.min(runs, QUICK_COLD_LOADS) : runs, reuseBuild: QUICK, log, workspace }));
    lap('chromium');
  }
  if (QUICK) doc.quickNotes = quickNotes(doc);
  doc.partSeconds = partSeconds;
  doc.totalSeconds = round((performance.now() - t0) / 1000);
  doc.machine = { cores: os.availableParallelism(), memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version, loadAverageBefore: load0.map(round), loadAverageAfter: os.loadavg().map(round) };
  doc.nodePeakRssMb = round(process.resourceUsage().maxRSS / 1024);
  doc.figures = figuresOf(doc);
  const file = writeResults(doc);
  log(`results written to ${file}`);
  process.stdout.write(JSON_OUT ? `${JSON.stringify(doc, null, 2)}\n` : `${formatTable(doc)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e instanceof Error ? e.stack : e)}\n`);
  process.exitCode = 1;
});
