/**
 * SVG charts (rendered by ECharts' server-side renderer) to PNG for the formats that take images (the heat map and
 * map in PPTX, every chart in DOCX): drawn on a canvas at 2× for print sharpness, on white, with the app's own
 * fonts (the SVG is drawn through an <img>, which sees only installed fonts, so the text is set to the UI font
 * stack that every Chinese Windows has; the PDF never goes this way and carries its bundled font).
 */
import type { RenderedChart } from '../../../shared/report/pack-batch.js';

const SCALE = 2;

async function toPng(chart: RenderedChart): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([chart.svg], { type: 'image/svg+xml' }));
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

/** PNG bytes by chart key. */
export async function rasterizeCharts(charts: readonly RenderedChart[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const c of charts) out.set(c.key, await toPng(c));
  return out;
}
