/**
 * `--quick` reuses the production build in dist/ when it is newer than every source the build reads, instead of
 * running `npm start`'s Vite build again: the app is then served from dist/ by Vite's preview, as `npm start` serves
 * it after building. A stale or missing build is rebuilt through `npm start` (startApp), as the full run always does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { freePort, REPO_ROOT } from '../support/serve-app.js';

/** What the renderer build reads: its sources, the sample it copies in, its plugins and config, the installed deps. */
const BUILD_INPUTS = ['renderer', 'shared', 'data/sample', 'data/generator', 'electron/dev', 'electron/main', 'vite.config.ts', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'];

/** The newest modification time (ms) under `p` (a file or a folder, walked), and that file; 0 when missing. */
export function newestMtime(p: string): { ms: number; file: string } {
  let best = { ms: 0, file: '' };
  const walk = (q: string): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(q);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(q)) if (e !== 'node_modules') walk(path.join(q, e));
    } else if (st.mtimeMs > best.ms) best = { ms: st.mtimeMs, file: q };
  };
  walk(p);
  return best;
}

/** Whether dist/ holds a build newer than every build input (root: the repository), and why not. */
export function distFreshness(root = REPO_ROOT): { fresh: boolean; reason: string } {
  const built = newestMtime(path.join(root, 'dist', 'index.html')).ms;
  if (!built) return { fresh: false, reason: 'no dist/index.html' };
  for (const input of BUILD_INPUTS) {
    const n = newestMtime(path.join(root, input));
    if (n.ms > built) return { fresh: false, reason: `${path.relative(root, n.file)} is newer than dist/` };
  }
  return { fresh: true, reason: `dist/ built ${new Date(built).toISOString()}, newer than every build input` };
}

/** dist/ served on 127.0.0.1 by Vite's preview, as `npm start` serves it after its build. */
export async function serveDist(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const server = await preview({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), root: path.join(REPO_ROOT, 'renderer'), preview: { host: '127.0.0.1', port, strictPort: true, open: false }, logLevel: 'warn' });
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.close() };
}
