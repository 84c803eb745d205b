import { useState } from 'react';
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../../shared/contract/errors.js';
import { formatTime } from '../../../shared/format/time.js';
import type { ImportBatch } from '../../../shared/ingest/history/history.js';
import { tableDef } from '../../../shared/model/tables.js';
import { useHost } from '../../host/host.js';
import { importBatches, undoImport } from '../../state/history.js';
import { useQuery } from '../../state/use-query.js';

const all = () => importBatches();

/** 导入记录: every committed import batch, newest first, each undoable (撤销导入) while it is active. */
export function ImportHistory() {
  const host = useHost();
  const { message } = App.useApp();
  const batches = useQuery(all, {});
  const [busy, setBusy] = useState<number | null>(null);
  const list = batches.status === 'ready' ? batches.data : batches.status === 'loading' ? (batches.previous ?? []) : [];
  const undo = (b: ImportBatch) => {
    setBusy(b.batchId);
    undoImport(host, b.batchId).then(
      (r) => {
        const what = r.tables.map((t) => `${tableDef(t.table).label.zh}移除 ${t.removed} 条、恢复 ${t.restored} 条`).join('；');
        void message.success(`已撤销批次 ${r.batchId}${what ? `：${what}` : ''}`, 6);
      },
      (e: unknown) => void message.error(errorMessage(e), 8),
    ).finally(() => setBusy(null));
  };
  return (
    <Card size="small" title={`导入记录（${list.length} 批）`} data-testid="import-history">
      {list.length === 0 ? (
        <Typography.Text type="secondary">该工作区还没有导入记录。每次确认导入都会记为一个批次，可随时撤销。</Typography.Text>
      ) : (
        <Table<ImportBatch>
          size="small"
          rowKey="batchId"
          dataSource={list}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '批次', dataIndex: 'batchId', width: 60 },
            { title: '导入时间', dataIndex: 'committedAt', width: 140, render: (v: string) => formatTime(v) },
            {
              title: '来源',
              render: (_: unknown, b) =>
                b.sources.map((s) => (
                  <div key={s.srcId} className="hj-nowrap" title={`${s.file}${s.sheet ? ` / ${s.sheet}` : ''}`}>
                    {s.file}
                    {s.sheet ? ` / ${s.sheet}` : ''} → {tableDef(s.target).label.zh} {s.rowsWritten} 条
                  </div>
                )),
            },
            { title: '读取/导入/拒绝/跳过（行）', width: 210, render: (_: unknown, b) => `${b.rowsRead} / ${b.rowsImported} / ${b.rowsRejected} / ${b.rowsSkipped}` },
            { title: '写入/替换（条）', width: 120, render: (_: unknown, b) => `${b.rowsWritten} / ${b.rowsReplaced}` },
            {
              title: '状态',
              width: 150,
              render: (_: unknown, b) =>
                b.status === 'undone' ? <Tag>已撤销 {formatTime(b.undoneAt)}</Tag> : <Tag color="green">已导入</Tag>,
            },
            {
              title: '操作',
              width: 90,
              render: (_: unknown, b) =>
                b.status === 'active' && (
                  <Popconfirm
                    title={`撤销导入批次 ${b.batchId}？`}
                    description={`移除这批写入且仍在工作区的记录，恢复它替换掉的 ${b.rowsReplaced} 条记录（一次完成，失败则不作任何改动）。`}
                    okText="撤销导入"
                    cancelText="取消"
                    onConfirm={() => undo(b)}
                  >
                    <Button size="small" danger loading={busy === b.batchId} data-testid={`undo-batch-${b.batchId}`}>
                      撤销导入
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
