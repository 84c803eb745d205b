import type { IndicatorValueRow } from '../../shared/model/tables.js';
import { INDICATORS, type IndicatorSpec } from './indicators.js';
import { dataStage, periodAt, periodsFor, YEARS } from './periods.js';
import type { County, RegionModel } from './regions.js';
import { rngFor, roundTo } from './rng.js';
import { at, choosePlants, damageCountyRows, plantTrueAnomalies, rowKey as key, type Anomaly, type Plants, type SeriesTable } from './plants.js';
import { countSeries, flowSeries, progressSeries, rateSeries, sectionSeries, stockSeries, type GrowthOverride } from './series.js';

/**
 * indicator_values: simulated county series, anomalies planted on purpose, cities and the province
 * aggregated from their counties, then outliers and gaps put into county rows only.
 */

/** GDP deflator, %: A02 (real growth) = nominal year-to-date growth of A01 − deflator. */
export const DEFLATOR: Readonly<Record<number, number>> = { 2021: 2.6, 2022: 1.9, 2023: 0.9, 2024: 0.6, 2025: 0.6 };

export type { Anomaly, AnomalyKind } from './plants.js';

export interface ValueResult {
  readonly rows: IndicatorValueRow[];
  readonly anomalies: Anomaly[];
}

function yoyOf(value: number | null, base: number | null | undefined): number | null {
  if (value === null || base === null || base === undefined || base === 0) return null;
  return roundTo((value / base - 1) * 100, 1);
}

/** Real growth of A01 year to date against the same span of the year before, less the deflator. */
function gdpGrowth(a01: readonly number[], base2020: readonly number[]): number[] {
  return a01.map((v, i) => {
    const prev = i < 4 ? (base2020[i] as number) : (a01[i - 4] as number);
    return roundTo((v / prev - 1) * 100 - (DEFLATOR[periodAt('累计', i).year] as number), 1);
  });
}

/** Simulate every county series (rounded values), with the growth paths of planted anomalies. */
function simulateCounties(model: RegionModel, plants: Plants): { truth: Map<string, SeriesTable>; base: Map<string, SeriesTable> } {
  const truth = new Map<string, SeriesTable>();
  const base = new Map<string, SeriesTable>();
  const increments = new Map<string, SeriesTable>();
  const overrides = new Map<string, GrowthOverride>([
    [`A01|${plants.negativeGrowth.code}`, (y, q) => (y === 2025 ? [-1.2, -2.0, -2.6, -3.0][q - 1] : undefined)],
    [`A03|${plants.negativeGrowth.code}`, (y, q) => (y === 2025 ? [-1.5, -2.2, -2.8, -3.3][q - 1] : undefined)],
    [`A01|${plants.gdpDecline.code}`, (y, q) => (y === 2024 && q === 4 ? 9.2 : y === 2025 ? [7.9, 6.5, 5.2, 3.8][q - 1] : undefined)],
  ]);
  for (const spec of INDICATORS) {
    const values: SeriesTable = new Map();
    const gen = spec.gen;
    for (const c of model.counties) {
      const rng = rngFor('values', spec.id, c.code);
      switch (gen.kind) {
        case 'flow': {
          const f = flowSeries(spec, gen, c, rng, overrides.get(`${spec.id}|${c.code}`));
          values.set(c.code, f.values);
          if (!base.has(spec.id)) base.set(spec.id, new Map());
          base.get(spec.id)?.set(c.code, f.base);
          break;
        }
        case 'stock':
          values.set(c.code, stockSeries(spec, gen, c, rng));
          break;
        case 'count': {
          const r = countSeries(gen, c, rng, gen.from ? increments.get(gen.from.id)?.get(c.code) : undefined);
          values.set(c.code, r.values);
          if (!increments.has(spec.id)) increments.set(spec.id, new Map());
          increments.get(spec.id)?.set(c.code, r.increments);
          break;
        }
        case 'rate':
          values.set(c.code, rateSeries(spec, gen, c, rng));
          break;
        case 'progress':
          values.set(c.code, progressSeries(spec, gen, c, rng));
          break;
        case 'sections':
          values.set(c.code, sectionSeries(spec, c, rng));
          break;
        case 'gdpGrowth':
          break;
      }
    }
    truth.set(spec.id, values);
  }
  return { truth, base };
}

/** Annual targets of the counties: last year's annual value × (1 + the county's target growth). */
function countyTargets(model: RegionModel, truth: Map<string, SeriesTable>, base: Map<string, SeriesTable>): Map<string, SeriesTable> {
  const targets = new Map<string, SeriesTable>();
  for (const spec of INDICATORS) {
    if (spec.targetGrowth === undefined) continue;
    const table: SeriesTable = new Map();
    for (const c of model.counties) {
      const growth = typeof spec.targetGrowth === 'number' ? spec.targetGrowth : spec.targetGrowth(c);
      const extra = rngFor('targets', spec.id, c.code).pick([-0.5, 0, 0, 0.5, 1]);
      const series = at(truth.get(spec.id) as SeriesTable, c.code);
      const prevAnnual = (yi: number) => (yi === 0 ? at(base.get(spec.id) as SeriesTable, c.code)[3] : series[yi * 4 - 1]) as number;
      table.set(
        c.code,
        YEARS.map((_y, yi) => {
          const t = prevAnnual(yi) * (1 + (growth + extra) / 100);
          return spec.targetStep ? Math.round(t / spec.targetStep) * spec.targetStep : roundTo(t, spec.decimals);
        }),
      );
    }
    targets.set(spec.id, table);
  }
  return targets;
}

/** City and province values from their counties: sums of totals, weighted means of rates. */
function aggregate(spec: IndicatorSpec, members: readonly County[], truth: Map<string, SeriesTable>): number[] {
  const own = truth.get(spec.id) as SeriesTable;
  const a01 = truth.get('A01') as SeriesTable;
  return periodsFor(spec.basis).map((_p, i) => {
    if (spec.aggregate === 'sum') return roundTo(members.reduce((s, c) => s + (at(own, c.code)[i] as number), 0), spec.decimals);
    let sw = 0;
    let swx = 0;
    for (const c of members) {
      const w =
        spec.aggregate === 'pop'
          ? c.pop
          : spec.aggregate === 'gdp'
            ? (at(a01, c.code)[spec.basis === '年度' ? i * 4 + 3 : i] as number)
            : spec.aggregate === 'sections'
              ? c.sections
              : 1;
      sw += w;
      swx += w * (at(own, c.code)[i] as number);
    }
    return roundTo(swx / sw, spec.decimals);
  });
}


/** Generate indicator_values and the list of what was planted. */
export function generateValues(model: RegionModel, nameOf: (code: string) => string): ValueResult {
  const plants = choosePlants(model);
  const { truth, base } = simulateCounties(model, plants);
  const targets = countyTargets(model, truth, base);
  const anomalies = plantTrueAnomalies(model, plants, truth, targets, nameOf);

  // A02 of the counties.
  const a02: SeriesTable = new Map();
  for (const c of model.counties) a02.set(c.code, gdpGrowth(at(truth.get('A01') as SeriesTable, c.code), at(base.get('A01') as SeriesTable, c.code)));
  truth.set('A02', a02);

  // Cities and the province.
  const groups = [...model.cities.map((c) => ({ code: c.code, members: c.counties })), { code: model.province.code, members: model.counties }];
  for (const g of groups) {
    for (const spec of INDICATORS) {
      if (spec.gen.kind === 'gdpGrowth') continue;
      truth.get(spec.id)?.set(g.code, aggregate(spec, g.members, truth));
      const t = targets.get(spec.id);
      if (t) {
        t.set(
          g.code,
          YEARS.map((_y, yi) => roundTo(g.members.reduce((s, c) => s + (at(t, c.code)[yi] as number), 0), spec.decimals)),
        );
      }
    }
    const baseTable = base.get('A01') as SeriesTable;
    baseTable.set(
      g.code,
      [0, 1, 2, 3].map((q) => roundTo(g.members.reduce((s, c) => s + (at(baseTable, c.code)[q] as number), 0), 2)),
    );
    a02.set(g.code, gdpGrowth(at(truth.get('A01') as SeriesTable, g.code), at(baseTable, g.code)));
  }

  const negative = plants.negativeGrowth.code;
  anomalies.unshift({
    kind: 'negative_growth',
    region_code: negative,
    indicator_id: 'A02',
    periods: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'],
    values: at(a02, negative).slice(16),
    note: `${nameOf(negative)}地区生产总值2025年各季度累计负增长（A02 ${at(a02, negative).slice(16).join('%、')}%）`,
  });
  const slowing = plants.gdpDecline.code;
  anomalies.push({
    kind: 'consecutive_decline',
    region_code: slowing,
    indicator_id: 'A02',
    periods: ['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'],
    values: at(a02, slowing).slice(15),
    note: `${nameOf(slowing)}地区生产总值增速2024Q4–2025Q4连续4个季度回落：${at(a02, slowing).slice(15).join(' → ')}%`,
  });

  // Rows for every region, indicator and period.
  const codes = [model.province.code, ...model.cities.map((c) => c.code), ...model.counties.map((c) => c.code)].sort();
  const rows = new Map<string, IndicatorValueRow>();
  for (const code of codes) {
    for (const spec of INDICATORS) {
      const s = at(truth.get(spec.id) as SeriesTable, code);
      const t = targets.get(spec.id)?.get(code);
      const lag = spec.basis === '年度' ? 1 : 4;
      periodsFor(spec.basis).forEach((period, i) => {
        const yi = periodAt(spec.basis, i).year - YEARS[0];
        rows.set(key(code, spec.id, period), {
          region_code: code,
          indicator_id: spec.id,
          period,
          value: s[i] as number,
          yoy_pct: spec.yoy && i >= lag ? yoyOf(s[i] as number, s[i - lag]) : null,
          annual_target: t ? (t[yi] as number) : null,
          data_stage: dataStage(period),
        });
      });
    }
  }

  damageCountyRows(model, plants, rows, anomalies, nameOf);
  return { rows: [...rows.values()], anomalies };
}
