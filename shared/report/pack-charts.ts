/**
 * The pack's charts as SVG strings, rendered without a DOM by ECharts' server-side renderer, for the HTML/PDF
 * (inlined, so they use the fonts the HTML embeds) and for the other formats (PPTX/DOCX rasterise or embed them).
 * ECharts escapes text it writes into SVG, so names from user files stay text.
 */
import * as echarts from 'echarts';
import { heatmapChartHeight, heatmapOption } from '../charts/heatmap-grid.js';
import { choroplethOption, mapCoverage } from '../charts/choropleth.js';
import { labelWidth, rankingBarOption, rankingChartHeight } from '../charts/ranking-bar.js';
import { translator } from '../i18n/messages.js';
import { compositeRanking, peersHeatMatrix } from './pack-chart-adapters.js';
import { packRadarOption, packTrendOption } from './pack-chart-options.js';
import type { PackModel } from './pack-types.js';

/** One rendered chart: key 'trend:<indicatorId>' | 'peers' | 'heat' | 'map' | 'radar'; size in CSS px. */
export interface PackChart {
  readonly key: string;
  readonly title: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** Width of a full-width chart: A4 less 2 × 20 mm margins is 170 mm ≈ 642 CSS px. */
export const PACK_CHART_WIDTH = 640;

/** Render one ECharts option to an SVG string (no animation, no DOM). */
export function renderSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The app's heat map sized for a printed page: the row labels get the room the longest name needs (up to half the
 * width), and column labels wrap within their cell instead of running into each other.
 */
function fitHeat(option: Record<string, unknown>, names: readonly string[], columns: number): Record<string, unknown> {
  const left = Math.min(PACK_CHART_WIDTH / 2, labelWidth(names.map((n) => `▶ ${n}`), 12) + 16);
  const cell = Math.max(24, (PACK_CHART_WIDTH - left - 24) / Math.max(1, columns));
  const grid = option.grid as Record<string, unknown>;
  const xAxis = option.xAxis as Record<string, unknown>;
  const axisLabel = xAxis.axisLabel as Record<string, unknown>;
  return {
    ...option,
    grid: { ...grid, left, top: 130 },
    xAxis: { ...xAxis, axisLabel: { ...axisLabel, rotate: 0, width: cell - 4, overflow: 'break', lineHeight: 13, fontSize: 10 } },
  };
}

/** The workspace 'maps' document ({ name: FeatureCollection }) or one FeatureCollection, as the former. */
function asMaps(geojson: unknown): unknown {
  const g = geojson as { type?: unknown } | null;
  return g && typeof g === 'object' && g.type === 'FeatureCollection' ? { pack: g } : geojson;
}

/** One chart of the pack as an ECharts option and its size: rendered to SVG for files, drawn live in projection. */
export interface PackChartSpec {
  readonly key: string;
  readonly title: string;
  readonly option: Record<string, unknown>;
  readonly width: number;
  readonly height: number;
}

/** Every chart the pack prints, rendered to SVG (see packChartSpecs). */
export function packCharts(model: PackModel, opts?: { geojson?: unknown }): PackChart[] {
  return packChartSpecs(model, opts).map((c) => ({ key: c.key, title: c.title, svg: renderSvg(c.option, c.width, c.height), width: c.width, height: c.height }));
}

/**
 * Every chart the pack prints, in the order of its sections: one trend per PackTrend, the peers' ranking bar, the
 * heat map, the map (only with boundaries: opts.geojson, and only when some peer has a shape) and the radar.
 */
export function packChartSpecs(model: PackModel, opts?: { geojson?: unknown }): PackChartSpec[] {
  const t = translator('zh-CN');
  const out: PackChartSpec[] = [];
  const push = (key: string, title: string, option: Record<string, unknown>, width: number, height: number) => out.push({ key, title, option, width, height });
  const self = model.peers.regions.find((r) => r.self)?.regionCode ?? model.region.code;

  for (const tr of model.trends) {
    const bench = model.indicators.find((r) => r.indicatorId === tr.indicatorId)?.benchmarkLabel ?? '全省平均';
    push(`trend:${tr.indicatorId}`, `${tr.name}走势`, packTrendOption(tr, { regionName: model.region.name, benchmarkLabel: bench }), PACK_CHART_WIDTH, 300);
  }

  const ranking = compositeRanking(model);
  if (ranking.rows.some((r) => r.value !== null)) {
    const option = rankingBarOption(ranking, { locale: 'zh-CN', t, periodLabel: model.periodLabel, levelLabel: model.peers.scopeLabel, benchmarkLabel: '平均值', selected: self });
    push('peers', `${model.peers.scopeLabel}综合得分排名`, option, PACK_CHART_WIDTH, rankingChartHeight(ranking.rows.filter((r) => r.value !== null).length));
  }

  const { matrix, columns } = peersHeatMatrix(model);
  if (columns.length && matrix.rowCodes.length) {
    const title = `${model.peers.scopeLabel}主要指标热力图`;
    const option = fitHeat(heatmapOption(matrix, { locale: 'zh-CN', t, title, columns, order: matrix.rowCodes.map((_, i) => i), selected: self }), matrix.rowNames, columns.length);
    push('heat', title, option, PACK_CHART_WIDTH, heatmapChartHeight(matrix.rowCodes.length) + 20);
  }

  if (opts?.geojson) {
    const cover = mapCoverage(asMaps(opts.geojson), ranking);
    if (cover.features.length) {
      const mapName = `hengjian-pack-${model.peers.mapName ?? 'map'}`;
      // adcodes may arrive as numbers (a GeoJSON file as given); the series matches names as text
      const features = cover.features.map((f) => ({ ...f, properties: { ...f.properties, adcode: String(f.properties?.adcode ?? '') } }));
      echarts.registerMap(mapName, { type: 'FeatureCollection', features } as never);
      const title = `${model.peers.scopeLabel}综合得分分布`;
      push('map', title, choroplethOption(ranking, { locale: 'zh-CN', t, mapName, title, selected: self }), PACK_CHART_WIDTH, 460);
    }
  }

  if (model.composite && model.composite.dimensions.length >= 3) {
    push('radar', '各维度得分', packRadarOption(model.composite, { regionName: model.region.name, averageLabel: `${model.peers.scopeLabel}平均` }), 420, 340);
  }
  return out;
}
