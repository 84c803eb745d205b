/**
 * The regions × indicators heat map as the view draws it: the order of every row (by composite, by code or by one
 * column), and the cells of the rows in view only. At 3,000 regions × 200 indicators the whole matrix is 600,000
 * cells (~250 ms to hand over from the engine); the view draws 40 rows, so it asks for those, and for each
 * region's composite or one column's scores to order them (3,000 numbers), read from the derived tables. Without
 * current derived tables (or with a group or parent filter) the whole matrix is computed, as heatmap() does.
 */
import type { Connector } from '../db/connector.js';
import { derivedReady } from '../db/derived-state.js';
import { listIndicators, type IndicatorMeta } from '../model/catalog.js';
import { periodEndDate } from '../model/period.js';
import { derivedKeys } from './derived.js';
import {
  derivedApplies,
  heatmapColumnFromDerivedSql,
  heatmapCompositeFromDerivedSql,
  heatmapFromDerivedSql,
  indicatorsInPeriodFromDerivedSql,
} from './derived-readers.js';
import { competitionRanks, heatmap, orderRows, scopeRows, sortRows, toMatrix, type HeatmapParams, type HeatMatrix } from './heatmap.js';

export interface HeatPageParams extends HeatmapParams {
  readonly sort: 'composite' | 'code' | { readonly col: string };
  /** The first row in view (clamped) and how many rows are in view. */
  readonly start: number;
  readonly count: number;
}

export interface HeatPage {
  readonly params: HeatPageParams;
  readonly indicators: readonly IndicatorMeta[];
  /** Every compared region as a row, with its composite and rank; cells filled for the rows in view (all when complete). */
  readonly matrix: HeatMatrix;
  /** Row indices in display order. */
  readonly order: readonly number[];
  /** The clamped first row in view (a position in `order`). */
  readonly first: number;
  /** Every cell is filled (the whole matrix was computed). */
  readonly complete: boolean;
}

const clamp = (start: number, count: number, n: number) => Math.max(0, Math.min(Math.trunc(start), n - count));

/** The heat map's rows in order and the cells of those in view (see the module comment). */
export async function heatmapPage(db: Connector, p: HeatPageParams): Promise<HeatPage> {
  if (!derivedReady(db) || !derivedApplies(p)) {
    const full = await heatmap(db, p);
    const col = typeof p.sort === 'object' ? full.matrix.cols.indexOf(p.sort.col) : -1;
    const order = sortRows(full.matrix, typeof p.sort === 'object' ? (col >= 0 ? { col } : 'composite') : p.sort);
    return { params: p, indicators: full.indicators, matrix: full.matrix, order, first: clamp(p.start, p.count, order.length), complete: true };
  }
  const catalog = await listIndicators(db);
  const asked = p.indicators && p.indicators.length ? [...p.indicators] : null;
  let ids = asked;
  if (!ids) {
    const present = new Set((await db.query(indicatorsInPeriodFromDerivedSql(p.period))).rows.map((x) => String(x.indicator_id)));
    ids = catalog.filter((i) => present.has(i.id)).map((i) => i.id);
  }
  const indicators = ids.map((id) => catalog.find((i) => i.id === id)).filter((i): i is IndicatorMeta => i !== undefined);
  const cols = indicators.map((i) => i.id);
  const params = { ...p, indicators: cols };
  const rows = await scopeRows(db, p, periodEndDate(p.period));
  const at = new Map(rows.codes.map((c, i) => [c, i]));
  const byRow = async (q: string, col: string) => {
    const r = await db.queryColumns(q);
    const out = new Float64Array(rows.codes.length).fill(NaN);
    const codes = r.texts.region_code ?? [];
    const v = r.numbers[col] ?? new Float64Array();
    for (let i = 0; i < r.length; i++) {
      const k = at.get(codes[i] as string);
      if (k !== undefined) out[k] = v[i] as number;
    }
    return out;
  };
  const composite = await byRow(heatmapCompositeFromDerivedSql(params, asked === null), 'composite');
  const sortCol = typeof p.sort === 'object' && cols.includes(p.sort.col) ? p.sort.col : null;
  const order = orderRows(rows.codes, p.sort === 'code' ? null : sortCol ? await byRow(heatmapColumnFromDerivedSql(params, sortCol), 'score') : composite);
  const first = clamp(p.start, p.count, order.length);
  const inView = order.slice(first, first + p.count).map((r) => rows.codes[r] as string);
  const k = await derivedKeys(db);
  const cells = inView.length && cols.length ? await db.queryColumns(heatmapFromDerivedSql(params, inView)) : { length: 0, columns: [], numbers: {}, texts: {} };
  const m = toMatrix(rows, cols, cells, { rows: k.region, cols: k.indicator });
  return { params: p, indicators, matrix: { ...m, composite, compositeRank: competitionRanks(composite) }, order, first, complete: false };
}
