/**
 * Presenter notes of a saved view shown as a slide: what the room sees and how it was set up (analysis, indicator,
 * period, region, level, the view's own parameters), as plain lines. Pure, so the CLI and packs can reuse it.
 */
import type { SavedView } from './saved-views.js';

/** Labels the notes use; the renderer passes translated ones and looks up display names. */
export interface SavedViewNoteLabels {
  /** The analysis's display name (趋势分析). */
  readonly view: string;
  /** Display names by id, where known (indicator name, region name, level label). */
  readonly indicator?: string | null;
  readonly region?: string | null;
  readonly level?: string | null;
  /** Line templates with {value} / {view}: the translator's strings. */
  readonly line: (key: 'view' | 'indicator' | 'period' | 'region' | 'level' | 'params' | 'savedAt', value: string) => string;
  /** What an unset choice is called (默认). */
  readonly unset: string;
}

const cut = (s: string, n: number): string => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/** One parameter value in words: lists joined with 、, objects as compact JSON, everything cut to 60 characters. */
export function paramText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return cut(v.map((x) => paramText(x)).join('、'), 60);
  if (typeof v === 'object') return cut(JSON.stringify(v), 60);
  return cut(String(v), 60);
}

/** The notes of one saved view, line by line: its name first, then the analysis and its settings. */
export function savedViewNotes(v: SavedView, l: SavedViewNoteLabels): string[] {
  const s = v.selection;
  const params = Object.entries(v.params)
    .filter(([, x]) => x !== null && x !== undefined && !(Array.isArray(x) && x.length === 0))
    .map(([k, x]) => `${k}=${paramText(x)}`);
  return [
    v.name,
    l.line('view', l.view),
    l.line('indicator', l.indicator ?? s.indicator ?? l.unset),
    l.line('period', s.period ?? l.unset),
    l.line('region', l.region ?? s.region ?? l.unset),
    l.line('level', l.level ?? s.level),
    ...(params.length ? [l.line('params', params.join('；'))] : []),
    ...(v.savedAt ? [l.line('savedAt', v.savedAt.replace('T', ' ').slice(0, 16))] : []),
  ];
}
