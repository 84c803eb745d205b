import { createNodeConnector } from '../electron/node/duckdb-node.js';
import { openTarget, workspaceTarget } from '../electron/node/workspace-target.js';
import { openNodePackHost } from '../electron/node/pack-node-host.js';
import { buildPackFrom, packContext } from '../shared/report/pack-model.js';
import { packWriters } from '../shared/report/pack-writers.js';
import { packPptx } from '../shared/report/pack-pptx.js';

const db = await createNodeConnector();
const ws = await openTarget(db, workspaceTarget('data/sample'));
const ctx = await packContext(db, '2025Q4', { watermark: { user: 'u', time: 't', machine: 'm' }, documents: ws.documents, demo: true });
const w = packWriters(ws.documents.maps);
const host = await openNodePackHost();
for (const code of ['990102', '990103', '990104']) {
  const model = await buildPackFrom(ctx, { period: '2025Q4', regionCode: code });
  let t = Date.now();
  const charts = w.charts(model);
  const tc = Date.now() - t;
  const sel = charts.filter((c) => c.key === 'heat' || c.key === 'map');
  t = Date.now();
  const png = await host.rasterize(sel);
  const tr = Date.now() - t;
  t = Date.now();
  const pptx = await packPptx(model, png);
  console.log(code, 'charts', tc, 'raster', tr, sel.map((c) => `${c.key} ${c.width}x${c.height} svg ${(c.svg.length / 1024).toFixed(0)}KB png ${((png.get(c.key)?.length ?? 0) / 1024).toFixed(0)}KB`).join('; '), 'pptx', Date.now() - t, (pptx.length / 1024).toFixed(0), 'KB');
}
await host.close();
await db.close();
