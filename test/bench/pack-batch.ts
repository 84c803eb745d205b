/**
 * The batch's cost on the sample: packContext once for the newest quarter, then buildPackFrom for every target.
 * Run: npx tsx test/bench/pack-batch.ts [period]
 */
import { createNodeConnector } from '../../electron/node/duckdb-node.js';
import { openTarget, workspaceTarget } from '../../electron/node/workspace-target.js';
import { buildPackFrom, packContext, packTargets } from '../../shared/report/pack-model.js';
import { SAMPLE_DIR } from '../support/sample-data.js';

const db = await createNodeConnector();
const t0 = performance.now();
const ws = await openTarget(db, workspaceTarget(SAMPLE_DIR));
const t1 = performance.now();
const period = process.argv[2] ?? String((await db.query("SELECT max(period) AS p FROM indicator_values WHERE period LIKE '%Q%'")).rows[0]?.p);
const targets = await packTargets(db, period);
const ctx = await packContext(db, period, { watermark: { user: '测试', time: '2026-12-07 09:30', machine: 'PC-01' }, documents: ws.documents, demo: true });
const t2 = performance.now();
const times: number[] = [];
let sentences = 0;
let shown = false;
for (const t of targets) {
  const s = performance.now();
  const m = await buildPackFrom(ctx, { period, regionCode: t.regionCode });
  times.push(performance.now() - s);
  sentences += m.indicatorSentences.length;
  if (t.level === 'county' && !shown) {
    shown = true;
    console.log([m.title, `一把手：${m.leader?.name ?? '空缺'}`, ...m.findings.map((f) => `[${f.template}] ${f.text}`), ...m.indicatorSentences].join('\n'));
  }
}
const t3 = performance.now();
times.sort((a, b) => a - b);
console.log(`open ${(t1 - t0).toFixed(0)} ms; ${targets.length} targets; context ${(t2 - t1).toFixed(0)} ms; packs ${(t3 - t2).toFixed(0)} ms (median ${times[times.length >> 1]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(0)} ms); ${sentences} sentences`);
await db.close();
