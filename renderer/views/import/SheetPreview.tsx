import { Table, Tag } from 'antd';
import { columnLetter } from '../../../shared/ingest/readers/csv/csv.js';
import type { RowKind } from '../../../shared/ingest/layout/layout.js';
import type { PreparedSheet } from '../../../shared/ingest/pipeline/pipeline.js';
import { DEFAULT_MASK_PROFILE, maskField } from '../../../shared/format/mask.js';

const PREVIEW_ROWS = 15;

const ROW_KIND_ZH: Record<RowKind, string> = { blank: '空行', footnote: '注释', totals: '合计', numbering: '编号行', 'repeated-header': '重复表头' };

/** The first rows as in the file, with title, header, data and skipped rows marked, so a wrong guess is visible. */
export function SheetPreview({ sheet }: { sheet: PreparedSheet }) {
  const plan = sheet.plan;
  const rows = sheet.staged.sample.rows.slice(0, PREVIEW_ROWS);
  const width = Math.min(12, Math.max(1, ...rows.map((r) => r.length)));
  const notes = new Map(plan.rowNotes.map((n) => [n.row, n]));
  const kind = (row: number): { text: string; color: string } => {
    if (plan.titleRows.includes(row)) return { text: '标题', color: 'default' };
    if (plan.headerRows.includes(row)) return { text: '表头', color: 'blue' };
    const note = notes.get(row);
    if (note) return { text: ROW_KIND_ZH[note.kind], color: 'orange' };
    return row >= plan.firstDataRow ? { text: '数据', color: 'green' } : { text: '跳过', color: 'orange' };
  };
  return (
    <Table
      size="small"
      style={{ marginTop: 8 }}
      pagination={false}
      scroll={{ x: true }}
      data-testid="sheet-preview"
      rowKey="row"
      dataSource={rows.map((cells, i) => ({ row: i + 1, cells }))}
      columns={[
        { title: '行', dataIndex: 'row', width: 48 },
        { title: '识别', key: 'kind', width: 72, render: (_: unknown, r) => <Tag color={kind(r.row).color}>{kind(r.row).text}</Tag> },
        ...Array.from({ length: width }, (_, c) => ({
          title: columnLetter(c),
          key: `c${c}`,
          ellipsis: true,
          render: (_: unknown, r: { cells: readonly unknown[] }) => {
            const v = r.cells[c];
            // ID and phone numbers are masked in the preview; the report offers the deliberate unmasking.
            return v === null || v === undefined ? '' : maskField(DEFAULT_MASK_PROFILE, 'text', String(v));
          },
        })),
      ]}
    />
  );
}
