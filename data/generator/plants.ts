import type { IndicatorValueRow } from '../../shared/model/tables.js';
import { INDICATORS, indicatorSpec, type IndicatorSpec } from './indicators.js';
import { LAST_QUARTER, periodIndex, periodsFor } from './periods.js';
import type { County, EvalGroup, RegionModel } from './regions.js';
import { rngFor, roundTo } from './rng.js';

/**
 * What the sample plants on purpose so that every view has something to show: negative growth, a county far
 * behind schedule, low satisfaction, consecutive declines, ties, outliers and gaps. Each is listed, with the
 * values the CSV holds, in data/sample/planted.json and README.md.
 */

export type AnomalyKind =
  | 'negative_growth'
  | 'consecutive_decline'
  | 'schedule_behind'
  | 'low_satisfaction'
  | 'tie'
  | 'outlier'
  | 'missing_value'
  | 'missing_row';

export interface Anomaly {
  readonly kind: AnomalyKind;
  readonly region_code: string;
  readonly indicator_id: string;
  readonly periods: readonly string[];
  /** The values the CSV holds for those periods (null: empty value or no row). */
  readonly values: readonly (number | null)[];
  /** For outliers: the true value the aggregates and yoy_pct were computed from. */
  readonly true_values?: readonly number[];
  /** For ties: the other county with exactly the same value. */
  readonly tied_with?: string;
  readonly note: string;
}

export type SeriesTable = Map<string, number[]>;

interface Decline {
  readonly id: string;
  readonly county: County;
  /** The first lowered period; the value of the period before is the reference v0. */
  readonly start: string;
  /** New value = v0 + delta (or v0 × factor). */
  readonly steps: readonly number[];
  readonly multiply?: boolean;
}

export interface Plants {
  readonly negativeGrowth: County;
  readonly gdpDecline: County;
  readonly scheduleBehind: County;
  readonly lowSatisfaction: County;
  readonly declines: readonly Decline[];
  readonly outliers: readonly { county: County; id: string; period: string; factor: number }[];
  readonly used: Set<string>;
  readonly take: (pred: (c: County) => boolean) => County;
}

const OUTLIERS: readonly { id: string; period: string; factor: number }[] = [
  { id: 'A01', period: '2023Q2', factor: 10 },
  { id: 'A03', period: '2024Q3', factor: 0.1 },
  { id: 'A06', period: '2022Q1', factor: 8 },
  { id: 'B02', period: '2022Q3', factor: 10 },
  { id: 'B05', period: '2025Q2', factor: 6 },
  { id: 'C01', period: '2024Q1', factor: 10 },
  { id: 'C03', period: '2025Q4', factor: 7 },
  { id: 'D01', period: '2023Q4', factor: 5 },
  { id: 'E01', period: '2025Q3', factor: 9 },
  { id: 'E06', period: '2021Q2', factor: 0.1 },
];

/** Missing data: values left empty in rows that exist, rows left out, and whole blocks left out. */
const MISSING_VALUES = 210;
const MISSING_ROWS = 210;
const MISSING_BLOCKS: readonly { id: string; periods: readonly string[] }[] = [
  { id: 'B05', periods: ['2022Q1', '2022Q2', '2022Q3', '2022Q4'] },
  { id: 'A08', periods: ['2023Q1', '2023Q2', '2023Q3', '2023Q4'] },
  { id: 'E07', periods: ['2023', '2024'] },
];

export function choosePlants(model: RegionModel): Plants {
  const rng = rngFor('plants');
  const pool = rng.shuffle(model.counties);
  const used = new Set<string>();
  const take = (pred: (c: County) => boolean): County => {
    const c = pool.find((x) => !used.has(x.code) && pred(x));
    if (!c) throw new Error('no county left for a planted anomaly');
    used.add(c.code);
    return c;
  };
  const notDistrict = (c: County) => c.kind !== 'district';
  return {
    negativeGrowth: take((c) => c.group === '农业县组' && c.kind === 'county'),
    gdpDecline: take((c) => c.group === '经济强县组'),
    scheduleBehind: take((c) => c.group === '生态功能区组' || c.group === '农业县组'),
    lowSatisfaction: take((c) => c.kind === 'county'),
    declines: [
      { id: 'A04', county: take(notDistrict), start: '2025Q1', steps: [-1.6, -3.1, -4.7, -6.2] },
      { id: 'B02', county: take((c) => c.group === '市辖区组' || c.group === '经济强县组'), start: '2025Q1', steps: [0.965, 0.93, 0.895, 0.86], multiply: true },
      { id: 'C06', county: take(() => true), start: '2024Q3', steps: [-0.9, -1.8, -2.6, -3.5, -3.1, -2.6] },
      { id: 'E06', county: take(() => true), start: '2025Q1', steps: [-1.3, -2.9, -4.2, -5.8] },
      { id: 'F02', county: take(notDistrict), start: '2024Q4', steps: [-2.5, -5.1, -7.4, -9.8, -8.2] },
    ],
    outliers: OUTLIERS.map((o) => ({ ...o, county: take(() => true) })),
    used,
    take,
  };
}

export function at(table: SeriesTable, code: string): number[] {
  const s = table.get(code);
  if (!s) throw new Error(`no series for ${code}`);
  return s;
}

function describePeriods(periods: readonly string[]): string {
  return periods.length > 1 ? `${periods[0]}–${periods[periods.length - 1]}` : (periods[0] ?? '');
}

/** Plant the anomalies that are "true" data (so cities and the province include them). */
export function plantTrueAnomalies(
  model: RegionModel,
  plants: Plants,
  truth: Map<string, SeriesTable>,
  targets: Map<string, SeriesTable>,
  nameOf: (code: string) => string,
): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const series = (id: string, code: string) => at(truth.get(id) as SeriesTable, code);

  // Far behind 时序进度 on 一般公共预算收入 in 2025 (the A03 growth path of the negative-growth county is separate).
  {
    const c = plants.scheduleBehind;
    const s = series('A03', c.code);
    const target = at(targets.get('A03') as SeriesTable, c.code)[4] as number;
    const shares = [0.112, 0.268, 0.455, 0.702];
    shares.forEach((f, q) => (s[16 + q] = roundTo(target * f, 2)));
    anomalies.push({
      kind: 'schedule_behind',
      region_code: c.code,
      indicator_id: 'A03',
      periods: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'],
      values: s.slice(16),
      note: `${nameOf(c.code)}一般公共预算收入2025年完成年度目标${target}亿元的11.2%/26.8%/45.5%/70.2%，远低于时序进度25%/50%/75%/100%`,
    });
  }

  // Satisfaction below 80% two years running.
  {
    const c = plants.lowSatisfaction;
    const s = series('C08', c.code);
    s[2] = 81.3;
    s[3] = 78.6;
    s[4] = 77.9;
    anomalies.push({
      kind: 'low_satisfaction',
      region_code: c.code,
      indicator_id: 'C08',
      periods: ['2024', '2025'],
      values: [78.6, 77.9],
      note: `${nameOf(c.code)}群众满意度2024年78.6%、2025年77.9%，连续两年低于80%`,
    });
  }

  // Consecutive quarterly declines (each value below the one before).
  for (const d of plants.declines) {
    const spec = indicatorSpec(d.id);
    const s = series(d.id, d.county.code);
    const start = periodIndex(spec.basis, d.start);
    const v0 = s[start - 1] as number;
    d.steps.forEach((step, k) => (s[start + k] = roundTo(d.multiply ? v0 * step : v0 + step, spec.decimals)));
    const periods = periodsFor(spec.basis).slice(start - 1, start + 4);
    const values = s.slice(start - 1, start + 4);
    for (let k = 1; k < values.length; k++) {
      if ((values[k] as number) >= (values[k - 1] as number)) throw new Error(`planted decline of ${d.id} in ${d.county.code} is not strict`);
    }
    anomalies.push({
      kind: 'consecutive_decline',
      region_code: d.county.code,
      indicator_id: d.id,
      periods,
      values,
      note: `${nameOf(d.county.code)}${spec.name}${describePeriods(periods)}连续${values.length - 1}个季度下降：${values.join(' → ')}${spec.unit}`,
    });
  }

  // Ties in the newest quarter: two counties of one group with exactly the same value.
  const ties: readonly { id: string; group: EvalGroup }[] = [
    { id: 'A06', group: '农业县组' },
    { id: 'B02', group: '经济强县组' },
    { id: 'C01', group: '市辖区组' },
  ];
  for (const tie of ties) {
    const spec = indicatorSpec(tie.id);
    const i = periodIndex(spec.basis, LAST_QUARTER);
    const members = model.counties
      .filter((c) => c.group === tie.group && !plants.used.has(c.code))
      .sort((a, b) => (series(tie.id, a.code)[i] as number) - (series(tie.id, b.code)[i] as number) || (a.code < b.code ? -1 : 1));
    let best: [County, County] | null = null;
    let bestGap = Infinity;
    for (let k = 1; k < members.length; k++) {
      const a = members[k - 1] as County;
      const b = members[k] as County;
      const va = series(tie.id, a.code)[i] as number;
      const vb = series(tie.id, b.code)[i] as number;
      const gap = (vb - va) / vb;
      const [keep, change] = a.code < b.code ? [a, b] : [b, a];
      const newValue = series(tie.id, keep.code)[i] as number;
      const before = series(tie.id, change.code)[i - 1] as number;
      if (spec.basis === '累计' && newValue <= before) continue;
      if (gap < bestGap) {
        bestGap = gap;
        best = [keep, change];
      }
    }
    if (!best) throw new Error(`no pair to tie on ${tie.id}`);
    const [keep, change] = best;
    plants.used.add(keep.code);
    plants.used.add(change.code);
    const value = series(tie.id, keep.code)[i] as number;
    series(tie.id, change.code)[i] = value;
    anomalies.push({
      kind: 'tie',
      region_code: keep.code,
      tied_with: change.code,
      indicator_id: tie.id,
      periods: [LAST_QUARTER],
      values: [value],
      note: `${nameOf(keep.code)}与${nameOf(change.code)}${spec.name}${LAST_QUARTER}同为${value}${spec.unit}（${tie.group}内并列）`,
    });
  }
  return anomalies;
}

export const rowKey = (code: string, id: string, period: string) => `${code}|${id}|${period}`;

/** Outliers and gaps, in county rows only (the aggregates and yoy_pct keep the true values). Rows are keyed by rowKey. */
export function damageCountyRows(model: RegionModel, plants: Plants, rows: Map<string, IndicatorValueRow>, anomalies: Anomaly[], nameOf: (code: string) => string): void {
  const key = rowKey;
  // Outliers: a value 5–10x off in a county row; yoy_pct and the aggregates keep the true value.
  const protectedKeys = new Set<string>();
  for (const o of plants.outliers) {
    const spec = indicatorSpec(o.id);
    const k = key(o.county.code, o.id, o.period);
    const row = rows.get(k);
    if (!row || row.value === null) throw new Error(`no row ${k}`);
    const wrong = roundTo(row.value * o.factor, spec.decimals);
    anomalies.push({
      kind: 'outlier',
      region_code: o.county.code,
      indicator_id: o.id,
      periods: [o.period],
      values: [wrong],
      true_values: [row.value],
      note: `${nameOf(o.county.code)}${spec.name}${o.period}填报为${wrong}${spec.unit}，约为真实值${row.value}的${o.factor >= 1 ? `${o.factor}倍` : `1/${roundTo(1 / o.factor, 0)}`}`,
    });
    row.value = wrong;
    protectedKeys.add(k);
  }

  // Missing data in county rows, never in planted cells nor in A01/A02 of the newest quarter.
  const plantedPairs = new Set(anomalies.flatMap((a) => [`${a.region_code}|${a.indicator_id}`, `${a.tied_with ?? ''}|${a.indicator_id}`]));
  const eligible = (code: string, id: string, period: string) =>
    !plantedPairs.has(`${code}|${id}`) && !protectedKeys.has(key(code, id, period)) && !((id === 'A01' || id === 'A02') && period === LAST_QUARTER);
  const rng = rngFor('missing');
  const missingRows: Anomaly[] = [];
  for (const block of MISSING_BLOCKS) {
    const spec = indicatorSpec(block.id);
    let county: County;
    do county = rng.pick(model.counties);
    while (!block.periods.every((p) => eligible(county.code, block.id, p) && rows.has(key(county.code, block.id, p))));
    for (const p of block.periods) {
      rows.delete(key(county.code, block.id, p));
      protectedKeys.add(key(county.code, block.id, p));
    }
    missingRows.push({
      kind: 'missing_row',
      region_code: county.code,
      indicator_id: block.id,
      periods: block.periods,
      values: block.periods.map(() => null),
      note: `${nameOf(county.code)}${spec.name}${describePeriods(block.periods)}整块缺报（无数据行）`,
    });
  }
  const randomCell = (): [string, IndicatorSpec, string] => {
    const c = rng.pick(model.counties);
    const spec = rng.pick(INDICATORS);
    return [c.code, spec, rng.pick(periodsFor(spec.basis))];
  };
  const missingValues: Anomaly[] = [];
  while (missingValues.length < MISSING_VALUES) {
    const [code, spec, period] = randomCell();
    const k = key(code, spec.id, period);
    const row = rows.get(k);
    if (!row || !eligible(code, spec.id, period) || protectedKeys.has(k)) continue;
    row.value = null;
    row.yoy_pct = null;
    protectedKeys.add(k);
    missingValues.push({ kind: 'missing_value', region_code: code, indicator_id: spec.id, periods: [period], values: [null], note: `${nameOf(code)}${spec.name}${period}数值为空（行保留）` });
  }
  let singles = 0;
  while (singles < MISSING_ROWS) {
    const [code, spec, period] = randomCell();
    const k = key(code, spec.id, period);
    if (!rows.has(k) || !eligible(code, spec.id, period) || protectedKeys.has(k)) continue;
    rows.delete(k);
    protectedKeys.add(k);
    singles++;
    missingRows.push({ kind: 'missing_row', region_code: code, indicator_id: spec.id, periods: [period], values: [null], note: `${nameOf(code)}${spec.name}${period}缺报（无数据行）` });
  }
  const spot = (a: Anomaly) => `${a.region_code}|${a.indicator_id}|${a.periods[0] ?? ''}`;
  const bySpot = (a: Anomaly, b: Anomaly) => (spot(a) < spot(b) ? -1 : spot(a) > spot(b) ? 1 : 0);
  anomalies.push(...missingValues.sort(bySpot), ...missingRows.sort(bySpot));
}
