import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { findElectronBinary } from '../../electron/dev/electron-binary.js';

/** The repository's root. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** The app served by `npm start`, as the e2e suite and the Chromium bench drive it. */
export interface ServedApp {
  readonly url: string;
  /** Everything `npm start` printed until the app was served. */
  readonly log: string;
  /** True when `npm start` fell back to the browser host for want of an Electron binary. */
  readonly withoutElectron: boolean;
  /** The `npm start` process (its group is killed by stop). */
  readonly process: ChildProcess;
  readonly stop: () => void;
}

/**
 * Start the app exactly as the README's quick start does, `npm start` (a production build, then served on
 * 127.0.0.1), and resolve with the URL it prints once that URL answers. Where an Electron binary exists, the same
 * app is served with `npm start -- --browser`, and a warning says so.
 */
export async function startApp(port?: number): Promise<ServedApp> {
  const hasElectron = findElectronBinary(REPO_ROOT) !== null;
  const args = hasElectron ? ['start', '--', '--browser'] : ['start'];
  if (hasElectron) console.warn('[app] an Electron binary is installed: serving with `npm start -- --browser` (the no-binary fallback is not exercised)');
  // PORT keeps parallel runs apart and BROWSER=none keeps a developer's desktop browser closed; a newcomer needs neither.
  const env = { ...process.env, PORT: String(port ?? (await freePort())), BROWSER: 'none' };
  const server = spawn('npm', args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const stop = () => {
    if (!server.pid) return;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
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
    if (Date.now() > deadline) {
      stop();
      throw new Error(`npm ${args.join(' ')} printed no served URL within 240 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, log, withoutElectron: !hasElectron, process: server, stop };
}
