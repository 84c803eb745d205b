import { useEffect, useState } from 'react';
import { App, Button, Collapse, Modal, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../shared/contract/errors.js';
import { MENU_GLOBAL, type MenuBridge } from '../../shared/contract/menu-command.js';
import { ASSET_KINDS, CHECK_LABELS, KIND_LABELS, type AssetRow, type OfflineReport } from '../../shared/trust/offline-check.js';
import { offlineReportFiles } from '../../shared/trust/offline-report.js';
import { useHost } from '../host/host.js';
import { useT } from '../i18n/use-t.js';
import { runOfflineCheck, useOfflineCheck } from '../state/offline-check.js';

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`);

/** The header's button; in Electron the menu's 帮助 → 离线自检 opens the same dialog. */
export function OfflineCheckButton() {
  const t = useT();
  const setOpen = useOfflineCheck((s) => s.setOpen);
  useEffect(() => {
    const bridge = (window as unknown as Record<string, MenuBridge | undefined>)[MENU_GLOBAL];
    return bridge?.onMenuCommand((c) => {
      if (c === 'offline-check') setOpen(true);
    });
  }, [setOpen]);
  return (
    <Button size="small" ghost onClick={() => setOpen(true)} data-testid="offline-check-open">
      {t('offline.open')}
    </Button>
  );
}

/** 离线自检: the verdict, the checks, the bundled fonts, wasm, workers and maps, and the report's export. */
export function OfflineCheckDialog() {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const open = useOfflineCheck((s) => s.open);
  const setOpen = useOfflineCheck((s) => s.setOpen);
  const [report, setReport] = useState<OfflineReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState(0);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setReport(null);
    setError(null);
    runOfflineCheck(host).then(
      (r) => live && setReport(r),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [open, run, host]);
  const save = async () => {
    if (!report) return;
    try {
      const r = await host.saveFiles(offlineReportFiles(report), `衡鉴离线自检-${report.checkedAt.slice(0, 19).replace(/[-:T]/g, '')}`);
      if (r.saved) void message.success(t('offline.exported', { name: r.location }));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const passed = report?.verdict === '通过';
  const remote = report ? [...report.remoteInDocument, ...report.remoteRequests, ...(report.blocked?.urls ?? []), ...report.mismatched] : [];
  const columns = [
    { title: t('offline.file'), dataIndex: 'path', key: 'path', ellipsis: true },
    { title: t('offline.size'), dataIndex: 'bytes', key: 'bytes', width: 100, render: (n: number) => size(n) },
    { title: 'SHA-256', dataIndex: 'sha256', key: 'sha256', width: 190, render: (h: string) => <Typography.Text code copyable={{ text: h }}>{h.slice(0, 16)}…</Typography.Text> },
    { title: t('offline.loaded'), dataIndex: 'loaded', key: 'loaded', width: 70, render: (b: boolean) => (b ? '✓' : '') },
  ];
  return (
    <Modal
      open={open}
      title={t('offline.title')}
      width={920}
      onCancel={() => setOpen(false)}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={() => setRun((n) => n + 1)} disabled={!report && !error} data-testid="offline-check-rerun">{t('offline.rerun')}</Button>
          <Button type="primary" onClick={() => void save()} disabled={!report} data-testid="offline-check-export">{t('offline.export')}</Button>
        </Space>
      }
    >
      <div data-testid="offline-check">
        {error && <Result status="error" title={error} />}
        {!report && !error && <Spin tip={t('offline.running')}><div style={{ height: 120 }} /></Spin>}
        {report && (
          <>
            <Space style={{ marginBottom: 12 }}>
              <Typography.Text strong>{t('offline.verdict')}：</Typography.Text>
              <Tag color={passed ? 'success' : 'error'} style={{ fontSize: 16, padding: '2px 10px' }} data-testid="offline-check-verdict">
                {report.verdict}
              </Tag>
              <Typography.Text type="secondary">{report.checkedAt}</Typography.Text>
            </Space>
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={report.checks.map((c) => ({ ...c }))}
              data-testid="offline-check-checks"
              columns={[
                { title: t('offline.check'), dataIndex: 'id', width: 150, render: (id: keyof typeof CHECK_LABELS) => CHECK_LABELS[id] },
                { title: t('offline.result'), dataIndex: 'passed', width: 80, render: (p: boolean) => <Tag color={p ? 'success' : 'error'}>{p ? t('offline.pass') : t('offline.fail')}</Tag> },
                { title: t('offline.detail'), dataIndex: 'detail' },
              ]}
            />
            {remote.length > 0 && (
              <Typography.Paragraph type="danger" style={{ marginTop: 12 }} data-testid="offline-check-remote">
                {t('offline.remote')}：{remote.slice(0, 20).join('，')}
              </Typography.Paragraph>
            )}
            <Collapse
              style={{ marginTop: 12 }}
              defaultActiveKey={['wasm', 'worker', 'map']}
              items={ASSET_KINDS.map((k) => ({
                key: k,
                label: <span data-testid={`offline-assets-${k}`} data-count={report.assets[k].length}>{`${KIND_LABELS[k]}（${report.assets[k].length}）`}</span>,
                children: <Table<AssetRow> size="small" rowKey="path" columns={columns} dataSource={[...report.assets[k]]} pagination={report.assets[k].length > 10 ? { pageSize: 10, size: 'small' } : false} />,
              }))}
            />
          </>
        )}
      </div>
    </Modal>
  );
}
