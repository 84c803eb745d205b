/**
 * Bundled by chromium-bench.ts with esbuild and injected into the app's production page (addScriptTag): the pure
 * option builders fed synthetic results of `n` regions, drawn by ECharts as the views draw them. Bench-only code,
 * never part of the product's build. Sets `window.hjChartBench`.
 */
import { echarts } from '../../renderer/charts/echarts.js';
import { sortRows, type HeatMatrix } from '../../shared/analytics/heatmap.js';
import type { RankedRegion, RankingResult } from '../../shared/analytics/ranking.js';
import { HEAT_VISIBLE_ROWS, heatmapChartHeight, heatmapOption, type HeatColumn } from '../../shared/charts/heatmap-grid.js';
import { rankingBarOption, rankingChartHeight, rankingWindow } from '../../shared/charts/ranking-bar.js';
import { translator } from '../../shared/i18n/messages.js';

/** One timed draw: option building (ms), then setOption to ECharts' 'finished' (ms). */
export interface ChartTiming {
  readonly optionMs: number;
  readonly renderMs: number;
  readonly totalMs: number;
  /** SVG elements drawn (0 on canvas): evidence that every bar was drawn. */
  readonly svgNodes: number;
}

/** What the page exposes to the bench. */
export interface ChartBench {
  readonly ranking: (n: number) => Promise<ChartTiming>;
  readonly heatmap: (n: number, columns: number) => Promise<ChartTiming>;
}

const t = translator('zh-CN');
const SYLLABLES = '安宝昌城东丰福广汉和华江金景丽临龙明南宁平清庆山顺泰天文武西祥新兴阳永长正中'.split('');
/** A deterministic pseudo-random sequence (the same synthetic set on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const nameOf = (i: number) => `${SYLLABLES[i % SYLLABLES.length]}${SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]}${i >= SYLLABLES.length ** 2 ? SYLLABLES[i % 7] : ''}县`;
const codeOf = (i: number) => String(110000 + i * 7).padStart(6, '0');

function rankingResult(n: number): RankingResult {
  const rnd = random(n);
  const values = Array.from({ length: n }, () => Math.round(rnd() * 50000) / 100).sort((a, b) => b - a);
  const average = values.reduce((a, b) => a + b, 0) / n;
  const rows: RankedRegion[] = values.map((value, i) => ({
    regionCode: codeOf(i), name: nameOf(i), group: null, value, rank: i + 1, benchmark: average, gap: value - average,
    gapPct: ((value - average) / average) * 100, rankPrevious: i + 1, rankLastYear: n - i, movePrevious: 0, moveLastYear: n - 2 * i - 1,
  }));
  return {
    params: { indicator: 'A01', period: '2025Q4', level: 'county' },
    indicator: { id: 'A01', name: '地区生产总值', dimension: '经济发展', unit: '亿元', direction: 1, basis: '累计' },
    average, previousPeriod: '2025Q3', lastYearPeriod: '2024Q4', compared: n, rows,
  };
}

function heatMatrix(n: number, c: number): HeatMatrix {
  const rnd = random(n * 31 + c);
  const scores = Float64Array.from({ length: n * c }, () => (rnd() - 0.5) * 5);
  const composite = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += scores[r * c + k] as number;
    composite[r] = s / c;
  }
  return {
    rowCodes: Array.from({ length: n }, (_, i) => codeOf(i)),
    rowNames: Array.from({ length: n }, (_, i) => nameOf(i)),
    cols: Array.from({ length: c }, (_, k) => `A${String(k + 1).padStart(2, '0')}`),
    values: scores.map((s) => 100 + s * 10),
    scores,
    ranks: Float64Array.from({ length: n * c }, (_, i) => (i % n) + 1),
    composite,
    compositeRank: Float64Array.from({ length: n }, (_, i) => i + 1),
  };
}

/** Draw `option` in a fresh container of the given size; resolves on ECharts' 'finished'. */
async function draw(height: number, renderer: 'svg' | 'canvas', build: () => Record<string, unknown>): Promise<ChartTiming> {
  const el = document.createElement('div');
  el.style.cssText = `position:absolute;left:0;top:0;width:760px;height:${height}px;background:#fff;z-index:9999`;
  document.body.append(el);
  const chart = echarts.init(el, null, { renderer, devicePixelRatio: window.devicePixelRatio });
  try {
    const t0 = performance.now();
    const option = build();
    const t1 = performance.now();
    const finished = new Promise<void>((resolve) => chart.on('finished', () => resolve()));
    chart.setOption(option, { notMerge: true });
    await finished;
    const t2 = performance.now();
    return { optionMs: t1 - t0, renderMs: t2 - t1, totalMs: t2 - t0, svgNodes: el.querySelectorAll('svg *').length };
  } finally {
    chart.dispose();
    el.remove();
  }
}

const bench: ChartBench = {
  /** The ranking view at n regions, in SVG (as RankingView): every bar up to RANKING_ALL_BARS, else the window at the top. */
  ranking: (n) => {
    const result = rankingResult(n);
    const visible = rankingWindow(n);
    return draw(rankingChartHeight(visible), 'svg', () =>
      rankingBarOption(result, {
        locale: 'zh-CN', t, periodLabel: '2025年全年', levelLabel: t('level.county'), demo: true,
        ...(visible < n ? { window: { first: 0, count: visible } } : {}),
      }),
    );
  },
  /** The heat map view at n regions × c columns: sort by composite, the window of 40 rows drawn (as HeatmapView). */
  heatmap: (n, c) => {
    const m = heatMatrix(n, c);
    const columns: HeatColumn[] = m.cols.map((k) => ({ key: k, label: `指标${k}`, unit: '%' }));
    return draw(heatmapChartHeight(n), HEAT_VISIBLE_ROWS * c > 5_000 ? 'canvas' : 'svg', () => {
      const order = sortRows(m, 'composite').slice(0, HEAT_VISIBLE_ROWS);
      return heatmapOption(m, { locale: 'zh-CN', t, title: '县级各指标热力图', columns, order, demo: true });
    });
  },
};
(window as unknown as { hjChartBench: ChartBench }).hjChartBench = bench;
