import { useState } from 'react';
import { Alert, App, Button, Divider, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { errorMessage } from '../../shared/contract/errors.js';
import { useHost } from '../host/host.js';
import { useT } from '../i18n/use-t.js';
import { disableEncryption, idleLockMs, lockNow, MIN_PASSPHRASE, setIdleLockSeconds, setPassphrase, useCrypt } from '../state/crypt.js';
import { useAppStore } from '../state/store.js';
import { flushAutosave, replaceAutosave } from '../state/workspace.js';

/** 加密与锁定: turn encryption on or off, change the passphrase, set the idle lock; each change is audited. */
export function EncryptionDialog() {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const open = useCrypt((s) => s.settingsOpen);
  const encrypted = useAppStore((s) => s.workspace?.encrypted === true);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [minutes, setMinutes] = useState(() => Math.max(1, Math.round(idleLockMs() / 60000)));
  const problem = pass.length > 0 && pass.length < MIN_PASSPHRASE ? t('crypt.tooShort') : again !== '' && again !== pass ? t('crypt.mismatch') : null;
  const ready = pass.length >= MIN_PASSPHRASE && again === pass;
  const close = () => {
    setPass('');
    setAgain('');
    useCrypt.setState({ settingsOpen: false });
  };
  const act = (run: () => Promise<void>, done: string) => {
    setBusy(true);
    run().then(
      () => {
        void message.success(done);
        close();
      },
      (e: unknown) => void message.error(`${t('ws.failed')}：${errorMessage(e)}`, 8),
    ).finally(() => setBusy(false));
  };
  return (
    <Modal open={open} title={t('crypt.title')} onCancel={close} footer={null} destroyOnHidden maskClosable={false}>
      <Alert type={encrypted ? 'success' : 'info'} showIcon message={encrypted ? t('crypt.on') : t('crypt.off')} data-testid="crypt-status" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('crypt.hint')}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.Password autoComplete="new-password" data-testid="crypt-pass" placeholder={encrypted ? t('crypt.newPassphrase') : t('crypt.passphrase')} value={pass} onChange={(e) => setPass(e.target.value)} />
        <Input.Password autoComplete="new-password" data-testid="crypt-again" placeholder={t('crypt.confirm')} value={again} onChange={(e) => setAgain(e.target.value)} status={problem ? 'error' : undefined} />
        {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
        <Space wrap>
          <Button type="primary" disabled={!ready} loading={busy} data-testid="crypt-set" onClick={() => act(() => setPassphrase(pass, () => replaceAutosave(host)), encrypted ? t('crypt.changed') : t('crypt.enabled'))}>
            {encrypted ? t('crypt.change') : t('crypt.enable')}
          </Button>
          {encrypted ? (
            <Button danger disabled={busy} data-testid="crypt-off" onClick={() => act(disableEncryption, t('crypt.disabled'))}>
              {t('crypt.disable')}
            </Button>
          ) : null}
          {encrypted ? (
            <Button disabled={busy} data-testid="crypt-lock" onClick={() => act(() => lockNow(() => flushAutosave(host)), t('crypt.lockTitle'))}>
              {t('crypt.lockNow')}
            </Button>
          ) : null}
        </Space>
      </Space>
      <Divider />
      <Space>
        <Typography.Text>{t('crypt.idle')}</Typography.Text>
        <InputNumber
          min={1}
          max={720}
          value={minutes}
          data-testid="crypt-idle"
          onChange={(v) => {
            if (typeof v !== 'number') return;
            setMinutes(v);
            setIdleLockSeconds(v * 60);
          }}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
        {t('crypt.idleHint')}
      </Typography.Paragraph>
    </Modal>
  );
}
