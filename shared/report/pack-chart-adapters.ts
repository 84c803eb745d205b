/**
 * The pack's peers seen as the shapes shared/charts/ already draws (a RankingResult of the composite, a HeatMatrix
 * of z-scores), so the pack's ranking bar, heat map and map look exactly like the app's views.
 */
import type { HeatMatrix } from '../analytics/heatmap.js';
import type { RankingResult } from '../analytics/ranking.js';
import type { HeatColumn } from '../charts/heatmap-grid.js';
import type { PackModel } from './pack-types.js';

/** The composite as an indicator: 综合得分 in 分, higher is better. */
export const COMPOSITE_ID = 'composite';

/** The peers' composite as a ranking (gaps against the peers' average), for rankingBarOption and choroplethOption. */
export function compositeRanking(m: PackModel): RankingResult {
  const vals = m.peers.regions.map((r) => r.composite).filter((v): v is number => v !== null);
  const average = vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
  const rows = [...m.peers.regions]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    .map((r) => ({
      regionCode: r.regionCode,
      name: r.name,
      group: m.region.group,
      value: r.composite,
      rank: r.rank,
      benchmark: r.composite === null ? null : average,
      gap: r.composite === null || average === null ? null : r.composite - average,
      gapPct: null,
      rankPrevious: null,
      rankLastYear: null,
      movePrevious: null,
      moveLastYear: null,
    }));
  return {
    params: { indicator: COMPOSITE_ID, period: m.period, level: m.region.level, group: m.region.group },
    indicator: { id: COMPOSITE_ID, name: '综合得分', dimension: null, unit: '分', direction: 1, basis: null },
    average,
    previousPeriod: '',
    lastYearPeriod: '',
    compared: vals.length,
    rows,
  };
}

/** The heat map's z-scores as a HeatMatrix (values and ranks unknown to the pack: NaN, used only by tooltips). */
export function peersHeatMatrix(m: PackModel): { matrix: HeatMatrix; columns: HeatColumn[] } {
  const { regions, heat } = m.peers;
  const C = heat.indicators.length;
  const scores = new Float64Array(regions.length * C).fill(NaN);
  regions.forEach((_, r) => heat.cells[r]?.forEach((z, c) => c < C && z !== null && (scores[r * C + c] = z)));
  const nan = () => new Float64Array(regions.length * C).fill(NaN);
  return {
    matrix: {
      rowCodes: regions.map((r) => r.regionCode),
      rowNames: regions.map((r) => r.name),
      cols: heat.indicators.map((_, i) => `c${i}`),
      values: nan(),
      scores,
      ranks: nan(),
      composite: new Float64Array(regions.length).fill(NaN),
      compositeRank: new Float64Array(regions.length).fill(NaN),
    },
    columns: heat.indicators.map((label, i) => ({ key: `c${i}`, label, unit: null })),
  };
}
