/**
 * The `warnings` question of the view benchmark: the sample's default rule set mapped onto the scale set
 * (scale-rules.ts) evaluated over every period by the app's engine (shared/analytics/warnings.ts, as the 预警 view
 * calls it: the events of one period, the evaluation over all of them) on duckdb-wasm, and the very statements it
 * issued replayed on native DuckDB over the same tables, in the same run. The statements are captured by recording
 * the connector's queries during a run (the connector object itself is wrapped in place, so that its derived-table
 * state, kept per connector, is the one the app would see).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import { derivedPlan, derivedTablesSql } from '../../shared/analytics/derived.js';
import { forgetWarningEvents, warningsPage, type WarningsPageParams } from '../../shared/analytics/warning-events.js';
import { buildWarningEvents, evaluateWarnings, readWarningPage, type WarningsResult } from '../../shared/analytics/warnings.js';
import type { Connector } from '../../shared/db/connector.js';
import { derivedReady } from '../../shared/db/derived-state.js';
import type { ScaleShape } from './scale-data.js';
import { scaleWarningRules } from './scale-rules.js';
import { median, p95, round } from './stats.js';

export const WARNINGS_TARGET = { medianMs: 2000, ratioToNative: 1.5 };


interface Recorded {
  readonly sql: string;
  readonly ms: number;
}

/** Run `fn` with every query of `db` recorded (text and engine time, the transfer into JS included). */
async function recording<T>(db: Connector, fn: () => Promise<T>): Promise<{ result: T; statements: Recorded[] }> {
  const statements: Recorded[] = [];
  const { query, queryColumns } = db;
  const rec =
    <R>(f: (s: string) => Promise<R>) =>
    async (s: string): Promise<R> => {
      const t = performance.now();
      try {
        return await f(s);
      } finally {
        statements.push({ sql: s, ms: performance.now() - t });
      }
    };
  const target = db as { query: Connector['query']; queryColumns: Connector['queryColumns'] };
  target.query = rec(query.bind(db));
  target.queryColumns = rec(queryColumns.bind(db));
  try {
    return { result: await fn(), statements };
  } finally {
    target.query = query;
    target.queryColumns = queryColumns;
  }
}

/** The events as comparable keys: rule, status, region, indicator, period. */
const keysOf = (r: WarningsResult) => r.events.map((e) => `${e.ruleId}|${e.status}|${e.regionCode}|${e.indicatorId}|${e.period}`).sort();

/** The derived tables on native DuckDB, by the statements refreshDerived runs on duckdb-wasm. */
export async function nativeDerived(conn: DuckDBConnection): Promise<number> {
  const ids = (await conn.runAndReadAll('SELECT DISTINCT indicator_id FROM indicators WHERE indicator_id IS NOT NULL ORDER BY 1')).getRowObjectsJS().map((r) => String(r.indicator_id));
  const values = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM indicator_values')).getRowObjectsJS()[0]?.n ?? 0);
  const t = performance.now();
  for (const s of ['CHECKPOINT', ...derivedTablesSql(ids, derivedPlan(values, ids.length))]) await conn.run(s);
  return round(performance.now() - t);
}

export interface WarningsBenchOptions {
  readonly shape: ScaleShape;
  readonly period: string;
  readonly runs: number;
  readonly warmup: number;
  readonly log: (s: string) => void;
}

/** The same statements up to the per-call names of the engine's temp tables (hj_warn_<stamp>_k, hj_warn_events_…). */
const plain = (x: string) => x.replace(/hj_warn_events_[a-z0-9]+_[a-z0-9]+/g, 'hj_warn_events').replace(/hj_warn_[a-z0-9]+_[a-z0-9]+_/g, 'hj_warn_');

/**
 * Time `run` on duckdb-wasm (a first run recorded, `warmup` more, then `runs` timed), then the very statements of the
 * first run replayed on native DuckDB (`warmup` + `runs` times): medians, p95 and what each statement took.
 */
async function bothEngines<T>(wasm: Connector, native: DuckDBConnection, run: () => Promise<T>, o: { readonly runs: number; readonly warmup: number }) {
  const first = await recording(wasm, run);
  const statements = first.statements.map((s) => s.sql);
  for (let i = 1; i < o.warmup; i++) await run();
  const total: number[] = [];
  const engine: number[] = [];
  const perStatement: number[][] = statements.map(() => []);
  for (let i = 0; i < o.runs; i++) {
    const s = performance.now();
    const r = await recording(wasm, run);
    total.push(performance.now() - s);
    engine.push(r.statements.reduce((a, x) => a + x.ms, 0));
    r.statements.forEach((x, j) => perStatement[j]?.push(x.ms));
    if (r.statements.some((x, j) => statements[j] === undefined || plain(x.sql) !== plain(statements[j] as string))) throw new Error('warnings: the statements changed between runs');
  }
  // Native: the same statement texts, in the same order, on the same tables.
  const nTotal: number[] = [];
  const nWithJs: number[] = [];
  let last = null as Awaited<ReturnType<DuckDBConnection['runAndReadAll']>> | null;
  for (let i = 0; i < o.warmup + o.runs; i++) {
    const s = performance.now();
    let engineMs = 0;
    for (const q of statements) {
      const a = performance.now();
      const read = await native.runAndReadAll(q);
      engineMs += performance.now() - a;
      read.getColumns();
      if (/^\s*SELECT/i.test(q)) last = read;
    }
    if (i >= o.warmup) {
      nTotal.push(engineMs);
      nWithJs.push(performance.now() - s);
    }
  }
  return { first: first.result, statements, total, engine, perStatement, nTotal, nWithJs, lastNative: last };
}

/**
 * Time the warnings question on both engines (see the module comment); never fails on numbers. The question is the
 * evaluation as every reader of one period's events has it (the 预警 view, its prefetch, the packs): the events built
 * into the engine table, and the first page read. Reading every event into JavaScript with its message (the CLI's
 * `warnings --json`, evaluateWarnings) is timed as a figure of its own: at national scale it is half a million
 * objects, whatever the engine.
 */
export async function warningsBench(wasm: Connector, native: DuckDBConnection, o: WarningsBenchOptions): Promise<object> {
  const { rules, scopes } = scaleWarningRules(o.shape);
  // The machine is shared: the load while timing says how far wall times stand above the engines' work.
  const loadBefore = os.loadavg().map(round);
  const params = { period: o.period };
  let serial = 0;
  const evaluate = async () => {
    const table = `hj_warn_events_bench_${(serial++).toString(36)}`;
    const built = await buildWarningEvents(wasm, rules, { ...params, cancellable: false }, table);
    try {
      return await readWarningPage(wasm, built, {}, { offset: 0, limit: 50 });
    } finally {
      if (built.table) await wasm.query(`DROP TABLE IF EXISTS ${built.table}`);
    }
  };
  o.log(`  warnings: first run on duckdb-wasm (derived tables ${derivedReady(wasm) ? 'ready' : 'not built'})`);
  const ev = await bothEngines(wasm, native, evaluate, o);
  o.log(`  warnings: evaluated in ${median(ev.total)} ms on duckdb-wasm (engine and transfer ${median(ev.engine)} ms), native ${median(ev.nTotal)} ms; ${ev.first.total} events in ${o.period}`);

  // Every event into JS with its message (evaluateWarnings): fewer runs, it reads half a million rows at 24M.
  const all = await bothEngines(wasm, native, () => evaluateWarnings(wasm, rules, params), { runs: Math.min(o.runs, 3), warmup: 0 });
  const nativeRows = all.lastNative ? all.lastNative.getRowObjectsJS() : [];
  const nativeKeys = nativeRows.map((r) => `${String(r.rule_id)}|${String(r.status)}|${String(r.region_code)}|${String(r.indicator_id)}|${String(r.period)}`).sort();
  o.log(`  warnings: every event into JS ${median(all.total)} ms, native ${median(all.nTotal)} ms (with the results read into JS ${median(all.nWithJs)} ms)`);

  const view = await viewBench(wasm, native, rules, o);

  const counts: Record<string, number> = {};
  for (const e of all.first.events) counts[`${e.ruleId} ${e.status}`] = (counts[`${e.ruleId} ${e.status}`] ?? 0) + 1;
  const wasmMedian = median(ev.total);
  const nativeMedian = median(ev.nTotal);
  return {
    question: `the default rule set (11 rules, one of every condition type) evaluated for ${o.period} as the 预警 view, its prefetch and the packs run it (buildWarningEvents: the events into the engine table, computed from the periods the rules reach back to; then the first page of 50 with the total); native DuckDB replays the very statements duckdb-wasm was sent, over the same tables (indicator_values, regions, indicators and the derived tables built by the same statements)`,
    rules: scopes,
    target: WARNINGS_TARGET,
    wasmMedianMs: wasmMedian,
    wasmP95Ms: p95(ev.total),
    wasmEngineMedianMs: median(ev.engine),
    nativeMedianMs: nativeMedian,
    nativeP95Ms: p95(ev.nTotal),
    nativeWithJsMedianMs: median(ev.nWithJs),
    ratio: round(wasmMedian / nativeMedian),
    engineRatio: round(median(ev.engine) / nativeMedian),
    met: wasmMedian <= WARNINGS_TARGET.medianMs && wasmMedian / nativeMedian <= WARNINGS_TARGET.ratioToNative,
    statements: ev.statements.map((q, j) => ({ chars: q.length, wasmMedianMs: median(ev.perStatement[j] ?? []), head: q.replace(/\s+/g, ' ').slice(0, 80) })),
    events: ev.first.total,
    allEvents: {
      question: 'every event of the period read into JavaScript with its message, sorted (evaluateWarnings: the CLI’s warnings --json); native replays the same statements and reads the rows into JS',
      wasmMedianMs: median(all.total),
      wasmEngineMedianMs: median(all.engine),
      nativeMedianMs: median(all.nTotal),
      nativeWithJsMedianMs: median(all.nWithJs),
      ratio: round(median(all.total) / median(all.nWithJs)),
      runs: all.total.length,
      statements: all.statements.map((q, j) => ({ chars: q.length, wasmMedianMs: median(all.perStatement[j] ?? []), head: q.replace(/\s+/g, ' ').slice(0, 80) })),
    },
    eventsByRule: counts,
    loadAverage: { before: loadBefore, after: os.loadavg().map(round), cores: os.availableParallelism() },
    sameEventsAsNative: nativeRows.length === all.first.events.length && JSON.stringify(nativeKeys) === JSON.stringify(keysOf(all.first)),
    view,
  };
}

/**
 * The 预警 view as it runs (warning-events.ts): the period's events built once into a kept table (cold), then per
 * filter or page change one page of 50, the counts and the fired indicators (warm), each replayed on native DuckDB.
 */
async function viewBench(wasm: Connector, native: DuckDBConnection, rules: Parameters<typeof warningsPage>[1], o: WarningsBenchOptions): Promise<object> {
  await forgetWarningEvents(wasm);
  // A walk through the view: level, indicator-less filters and pages, as a user clicks through them.
  const steps: WarningsPageParams[] = [
    { period: o.period, scopeLevel: 'county', resolved: false },
    { period: o.period, scopeLevel: 'county', resolved: false, offset: 50 },
    { period: o.period, scopeLevel: 'county', resolved: false, level: '红线' },
    { period: o.period, scopeLevel: 'county', resolved: true, level: '黄线', offset: 500 },
    { period: o.period, scopeLevel: 'county', resolved: true },
  ];
  const step = (i: number) => ({ ...(steps[i % steps.length] as WarningsPageParams), limit: 50 });
  const s0 = performance.now();
  const cold = await recording(wasm, () => warningsPage(wasm, rules, step(0)));
  const coldMs = performance.now() - s0;
  const warm: number[] = [];
  const warmSql: string[][] = [];
  for (let i = 0; i < o.warmup + o.runs; i++) {
    const s = performance.now();
    const r = await recording(wasm, () => warningsPage(wasm, rules, step(i + 1)));
    if (i >= o.warmup) warm.push(performance.now() - s);
    warmSql.push(r.statements.map((x) => x.sql));
  }
  o.log(`  warnings view: cold ${round(coldMs)} ms (${cold.result.total} events), warm page ${median(warm)} ms`);
  const n0 = performance.now();
  for (const q of cold.statements) (await native.runAndReadAll(q.sql)).getColumns();
  const nCold = performance.now() - n0;
  const nWarm: number[] = [];
  for (const [i, qs] of warmSql.entries()) {
    const s = performance.now();
    for (const q of qs) (await native.runAndReadAll(q)).getColumns();
    if (i >= o.warmup) nWarm.push(performance.now() - s);
  }
  await forgetWarningEvents(wasm);
  return {
    question: 'the 预警 view: cold = the period’s events built into the kept table plus the first page; warm = one page of 50, the counts by level and the fired indicators after a filter or page change (native replays the same statements)',
    coldMs: round(coldMs),
    nativeColdMs: round(nCold),
    warmMedianMs: median(warm),
    warmP95Ms: p95(warm),
    nativeWarmMedianMs: median(nWarm),
    warmRatio: round(median(warm) / median(nWarm)),
    events: cold.result.total,
    target: { medianMs: 50, p95Ms: 150, ratioToNative: 1 },
  };
}
