/**
 * The projector look of a chart (放映模式): every option builder's output, transformed, so a slide reads from the back
 * of a meeting room. Pure: it walks the option as data and leaves formatters and other functions untouched.
 */
import { PALETTE, SERIES_COLORS } from './theme.js';

/** Okabe–Ito: eight colours distinguishable under every common colour blindness; yellow last (weak on white). */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'] as const;

/** The projector palette: near-black text and axes for contrast; better/worse stay blue/orange (warm = worse). */
export const PROJECTOR_PALETTE = {
  text: '#000000',
  axis: '#333333',
  background: '#ffffff',
  better: PALETTE.better,
  worse: PALETTE.worse,
} as const;

export interface ProjectorOptions {
  /** Multiplies every font size, grid margin and line width; 2 suits 1920×1080 (a 12 px label becomes 24 px). */
  readonly scale?: number;
  /** The smallest font size after scaling. */
  readonly minFont?: number;
}

const SERIES_SWAP = new Map<string, string>(SERIES_COLORS.map((c, i) => [c.toLowerCase(), OKABE_ITO[i % OKABE_ITO.length] as string]));
const COLOR_SWAP = new Map<string, string>([
  ...SERIES_SWAP,
  [PALETTE.text.toLowerCase(), PROJECTOR_PALETTE.text],
  [PALETTE.axis.toLowerCase(), PROJECTOR_PALETTE.axis],
]);
const GRID_KEYS = new Set(['left', 'right', 'top', 'bottom']);
/** Text styles ECharts draws at 12 px unless told: given the projector's base size when the builder set none. */
const TEXT_KEYS = new Set(['label', 'endLabel', 'textStyle', 'subtextStyle', 'axisLabel', 'nameTextStyle']);
const LINE_KEYS = new Set(['width', 'borderWidth']);
const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

function walk(x: unknown, key: string, parent: string, s: number, minFont: number): unknown {
  if (Array.isArray(x)) return x.map((v) => walk(v, key, parent, s, minFont));
  if (isObj(x)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = walk(v, k, key, s, minFont);
    if (TEXT_KEYS.has(key) && out.fontSize === undefined) out.fontSize = Math.max(minFont, Math.round(12 * s));
    if (key === 'title' && out.subtextStyle === undefined) out.subtextStyle = { fontSize: Math.max(minFont, Math.round(12 * s)) };
    if (key === 'title' && isObj(out.subtextStyle) && out.subtextStyle.color === undefined) out.subtextStyle = { ...out.subtextStyle, color: PROJECTOR_PALETTE.axis };
    return out;
  }
  if (typeof x === 'number') {
    if (key === 'fontSize' || key === 'lineHeight') return Math.max(minFont, Math.round(x * s));
    if (key === 'symbolSize') return x * Math.sqrt(s);
    if (LINE_KEYS.has(key) && (parent === 'lineStyle' || parent === 'itemStyle')) return x * Math.min(s, 1.5);
    if (parent === 'grid' && GRID_KEYS.has(key)) return Math.round(x * s);
    return x;
  }
  if (typeof x === 'string') return COLOR_SWAP.get(x.toLowerCase()) ?? x;
  return x;
}

/** Sets `fontSize` on a text style where the builder left ECharts' small default (12 px). */
function withFont(style: unknown, size: number): Record<string, unknown> {
  const st = isObj(style) ? style : {};
  return typeof st.fontSize === 'number' ? st : { ...st, fontSize: size };
}

function axes(axis: unknown, size: number): unknown {
  const one = (a: unknown) => (isObj(a) ? { ...a, axisLabel: withFont(a.axisLabel, size), nameTextStyle: withFont(a.nameTextStyle, size) } : a);
  return Array.isArray(axis) ? axis.map(one) : one(axis);
}

/**
 * A chart option in the projector look: fonts, grid margins and lines scaled (×2 by default, at least 20 px text),
 * categorical series in Okabe–Ito, text and axes near-black. Heat and warning colours (visualMap ranges, better/worse
 * bars) are kept, so 红线/黄线 readers still see warm as worse.
 */
export function projectorOption(option: Record<string, unknown>, o: ProjectorOptions = {}): Record<string, unknown> {
  const s = o.scale ?? 2;
  const minFont = o.minFont ?? 20;
  const base = Math.max(minFont, Math.round(12 * s));
  const out = walk(option, '', '', s, minFont) as Record<string, unknown>;
  out.color = [...OKABE_ITO];
  out.textStyle = { ...withFont(out.textStyle, base), color: PROJECTOR_PALETTE.text };
  if (out.xAxis !== undefined) out.xAxis = axes(out.xAxis, base);
  if (out.yAxis !== undefined) out.yAxis = axes(out.yAxis, base);
  if (isObj(out.legend)) out.legend = { ...out.legend, textStyle: withFont(out.legend.textStyle, base), itemWidth: 25 * Math.min(s, 1.5), itemHeight: 14 * Math.min(s, 1.5) };
  if (isObj(out.visualMap)) out.visualMap = { ...out.visualMap, textStyle: withFont(out.visualMap.textStyle, base) };
  const tip = isObj(out.tooltip) ? out.tooltip : {};
  out.tooltip = { ...tip, textStyle: withFont(tip.textStyle, base) };
  return out;
}
