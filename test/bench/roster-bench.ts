/**
 * The roster-structure question of the benchmark (干部结构, `structure` / the 干部结构 panel): the sample's roster
 * copied up to `cadres` (default 100k, as a province's roster) with its appointments, on duckdb-wasm through the
 * app's own module (cadreStructure: the facts at the reference date as a temp table, then the group and count
 * statements), by unit and by region; the very statements it sent replayed on native DuckDB over the same tables,
 * in the same run. Cold: a reference date not seen before (the facts are computed); warm: the same date again (the
 * facts table is reused, as the panel does when only the grouping changes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { cadreStructure } from '../../shared/analytics/cadre-structure.js';
import { OPEN_STATEMENTS, type Connector } from '../../shared/db/connector.js';
import { quoteIdent } from '../../shared/db/sql.js';
import { appointments, cadres, regions } from '../../shared/model/tables.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { workspaceDirReader } from '../../electron/node/workspace-dir.js';
import { SAMPLE_DIR } from '../support/sample-data.js';
import { median, p95, round } from './stats.js';


/** A table as CSV text (every value as text; NULL as an empty unquoted field). */
async function csvOf(db: Connector, table: string): Promise<string> {
  const r = await db.queryColumns(`SELECT * FROM ${quoteIdent(table)}`);
  const cell = (c: string, i: number) => {
    const n = r.numbers[c];
    const v = n ? (Number.isNaN(n[i] as number) ? null : String(n[i])) : (r.texts[c]?.[i] ?? null);
    return v === null ? '' : `"${v.replace(/"/g, '""')}"`;
  };
  const lines = [r.columns.map((c) => `"${c}"`).join(',')];
  for (let i = 0; i < r.length; i++) lines.push(r.columns.map((c) => cell(c, i)).join(','));
  return `${lines.join('\n')}\n`;
}

export async function rosterBench(o: { readonly cadres: number; readonly runs: number; readonly log: (s: string) => void }): Promise<object> {
  const db = await createNodeConnector();
  await loadWorkspace(db, workspaceDirReader(SAMPLE_DIR));
  const base = Number((await db.query('SELECT count(*) AS n FROM cadres')).rows[0]?.n ?? 0);
  const copies = Math.max(1, Math.ceil(o.cadres / Math.max(1, base)));
  // Copies 2..k of every cadre (ids prefixed), with their appointments: the roster's shapes and dates, k times.
  await db.query(`INSERT INTO cadres SELECT c.* REPLACE ('K' || k || '-' || c.cadre_id AS cadre_id) FROM cadres c, range(2, ${copies + 1}) t(k)`);
  await db.query(`INSERT INTO appointments SELECT a.* REPLACE ('K' || k || '-' || a.cadre_id AS cadre_id) FROM appointments a, range(2, ${copies + 1}) t(k)`);
  const n = Number((await db.query('SELECT count(*) AS n FROM cadres')).rows[0]?.n ?? 0);
  o.log(`roster: ${n} cadres (${base} × ${copies})`);

  // Native DuckDB: the same three tables, by the app's own DDL, from CSV copies.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hj-roster-'));
  const inst = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: String(os.availableParallelism()) });
  const native = await inst.connect();
  try {
    for (const s of OPEN_STATEMENTS) await native.run(s);
    for (const def of [cadres, appointments, regions]) {
      const file = path.join(dir, `${def.name}.csv`).replace(/\\/g, '/');
      writeFileSync(file, await csvOf(db, def.name));
      // The table as the workspace holds it (the model's columns and the import's bookkeeping), typed as there.
      await native.run(`CREATE TABLE ${def.name} AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true, quote = '"', escape = '"')`);
      const types = await db.query(`SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = '${def.name}' AND data_type <> 'VARCHAR'`);
      for (const r of types.rows) await native.run(`ALTER TABLE ${def.name} ALTER ${quoteIdent(String(r.c))} TYPE ${String(r.t)}`);
    }
    const out: Record<string, object> = {};
    for (const by of ['unit', 'region'] as const) {
      const cold: number[] = [];
      const warm: number[] = [];
      let statements: string[] = [];
      for (let i = 0; i < o.runs + 1; i++) {
        // A new reference date each run (the facts are cached per date): cold; then the same date again: warm.
        const date = `20${10 + i}-06-30`;
        const seen: string[] = [];
        const { query, queryColumns } = db;
        const target = db as { query: Connector['query']; queryColumns: Connector['queryColumns'] };
        target.query = (s) => (seen.push(s), query.call(db, s));
        target.queryColumns = (s) => (seen.push(s), queryColumns.call(db, s));
        let t = performance.now();
        try {
          await cadreStructure(db, { date, by });
        } finally {
          target.query = query;
          target.queryColumns = queryColumns;
        }
        const c = performance.now() - t;
        t = performance.now();
        await cadreStructure(db, { date, by });
        const w = performance.now() - t;
        if (i === 0) continue; // warm-up
        cold.push(c);
        warm.push(w);
        statements = seen;
      }
      // Native replays the cold run's statements (facts table, groups, counts) on the same tables.
      const nCold: number[] = [];
      const nWarm: number[] = [];
      for (let i = 0; i < o.runs + 1; i++) {
        let t = performance.now();
        for (const s of statements) (await native.runAndReadAll(s)).getColumns();
        const c = performance.now() - t;
        t = performance.now();
        for (const s of statements.filter((x) => !/^\s*CREATE/i.test(x))) (await native.runAndReadAll(s)).getColumns();
        const w = performance.now() - t;
        if (i === 0) continue;
        nCold.push(c);
        nWarm.push(w);
      }
      out[by] = {
        coldMedianMs: median(cold), coldP95Ms: p95(cold), nativeColdMedianMs: median(nCold), coldRatio: round(median(cold) / median(nCold)),
        warmMedianMs: median(warm), warmP95Ms: p95(warm), nativeWarmMedianMs: median(nWarm), warmRatio: round(median(warm) / median(nWarm)),
        statements: statements.length,
      };
      o.log(`  structure by ${by}: cold ${median(cold)} ms (native ${median(nCold)}), warm ${median(warm)} ms (native ${median(nWarm)})`);
    }
    return { what: `干部结构 at a reference date over ${n} cadres (the sample's roster ×${copies}), by unit and by region; native replays the statements sent`, cadres: n, ...out };
  } finally {
    native.closeSync();
    inst.closeSync();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
