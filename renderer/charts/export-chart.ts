import { withWatermark } from '../../shared/charts/watermark.js';
import { echarts } from './echarts.js';

/**
 * An image of a chart option, drawn off screen at the size it has on screen: PNG at 2× pixel ratio (sharp on a
 * projector), or SVG (text stays text). The option is the view's own, so the export shows what the user sees,
 * with the demo mark and the source note (审图号) the option carries, and the watermark (shared/charts/watermark.ts).
 */
export function chartImage(option: Record<string, unknown>, type: 'png' | 'svg', width: number, height: number, watermark = ''): Uint8Array {
  const box = document.createElement('div');
  box.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px`;
  document.body.appendChild(box);
  const chart = echarts.init(box, null, { renderer: type === 'svg' ? 'svg' : 'canvas', width, height, devicePixelRatio: type === 'png' ? 2 : 1 });
  try {
    chart.setOption({ ...withWatermark(option, watermark, width, height), animation: false, backgroundColor: '#ffffff' });
    const url = chart.getDataURL({ type, pixelRatio: type === 'png' ? 2 : 1, backgroundColor: '#ffffff' });
    return dataUrlBytes(url);
  } finally {
    chart.dispose();
    box.remove();
  }
}

/** The bytes of a data: URL (base64 or percent-encoded). */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (head.endsWith(';base64')) {
    const bin = atob(body);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new TextEncoder().encode(decodeURIComponent(body));
}
