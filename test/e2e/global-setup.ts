import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findElectronBinary } from '../../electron/dev/electron-binary.js';

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

let server: ChildProcess | null = null;

/**
 * Start the app exactly as the README's quick start does, `npm start`, and hand the URL it prints to the tests.
 * Here no Electron binary exists, so `npm start` serves the browser host; where one exists, the same suite runs
 * against `npm start -- --browser` (the desktop window is the smoke test's business), and says so.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const hasElectron = findElectronBinary(root) !== null;
  const args = hasElectron ? ['start', '--', '--browser'] : ['start'];
  if (hasElectron) console.warn('[e2e] an Electron binary is installed: serving with `npm start -- --browser` (the no-binary fallback is not exercised)');
  // PORT keeps parallel runs apart and BROWSER=none keeps a developer's desktop browser closed; a newcomer needs neither.
  const env = { ...process.env, PORT: String(process.env.E2E_PORT ?? (await freePort())), BROWSER: 'none' };
  server = spawn('npm', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 240_000;
  let url: string | null = null;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm ${args.join(' ')} exited (${server.exitCode}):\n${log}`);
    url ??= /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log)?.[1] ?? null;
    if (url !== null) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        /* not up yet */
      }
    }
    if (Date.now() > deadline) throw new Error(`npm ${args.join(' ')} printed no served URL within 240 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('appUrl', url);
  project.provide('startLog', log);
  project.provide('startedWithoutElectron', !hasElectron);
  return async () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    /** Everything `npm start` printed until the app was served. */
    startLog: string;
    /** True when the suite runs on `npm start`'s no-Electron fallback. */
    startedWithoutElectron: boolean;
  }
}
