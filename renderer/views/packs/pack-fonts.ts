/**
 * The pack's bundled fonts in the renderer: the same @fontsource stylesheets as the Node loader
 * (electron/node/pack-fonts.ts), their woff2 subsets shipped as app assets (URLs from Vite) and fetched from the
 * app itself only when a pack's text needs them, then inlined as data: URIs by the shared fontFaceCss.
 */
import sans400 from '@fontsource/noto-sans-sc/400.css?raw';
import serif400 from '@fontsource/noto-serif-sc/400.css?raw';
import serif700 from '@fontsource/noto-serif-sc/700.css?raw';
import { fontFaceCss, subsetsFor, type FontFiles, type FontSource } from '../../../shared/report/pack-font.js';
import { PACK_FONTS } from '../../../shared/report/pack-html-css.js';
import { MARGIN_EXTRA_TEXT } from '../../../shared/report/print-templates.js';

const URLS: Record<string, string> = {
  ...(import.meta.glob('../../../node_modules/@fontsource/noto-sans-sc/files/*-400-normal.woff2', { query: '?url', import: 'default', eager: true }) as Record<string, string>),
  ...(import.meta.glob('../../../node_modules/@fontsource/noto-serif-sc/files/*-{400,700}-normal.woff2', { query: '?url', import: 'default', eager: true }) as Record<string, string>),
};
const BY_FILE = new Map(Object.entries(URLS).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

const SOURCES: readonly FontSource[] = [
  { family: PACK_FONTS.sans, weight: 400, css: sans400 },
  { family: PACK_FONTS.serif, weight: 400, css: serif400 },
  { family: PACK_FONTS.serif, weight: 700, css: serif700 },
];

const cache = new Map<string, Uint8Array | null>();
const base = (file: string) => file.slice(file.lastIndexOf('/') + 1);

async function fetchSubsets(text: string, sources: readonly FontSource[]): Promise<FontFiles> {
  for (const src of sources) {
    for (const sub of subsetsFor(text, src.css)) {
      const name = base(sub.file);
      if (cache.has(name)) continue;
      const url = BY_FILE.get(name);
      cache.set(name, url ? new Uint8Array(await (await fetch(url)).arrayBuffer()) : null);
    }
  }
  return { sources, read: READ };
}

/** One reader for every call, so fontFaceCss makes each rule (its base64) once per session. */
const READ: FontFiles['read'] = (_src, file) => cache.get(base(file)) ?? null;

/** @font-face rules (data: URIs) covering `body` in the body faces and `title` in the title's bold serif. */
export async function packFontCss({ body, title }: { readonly body: string; readonly title: string }): Promise<string> {
  const bold = (s: FontSource) => s.weight >= 700;
  return fontFaceCss(body, await fetchSubsets(body, SOURCES.filter((s) => !bold(s)))) + '\n' + fontFaceCss(title, await fetchSubsets(title, SOURCES.filter(bold)));
}

/** The sans subsets covering `text` (chart images, which cannot see the page's fonts either). */
export async function sansFontCss(text: string): Promise<string> {
  return fontFaceCss(text, await fetchSubsets(text, SOURCES.slice(0, 1)));
}

/** The sans subsets for the PDF margins' text (header and footer cannot see the page's fonts). */
export async function marginFontCss(text: string): Promise<string> {
  return sansFontCss(`${text}${MARGIN_EXTRA_TEXT}`);
}
