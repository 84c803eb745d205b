import { Table, Tag, Tooltip } from 'antd';
import { MATCH_RULE_ZH, type ColumnOutcome } from '../../../shared/ingest/layout/column-outcomes.js';

/** Every column of a sheet: where it goes (target, 匹配方式, 匹配度) or why it is not imported. */
export function ColumnOutcomes(props: { columns: readonly ColumnOutcome[] }) {
  return (
    <Table<ColumnOutcome>
      size="small"
      style={{ marginTop: 12 }}
      data-testid="column-outcomes"
      rowKey="index"
      dataSource={[...props.columns]}
      pagination={false}
      columns={[
        { title: '列', dataIndex: 'header', width: 220, ellipsis: { showTitle: false }, render: (h: string) => <Tooltip title={h}>{h}</Tooltip> },
        {
          title: '结果',
          dataIndex: 'status',
          width: 110,
          render: (_: unknown, c) =>
            c.status === 'imported' ? <Tag color="blue">导入</Tag> : <Tag color={c.warning ? 'red' : 'default'}>{c.warning ? '未导入（含数值）' : '未导入'}</Tag>,
        },
        { title: '导入为', dataIndex: 'target', render: (t: string | null, c) => t ?? c.reasonText },
        { title: '匹配方式', dataIndex: 'rule', width: 110, render: (r: ColumnOutcome['rule']) => (r ? MATCH_RULE_ZH[r] : '—') },
        { title: '匹配度', dataIndex: 'confidence', width: 80, align: 'right', render: (v: number | null, c) => (c.rule === 'manual' ? '手动' : v === null ? '—' : `${Math.round(v * 100)}%`) },
      ]}
    />
  );
}
