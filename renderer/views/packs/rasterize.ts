/**
 * SVG charts (rendered by ECharts' server-side renderer) to PNG for the formats that take images (the heat map and
 * map in PPTX, every chart in DOCX): drawn on a canvas at 2× for print sharpness, on white. An SVG drawn through an
 * <img> sees no web font, so the bundled font's subsets for the chart's text go into the SVG itself (data: URIs).
 */
import type { RenderedChart } from '../../../shared/report/pack-batch.js';

const SCALE = 2;

/** The SVG with @font-face rules in a <style> right after its opening tag. */
export function withFonts(svg: string, fontCss: string): string {
  if (!fontCss) return svg;
  return svg.replace(/<svg\b[^>]*>/, (open) => `${open}<style>${fontCss.replace(/<\//g, '<\\/')}</style>`);
}

async function toPng(chart: RenderedChart, fontCss: string): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([withFonts(chart.svg, fontCss)], { type: 'image/svg+xml' }));
  try {
    const img = new Image(chart.width, chart.height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = chart.width * SCALE;
    canvas.height = chart.height * SCALE;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('无法创建画布');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(`图表 ${chart.title} 无法转为图片`);
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** PNG bytes by chart key; `fontCss` covers the charts' text. */
export async function rasterizeCharts(charts: readonly RenderedChart[], fontCss = ''): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const c of charts) out.set(c.key, await toPng(c, fontCss));
  return out;
}
