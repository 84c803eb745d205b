import { App, Form, InputNumber, Modal, Select } from 'antd';
import type { ListPolicy } from '../../../shared/workspace/honour-lists.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { saveListPolicy } from '../../state/honour.js';

/** 榜单规则: the list policy as a form; saved in the workspace's 'lists' document (the previous one kept). */
export function PolicyDialog({ open, onClose, policy }: { open: boolean; onClose: () => void; policy: ListPolicy }) {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const [form] = Form.useForm<ListPolicy>();
  const n = (name: keyof ListPolicy, label: string, min: number, allowEmpty = false) => (
    <Form.Item name={name} label={label} rules={allowEmpty ? [] : [{ required: true }]}>
      <InputNumber min={min} max={500} precision={0} style={{ width: 120 }} data-testid={`honour-policy-${name}`} />
    </Form.Item>
  );
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('honour.policy')}
      destroyOnHidden
      data-testid="honour-policy-dialog"
      onOk={() =>
        void form.validateFields().then(
          (v) => {
            saveListPolicy(host, { ...v, perGroup: v.perGroup ?? null });
            void message.success(t('honour.saved'));
            onClose();
          },
          () => undefined, // shown under the fields
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={policy} preserve={false}>
        {n('top', t('honour.policy.top'), 1)}
        {n('perGroup', t('honour.policy.perGroup'), 1, true)}
        {n('bottom', t('honour.policy.bottom'), 0)}
        <Form.Item name="warnings" label={t('honour.policy.warnings')}>
          <Select style={{ width: 240 }} options={[{ value: 'composite', label: t('honour.policy.warnings.composite') }, { value: 'all', label: t('honour.policy.warnings.all') }]} />
        </Form.Item>
        {n('redMin', t('honour.policy.redMin'), 1)}
        {n('yellowMin', t('honour.policy.yellowMin'), 1)}
        {n('reminders', t('honour.policy.reminders'), 1)}
      </Form>
    </Modal>
  );
}
