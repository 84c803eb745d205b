import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useHost } from '../host/host.js';
import { useT } from '../i18n/use-t.js';
import { idleLockMs, isEncrypted, lockNow, unlock, useCrypt } from '../state/crypt.js';
import { useAppStore } from '../state/store.js';
import { flushAutosave } from '../state/workspace.js';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Lock the encrypted workspace after the idle delay without input (checked every second). */
export function useIdleLock(): void {
  const host = useHost();
  const encrypted = useAppStore((s) => s.workspace?.encrypted === true);
  const locked = useCrypt((s) => s.locked);
  useEffect(() => {
    if (!encrypted || locked) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, touch, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= idleLockMs() && isEncrypted()) void lockNow(() => flushAutosave(host));
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, touch, { capture: true });
    };
  }, [encrypted, locked, host]);
}

/** 工作区已锁定: covers the whole window (the shell renders nothing else); the passphrase unlocks. */
export function LockScreen() {
  const t = useT();
  const error = useCrypt((s) => s.lockError);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => () => setValue(''), []);
  const submit = () => {
    if (busy || value === '') return;
    const v = value;
    setValue('');
    setBusy(true);
    void unlock(v).finally(() => setBusy(false));
  };
  return (
    <div data-testid="lock-screen" style={{ position: 'fixed', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#3a0d0d' }}>
      <Card style={{ width: 420 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            <LockOutlined /> {t('crypt.lockTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('crypt.lockText')}</Typography.Text>
          {error ? <Alert type="error" showIcon message={error} data-testid="lock-error" /> : null}
          <Input.Password
            autoFocus
            autoComplete="off"
            data-testid="lock-input"
            placeholder={t('crypt.passphrase')}
            value={value}
            disabled={busy}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={submit}
          />
          <Button type="primary" block loading={busy} disabled={value === ''} onClick={submit} data-testid="lock-unlock">
            {t('crypt.unlock')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
