/**
 * Saved views, kept in the workspace's 'views' document under `saved`: the analysis, its parameters and the shared
 * selection, by name, in the user's order. Packs and projection reopen them, so every entry carries the version of
 * its format. The document is user JSON: read defensively, never trusted.
 */
export const SAVED_VIEW_VERSION = 1;

export interface SavedSelection {
  readonly indicator: string | null;
  readonly period: string | null;
  readonly region: string | null;
  readonly level: string;
}

export interface SavedView {
  readonly id: string;
  readonly name: string;
  /** The view's id (ranking, scores, heatmap, …). */
  readonly view: string;
  readonly selection: SavedSelection;
  /** The view's own parameters, as JSON. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly savedAt: string;
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown, max = 80): string | null => (typeof x === 'string' ? x.slice(0, max) : null);

function readSelection(x: unknown): SavedSelection {
  const s = isObj(x) ? x : {};
  return { indicator: str(s.indicator), period: str(s.period, 16), region: str(s.region, 16), level: str(s.level, 16) ?? 'county' };
}

/** The saved views of a 'views' document, in order (malformed entries and entries of later versions left out). */
export function readSavedViews(doc: unknown): SavedView[] {
  const d = isObj(doc) ? doc : {};
  const out: SavedView[] = [];
  const ids = new Set<string>();
  for (const e of Array.isArray(d.saved) ? d.saved : []) {
    if (!isObj(e)) continue;
    const id = str(e.id, 40);
    const name = str(e.name, 60)?.trim();
    const view = str(e.view, 24);
    const version = typeof e.version === 'number' ? e.version : 0;
    if (!id || !name || !view || ids.has(id) || version < 1 || version > SAVED_VIEW_VERSION) continue;
    ids.add(id);
    out.push({ id, name, view, selection: readSelection(e.selection), params: isObj(e.params) ? e.params : {}, version, savedAt: str(e.savedAt, 40) ?? '' });
  }
  return out;
}

function withSaved(doc: unknown, saved: readonly SavedView[]): Record<string, unknown> {
  return { ...(isObj(doc) ? doc : {}), saved };
}

/** The document with a new saved view appended (its id made unique). */
export function withNewSavedView(doc: unknown, v: Omit<SavedView, 'id' | 'version'>, id: string): Record<string, unknown> {
  const all = readSavedViews(doc);
  const name = v.name.trim().slice(0, 60);
  if (!name) throw new Error('视图名称不能为空');
  let unique = id;
  for (let i = 2; all.some((x) => x.id === unique); i++) unique = `${id}-${i}`;
  return withSaved(doc, [...all, { ...v, name, id: unique, version: SAVED_VIEW_VERSION }]);
}

/** The document with a saved view renamed. */
export function withRenamedView(doc: unknown, id: string, name: string): Record<string, unknown> {
  const n = name.trim().slice(0, 60);
  if (!n) throw new Error('视图名称不能为空');
  return withSaved(doc, readSavedViews(doc).map((x) => (x.id === id ? { ...x, name: n } : x)));
}

/** The document with a saved view moved by `delta` places (clamped). */
export function withMovedView(doc: unknown, id: string, delta: number): Record<string, unknown> {
  const all = readSavedViews(doc);
  const from = all.findIndex((x) => x.id === id);
  if (from < 0) return withSaved(doc, all);
  const to = Math.max(0, Math.min(all.length - 1, from + delta));
  const [item] = all.splice(from, 1);
  all.splice(to, 0, item as SavedView);
  return withSaved(doc, all);
}

/** The document without a saved view. */
export function withoutSavedView(doc: unknown, id: string): Record<string, unknown> {
  return withSaved(doc, readSavedViews(doc).filter((x) => x.id !== id));
}
