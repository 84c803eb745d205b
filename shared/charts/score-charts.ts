/**
 * Charts of the composite score: one region's dimension sub-scores against the compared regions' average (radar),
 * and every region's rank interval under random weights (5th–95th percentile, fragile ranks marked).
 */
import type { RobustnessResult } from '../analytics/robustness.js';
import type { ScoreResult } from '../analytics/score.js';
import { html } from '../format/html.js';
import { formatRank } from '../format/number.js';
import type { Locale } from '../i18n/messages.js';
import { CHART_FONT, PALETTE, SERIES_COLORS, sourceNoteGraphic } from './theme.js';

export interface ScoreChartOptions {
  readonly locale: Locale;
  readonly demo?: boolean;
  readonly sourceNote?: string | null;
}

const r1 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : (Math.round(x * 10) / 10).toFixed(1));

/** The radar scale of a method: efficacy and min-max 0–100, target completion 0–120, z-scores −3…3. */
function radarRange(r: ScoreResult): [number, number] {
  const m = r.params.method;
  if (m === 'zscore') return [-3, 3];
  if (m === 'target') return [0, 120];
  if (m === 'minmax') return [0, 100];
  const all = r.rows.flatMap((x) => x.dimensions).filter((x): x is number => x !== null);
  return [Math.max(0, Math.floor(Math.min(60, ...all) / 10) * 10), Math.max(100, Math.ceil(Math.max(...all, 0) / 10) * 10)];
}

/** A region's dimension scores against the average of the compared regions. */
export function scoreRadarOption(r: ScoreResult, regionCode: string | null, o: ScoreChartOptions): Record<string, unknown> | null {
  const row = r.rows.find((x) => x.regionCode === regionCode) ?? r.rows[0];
  if (!row || r.dimensions.length === 0) return null;
  const [min, max] = radarRange(r);
  const avgName = o.locale === 'zh-CN' ? '参与比较地区平均' : 'Average of the compared regions';
  const clip = (x: number | null) => (x === null ? null : Math.max(min, Math.min(max, x)));
  return {
    textStyle: { fontFamily: CHART_FONT },
    color: [SERIES_COLORS[0], PALETTE.benchmark],
    legend: { bottom: 4, data: [row.name, avgName] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: (number | null)[] }) => {
        const vals = p.name === row.name ? row.dimensions : r.dimensionAverages;
        return html`<b>${p.name}</b>` + r.dimensions.map((d, i) => html`<br/>${d}：${r1(vals[i] ?? null)}`).join('');
      },
    },
    radar: {
      indicator: r.dimensions.map((d) => ({ name: d, min, max })),
      radius: '62%',
      center: ['50%', '50%'],
      axisName: { color: PALETTE.text, fontSize: 13 },
    },
    series: [
      {
        type: 'radar',
        data: [
          { name: row.name, value: row.dimensions.map(clip), areaStyle: { opacity: 0.2 }, symbolSize: 5 },
          { name: avgName, value: r.dimensionAverages.map(clip), lineStyle: { type: 'dashed' }, symbolSize: 3 },
        ],
      },
    ],
    title: { text: `${row.name} ${o.locale === 'zh-CN' ? '各维度得分' : 'dimension scores'}`, left: 'center', top: 4, textStyle: { fontSize: 14 } },
    graphic: [
      ...sourceNoteGraphic(o.sourceNote),
      ...(o.demo ? [{ type: 'text', right: 8, top: 6, silent: true, style: { text: o.locale === 'zh-CN' ? '示例数据' : 'Sample data', fill: '#bfbfbf', fontSize: 11 } }] : []),
    ],
  };
}

/** Each region's rank interval over the weight draws (best first): a bar from the 5th to the 95th percentile. */
export function rankIntervalOption(r: RobustnessResult, o: ScoreChartOptions & { readonly selected?: string | null }): Record<string, unknown> {
  const zh = o.locale === 'zh-CN';
  const lang = zh ? 'zh' : 'en';
  const rows = r.rows.filter((x) => x.rank !== null && x.p5 !== null);
  const names = rows.map((x) => x.name);
  return {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 90, right: 24, top: 36, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const x = rows[ps[0]?.dataIndex ?? 0];
        if (!x) return '';
        const fr = x.fragile.map((f) => `${f.boundary}（${f.by === 'weights' ? (zh ? '权重' : 'weights') : zh ? '计分方法' : 'method'}）`).join('、');
        return (
          html`<b>${x.name}</b><br/>${zh ? '现排' : 'Rank'} ${formatRank(x.rank, lang)}<br/>` +
          html`${zh ? '权重浮动下' : 'Under weight draws'} ${formatRank(x.p5, lang)}～${formatRank(x.p95, lang)}（${zh ? '中位' : 'median'} ${formatRank(x.median, lang)}）` +
          (x.methodSpread === null ? '' : html`<br/>${zh ? '换计分方法相差' : 'Across methods'} ${x.methodSpread} ${zh ? '位' : 'places'}`) +
          (fr ? html`<br/>⚠ ${zh ? '位次不稳' : 'Fragile'}：${fr}` : '')
        );
      },
    },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 30 ? 90 : 45, fontSize: 11 } },
    yAxis: { type: 'value', inverse: true, min: 1, max: Math.max(r.regions, 1), name: zh ? '位次' : 'Rank', minInterval: 1 },
    series: [
      { type: 'bar', stack: 'iv', silent: true, itemStyle: { color: 'transparent' }, data: rows.map((x) => x.p5) },
      {
        type: 'bar',
        stack: 'iv',
        name: zh ? '5%～95%位次区间' : '5th–95th percentile rank',
        data: rows.map((x) => ({
          value: (x.p95 as number) - (x.p5 as number) + 0.6,
          itemStyle: { color: x.fragile.length ? PALETTE.worse : PALETTE.better, opacity: x.regionCode === o.selected ? 1 : 0.75, borderColor: x.regionCode === o.selected ? '#000' : undefined, borderWidth: x.regionCode === o.selected ? 2 : 0 },
        })),
      },
      { type: 'scatter', name: zh ? '现排名' : 'Rank', symbolSize: 6, itemStyle: { color: '#000' }, data: rows.map((x) => x.rank) },
    ],
    legend: { top: 4, data: [zh ? '5%～95%位次区间' : '5th–95th percentile rank', zh ? '现排名' : 'Rank'] },
    graphic: sourceNoteGraphic(o.sourceNote),
  };
}
