/**
 * Bundles the main process and the preload with esbuild into dist-electron/ (one CJS file each, `electron`
 * external). The sandboxed preload may only require 'electron', so everything else is inlined.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/** The repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: REPO_ROOT,
  legalComments: 'none',
};

/** Build main.cjs and preload.cjs into `outDir` (default dist-electron/, where package.json "main" points). */
export async function buildElectron(outDir: string = path.join(REPO_ROOT, 'dist-electron')): Promise<void> {
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: path.join(outDir, 'main.cjs') }),
    build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: path.join(outDir, 'preload.cjs') }),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildElectron()
    .then(() => console.log('[build-electron] dist-electron/main.cjs, dist-electron/preload.cjs'))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
