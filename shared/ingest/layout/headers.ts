/**
 * Header normalisation and matching: full-width forms folded, spaces and newlines removed, a unit in
 * brackets split off; alias matching against the canonical tables' Chinese labels and `aliases`; and a small
 * fuzzy scorer (bigram Dice and Levenshtein) that returns the best candidate with runner-ups for the UI.
 */
import type { TableDef } from '../../model/schema.js';
import { isUnit } from './headers-units.js';
import { wideFold } from '../values/values-core.js';

export { isUnit, unitScale, unitInTitle, cleanUnit } from './headers-units.js';

/** A header cell, normalised for matching. */
export interface HeaderText {
  /** The header as shown to people (parts of a two-row header joined with '/'). */
  readonly text: string;
  /** Folded, without spaces and unit: what matching compares. */
  readonly name: string;
  readonly unit: string | null;
}

/** Fold full-width forms (（） become ()), drop every space and line break. */
export function foldHeader(raw: string): string {
  return wideFold(raw).replace(/\s+/gu, '');
}

const BRACKETED = /^(.*?)[([【〔]([^()[\]【】〔〕]*)[)\]】〕]$/u;

/** Split a trailing unit: '地区生产总值（亿元）' → 地区生产总值 + 亿元; '增速(%)' and '增速%' → 增速 + %. */
export function splitUnit(folded: string): { name: string; unit: string | null } {
  const m = BRACKETED.exec(folded);
  if (m && isUnit(m[2] as string)) return { name: m[1] as string, unit: (m[2] as string).replace(/^单位[:：]?/u, '') };
  const pct = /^(.+?)(?:±)?([%‰])$/u.exec(folded);
  if (pct) return { name: pct[1] as string, unit: pct[2] as string };
  return { name: folded, unit: null };
}

/** The parts of a combined header ('地区生产总值/增速（%）'), split on '/' outside brackets ('（吨标准煤/万元）'). */
export function headerParts(header: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of header) {
    if ('(（[【〔'.includes(ch)) depth++;
    else if (')）]】〕'.includes(ch)) depth = Math.max(0, depth - 1);
    if (ch === '/' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Normalise a header cell's text. */
export function normalizeHeader(raw: string): HeaderText {
  const folded = foldHeader(raw);
  return { text: raw.replace(/\s+/gu, ' ').trim(), ...splitUnit(folded) };
}

/** A header key for matching: folded, unit split off, '其中:' and enumerations ('1.', '一、', '（一）') removed. */
export function headerKey(raw: string): string {
  return splitUnit(foldHeader(raw)).name.replace(/^(?:其中[:：]?|[0-9]+[.、]|[一二三四五六七八九十]+、|\([一二三四五六七八九十0-9]+\))/u, '');
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => (chars[i] as string) + c);
}

/** Sørensen–Dice coefficient over character bigrams (0..1). */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let both = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      both++;
      counts.set(g, n - 1);
    }
  }
  return (2 * both) / (x.length + y.length);
}

/** Levenshtein distance over code points. */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

/**
 * Similarity of two header keys (0..1): 1 when equal; a key contained in the other scores by how much of
 * the longer it covers (so '职务' matches '现任职务' well, '名称' matches '指标名称' less); otherwise the better
 * of bigram Dice and 1 − normalised Levenshtein.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const [la, lb] = [[...a].length, [...b].length];
  const lev = 1 - levenshtein(a, b) / Math.max(la, lb);
  let s = Math.max(dice(a, b), lev);
  if (Math.min(la, lb) >= 2 && (a.includes(b) || b.includes(a))) s = Math.max(s, 0.6 + 0.35 * (Math.min(la, lb) / Math.max(la, lb)));
  return Math.round(s * 1000) / 1000;
}

/** Something a header can denote: a canonical column, a role, an indicator. */
export interface Candidate<T> {
  readonly target: T;
  /** The label shown for this target ('出生年月'). */
  readonly label: string;
  /** Spellings that denote it: label, aliases, codes. */
  readonly names: readonly string[];
}

/** A candidate with its score (0..1). */
export interface Scored<T> {
  readonly target: T;
  readonly label: string;
  readonly score: number;
}

/** The best candidate and the runner-ups. */
export interface HeaderMatch<T> {
  /** The best candidate at or above `min`, else null. */
  readonly best: Scored<T> | null;
  /** Runner-ups (and the best when below `min`), best first, for the UI to offer. */
  readonly alternatives: readonly Scored<T>[];
}

/** Score a header against candidates; exact names score 1, fuzzy ones by `similarity`. */
export function matchHeader<T>(header: string, candidates: readonly Candidate<T>[], opts: { min?: number; keep?: number } = {}): HeaderMatch<T> {
  const key = headerKey(header);
  const scored = candidates
    .map((c) => ({ target: c.target, label: c.label, score: Math.max(0, ...c.names.map((n) => similarity(key, headerKey(n)))) }))
    .filter((s) => s.score > 0.3)
    .sort((a, b) => b.score - a.score);
  const min = opts.min ?? 0.6;
  const top = scored[0];
  const best = top && top.score >= min ? top : null;
  return { best, alternatives: scored.slice(best ? 1 : 0, (best ? 1 : 0) + (opts.keep ?? 3)) };
}

/** Candidates for the columns of a canonical table: the Chinese label and every alias. */
export function columnCandidates(def: TableDef): Candidate<string>[] {
  return def.columns.map((c) => ({ target: c.name, label: c.label.zh, names: [c.label.zh, ...(c.aliases ?? [])] }));
}

/** Candidates for indicators of the catalogue: by name and by code. */
export function indicatorCandidates(list: readonly { id: string; name: string }[]): Candidate<string>[] {
  return list.map((i) => ({ target: i.id, label: i.name, names: [i.name, i.id] }));
}
