import { useState } from 'react';
import { App, Input, Modal, Typography } from 'antd';
import { errorMessage } from '../../shared/contract/errors.js';
import { useHost } from '../host/host.js';
import { useT } from '../i18n/use-t.js';
import { useAppStore } from '../state/store.js';
import { newWorkspace } from '../state/workspace.js';

/** 新建工作区: asks for a name, then makes an empty workspace the current one. */
export function NewWorkspaceDialog() {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const open = useAppStore((s) => s.askingNewWorkspace);
  const setOpen = useAppStore((s) => s.setAskingNewWorkspace);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const value = name.trim() || t('ws.newDefault');
  const ok = value.length <= 200;
  const create = () => {
    if (!ok) return;
    setBusy(true);
    newWorkspace(host, value).then(
      (n) => {
        setOpen(false);
        setName('');
        void message.success(t('ws.created', { name: n }));
      },
      (e: unknown) => void message.error(`${t('ws.failed')}：${errorMessage(e)}`, 8),
    ).finally(() => setBusy(false));
  };
  return (
    <Modal
      open={open}
      title={t('ws.newTitle')}
      okText={t('ws.newTitle')}
      onOk={create}
      okButtonProps={{ disabled: !ok, loading: busy, ...{ 'data-testid': 'new-workspace-ok' } }}
      onCancel={() => setOpen(false)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('ws.newHint')}</Typography.Paragraph>
      <Typography.Text strong>{t('ws.newName')}</Typography.Text>
      <Input
        style={{ marginTop: 4 }}
        autoFocus
        data-testid="new-workspace-name"
        placeholder={t('ws.newDefault')}
        value={name}
        maxLength={200}
        status={ok ? undefined : 'error'}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={create}
      />
    </Modal>
  );
}
