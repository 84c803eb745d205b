import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Drawer, Empty, Flex, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { formatTime } from '../../../shared/format/time.js';
import { AUDIT_ACTIONS, auditActionKey, filterAudit, parseAuditLog, verifyAuditLog, type AuditAction, type AuditRecord, type AuditVerdict } from '../../../shared/workspace/audit-log.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';

/** The verdict on the current log, recomputed when it changes (hashing is async). */
function useVerdict(text: string, head: Parameters<typeof verifyAuditLog>[1]): AuditVerdict | null {
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  useEffect(() => {
    let live = true;
    setVerdict(null);
    verifyAuditLog(text, head).then((v) => live && setVerdict(v), () => undefined);
    return () => {
      live = false;
    };
  }, [text, head]);
  return verdict;
}

/** 审计日志: the workspace's records (time, user, action, object, result), newest first, filtered by action and date. */
export function AuditDrawer() {
  const t = useT();
  const open = useAppStore((s) => s.auditOpen);
  const setOpen = useAppStore((s) => s.setAuditOpen);
  const text = useAppStore((s) => s.workspace?.audit ?? '');
  const head = useAppStore((s) => s.workspace?.auditHead ?? null);
  const [actions, setActions] = useState<AuditAction[]>([]);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const all = useMemo(() => parseAuditLog(text).records, [text]);
  const shown = useMemo(
    () =>
      filterAudit(all, {
        actions,
        since: range?.[0]?.startOf('day').toISOString() ?? null,
        until: range?.[1]?.endOf('day').toISOString() ?? null,
      }).reverse(),
    [all, actions, range],
  );
  const verdict = useVerdict(text, head);
  return (
    <Drawer open={open} onClose={() => setOpen(false)} size={900} title={t('audit.title')} data-testid="audit-drawer">
      <Flex vertical gap={12}>
        {verdict === null ? (
          <Alert type="info" title={t('audit.verifying')} />
        ) : verdict.problem ? (
          <Alert type="error" showIcon title={t('audit.broken')} description={verdict.problem.message} data-testid="audit-verdict" />
        ) : (
          <Alert type="success" showIcon title={t('audit.intact', { n: verdict.records })} description={t('audit.retention')} data-testid="audit-verdict" />
        )}
        <Flex gap={8} wrap align="center">
          <Select<AuditAction[]>
            mode="multiple"
            allowClear
            style={{ minWidth: 280 }}
            placeholder={t('audit.filterActions')}
            value={actions}
            onChange={setActions}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(auditActionKey(a)) }))}
            data-testid="audit-filter-action"
          />
          <DatePicker.RangePicker value={range} onChange={(r) => setRange(r)} placeholder={[t('audit.filterDates'), '']} data-testid="audit-filter-date" />
          <Typography.Text type="secondary" data-testid="audit-count">{t('audit.count', { total: all.length, shown: shown.length })}</Typography.Text>
        </Flex>
        {all.length === 0 ? (
          <Empty description={t('audit.empty')} />
        ) : (
          <Table<AuditRecord>
            size="small"
            rowKey="seq"
            dataSource={shown}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid="audit-table"
            columns={[
              { title: t('audit.time'), dataIndex: 'at', width: 140, render: (v: string) => formatTime(v) },
              { title: t('audit.user'), width: 150, render: (_: unknown, r) => `${r.user}@${r.machine}` },
              { title: t('audit.action'), dataIndex: 'action', width: 120, render: (a: AuditAction) => t(auditActionKey(a)) },
              { title: t('audit.object'), dataIndex: 'object' },
              { title: t('audit.result'), dataIndex: 'result', width: 200 },
            ]}
          />
        )}
      </Flex>
    </Drawer>
  );
}
