import { useState } from 'react';
import { Alert } from 'antd';
import { useT } from '../i18n/use-t.js';
import { useAppStore } from '../state/store.js';

/** Says so when the workspace on screen was recovered from the autosave, not opened by the user. */
export function RecoveryNotice() {
  const t = useT();
  const recoveredFrom = useAppStore((s) => s.workspace?.recoveredFrom ?? null);
  const locale = useAppStore((s) => s.locale);
  const [closed, setClosed] = useState(false);
  if (!recoveredFrom || closed) return null;
  const time = new Date(recoveredFrom).toLocaleString(locale, { hour12: false });
  return (
    <Alert
      data-testid="recovery-notice"
      type="info"
      showIcon
      closable={{ onClose: () => setClosed(true) }}
      style={{ marginBottom: 12 }}
      title={t('ws.recovered', { time })}
    />
  );
}
