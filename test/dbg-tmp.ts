import { createServer } from 'vite';
import { launchChromium } from './e2e/browser.js';
const vite = await createServer({ configFile: 'vite.config.ts', logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false } });
await vite.listen();
const a = vite.httpServer!.address() as { port: number };
const b = await launchChromium(); const p = await b.newPage({ viewport: { width: 1400, height: 860 } });
p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning' || /hengjian/.test(m.text())) console.log('console', m.type(), m.text().slice(0, 400)); });
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto(`http://127.0.0.1:${a.port}/`);
await p.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 120000 });
console.log('drawn', new Date().toISOString());
await p.getByTestId('level-select').getByText('市级').click();
const t = Date.now();
const rows = p.getByTestId('ranking-table').locator('tbody tr.ant-table-row');
for (let i = 0; i < 60; i++) { const n = await rows.count(); if (n === 12) { console.log('cities after', Date.now() - t, 'ms'); break; } await p.waitForTimeout(500); }
await p.screenshot({ path: '/tmp/city.png' });
await b.close(); await vite.close();
