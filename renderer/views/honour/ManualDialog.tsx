import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { App, Button, Form, Input, List, Modal, Radio, Select, Typography } from 'antd';
import type { HonourResult } from '../../../shared/analytics/honour-lists-result.js';
import { errorMessage } from '../../../shared/contract/errors.js';
import type { ListSubject } from '../../../shared/workspace/honour-lists.js';
import type { ListType } from '../../../shared/model/vocab.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { addManualEntry, removeManualEntry } from '../../state/honour.js';

interface Values {
  action: 'add' | 'remove';
  listType: ListType;
  target: string;
  reason: string;
  user: string;
}

/** 人工调整: add a region or cadre to a list, or take one off, with a required reason; the period's entries listed. */
export function ManualDialog({ open, onClose, result, subject, user, onUser }: {
  open: boolean;
  onClose: () => void;
  result: HonourResult;
  subject: ListSubject;
  user: string;
  onUser: (u: string) => void;
}) {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = Form.useWatch('action', form) ?? 'add';
  const listType = Form.useWatch('listType', form) ?? '红榜';
  const [busy, setBusy] = useState(false);
  const options =
    action === 'remove'
      ? result.entries.filter((e) => e.subject === subject && e.listType === listType).map((e) => ({ value: e.id, label: e.name }))
      : subject === 'region'
        ? result.candidates.regions.map((r) => ({ value: r.id, label: r.name }))
        : result.candidates.cadres.map((c) => ({ value: c.id, label: `${c.name}（${c.regionName}）` }));
  const submit = async () => {
    // A missing reason or target: the form shows it under the field.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const name = (options.find((o) => o.value === v.target)?.label ?? v.target).replace(/（.*$/, '');
      const by = v.user.trim() || t('honour.defaultUser');
      addManualEntry(host, { period: result.period, level: result.level, listType: v.listType, subject, target: v.target, name, action: v.action, reason: v.reason, user: by });
      onUser(by);
      void message.success(t('honour.saved'));
      form.resetFields(['target', 'reason']);
      onClose();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} title={t('honour.manualTitle')} destroyOnHidden data-testid="honour-manual-dialog" okButtonProps={{ 'data-testid': 'honour-manual-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={{ action: 'add', listType: '红榜', user }} preserve={false}>
        <Form.Item name="action" label={t('honour.action')}>
          <Radio.Group optionType="button" options={[{ value: 'add', label: t('honour.add') }, { value: 'remove', label: t('honour.remove') }]} onChange={() => form.setFieldValue('target', undefined)} />
        </Form.Item>
        <Form.Item name="listType" label={t('honour.list')}>
          <Radio.Group optionType="button" options={[{ value: '红榜', label: t('honour.red') }, { value: '黄榜', label: t('honour.yellow') }]} onChange={() => form.setFieldValue('target', undefined)} />
        </Form.Item>
        <Form.Item name="target" label={t('honour.target')} rules={[{ required: true }]}>
          <Select data-testid="honour-manual-target" showSearch={{ optionFilterProp: 'label' }} options={options} />
        </Form.Item>
        <Form.Item name="reason" label={t('honour.reason')} rules={[{ required: true, whitespace: true, message: t('honour.reasonRequired') }]}>
          <Input.TextArea data-testid="honour-manual-reason" rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="user" label={t('honour.user')}>
          <Input data-testid="honour-manual-user" maxLength={60} placeholder={t('honour.defaultUser')} />
        </Form.Item>
      </Form>
      {result.manual.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('honour.manualList')}</Typography.Text>}
          dataSource={[...result.manual]}
          renderItem={(m) => (
            <List.Item actions={[<Button key="w" size="small" type="link" onClick={() => removeManualEntry(host, m.id)}>{t('honour.withdraw')}</Button>]}>
              {`${m.action === 'add' ? t('honour.add') : t('honour.remove')}${m.listType}：${m.name}（${m.reason}；${m.user}）`}
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
