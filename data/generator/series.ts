import type { Gen, IndicatorSpec } from './indicators.js';
import { periodAt, periodsFor, YEARS } from './periods.js';
import type { County } from './regions.js';
import { clamp, roundTo, type Rng } from './rng.js';

/**
 * Simulated series of one county and one indicator. Every value is rounded to the indicator's decimals here,
 * so everything downstream (sums, growth rates) starts from exactly what the CSV holds.
 */

/** The common business cycle added to year-to-date growth, percentage points: 2021 rebound, 2022 dip. */
const CYCLE_YEAR: Readonly<Record<number, number>> = { 2021: 3.5, 2022: -1.8, 2023: 0.2, 2024: -0.4, 2025: -0.3 };
const CYCLE_QUARTER: Readonly<Record<number, readonly number[]>> = { 2021: [7, 3.5, 1.5, 0], 2022: [0.8, -0.9, -0.4, 0] };

/** Overrides the year-to-date growth (%) of a flow in a year and quarter (1..4); undefined keeps the model's. */
export type GrowthOverride = (year: number, quarter: number) => number | undefined;

export interface FlowSeries {
  /** Year-to-date values of 2020 Q1..Q4 (internal base year, not in the sample). */
  readonly base: number[];
  readonly values: number[];
}

type FlowGen = Extract<Gen, { kind: 'flow' }>;
type StockGen = Extract<Gen, { kind: 'stock' }>;
type CountGen = Extract<Gen, { kind: 'count' }>;
type RateGen = Extract<Gen, { kind: 'rate' }>;
type ProgressGen = Extract<Gen, { kind: 'progress' }>;

/** A year-to-date total driven by year-to-date growth against the same span of the year before. */
export function flowSeries(spec: IndicatorSpec, gen: FlowGen, c: County, rng: Rng, override?: GrowthOverride): FlowSeries {
  const d = spec.decimals;
  const annual = gen.base(c, rng.next());
  const trend = gen.trend(c, rng.normal());
  let prev = gen.shares.map((s, q) => (q === 3 ? annual : annual * s * (1 + rng.normal(0, 0.006))));
  const base = prev.map((v) => roundTo(v, d));
  const values: number[] = [];
  for (const y of YEARS) {
    const yearNoise = rng.normal(0, gen.noise);
    const cur: number[] = [];
    for (let q = 0; q < 4; q++) {
      const modelled = trend + gen.cycle * ((CYCLE_YEAR[y] ?? 0) + (CYCLE_QUARTER[y]?.[q] ?? 0)) + yearNoise + rng.normal(0, gen.noise * 0.2);
      const growth = override?.(y, q + 1) ?? Math.max(modelled, gen.floor ?? -Infinity);
      let v = (prev[q] as number) * (1 + growth / 100);
      if (q > 0 && v < (cur[q - 1] as number) * 1.02) v = (cur[q - 1] as number) * 1.02;
      cur.push(v);
    }
    values.push(...cur.map((v) => roundTo(v, d)));
    prev = cur;
  }
  return { base, values };
}

/** A point-in-time level (当期) growing quarter by quarter. */
export function stockSeries(spec: IndicatorSpec, gen: StockGen, c: County, rng: Rng): number[] {
  let v = gen.base(c, rng.next());
  const growth = gen.growth(c, rng.normal());
  return periodsFor(spec.basis).map(() => {
    v *= 1 + growth / 400 + rng.normal(0, 0.006);
    return roundTo(v, spec.decimals);
  });
}

/**
 * Year-to-date counts of events: returns cumulative values and the single-quarter increments (for counts
 * derived from these events, such as deaths per accident).
 */
export function countSeries(gen: CountGen, c: County, rng: Rng, sourceIncrements?: readonly number[]): { values: number[]; increments: number[] } {
  const values: number[] = [];
  const increments: number[] = [];
  let lambda = gen.lambda(c);
  YEARS.forEach((_y, yi) => {
    let total = 0;
    for (let q = 0; q < 4; q++) {
      let inc: number;
      if (gen.from) {
        const events = sourceIncrements?.[yi * 4 + q] ?? 0;
        inc = 0;
        for (let i = 0; i < events * gen.from.n; i++) if (rng.next() < gen.from.p) inc++;
      } else {
        inc = rng.poisson(lambda / 4);
      }
      increments.push(inc);
      total += inc;
      values.push(total);
    }
    lambda *= 1 + gen.trend;
  });
  return { values, increments };
}

/** A rate, ratio or score around the county's mean, with trend, season, year effects and noise. */
export function rateSeries(spec: IndicatorSpec, gen: RateGen, c: County, rng: Rng): number[] {
  const z = rng.normal();
  const mean = gen.mean[c.group];
  return periodsFor(spec.basis).map((_p, i) => {
    const { year, quarter } = periodAt(spec.basis, i);
    const t = year - YEARS[0] + (spec.basis === '年度' ? 0 : (quarter - 1) / 4);
    const season = gen.season?.[quarter - 1] ?? 0;
    const yearEffect = gen.years?.[year] ?? 0;
    const quality = (gen.quality ?? 0) * c.quality;
    const noise = rng.normal(0, gen.noise);
    const v = gen.relative
      ? mean * (1 + gen.sd * z) * (1 + quality) * (1 + gen.trend * t) * (1 + season) * (1 + yearEffect) * (1 + noise)
      : mean + gen.sd * z + quality + gen.trend * t + season + yearEffect + noise;
    const soft = gen.softMin && v < gen.min + 1 ? gen.min + 1 / (1 + (gen.min + 1 - v)) : v;
    return roundTo(clamp(soft, gen.min, gen.max), spec.decimals);
  });
}

/** Year-to-date completion percentages, rising through each year within the given quarterly ranges. */
export function progressSeries(spec: IndicatorSpec, gen: ProgressGen, c: County, rng: Rng): number[] {
  const out: number[] = [];
  for (let y = 0; y < YEARS.length; y++) {
    const perf = clamp(0.5 + 0.2 * (0.6 * c.quality + rng.normal()), 0.02, 0.98);
    let prev = 0;
    for (let q = 0; q < 4; q++) {
      const [lo, hi] = gen.ranges[q] as readonly [number, number];
      let v = lo + (hi - lo) * clamp(perf + rng.normal(0, 0.07), 0, 1);
      if (q > 0) v = Math.max(v, prev + 0.5);
      v = Math.min(v, gen.max);
      prev = v;
      out.push(roundTo(v, spec.decimals));
    }
  }
  return out;
}

/** The share of monitored water sections rated good (I–III), a multiple of 1/k. */
export function sectionSeries(spec: IndicatorSpec, c: County, rng: Rng): number[] {
  const pBad = clamp(0.13 - 0.05 * c.quality + rng.normal(0, 0.05), 0, 0.45);
  return periodsFor(spec.basis).map((_p, i) => {
    const p = Math.max(0, pBad - 0.004 * i);
    let bad = 0;
    for (let s = 0; s < c.sections; s++) if (rng.next() < p) bad++;
    return roundTo((100 * (c.sections - bad)) / c.sections, spec.decimals);
  });
}
