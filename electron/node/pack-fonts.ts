/**
 * The pack's fonts from node_modules/@fontsource (Node: tests and the CLI). Paths are resolved from this module
 * with Node's resolver, so they work from the source tree (tsx) and from any working directory; a packaged app
 * passes `root` (the folder holding @fontsource) instead. The renderer would supply the same FontFiles from Vite:
 * `import.meta.glob('/node_modules/@fontsource/noto-sans-sc/files/*-400-normal.woff2', { query: '?url', import: 'default' })`
 * plus `?raw` of the css, fetching only the subsets `subsetsFor(text, css)` names before calling fontFaceCss.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { FontFiles, FontSource } from '../../shared/report/pack-font.js';
import { PACK_FONTS } from '../../shared/report/pack-html-css.js';

/** The stylesheets the pack embeds: sans 400 (charts, headings, tables' 黑体), serif 400 (body) and 700 (title). */
const FACES = [
  { pkg: 'noto-sans-sc', family: PACK_FONTS.sans, weight: 400 },
  { pkg: 'noto-serif-sc', family: PACK_FONTS.serif, weight: 400 },
  { pkg: 'noto-serif-sc', family: PACK_FONTS.serif, weight: 700 },
] as const;

/** The folder of one @fontsource package. */
function packageDir(pkg: string, root?: string): string {
  if (root) return join(root, '@fontsource', pkg);
  return dirname(createRequire(import.meta.url).resolve(`@fontsource/${pkg}/package.json`));
}

/** FontFiles over node_modules: the css read now, each woff2 only when fontFaceCss asks for it (cached). */
export function nodeFontFiles(root?: string): FontFiles {
  const dirs = new Map<FontSource, string>();
  const sources: FontSource[] = FACES.map((f) => {
    const dir = packageDir(f.pkg, root);
    const src = { family: f.family, weight: f.weight, css: readFileSync(join(dir, `${f.weight}.css`), 'utf8') };
    dirs.set(src, dir);
    return src;
  });
  const cache = new Map<string, Uint8Array | null>();
  return {
    sources,
    read(source, file) {
      const dir = dirs.get(source);
      if (!dir) return null;
      const path = normalize(join(dir, file));
      // only files inside the package, never a path the css could point elsewhere
      if (!path.startsWith(dir) || !path.endsWith('.woff2')) return null;
      if (!cache.has(path)) cache.set(path, existsSync(path) ? new Uint8Array(readFileSync(path)) : null);
      return cache.get(path) ?? null;
    },
  };
}
