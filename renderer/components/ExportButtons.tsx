import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../shared/contract/errors.js';
import { tableCsv, tableXlsx, type ExportTable } from '../../shared/format/table-export.js';
import { chartImage } from '../charts/export-chart.js';
import { useHost } from '../host/host.js';
import { useT } from '../i18n/use-t.js';
import { audit } from '../state/audit.js';
import { currentWatermarkText } from '../state/watermark.js';

/** What a view hands over to export: the chart as drawn (option and on-screen size) and/or its table. */
export interface ExportSource {
  readonly baseName: string;
  chart?(): { option: Record<string, unknown>; width: number; height: number } | null;
  table?(): ExportTable | null | Promise<ExportTable | null>;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').slice(0, 120);

/** PNG (2×) and SVG of the chart, XLSX and CSV of the table, saved through the host (a download in a browser). */
export function ExportButtons({ source, testId }: { source: ExportSource; testId?: string }) {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const save = async (ext: 'png' | 'svg' | 'xlsx' | 'csv') => {
    try {
      let bytes: Uint8Array | null = null;
      // Every image and workbook carries the watermark (the workspace's template with this user, machine and time).
      const mark = await currentWatermarkText(host);
      if (ext === 'png' || ext === 'svg') {
        const c = source.chart?.();
        if (c) bytes = chartImage(c.option, ext, c.width, c.height, mark);
      } else {
        // A view that holds only what it draws fetches its whole table here.
        const tbl = await source.table?.();
        if (tbl) bytes = ext === 'xlsx' ? tableXlsx(tbl, { watermark: mark }) : tableCsv(tbl);
      }
      if (!bytes) return;
      const name = `${safeName(source.baseName)}.${ext}`;
      const r = await audit.around('export', name, () => host.saveFile({ suggestedName: name, bytes, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] }), (x) => audit.outcome(x.saved));
      if (r.saved) void message.success(t('export.done', { name: r.location }));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Space size={4} data-testid={testId ?? 'export-buttons'}>
      {source.chart && <Button size="small" icon={<DownloadOutlined />} onClick={() => void save('png')} data-testid="export-png">{t('export.png')}</Button>}
      {source.chart && <Button size="small" onClick={() => void save('svg')} data-testid="export-svg">{t('export.svg')}</Button>}
      {source.table && <Button size="small" onClick={() => void save('xlsx')} data-testid="export-xlsx">{t('export.xlsx')}</Button>}
      {source.table && <Button size="small" onClick={() => void save('csv')} data-testid="export-csv">{t('export.csv')}</Button>}
    </Space>
  );
}
