/**
 * Fonts for the pack's HTML, inlined so the document needs nothing outside itself (CSP font-src data:) and prints
 * the same on every machine: only the @fontsource woff2 subsets whose unicode-range covers a character the pack
 * uses are embedded. Pure: the caller reads the files (electron/node/pack-fonts.ts in Node; in the renderer, Vite
 * `import.meta.glob('…/files/*-400-normal.woff2', { query: '?url' })` and fetch, then a Map for `read`).
 */
import { base64 } from '../util/base64.js';

/** One @fontsource stylesheet (e.g. noto-sans-sc/400.css) as text, with the family and weight the pack asks for. */
export interface FontSource {
  /** The family the pack's CSS names, e.g. 'Noto Sans SC'. */
  readonly family: string;
  readonly weight: number;
  readonly css: string;
}

/** The bundled stylesheets and a reader of the files they name ('./files/noto-sans-sc-4-400-normal.woff2'). */
export interface FontFiles {
  readonly sources: readonly FontSource[];
  /** The bytes of a file named by a source's css, or null when it is not shipped (that subset is then left out). */
  readonly read: (source: FontSource, file: string) => Uint8Array | null;
}

/** One @font-face of a stylesheet: the woff2 file it names and the code points it covers. */
export interface FontSubset {
  readonly file: string;
  readonly ranges: readonly (readonly [number, number])[];
}

/** The subsets of a @fontsource stylesheet: each block's woff2 url and its unicode-range. */
export function parseFontSubsets(css: string): FontSubset[] {
  const out: FontSubset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(([^)]+\.woff2)\)/.exec(block)?.[1]?.replace(/^['"]|['"]$/g, '');
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      const lo = parseInt(a ?? '', 16);
      return [lo, b === undefined ? lo : parseInt(b, 16)];
    });
    out.push({ file, ranges: ranges.filter(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi)) });
  }
  return out;
}

/** The distinct code points of a text (surrogate pairs counted as one). */
function codePoints(text: string): Set<number> {
  const s = new Set<number>();
  for (const ch of text) s.add(ch.codePointAt(0) as number);
  return s;
}

/** The subsets of `css` that cover at least one character of `text`, in stylesheet order. */
export function subsetsFor(text: string, css: string): FontSubset[] {
  const cps = [...codePoints(text)];
  let subsets = PARSED.get(css);
  if (!subsets) PARSED.set(css, (subsets = parseFontSubsets(css)));
  return subsets.filter((s) => cps.some((c) => s.ranges.some(([lo, hi]) => c >= lo && c <= hi)));
}

/**
 * @font-face rules for the characters of `text`, each subset's woff2 inlined as a data: URI with its
 * unicode-range (so the browser still picks per character). Subsets whose file cannot be read are left out.
 * With `url`, rules name the subset by that URL instead (a printer that serves the files itself, see
 * electron/node/pack-node-host.ts), so a batch's documents stay small and the browser decodes each subset once.
 */
export function fontFaceCss(text: string, files: FontFiles, opts: { readonly url?: (source: FontSource, file: string) => string } = {}): string {
  // A batch asks for the same subsets pack after pack: each rule (its base64 is the cost) is made once per reader.
  const owner: object = opts.url ?? files.read;
  let made = RULES.get(owner);
  if (!made) RULES.set(owner, (made = new Map()));
  const rules: string[] = [];
  for (const src of files.sources) {
    for (const sub of subsetsFor(text, src.css)) {
      const key = `${src.family}|${src.weight}|${sub.file}`;
      let rule = made.get(key);
      if (rule === undefined) {
        const bytes = opts.url ? null : files.read(src, sub.file);
        if (!opts.url && !bytes) continue;
        const range = sub.ranges.map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`)).join(',');
        // The family is ours (a constant of the caller), never data; quotes stripped all the same.
        rule =
          `@font-face{font-family:'${src.family.replace(/['"\\]/g, '')}';font-style:normal;font-weight:${Math.round(src.weight)};font-display:block;` +
          `src:url(${opts.url ? opts.url(src, sub.file) : `data:font/woff2;base64,${base64(bytes as Uint8Array)}`}) format('woff2');unicode-range:${range};}`;
        made.set(key, rule);
      }
      rules.push(rule);
    }
  }
  return rules.join('\n');
}

const PARSED = new Map<string, FontSubset[]>();
const RULES = new WeakMap<object, Map<string, string>>();
