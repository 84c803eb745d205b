import { useState } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useT } from '../i18n/use-t.js';
import { useCrypt } from '../state/crypt.js';

/** 输入口令: asked when an encrypted workspace is opened or recovered; a wrong passphrase shows the error and asks again. */
export function PassphraseDialog() {
  const t = useT();
  const prompt = useCrypt((s) => s.prompt);
  const [value, setValue] = useState('');
  const submit = () => {
    if (!prompt || prompt.busy || value === '') return;
    const v = value;
    setValue('');
    prompt.answer(v);
  };
  return (
    <Modal
      open={prompt !== null}
      title={
        <span>
          <LockOutlined /> {t('crypt.askTitle')}
        </span>
      }
      okText={t('crypt.open')}
      onOk={submit}
      okButtonProps={{ disabled: value === '', loading: prompt?.busy ?? false, ...{ 'data-testid': 'passphrase-ok' } }}
      onCancel={() => {
        setValue('');
        prompt?.answer(null);
      }}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('crypt.askText', { name: prompt?.name ?? '' })}</Typography.Paragraph>
      {prompt?.error ? <Alert type="error" showIcon message={prompt.error} style={{ marginBottom: 8 }} data-testid="passphrase-error" /> : null}
      <Input.Password
        autoFocus
        autoComplete="off"
        data-testid="passphrase-input"
        placeholder={t('crypt.passphrase')}
        value={value}
        disabled={prompt?.busy ?? false}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={submit}
      />
      {prompt?.busy ? <Typography.Text type="secondary">{t('crypt.deriving')}</Typography.Text> : null}
      {prompt?.boot ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('crypt.askBootHint')}
        </Typography.Paragraph>
      ) : null}
    </Modal>
  );
}
