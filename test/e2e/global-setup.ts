import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

/** A free port on 127.0.0.1 (PORT may still be set by the caller). */
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

/** Build and serve the app exactly as a user does with `npm run web`, then hand the URL to the tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = Number(process.env.E2E_PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}/`;
  server = spawn('npm', ['run', '-s', 'web'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm run web exited (${server.exitCode}):\n${log}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`npm run web did not serve ${url} within 240 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('appUrl', url);
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
  }
}
