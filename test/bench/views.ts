/**
 * View-query latency on the national-scale set (scale-data.ts): the app's view modules on duckdb-wasm (Node
 * bindings, one thread, the app's engine) as the app runs them (their direct SQL while the derived tables are being
 * built, then the derived readers), against native DuckDB (@duckdb/node-api, all cores) answering the same questions
 * with straightforward SQL over the plain canonical table, in the same run.
 * Never fails on numbers: it reports them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { refreshDerived } from '../../shared/analytics/derived.js';
import { OPEN_STATEMENTS, type Connector } from '../../shared/db/connector.js';
import { derivedReady } from '../../shared/db/derived-state.js';
import { portableSnapshot } from '../../shared/workspace/open.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { rowsOf, scaleSetSql, scaleShape, scaleTemplatesCsv } from './scale-data.js';
import { crossCheck, picks, views } from './view-questions.js';
import { nativeDerived, warningsBench } from './warnings-bench.js';
import { median, p95, round } from './stats.js';

export interface ViewsOptions {
  readonly scale: number;
  readonly runs: number;
  readonly warmup: number;
  readonly log: (s: string) => void;
  /** Only these view questions (by name); default all. */
  readonly only?: readonly string[] | null;
  /** false: skip timing the views before the derived tables are built (--quick); their answers are still checked. */
  readonly timeDirect?: boolean;
  /** Receives the set saved as a portable workspace (.hjw), for the Chromium cold start on it. */
  readonly saveWorkspace?: (bytes: Uint8Array) => void;
}

/** Quality has no time target of its own (null): only the ratio to native DuckDB. */
const TARGET = { medianMs: 50, ratioToNative: 1, perView: { score: { medianMs: 200 }, robustness: { medianMs: 2000 }, quality: { medianMs: null } } };
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

interface Stat {
  readonly medianMs: number;
  readonly p95Ms: number;
}

interface NativeStat extends Stat {
  /** Including getColumns(): the result turned into JS values (node-api's converters, ~1 µs a cell). */
  readonly withJsMedianMs: number;
}

/** Native timings: the engine with its result materialised (runAndReadAll), and with the result read into JS. */
async function timeNative(conn: DuckDBConnection, runs: number, warmup: number, q: (i: number) => string): Promise<NativeStat> {
  for (let i = 0; i < warmup; i++) (await conn.runAndReadAll(q(runs + i))).getColumns();
  const engine: number[] = [];
  const withJs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = await conn.runAndReadAll(q(i));
    engine.push(performance.now() - s);
    r.getColumns();
    withJs.push(performance.now() - s);
  }
  return { medianMs: median(engine), p95Ms: p95(engine), withJsMedianMs: median(withJs) };
}

/** A heat map's cell query alone: engine only (count), and with the transfer into typed columns. */
async function cellParts(db: Connector, cellsSql: string): Promise<{ engineMs: number; queryColumnsMs: number; cells: number }> {
  const engine: number[] = [];
  const cols: number[] = [];
  let cells = 0;
  for (let i = 0; i < 5; i++) {
    let s = performance.now();
    await db.query(`SELECT count(*) AS n, sum(score) AS s, sum(rnk) AS r FROM (${cellsSql})`);
    engine.push(performance.now() - s);
    s = performance.now();
    cells = (await db.queryColumns(cellsSql)).length;
    cols.push(performance.now() - s);
  }
  return { engineMs: median(engine), queryColumnsMs: median(cols), cells };
}

async function timeRuns(runs: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<Stat> {
  for (let i = 0; i < warmup; i++) await fn(runs + i);
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn(i);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { medianMs: round(t[Math.floor((t.length - 1) / 2)] as number), p95Ms: round(t[Math.ceil(0.95 * t.length) - 1] as number) };
}

/** A stable text of a module's answer (numbers to 6 decimals, typed arrays as lists), to compare two answers. */
function digest(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array, (n) => (Number.isNaN(n) ? null : Math.round(n * 1e6) / 1e6));
    if (typeof v === 'number') return Number.isNaN(v) ? null : Math.round(v * 1e6) / 1e6;
    return v;
  });
}

async function wasmMemory(db: Connector): Promise<{ duckdbMiB: number; rssMiB: number }> {
  const r = await db.query('SELECT sum(memory_usage_bytes) AS m FROM duckdb_memory()');
  return { duckdbMiB: mib(Number(r.rows[0]?.m ?? 0)), rssMiB: mib(process.memoryUsage().rss) };
}

async function run(db: Connector, statements: readonly string[]): Promise<number> {
  const s = performance.now();
  for (const q of statements) await db.query(q);
  return round(performance.now() - s);
}

interface Native {
  readonly conn: DuckDBConnection;
  readonly instance: DuckDBInstance;
}

async function openNative(): Promise<Native> {
  const threads = String(os.availableParallelism());
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads });
  const conn = await instance.connect();
  for (const s of OPEN_STATEMENTS) await conn.run(s);
  return { conn, instance };
}

/** `npm run bench -- --views [--scale 0.1] [--runs 20]`. */
export async function viewsBench(o: ViewsOptions): Promise<object> {
  const shape = scaleShape(o.scale);
  const rows = rowsOf(shape);
  const tplBytes = scaleTemplatesCsv();
  o.log(`views: scale set ${shape.regions} regions × ${shape.indicators} indicators × ${shape.periods} periods = ${rows} rows`);

  // Native DuckDB: the plain canonical table, rows appended period by period, straightforward SQL.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hj-bench-'));
  const tplPath = path.join(dir, 'scale_tpl.csv');
  writeFileSync(tplPath, tplBytes);
  const native = await openNative();
  const nq = scaleSetSql(shape, tplPath.replace(/\\/g, '/'), 'period');
  o.log('native: building the set');
  const s = performance.now();
  for (const q of [...nq.setup, ...nq.values, ...nq.cleanup]) await native.conn.run(q);
  const nativeBuildMs = round(performance.now() - s);
  rmSync(dir, { recursive: true, force: true });
  const nInfo = (await native.conn.runAndReadAll("SELECT version() AS v, current_setting('threads') AS t, (SELECT count(*) FROM indicator_values) AS n, (SELECT sum(memory_usage_bytes) FROM duckdb_memory()) AS m")).getRowObjectsJS()[0] as { v: string; t: bigint; n: bigint; m: bigint };

  // duckdb-wasm: the same statements through the project's connector.
  const wasm = await createNodeConnector();
  await wasm.registerFile('scale_tpl.csv', tplBytes);
  const wq = scaleSetSql(shape, 'scale_tpl.csv', 'period');
  o.log('wasm: building the set in the canonical layout');
  const canonicalBuildMs = await run(wasm, [...wq.setup, ...wq.values, ...wq.cleanup]);
  const wInfo = (await wasm.query("SELECT version() AS v, current_setting('memory_limit') AS m, current_setting('threads') AS t, (SELECT count(*) FROM indicator_values) AS n")).rows[0];
  if (o.saveWorkspace) {
    const t = performance.now();
    const bytes = await portableSnapshot(wasm, { name: `基准测试 ${rows} 行` });
    o.log(`wasm: the set saved as a workspace (${mib(bytes.length)} MiB, ${Math.round(performance.now() - t)} ms)`);
    o.saveWorkspace(bytes);
  }
  const k = await picks(wasm, shape);
  const vs = views(k).filter((v) => !o.only || o.only.includes(v.name));
  // The warnings question replays on native DuckDB what duckdb-wasm was sent: native stays open until then.
  const wantWarnings = !o.only || o.only.includes('warnings');

  o.log('native: timing the views');
  const nativeStats: Record<string, NativeStat> = {};
  const nativeAnswers: Record<string, unknown[][]> = {};
  for (const v of vs) {
    nativeAnswers[v.name] = (await native.conn.runAndReadAll(v.native(0))).getColumns();
    nativeStats[v.name] = await timeNative(native.conn, v.runs ?? o.runs, v.runs ? 1 : o.warmup, (i) => v.native(i));
    o.log(`  ${v.name}: ${nativeStats[v.name]?.medianMs} ms (with the result turned into JS values ${nativeStats[v.name]?.withJsMedianMs} ms)`);
  }
  const nativeMemoryMiB = mib(Number(nInfo.m));
  const closeNative = () => {
    native.conn.closeSync();
    native.instance.closeSync();
  };
  if (!wantWarnings) closeNative();

  const timeViews = async () => {
    const out: Record<string, object> = {};
    for (const v of vs) {
      const st = await timeRuns(v.runs ?? o.runs, v.runs ? 1 : o.warmup, (i) => v.wasm(wasm, i));
      const n = nativeStats[v.name] as NativeStat;
      out[v.name] = {
        wasmMedianMs: st.medianMs, wasmP95Ms: st.p95Ms, nativeMedianMs: n.medianMs, nativeP95Ms: n.p95Ms, ratio: round(st.medianMs / n.medianMs),
        nativeWithJsMedianMs: n.withJsMedianMs, ratioToNativeWithJs: round(st.medianMs / n.withJsMedianMs),
        ...(v.core ? { cells: await cellParts(wasm, v.core(0, derivedReady(wasm))) } : {}),
      };
      o.log(`  ${v.name}: ${st.medianMs} ms (p95 ${st.p95Ms}), native ${n.medianMs} ms`);
    }
    return out;
  };
  const layouts: object[] = [];
  const layout = async (name: string, what: string, buildMs: Record<string, number>) => {
    const memory = await wasmMemory(wasm);
    o.log(`wasm: ${name} (${JSON.stringify(buildMs)} ms, ${JSON.stringify(memory)})`);
    layouts.push({ name, what, buildMs, memory, derived: derivedReady(wasm), views: await timeViews() });
  };

  if (o.timeDirect !== false) await layout('canonical', 'shared/model stored tables (VARCHAR keys), rows appended period by period as imports append them; the modules\' direct SQL', { build: canonicalBuildMs });
  const checks: Record<string, unknown> = { crossEngine: await crossCheck(wasm, vs, nativeAnswers) };
  const direct: Record<string, string> = {};
  for (const v of vs) direct[v.name] = digest((v.comparable ?? ((x: unknown) => x))(await v.wasm(wasm, 0)));

  // As the app does after a load, an import or an undo: CHECKPOINT (compresses the in-memory table), then the
  // derived tables, read by the modules from then on.
  o.log('wasm: refreshDerived (CHECKPOINT and the derived tables), as the app runs it');
  const d = await refreshDerived(wasm);
  if (d.status !== 'built') throw new Error(`refreshDerived: ${d.status}`);
  // The derived answers must be the direct answers.
  const same: Record<string, boolean> = {};
  for (const v of vs) same[v.name] = direct[v.name] === digest((v.comparable ?? ((x: unknown) => x))(await v.wasm(wasm, 0)));
  checks.derivedEqualsDirect = same;
  await layout('derived', 'after refreshDerived: checkpointed, with derived_scores / derived_stats (shared/analytics/derived.ts) read by the modules', { refreshDerived: d.ms });
  const derivedRows = d.rows;

  let warnings: object | undefined;
  if (wantWarnings) {
    // Timed on the derived layout only: as the app runs it once the derived tables are built.
    o.log('native: the derived tables, by the statements refreshDerived ran on duckdb-wasm');
    const nativeDerivedMs = await nativeDerived(native.conn);
    o.log('warnings: the default rule set, duckdb-wasm then the same statements on native DuckDB');
    try {
      warnings = { nativeDerivedMs, ...(await warningsBench(wasm, native.conn, { shape, period: k.period, runs: Math.min(o.runs, 10), warmup: 1, log: o.log })) };
    } catch (e) {
      // Reported, not thrown: the other questions' numbers still come out.
      o.log(`  warnings failed: ${String(e instanceof Error ? e.message : e)}`);
      warnings = { nativeDerivedMs, error: String(e instanceof Error ? e.message : e).split('\n')[0] };
    }
    closeNative();
  }

  await wasm.close();
  const best = layouts.find((l) => (l as { name: string }).name === 'derived') as { views: object };
  return {
    what: 'view queries on the national-scale set: the app modules on duckdb-wasm vs straightforward SQL on native DuckDB, same run',
    shape: { ...shape, rows },
    runs: o.runs,
    warmup: o.warmup,
    target: TARGET,
    questions: Object.fromEntries(vs.map((v) => [v.name, v.question])),
    picks: { period: k.period, indicators: k.indicators, regions: k.regions },
    native: {
      engine: `DuckDB ${nInfo.v} (@duckdb/node-api), threads ${nInfo.t}, autoload/autoinstall off`,
      layout: 'canonical VARCHAR keys, rows appended period by period, no derived tables',
      rows: Number(nInfo.n),
      buildMs: nativeBuildMs,
      memoryMiB: nativeMemoryMiB,
    },
    wasm: { engine: `duckdb-wasm ${String(wInfo?.v)} (Node bindings), threads ${String(wInfo?.t)}, memory_limit ${String(wInfo?.m)}`, rows: Number(wInfo?.n), derivedRows },
    views: best.views,
    ...(warnings ? { warnings } : {}),
    layouts,
    checks,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

