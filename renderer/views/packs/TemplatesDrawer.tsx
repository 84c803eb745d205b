import { useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Input, Space, Typography } from 'antd';
import { errorMessage } from '../../../shared/contract/errors.js';
import { DEFAULT_TEMPLATES } from '../../../shared/report/narrative-templates.js';
import { readTemplatesDocument } from '../../../shared/workspace/narrative-templates.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { workspaceChanged } from '../../state/workspace.js';

/**
 * 文字模板: the pack's sentence templates, editable; saving validates the whole set (a wrong placeholder is refused
 * with the key named) and stores only the changed keys in the workspace's 'templates' document, version + 1.
 */
export function TemplatesDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const doc = useAppStore((s) => s.workspace?.documents.templates);
  const current = useMemo(() => {
    try {
      return readTemplatesDocument(doc);
    } catch {
      return DEFAULT_TEMPLATES;
    }
  }, [doc]);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const value = (k: string) => draft[k] ?? current.templates[k] ?? '';
  const save = () => {
    const changed = Object.fromEntries(Object.keys(DEFAULT_TEMPLATES.templates).map((k) => [k, value(k)]).filter(([k, v]) => v !== DEFAULT_TEMPLATES.templates[k as string]));
    const next = { version: current.version + 1, templates: changed };
    try {
      readTemplatesDocument(next);
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    setError(null);
    workspaceChanged(host, { templates: next });
    setDraft({});
    void message.success(t('packs.templates.saved', { v: next.version }));
  };
  return (
    <Drawer open={open} onClose={onClose} size="large" title={t('packs.templates')} data-testid="templates-drawer"
      extra={
        <Space>
          <Button onClick={() => setDraft({ ...DEFAULT_TEMPLATES.templates })}>{t('packs.templates.reset')}</Button>
          <Button type="primary" data-testid="templates-save" onClick={save}>{t('packs.templates.save')}</Button>
        </Space>
      }
    >
      <Flex vertical gap={10}>
        <Typography.Text type="secondary">{`${t('packs.templates.version', { v: current.version })}\u3000${t('packs.templates.hint')}`}</Typography.Text>
        {error && <Alert type="error" showIcon title={error} data-testid="templates-error" />}
        {Object.keys(DEFAULT_TEMPLATES.templates).map((k) => (
          <Flex key={k} vertical gap={2}>
            <Typography.Text code>{k}</Typography.Text>
            <Input data-testid={`template-${k}`} value={value(k)} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} />
          </Flex>
        ))}
      </Flex>
    </Drawer>
  );
}
