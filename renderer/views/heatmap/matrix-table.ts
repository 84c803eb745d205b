import type { HeatMatrix } from '../../../shared/analytics/heatmap.js';
import type { ExportTable } from '../../../shared/format/table-export.js';
import type { HeatColumn } from '../../../shared/charts/heatmap-grid.js';

const nn = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);

/** A heat-map matrix as an export table: per column its value, rank and standard score; then the composite. */
export function matrixTable(m: HeatMatrix, columns: readonly HeatColumn[], order: readonly number[], locale: string): ExportTable {
  const C = m.cols.length;
  const zh = locale === 'zh-CN';
  const headers = [zh ? '区划代码' : 'Code', zh ? '地区' : 'Region'];
  for (const c of columns) headers.push(`${c.label}${c.unit ? `（${c.unit}）` : ''}`, `${c.label} ${zh ? '位次' : 'rank'}`, `${c.label} ${zh ? '标准分' : 'score'}`);
  headers.push(zh ? '综合得分' : 'Composite', zh ? '综合位次' : 'Composite rank');
  const rows = order.map((r) => {
    const out: (string | number | null)[] = [m.rowCodes[r] ?? '', m.rowNames[r] ?? ''];
    for (let c = 0; c < C; c++) {
      const at = r * C + c;
      const s = nn(m.scores[at]);
      out.push(nn(m.values[at]), nn(m.ranks[at]), s === null ? null : Math.round(s * 1000) / 1000);
    }
    const comp = nn(m.composite[r]);
    out.push(comp === null ? null : Math.round(comp * 1000) / 1000, nn(m.compositeRank[r]));
    return out;
  });
  return { sheetName: zh ? '热力图' : 'Heat map', headers, rows };
}
