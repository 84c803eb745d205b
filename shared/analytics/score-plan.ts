/**
 * What a composite score is computed from: the catalogue's indicators with their weights, scoring methods and
 * 满意值/不允许值/目标值, after a weighting scheme's edits, and which indicators are left out and why. Pure.
 */
import type { Direction } from '../model/vocab.js';

/** The four standardisations (../DOMAIN.md, Methods). */
export const SCORE_METHODS = ['minmax', 'zscore', 'efficacy', 'target'] as const;
export type ScoreMethod = (typeof SCORE_METHODS)[number];

export const METHOD_NAMES: Readonly<Record<ScoreMethod, string>> = {
  minmax: '极差标准化（0–100）',
  zscore: '标准分（z）',
  efficacy: '功效系数法（60–100）',
  target: '目标完成度',
};

/**
 * What a region's missing value does to its composite: 'reweight' leaves the indicator out of that region's
 * composite (its other weights count proportionally more); 'minimum' scores it as the lowest score of that
 * indicator among the compared regions.
 */
export type MissingPolicy = 'reweight' | 'minimum';

export const MISSING_POLICY_TEXT: Readonly<Record<MissingPolicy, string>> = {
  reweight: '缺失值不计分，该地区其余指标按权重重新折算',
  minimum: '缺失值按该指标所比较地区中的最低分计',
};

/** One catalogue row, as score.ts reads it. */
export interface CatalogueRow {
  readonly id: string;
  readonly name: string;
  readonly dimension: string | null;
  readonly unit: string | null;
  readonly direction: Direction;
  readonly weight: number | null;
  readonly method: string | null;
  readonly satisfactory: number | null;
  readonly disallowed: number | null;
  readonly target: number | null;
}

/** An indicator that takes part, as the score's SQL uses it. */
export interface PlannedIndicator {
  readonly id: string;
  readonly name: string;
  readonly dimension: string;
  readonly unit: string | null;
  readonly direction: Direction;
  readonly weight: number;
  readonly method: ScoreMethod;
  readonly satisfactory: number | null;
  readonly disallowed: number | null;
  readonly target: number | null;
}

export interface LeftOut {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

export const NO_DIMENSION = '未分维度';

/** The method a catalogue's 计分方法 names (功效系数法, 目标完成度, 极差法 / min-max, 标准分 / z-score), else null. */
export function methodOf(text: string | null): ScoreMethod | null {
  const t = (text ?? '').trim().toLowerCase();
  if (!t) return null;
  if (/功效/.test(t) || t === 'efficacy') return 'efficacy';
  if (/目标|完成/.test(t) || t === 'target') return 'target';
  if (/极差|极值|最大最小|min.?max/.test(t)) return 'minmax';
  if (/标准分|标准化分|z.?score|^z$/.test(t)) return 'zscore';
  return null;
}

/**
 * methodOf in SQL, for the derived build (derived.ts), with the fallback: the method a 计分方法 column names, else
 * 'efficacy' (what planIndicators gives when no method is asked for). test/shared/score.test.ts holds them equal.
 */
export function methodOfSql(column: string): string {
  const t = `lower(trim(coalesce(${column}, '')))`;
  return `CASE WHEN regexp_matches(${t}, '功效') OR ${t} = 'efficacy' THEN 'efficacy'
    WHEN regexp_matches(${t}, '目标|完成') OR ${t} = 'target' THEN 'target'
    WHEN regexp_matches(${t}, '极差|极值|最大最小|min.?max') THEN 'minmax'
    WHEN regexp_matches(${t}, '标准分|标准化分|z.?score|^z$') THEN 'zscore'
    ELSE 'efficacy' END`;
}

/** Target completion's default cap (120%); the derived catalogue scores (derived.ts) are computed with it. */
export const DEFAULT_TARGET_CAP = 1.2;

export interface PlanOptions {
  /** One method for every indicator; otherwise each indicator's catalogue method, else `fallback`. */
  readonly method?: ScoreMethod | null;
  readonly fallback?: ScoreMethod;
  /** Weights that replace the catalogue's (a scheme); an indicator absent here keeps its catalogue weight. */
  readonly weights?: Readonly<Record<string, number>> | null;
  /** Only these indicators (default: every one with a weight). */
  readonly indicators?: readonly string[] | null;
}

/** The indicators that take part and those left out (no weight, not asked for), in catalogue order. */
export function planIndicators(catalogue: readonly CatalogueRow[], o: PlanOptions = {}): { used: PlannedIndicator[]; leftOut: LeftOut[] } {
  const asked = o.indicators && o.indicators.length ? new Set(o.indicators) : null;
  const used: PlannedIndicator[] = [];
  const leftOut: LeftOut[] = [];
  for (const c of catalogue) {
    if (asked && !asked.has(c.id)) continue;
    const w = o.weights && Object.prototype.hasOwnProperty.call(o.weights, c.id) ? o.weights[c.id] : c.weight;
    if (w === null || w === undefined || !Number.isFinite(w) || w <= 0) {
      leftOut.push({ id: c.id, name: c.name, reason: w === 0 ? '权重为0' : '未设权重' });
      continue;
    }
    used.push({
      id: c.id,
      name: c.name,
      dimension: c.dimension?.trim() || NO_DIMENSION,
      unit: c.unit,
      direction: c.direction,
      weight: w,
      method: o.method ?? methodOf(c.method) ?? o.fallback ?? 'efficacy',
      satisfactory: c.satisfactory,
      disallowed: c.disallowed,
      target: c.target,
    });
  }
  return { used, leftOut };
}

/** The dimensions of the plan in first-appearance order. */
export function dimensionsOf(used: readonly PlannedIndicator[]): string[] {
  return [...new Set(used.map((u) => u.dimension))];
}
