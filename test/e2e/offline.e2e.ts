/**
 * "No network, ever", proved on one app run: inside a network namespace with no network (`unshare -n`; only
 * loopback, brought up inside), test/offline/drive-app.ts starts the app as `npm start` does, drives Debian's
 * Chromium through the sample workspace's main views and opens 帮助 → 离线自检, all under `strace -f`. The test then
 * checks the run, the self-test's verdict and lists, and every connect() against the rule of
 * test/support/strace-connects.ts (AF_UNIX anything, AF_INET only 127.0.0.1:<app port>, Chromium's silent IPv6
 * probe; nothing else). Skipped, saying why, where unshare, ip or strace is not available.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/serve-app.js';
import { forbiddenConnects, parseConnects } from '../support/strace-connects.js';
import type { DriveResult } from '../offline/drive-app.js';
import { MAIN_VIEWS } from '../offline/main-views.js';
import { ARTIFACTS, CHROMIUM } from './browser.js';

/** Why the netns run cannot happen here, or null when it can. */
function unavailable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform}): network namespaces are Linux's`;
  if (spawnSync('strace', ['-V']).status !== 0) return 'strace not installed (apt-get install strace; CI installs it)';
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && ip -o link show'], { encoding: 'utf8' });
  if (probe.error) return `unshare not found: ${probe.error.message}`;
  if (probe.status !== 0) return `unshare -n with ip link set lo up is not permitted here: ${(probe.stderr || probe.stdout).trim().split('\n')[0]}`;
  if (!CHROMIUM) return 'no Chromium';
  return null;
}

const why = unavailable();
if (why) console.warn(`[offline] skipped: ${why}`);

/** Run `sh -c script` in a fresh network namespace; resolves with its exit code and output. */
function inNetns(script: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('unshare', ['-n', 'sh', '-c', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(why !== null)('the app run in a network namespace with no network, under strace', () => {
  it('serves, shows every main view and passes 离线自检, with no socket outside the rule', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hj-offline-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const [trace, result, shot, links] = ['connect.strace', 'result.json', 'offline-check.png', 'links.txt'].map((f) => path.join(f === 'offline-check.png' ? ARTIFACTS : dir, f)) as [string, string, string, string];
    const script = [
      'set -e',
      'ip link set lo up',
      `ip -o link show > '${links}'`,
      `exec strace -f -qq -e trace=socket,connect,sendto,sendmsg,sendmmsg -o '${trace}' node --import tsx test/offline/drive-app.ts '${result}' '${shot}'`,
    ].join('\n');
    const run = await inNetns(script, 540_000);
    expect(run.code, run.output.slice(-4000)).toBe(0);

    // The namespace had loopback only.
    expect(readFileSync(links, 'utf8').trim().split('\n').map((l) => l.split(':')[1]?.trim())).toEqual(['lo']);

    const r = JSON.parse(readFileSync(result, 'utf8')) as DriveResult;
    expect(r.views.map((v) => v.label)).toEqual(MAIN_VIEWS.map((v) => v.label));
    expect(r.verdict).toBe('通过');
    for (const kind of ['font', 'wasm', 'worker', 'map']) expect(r.counts[kind], kind).toBeGreaterThan(0);
    expect(r.counts.wasm).toBe(1);
    expect(r.checks).toHaveLength(5);
    for (const c of r.checks) expect(c).toContain('\t通过\t');
    expect(r.exported.map((f) => f.split('/')[1])).toEqual(['离线自检.html', '离线自检.json', '离线自检.txt']);
    expect(r.outside).toEqual([]);
    expect(r.consoleErrors).toEqual([]);

    const connects = parseConnects(readFileSync(trace, 'utf8'));
    // strace saw the browser talk to the app (else the rule below would hold vacuously).
    expect(connects.filter((c) => c.family === 'AF_INET' && c.port === r.port).length).toBeGreaterThan(3);
    const bad = forbiddenConnects(connects, r.port);
    expect(bad.map((c) => c.line), `connects outside the rule:\n${bad.map((c) => c.line).join('\n')}`).toEqual([]);
    console.info(
      `[offline] ${connects.length} connect() calls: ${connects.filter((c) => c.family === 'AF_UNIX').length} AF_UNIX, ${connects.filter((c) => c.family === 'AF_INET').length} to 127.0.0.1:${r.port}, ${connects.filter((c) => c.family === 'AF_INET6').length} IPv6 probe; views ${r.views.map((v) => `${v.label} ${v.ms} ms`).join(', ')}`,
    );
  });
});
