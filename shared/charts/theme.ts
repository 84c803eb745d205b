/** Shared chart look: the bundled CJK font, and direction-aware colours that stay distinguishable for colour-blind readers. */
export const CHART_FONT = "'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** Better / worse than the benchmark: blue and orange (safe for red-green colour blindness), never colour alone. */
export const PALETTE = {
  better: '#2f6db5',
  worse: '#e07b28',
  neutral: '#8c8c8c',
  benchmark: '#595959',
  text: '#262626',
  axis: '#8c8c8c',
} as const;

/** Line colours for several regions at once: distinguishable in print and for colour-blind readers (Tableau 10). */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#e15759'] as const;

/**
 * Heat-map colours from worse to better. Default: red (worse) through yellow to green (better), as 红线/黄线
 * readers expect; colour-blind-safe: orange (worse) through white to purple (better), no red-green contrast.
 */
export const HEAT_PALETTES = {
  default: ['#c62828', '#f46d43', '#fdae61', '#fee08b', '#d9ef8b', '#66bd63', '#1a9850'],
  colorblind: ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'],
} as const;

export type HeatPalette = keyof typeof HEAT_PALETTES;

/**
 * The user's source note (for example a map's 审图号) in the lower-left corner of a chart, so that every exported
 * image carries it. Nothing when there is no note.
 */
export function sourceNoteGraphic(note: string | null | undefined): Record<string, unknown>[] {
  const text = note?.trim();
  if (!text) return [];
  return [{ type: 'text', left: 8, bottom: 4, silent: true, style: { text: text.slice(0, 120), fill: '#8c8c8c', fontSize: 11, fontFamily: CHART_FONT } }];
}

/** The palette colour of a standardised score (clipped to ±2, seven bins), for table cells; null for missing. */
export function scoreColor(score: number | null | undefined, palette: HeatPalette = 'default'): string | null {
  if (score === null || score === undefined || Number.isNaN(score)) return null;
  const colors = HEAT_PALETTES[palette];
  const x = Math.max(-2, Math.min(2, score));
  return colors[Math.min(colors.length - 1, Math.floor(((x + 2) / 4) * colors.length))] as string;
}
