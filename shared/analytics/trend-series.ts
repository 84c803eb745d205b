/**
 * The arithmetic of one trend line, pure and period-aware: YoY on a same-span basis, QoQ only where it means
 * something, a trailing moving average, completion of the annual target against 时序进度, and streaks.
 */
import { parsePeriod, samePeriodLastYear, previousPeriod } from '../model/period.js';
import type { Basis, Direction } from '../model/vocab.js';

/** One period of one region's line; null wherever a number cannot honestly be given. */
export interface TrendPoint {
  readonly period: string;
  readonly value: number | null;
  /** Year on year: growth in % for totals; for % indicators the change in 个百分点. */
  readonly yoy: number | null;
  /** Against the previous period: only for single-period (当期) values, never for year-to-date ones. */
  readonly qoq: number | null;
  /** Trailing moving average of `maOf` (value, or yoy for year-to-date totals). */
  readonly ma: number | null;
  readonly benchmark: number | null;
  /** Year-to-date completion of the annual target in %, and the schedule (时序进度) it is read against. */
  readonly completion: number | null;
  readonly schedule: number | null;
}

/** A run of consecutive periods, first and last included. */
export interface Streak {
  /** worsening: 同比下降 for year-to-date totals, else worse than the period before (direction-aware); behind: worse than the benchmark. */
  readonly kind: 'worsening' | 'behind';
  readonly from: string;
  readonly to: string;
  readonly length: number;
}

export interface RawPoint {
  readonly period: string;
  readonly value: number | null;
  /** yoy_pct as delivered, preferred over a computed one when present. */
  readonly yoyReported: number | null;
  readonly annualTarget: number | null;
}

export interface SeriesRules {
  readonly basis: Basis | null;
  readonly unit: string | null;
  readonly direction: Direction;
  readonly targetValue: number | null;
  readonly window: number;
}

/** QoQ is meaningful only for single-period values: on year-to-date (累计) or annual (年度) values it is refused. */
export function qoqAllowed(basis: Basis | null, kind: 'year' | 'quarter' | 'month'): boolean {
  return basis === '当期' && kind !== 'year';
}

/** Which series the moving average smooths: YoY for year-to-date totals (their values restart each January). */
export function movingAverageOf(basis: Basis | null, unit: string | null): 'value' | 'yoy' {
  return (basis ?? '累计') === '累计' && unit !== '%' ? 'yoy' : 'value';
}

/** The 时序进度 of a period in %: Q1 25, H1 50, Q3 75, full year 100; months n/12. null for years. */
export function scheduleOf(period: string): number | null {
  const p = parsePeriod(period);
  if (!p || p.kind === 'year') return null;
  return p.kind === 'quarter' ? p.index * 25 : Math.round((p.index / 12) * 1000) / 10;
}

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

/** Build the points of one line from its raw values (any order), over the given periods (ascending). */
export function buildPoints(periods: readonly string[], raw: readonly RawPoint[], rules: SeriesRules, bench: ReadonlyMap<string, number>): TrendPoint[] {
  const by = new Map(raw.map((r) => [r.period, r]));
  const val = (p: string) => by.get(p)?.value ?? null;
  const kind = parsePeriod(periods[0] ?? '')?.kind ?? 'quarter';
  const qoqOk = qoqAllowed(rules.basis, kind);
  const pct = rules.unit === '%';
  const additive = !pct;
  const yoyOf = (p: string): number | null => {
    const r = by.get(p);
    if (!r || r.value === null) return null;
    if (!pct && r.yoyReported !== null) return r.yoyReported;
    const base = val(samePeriodLastYear(p));
    if (base === null) return null;
    if (pct) return round(r.value - base);
    return base === 0 ? null : round(((r.value - base) / Math.abs(base)) * 100);
  };
  const yoys = periods.map(yoyOf);
  const values = periods.map(val);
  const maSource = movingAverageOf(rules.basis, rules.unit) === 'yoy' ? yoys : values;
  return periods.map((p, i) => {
    const value = values[i] ?? null;
    const prev = val(previousPeriod(p));
    const qoq = !qoqOk || value === null || prev === null ? null : pct ? round(value - prev) : prev === 0 ? null : round(((value - prev) / Math.abs(prev)) * 100);
    const win = maSource.slice(Math.max(0, i - rules.window + 1), i + 1);
    const ma = win.length === rules.window && win.every((x) => x !== null) ? round((win as number[]).reduce((a, b) => a + b, 0) / rules.window) : null;
    return { period: p, value, yoy: yoys[i] ?? null, qoq, ma, benchmark: bench.get(p) ?? null, ...progress(p, by, rules, additive) };
  });
}

/** Completion of the annual target against 时序进度; only for totals (a rate's target is not completed by parts). */
function progress(p: string, by: ReadonlyMap<string, RawPoint>, rules: SeriesRules, additive: boolean): { completion: number | null; schedule: number | null } {
  const schedule = scheduleOf(p);
  const r = by.get(p);
  const target = r?.annualTarget ?? rules.targetValue;
  if (!additive || schedule === null || !r || r.value === null || !target) return { completion: null, schedule };
  let done = r.value;
  if (rules.basis === '当期') {
    // single-period totals add up to the year to date: Q1 + … + this quarter
    const pp = parsePeriod(p);
    if (!pp) return { completion: null, schedule };
    done = 0;
    for (let k = 1; k <= pp.index; k++) {
      const q = by.get(pp.kind === 'quarter' ? `${pp.year}Q${k}` : `${pp.year}-${String(k).padStart(2, '0')}`)?.value;
      if (q === null || q === undefined) return { completion: null, schedule };
      done += q;
    }
  } else if (rules.basis === '年度') return { completion: null, schedule };
  return { completion: round((done / target) * 100, 4), schedule };
}

/**
 * Runs of at least `min` consecutive periods that got worse (同比下降 for year-to-date totals; worse than the period
 * before otherwise, direction-aware) or stayed worse than the benchmark. A missing value breaks a run.
 */
export function findStreaks(points: readonly TrendPoint[], rules: SeriesRules, min = 2): Streak[] {
  const dir = rules.direction;
  const ytdTotal = movingAverageOf(rules.basis, rules.unit) === 'yoy';
  const worse = points.map((pt, i) => {
    if (ytdTotal) return pt.yoy !== null && pt.yoy * dir < 0;
    const before = points[i - 1]?.value ?? null;
    return pt.value !== null && before !== null && (pt.value - before) * dir < -1e-9;
  });
  const behind = points.map((pt) => pt.value !== null && pt.benchmark !== null && (pt.value - pt.benchmark) * dir < -1e-9);
  return [...runs(points, worse, 'worsening', min), ...runs(points, behind, 'behind', min)];
}

function runs(points: readonly TrendPoint[], flags: readonly boolean[], kind: Streak['kind'], min: number): Streak[] {
  const out: Streak[] = [];
  let start = -1;
  for (let i = 0; i <= flags.length; i++) {
    if (i < flags.length && flags[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const length = i - start;
      if (length >= min) out.push({ kind, from: (points[start] as TrendPoint).period, to: (points[i - 1] as TrendPoint).period, length });
      start = -1;
    }
  }
  return out;
}
