/**
 * `npm run bench`: timings reported as ratios against baselines measured in the same run, on the same engine
 * (duckdb-wasm's Node bindings). Not a test: it prints one JSON document and never fails on numbers.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ranking } from '../../shared/analytics/ranking.js';
import { sql } from '../../shared/db/sql.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { workspaceDirReader } from '../../electron/node/workspace-dir.js';
import { SAMPLE_DIR } from '../support/sample-data.js';

async function time<T>(runs: number, fn: () => Promise<T>): Promise<number> {
  await fn(); // warm up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)] as number; // median
}

async function main(): Promise<void> {
  const db = await createNodeConnector();
  const read = workspaceDirReader(SAMPLE_DIR);
  const valuesCsv = new Uint8Array(readFileSync(`${SAMPLE_DIR}tables/indicator_values.csv`));
  await db.registerFile('bench_values.csv', valuesCsv);

  // Loading: our workspace loader (all nine tables, explicit types, header and row-count checks)
  // against DuckDB's own auto-detecting read_csv of the largest table alone.
  const baseLoad = await time(5, () => db.query("CREATE OR REPLACE TABLE bench_raw AS SELECT * FROM read_csv('bench_values.csv')"));
  const ourLoad = await time(5, () => loadWorkspace(db, read));

  // Ranking one indicator and period: our ranking() (catalogue lookup, validity filter, window functions)
  // against a bare filtered aggregate over the same rows.
  const last = await db.query("SELECT max(period) AS p FROM indicator_values WHERE indicator_id = 'A01'");
  const period = String(last.rows[0]?.p);
  const baseRank = await time(20, () =>
    db.query(sql`SELECT avg(value) FROM indicator_values WHERE indicator_id = 'A01' AND period = ${period}`),
  );
  const ourRank = await time(20, () => ranking(db, { indicator: 'A01', period, level: 'county' }));
  const rows = Number((await db.query('SELECT count(*) AS n FROM indicator_values')).rows[0]?.n);
  await db.close();

  const doc = {
    engine: 'duckdb-wasm 1.32 (Node bindings)',
    indicatorValueRows: rows,
    load: { baseline: 'read_csv(indicator_values.csv), auto-detect', baselineMs: round(baseLoad), workspaceMs: round(ourLoad), ratio: round(ourLoad / baseLoad) },
    ranking: { baseline: 'filtered avg() over the same rows', baselineMs: round(baseRank), rankingMs: round(ourRank), ratio: round(ourRank / baseRank) },
  };
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
