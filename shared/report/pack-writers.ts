/**
 * The pack's writers bound together for writePack/writeBatch: charts (with the workspace's boundaries for the map),
 * HTML for the PDF, PPTX, DOCX and XLSX. The one place that knows which module writes which format.
 */
import type { PackWriters } from './pack-batch.js';
import { packCharts } from './pack-charts.js';
import { packDocx } from './pack-docx.js';
import { packHtml } from './pack-html.js';
import { packPptx } from './pack-pptx.js';
import { packXlsx } from './pack-xlsx.js';

/** The writers; `maps` is the workspace's 'maps' document (boundaries by name), for the peers' map. */
export function packWriters(maps: unknown): PackWriters {
  const boundaries = maps && typeof maps === 'object' && !Array.isArray(maps) ? (maps as Record<string, unknown>) : {};
  return {
    charts: (model) => packCharts(model, { geojson: model.peers.mapName ? boundaries[model.peers.mapName] : undefined }),
    html: (model, charts, fontCss, fontOrigin) => packHtml(model, charts, { fontCss, fontOrigin }),
    pptx: packPptx,
    docx: packDocx,
    xlsx: packXlsx,
  };
}
