/**
 * Vite plugin that ships the embedded sample workspace: `data/sample/**` is copied into the build under `sample/`
 * and served under `/sample/` by the dev server. A missing folder (not generated yet) emits nothing and warns.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { mimeType, resolveUnderRoot } from '../main/app-protocol-core.js';

/** URL prefix and output folder of the sample workspace. */
export const SAMPLE_PREFIX = 'sample';

/** Every file under `dir`, as forward-slash paths relative to it, sorted; [] when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** Options: `dir` defaults to `<repo>/data/sample` (the repo being the working directory Vite runs in). */
export interface SamplePluginOptions {
  readonly dir?: string;
}

/** Copy data/sample into the build as `sample/…` and serve it at `/sample/…` in `vite dev`. */
export function sampleWorkspacePlugin(options: SamplePluginOptions = {}): Plugin {
  const dir = path.resolve(options.dir ?? path.join(process.cwd(), 'data', 'sample'));
  return {
    name: 'hengjian-sample-workspace',
    generateBundle() {
      const files = listFiles(dir);
      if (files.length === 0) {
        this.warn(`sample workspace not found or empty at ${dir}: nothing copied (run npm run sample)`);
        return;
      }
      for (const rel of files) {
        this.emitFile({ type: 'asset', fileName: `${SAMPLE_PREFIX}/${rel}`, source: fs.readFileSync(path.join(dir, rel)) });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        const prefix = `/${SAMPLE_PREFIX}/`;
        if (!url.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        const target = resolveUnderRoot(url.slice(prefix.length - 1).replace(/[?#].*$/s, ''), dir);
        if (!target.ok || !fs.existsSync(target.filePath) || !fs.statSync(target.filePath).isFile()) {
          res.statusCode = target.ok ? 404 : target.status;
          res.end();
          return;
        }
        res.setHeader('Content-Type', mimeType(target.filePath));
        res.setHeader('Content-Length', String(fs.statSync(target.filePath).size));
        if (req.method === 'HEAD') return void res.end();
        fs.createReadStream(target.filePath).pipe(res);
      });
    },
  };
}
