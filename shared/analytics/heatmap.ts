/**
 * Heat-map matrices: regions × indicators for one period, and regions × periods for one indicator. Each cell is
 * standardised (z-score across the compared regions, times the direction, so that a higher score is always better)
 * and ranked. Results come back as flat typed arrays, row-major, because at 3,000 regions × 50 indicators row
 * objects would cost more than the query.
 */
import type { ColumnResult, Connector } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { sql } from '../db/sql.js';
import { derivedKeys } from './derived.js';
import { comparedSql, type Scope } from './scope.js';
import {
  derivedApplies,
  heatmapFromDerivedSql,
  indicatorsInPeriodFromDerivedSql,
  periodHeatmapFromDerivedSql,
  periodsOfIndicatorFromDerivedSql,
  validityChangesSql,
} from './derived-readers.js';
import { listIndicators, type IndicatorMeta } from '../model/catalog.js';
import { periodEndDate } from '../model/period.js';

/** Regions × indicators in one period. */
export interface HeatmapParams extends Scope {
  readonly period: string;
  /** Indicators to show, in this order; default every indicator with a value in the period. */
  readonly indicators?: readonly string[] | null;
}

/** Regions × periods of one indicator. */
export interface PeriodHeatmapParams extends Scope {
  readonly indicator: string;
  /** Periods to show, ascending; default every period of the most recent kind that has values, at most 40. */
  readonly periods?: readonly string[] | null;
}

/** A matrix of cells, row-major: cell (r, c) is at r * cols.length + c. NaN where a value is missing. */
export interface HeatMatrix {
  readonly rowCodes: readonly string[];
  readonly rowNames: readonly string[];
  /** Column keys: indicator ids or periods. */
  readonly cols: readonly string[];
  readonly values: Float64Array;
  /** z-score × direction: > 0 better than the mean, < 0 worse. */
  readonly scores: Float64Array;
  /** Competition rank within the column (1 best), NaN when missing. */
  readonly ranks: Float64Array;
  /** Mean of a row's scores (the missing left out), NaN when the row has none; and its rank. */
  readonly composite: Float64Array;
  readonly compositeRank: Float64Array;
}

export interface HeatmapResult {
  readonly params: HeatmapParams;
  readonly indicators: readonly IndicatorMeta[];
  readonly matrix: HeatMatrix;
}

export interface PeriodHeatmapResult {
  readonly params: PeriodHeatmapParams;
  readonly indicator: IndicatorMeta;
  readonly matrix: HeatMatrix;
}

/**
 * One row per (region, column) with a value: its z-score × direction and rank within the column. `col` is the
 * SQL expression of the column key (indicator_id or period).
 */
function cellsSql(filter: string, col: 'indicator_id' | 'period'): string {
  return `
, v AS (${filter}),
s AS (
  SELECT v.region_code, v.${col} AS col, v.value, CAST(i.direction AS DOUBLE) AS dir,
    avg(v.value) OVER w AS mean, stddev_pop(v.value) OVER w AS sd
  FROM v JOIN indicators i ON i.indicator_id = v.indicator_id
  WINDOW w AS (PARTITION BY v.${col})
)
SELECT region_code, col, value,
  CASE WHEN sd IS NULL OR sd = 0 THEN 0 ELSE (value - mean) / sd * dir END AS score,
  rank() OVER (PARTITION BY col ORDER BY round(value * dir, 9) DESC) AS rnk
FROM s`;
}

/** The SQL of the regions × indicators matrix (cells only; the rows come from heatmapScopeSql). */
export function heatmapSql(p: HeatmapParams): string {
  const asOf = periodEndDate(p.period);
  const only = p.indicators && p.indicators.length ? sql` AND indicator_id IN (${p.indicators})` : '';
  return `WITH compared AS (${comparedSql(p, asOf)})${cellsSql(
    sql`SELECT region_code, indicator_id, value FROM indicator_values WHERE period = ${p.period} AND value IS NOT NULL` +
      only + ' AND region_code IN (SELECT region_code FROM compared)',
    'indicator_id',
  )}`;
}

/** The SQL of the regions × periods matrix of one indicator. */
export function periodHeatmapSql(p: PeriodHeatmapParams, periods: readonly string[]): string {
  const asOf = periodEndDate(periods[periods.length - 1] ?? '2000');
  return `WITH compared AS (${comparedSql(p, asOf)})${cellsSql(
    sql`SELECT region_code, indicator_id, period, value FROM indicator_values WHERE indicator_id = ${p.indicator} AND period IN (${periods}) AND value IS NOT NULL` +
      ' AND region_code IN (SELECT region_code FROM compared)',
    'period',
  )}`;
}

/**
 * Positions of cells in a matrix: from text keys (region_code, col), or, with `keys`, from numbers (region_ix,
 * col_ix) that index keys.rows and keys.cols (the derived ENUMs' codes: numbers cross from the engine far cheaper
 * than strings). -1 where a cell's row or column is not in the matrix.
 */
function positions(codes: readonly string[], cols: readonly string[], cells: ColumnResult, keys?: MatrixKeys): { r: Int32Array; c: Int32Array } {
  const n = cells.length;
  const r = new Int32Array(n).fill(-1);
  const c = new Int32Array(n).fill(-1);
  const rowIx = new Map(codes.map((x, i) => [x, i]));
  const colIx = new Map(cols.map((x, i) => [x, i]));
  if (keys) {
    const lookup = (all: readonly string[], ix: Map<string, number>) => Int32Array.from(all, (x) => ix.get(x) ?? -1);
    const rk = lookup(keys.rows, rowIx);
    const ck = lookup(keys.cols, colIx);
    const ri = cells.numbers.region_ix ?? new Float64Array();
    const ci = cells.numbers.col_ix ?? new Float64Array();
    for (let i = 0; i < n; i++) {
      r[i] = rk[ri[i] as number] ?? -1;
      c[i] = ck[ci[i] as number] ?? -1;
    }
    return { r, c };
  }
  const rc = cells.texts.region_code ?? [];
  const cc = cells.texts.col ?? [];
  for (let i = 0; i < n; i++) {
    r[i] = rowIx.get(rc[i] as string) ?? -1;
    c[i] = colIx.get(cc[i] as string) ?? -1;
  }
  return { r, c };
}

/** The codes that numeric cell keys index (see positions). */
export interface MatrixKeys {
  readonly rows: readonly string[];
  readonly cols: readonly string[];
}

/** Fill a matrix from long cells (keyed by text, or by position in `keys`); rows in code order. */
export function toMatrix(rows: { codes: readonly string[]; names: readonly string[] }, cols: readonly string[], cells: ColumnResult, keys?: MatrixKeys): HeatMatrix {
  const R = rows.codes.length;
  const C = cols.length;
  const values = new Float64Array(R * C).fill(NaN);
  const scores = new Float64Array(R * C).fill(NaN);
  const ranks = new Float64Array(R * C).fill(NaN);
  const at = positions(rows.codes, cols, cells, keys);
  const v = cells.numbers.value ?? new Float64Array();
  const s = cells.numbers.score ?? new Float64Array();
  const k = cells.numbers.rnk ?? new Float64Array();
  for (let i = 0; i < cells.length; i++) {
    const r = at.r[i] as number;
    const c = at.c[i] as number;
    if (r < 0 || c < 0) continue;
    const x = r * C + c;
    values[x] = v[i] as number;
    scores[x] = s[i] as number;
    ranks[x] = k[i] as number;
  }
  const composite = new Float64Array(R).fill(NaN);
  for (let r = 0; r < R; r++) {
    let sum = 0;
    let n = 0;
    for (let c = 0; c < C; c++) {
      const x = scores[r * C + c] as number;
      if (!Number.isNaN(x)) { sum += x; n++; }
    }
    if (n) composite[r] = sum / n;
  }
  return { rowCodes: rows.codes, rowNames: rows.names, cols, values, scores, ranks, composite, compositeRank: competitionRanks(composite) };
}

/** Competition ranks of scores, higher first (1, 2, 2, 4); NaN stays NaN. Ties up to 1e-9. */
export function competitionRanks(x: Float64Array): Float64Array {
  const idx = [...x.keys()].filter((i) => !Number.isNaN(x[i] as number)).sort((a, b) => (x[b] as number) - (x[a] as number));
  const out = new Float64Array(x.length).fill(NaN);
  idx.forEach((i, pos) => {
    const prev = idx[pos - 1];
    out[i] = prev !== undefined && Math.abs((x[prev] as number) - (x[i] as number)) < 1e-9 ? (out[prev] as number) : pos + 1;
  });
  return out;
}

/** Row order of a matrix: by composite (best first), by region code, or by one column's score (best first). */
export function sortRows(m: HeatMatrix, by: 'composite' | 'code' | { readonly col: number }): number[] {
  const C = m.cols.length;
  if (by === 'code') return orderRows(m.rowCodes, null);
  if (by === 'composite') return orderRows(m.rowCodes, m.composite);
  return orderRows(m.rowCodes, Float64Array.from(m.rowCodes, (_, r) => m.scores[r * C + by.col] as number));
}

/** Row indices by key, best (highest) first, missing (NaN) last, ties by code; by code alone when `keys` is null. */
export function orderRows(codes: readonly string[], keys: Float64Array | null): number[] {
  const idx = [...codes.keys()];
  const byCode = (a: number, b: number) => ((codes[a] as string) < (codes[b] as string) ? -1 : (codes[a] as string) > (codes[b] as string) ? 1 : 0);
  if (!keys) return idx.sort(byCode);
  return idx.sort((a, b) => {
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    if (Number.isNaN(ka) !== Number.isNaN(kb)) return Number.isNaN(ka) ? 1 : -1;
    return kb - ka || byCode(a, b);
  });
}

/** The compared regions (valid at `asOf`, of the level, in the group or under the parent), in code order. */
export async function scopeRows(db: Connector, s: Scope, asOf: string): Promise<{ codes: string[]; names: string[] }> {
  const r = await db.queryColumns(`${comparedSql(s, asOf)} ORDER BY r.region_code`);
  return { codes: (r.texts.region_code ?? []) as string[], names: (r.texts.name ?? []) as string[] };
}

/** Regions × indicators for one period, standardised and ranked per indicator. */
export async function heatmap(db: Connector, params: HeatmapParams): Promise<HeatmapResult> {
  const catalog = await listIndicators(db);
  const derived = derivedReady(db) && derivedApplies(params);
  let ids = params.indicators && params.indicators.length ? [...params.indicators] : null;
  if (!ids) {
    const r = await db.query(derived ? indicatorsInPeriodFromDerivedSql(params.period) : sql`SELECT DISTINCT indicator_id FROM indicator_values WHERE period = ${params.period} AND value IS NOT NULL`);
    const present = new Set(r.rows.map((x) => String(x.indicator_id)));
    ids = catalog.filter((i) => present.has(i.id)).map((i) => i.id);
  }
  const indicators = ids.map((id) => catalog.find((i) => i.id === id)).filter((i): i is IndicatorMeta => i !== undefined);
  const rows = await scopeRows(db, params, periodEndDate(params.period));
  const cols = indicators.map((i) => i.id);
  const asked = { ...params, indicators: cols };
  if (derived) {
    const k = await derivedKeys(db);
    const cells = await db.queryColumns(heatmapFromDerivedSql(asked));
    return { params, indicators, matrix: toMatrix(rows, cols, cells, { rows: k.region, cols: k.indicator }) };
  }
  return { params, indicators, matrix: toMatrix(rows, cols, await db.queryColumns(heatmapSql(asked))) };
}

/**
 * Regions × periods for one indicator, standardised and ranked per period. The derived scores answer it when no
 * region of the level began or ended within the periods (they rank each period among the regions valid then; this
 * matrix ranks every period among the regions valid at its last one).
 */
export async function periodHeatmap(db: Connector, params: PeriodHeatmapParams): Promise<PeriodHeatmapResult> {
  const indicator = (await listIndicators(db)).find((i) => i.id === params.indicator);
  if (!indicator) throw new Error(`指标 ${params.indicator} 不在指标目录中`);
  const ready = derivedReady(db) && derivedApplies(params);
  let periods = params.periods && params.periods.length ? [...params.periods] : null;
  if (!periods) {
    const r = await db.query(
      ready ? periodsOfIndicatorFromDerivedSql(params.indicator) : sql`SELECT DISTINCT period FROM indicator_values WHERE indicator_id = ${params.indicator} AND value IS NOT NULL ORDER BY period`,
    );
    const all = r.rows.map((x) => String(x.period));
    const newest = all[all.length - 1] ?? '';
    const sameKind = all.filter((p) => p.length === newest.length);
    periods = sameKind.slice(-40);
  }
  const first = periodEndDate(periods[0] ?? '2000');
  const last = periodEndDate(periods[periods.length - 1] ?? '2000');
  const rows = await scopeRows(db, params, last);
  if (!periods.length) return { params, indicator, matrix: toMatrix(rows, periods, { length: 0, columns: [], numbers: {}, texts: {} }) };
  const derived = ready && Number((await db.query(validityChangesSql(params.level, first, last))).rows[0]?.n ?? 1) === 0;
  if (derived) {
    const k = await derivedKeys(db);
    const cells = await db.queryColumns(periodHeatmapFromDerivedSql(params, periods));
    return { params, indicator, matrix: toMatrix(rows, periods, cells, { rows: k.region, cols: k.period }) };
  }
  return { params, indicator, matrix: toMatrix(rows, periods, await db.queryColumns(periodHeatmapSql(params, periods))) };
}
