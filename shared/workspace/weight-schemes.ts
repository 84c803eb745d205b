/**
 * Named weighting schemes, kept in the workspace's 'weights' document: weights edited in the app (indicator id →
 * weight, over the catalogue's), the method and the missing-value policy, and each scheme's history (every earlier
 * version with its time). The document is user JSON: read defensively, never trusted.
 */
import { SCORE_METHODS, type MissingPolicy, type ScoreMethod } from '../analytics/score-plan.js';

export const WEIGHTS_VERSION = 1;
/** Earlier versions kept per scheme. */
export const HISTORY_LIMIT = 50;

export interface SchemeVersion {
  readonly at: string;
  readonly weights: Readonly<Record<string, number>>;
  readonly method: ScoreMethod | null;
  readonly missing: MissingPolicy;
}

export interface WeightScheme extends SchemeVersion {
  readonly name: string;
  /** Earlier versions, newest first. */
  readonly history: readonly SchemeVersion[];
}

export interface WeightSchemes {
  readonly active: string | null;
  readonly schemes: readonly WeightScheme[];
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

function readWeights(x: unknown): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  if (isObj(x)) for (const [k, v] of Object.entries(x)) if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && k.length <= 64) out[k] = v;
  return out;
}

function readVersion(x: Record<string, unknown>): SchemeVersion {
  return {
    at: typeof x.at === 'string' ? x.at.slice(0, 40) : '',
    weights: readWeights(x.weights),
    method: typeof x.method === 'string' && (SCORE_METHODS as readonly string[]).includes(x.method) ? (x.method as ScoreMethod) : null,
    missing: x.missing === 'minimum' ? 'minimum' : 'reweight',
  };
}

/** The schemes in a 'weights' document (anything malformed is left out; names are unique, the first wins). */
export function readWeightSchemes(doc: unknown): WeightSchemes {
  const d = isObj(doc) ? doc : {};
  const seen = new Set<string>();
  const schemes: WeightScheme[] = [];
  for (const s of Array.isArray(d.schemes) ? d.schemes : []) {
    if (!isObj(s) || typeof s.name !== 'string') continue;
    const name = s.name.trim().slice(0, 60);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const history = (Array.isArray(s.history) ? s.history : []).filter(isObj).slice(0, HISTORY_LIMIT).map(readVersion);
    schemes.push({ name, ...readVersion(s), history });
  }
  const active = typeof d.active === 'string' && seen.has(d.active) ? d.active : null;
  return { active, schemes };
}

/** A scheme by name, or null. */
export function findScheme(s: WeightSchemes, name: string | null): WeightScheme | null {
  return name === null ? null : (s.schemes.find((x) => x.name === name) ?? null);
}

/**
 * The 'weights' document with scheme `name` saved as `version` and made active: a new scheme, or a new version of
 * an existing one whose previous version goes to its history. Other keys of the document are kept.
 */
export function withSchemeVersion(doc: unknown, name: string, version: SchemeVersion): Record<string, unknown> {
  const n = name.trim().slice(0, 60);
  if (!n) throw new Error('方案名称不能为空');
  const s = readWeightSchemes(doc);
  const old = findScheme(s, n);
  const next: WeightScheme = {
    name: n,
    ...version,
    weights: readWeights(version.weights),
    history: old ? [{ at: old.at, weights: old.weights, method: old.method, missing: old.missing }, ...old.history].slice(0, HISTORY_LIMIT) : [],
  };
  const schemes = old ? s.schemes.map((x) => (x.name === n ? next : x)) : [...s.schemes, next];
  return { ...(isObj(doc) ? doc : {}), version: WEIGHTS_VERSION, active: n, schemes };
}

/** The 'weights' document without scheme `name` (the active one falls back to none). */
export function withoutScheme(doc: unknown, name: string): Record<string, unknown> {
  const s = readWeightSchemes(doc);
  return { ...(isObj(doc) ? doc : {}), version: WEIGHTS_VERSION, active: s.active === name ? null : s.active, schemes: s.schemes.filter((x) => x.name !== name) };
}

/** The 'weights' document with `name` active (null: the catalogue's weights). */
export function withActiveScheme(doc: unknown, name: string | null): Record<string, unknown> {
  const s = readWeightSchemes(doc);
  return { ...(isObj(doc) ? doc : {}), version: WEIGHTS_VERSION, active: findScheme(s, name) ? name : null, schemes: s.schemes };
}
