/**
 * The watermark on an exported chart image (PNG, SVG): faint diagonal copies of the text across the chart and one
 * legible line in the lower-right corner, added as ECharts graphic text (so the text is set as text, never markup).
 */
import { CHART_FONT } from './theme.js';

/** Rows × columns of the faint diagonal copies. */
const ROWS = 3;
const COLS = 3;

/** The watermark's graphic elements for a chart of width × height pixels; nothing for an empty text. */
export function watermarkGraphic(text: string, width: number, height: number): Record<string, unknown>[] {
  const t = text.trim();
  if (!t) return [];
  const tiles: Record<string, unknown>[] = [];
  for (let r = 0; r < ROWS; r++)
    for (let c = 0; c < COLS; c++)
      tiles.push({
        type: 'text',
        silent: true,
        z: 100,
        x: ((c + 0.5) * width) / COLS,
        y: ((r + 0.5) * height) / ROWS,
        rotation: Math.PI / 9,
        style: { text: t, fill: 'rgba(0,0,0,0.10)', fontSize: 14, fontFamily: CHART_FONT, align: 'center', verticalAlign: 'middle' },
      });
  return [...tiles, { type: 'text', silent: true, z: 100, right: 8, bottom: 4, style: { text: t, fill: '#595959', fontSize: 11, fontFamily: CHART_FONT } }];
}

/** The option with the watermark added to whatever graphic it already has (an array or { elements }). */
export function withWatermark(option: Record<string, unknown>, text: string, width: number, height: number): Record<string, unknown> {
  const mark = watermarkGraphic(text, width, height);
  if (!mark.length) return option;
  const g = option.graphic;
  const existing = Array.isArray(g) ? (g as unknown[]) : g && typeof g === 'object' ? ((g as { elements?: unknown[] }).elements ?? [g]) : [];
  return { ...option, graphic: [...existing, ...mark] };
}
