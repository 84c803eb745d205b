import type { RankingResult } from '../analytics/ranking.js';
import { html } from '../format/html.js';
import { columnDecimals, formatGap, formatRank, formatValue, gapUnit } from '../format/number.js';
import type { Locale, Translate } from '../i18n/messages.js';
import { CHART_FONT, HEAT_PALETTES, PALETTE, sourceNoteGraphic, type HeatPalette } from './theme.js';

/** Boundaries as stored in the workspace's 'maps' document: features keyed by properties.adcode (= region_code). */
export interface StoredFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly { readonly type?: string; readonly properties?: Record<string, unknown>; readonly geometry?: unknown }[];
}

/** Which regions of the compared level have a shape, which shapes are drawn, which regions lack one. */
export interface MapCoverage {
  /** The features of the compared regions, to register and draw. */
  readonly features: StoredFeatureCollection['features'];
  readonly withoutShape: readonly { readonly code: string; readonly name: string }[];
  readonly withoutData: readonly { readonly code: string; readonly name: string }[];
}

/** Split the boundaries against the ranked regions: drawn, regions without a shape, shapes without a value. */
export function mapCoverage(maps: unknown, result: RankingResult): MapCoverage {
  const codes = new Set(result.rows.map((r) => r.regionCode));
  const features: StoredFeatureCollection['features'][number][] = [];
  const seen = new Set<string>();
  if (maps && typeof maps === 'object')
    for (const fc of Object.values(maps as Record<string, unknown>)) {
      const list = (fc as Partial<StoredFeatureCollection> | null)?.features;
      if (!Array.isArray(list)) continue;
      for (const f of list as StoredFeatureCollection['features']) {
        const code = String(f.properties?.adcode ?? '');
        if (codes.has(code) && !seen.has(code)) {
          seen.add(code);
          features.push(f);
        }
      }
    }
  return {
    features,
    withoutShape: result.rows.filter((r) => !seen.has(r.regionCode)).map((r) => ({ code: r.regionCode, name: r.name })),
    withoutData: result.rows.filter((r) => seen.has(r.regionCode) && r.value === null).map((r) => ({ code: r.regionCode, name: r.name })),
  };
}

export interface ChoroplethOptions {
  readonly locale: Locale;
  readonly t: Translate;
  /** The name the boundaries were registered under (echarts.registerMap). */
  readonly mapName: string;
  readonly title: string;
  readonly palette?: HeatPalette;
  readonly selected?: string | null;
  readonly demo?: boolean;
  readonly sourceNote?: string | null;
}

/**
 * A choropleth of one indicator: regions coloured by value with a visual-map legend whose colours run from worse
 * (warm) to better (cool) by the indicator's direction, and which names the better end. Regions without a value
 * stay grey; the tooltip gives value, rank and gap.
 */
export function choroplethOption(result: RankingResult, o: ChoroplethOptions): Record<string, unknown> {
  const { t, locale } = o;
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const unit = result.indicator.unit ?? '';
  const rows = result.rows;
  const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
  const d = columnDecimals(unit, values);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const worseToBetter = [...HEAT_PALETTES[o.palette ?? 'default']];
  // visualMap maps low → first colour: for higher-is-better that is worse; for lower-is-better reverse the colours.
  const colors = result.indicator.direction > 0 ? worseToBetter : worseToBetter.reverse();
  const byCode = new Map(rows.map((r) => [r.regionCode, r]));
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: PALETTE.text },
    title: { text: o.title, subtext: unit ? `${t('ranking.unit')}：${unit}` : '', left: 'center', top: 4, textStyle: { fontSize: 16, fontFamily: CHART_FONT } },
    graphic: [
      ...(o.demo ? [{ type: 'text', right: 8, top: 6, style: { text: t('ws.demoChart'), fill: '#ad8b00', fontSize: 12, fontFamily: CHART_FONT } }] : []),
      ...sourceNoteGraphic(o.sourceNote),
    ],
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string }) => {
        const r = byCode.get(p.name);
        if (!r) return html`${p.name}`;
        return (
          html`${r.name}<br/>${formatValue(r.value, unit, locale, d)} ${unit}\u3000${formatRank(r.rank, lang)}<br/>` +
          html`${t('ranking.gap')}：${formatGap(r.gap, unit, locale)} ${gapUnit(unit, lang)}`
        );
      },
    },
    visualMap: {
      type: 'continuous',
      min,
      max,
      left: 16,
      bottom: 28,
      calculable: false,
      // text: [high end, low end]
      text: result.indicator.direction > 0 ? [`${t('heatmap.better')}（${t('ranking.higherBetter')}）`, t('heatmap.worse')] : [t('heatmap.worse'), `${t('heatmap.better')}（${t('ranking.lowerBetter')}）`],
      textStyle: { fontFamily: CHART_FONT },
      inRange: { color: colors },
      formatter: (v: number) => formatValue(v, unit, locale, d),
    },
    series: [
      {
        type: 'map',
        map: o.mapName,
        nameProperty: 'adcode',
        roam: true,
        top: 64,
        bottom: 24,
        selectedMode: 'single',
        label: { show: rows.length <= 40, fontSize: 10, fontFamily: CHART_FONT, formatter: (p: { name: string }) => byCode.get(p.name)?.name ?? '' },
        itemStyle: { areaColor: '#e8e8e8', borderColor: '#fff', borderWidth: 0.8 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: undefined, borderColor: '#333', borderWidth: 1.5 } },
        select: { itemStyle: { borderColor: '#b71c1c', borderWidth: 2.5 }, label: { show: true, color: '#b71c1c', fontWeight: 'bold' } },
        data: rows.map((r) => ({ name: r.regionCode, value: r.value ?? NaN, selected: r.regionCode === o.selected })),
      },
    ],
  };
}
