import { useState } from 'react';
import { App, Button, Input, Modal } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import type { MessageKey } from '../../shared/i18n/messages.js';
import { useHost } from '../host/host.js';
import { useT } from '../i18n/use-t.js';
import { saveCurrentView } from '../state/saved-views.js';
import { useAppStore } from '../state/store.js';

const SAVABLE = new Set(['ranking', 'compare', 'trends', 'heatmap', 'map', 'scores', 'quality', 'sql']);

/** 保存视图: the current analysis, its parameters and the selection, by name, into the workspace. */
export function SaveViewButton() {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const view = useAppStore((s) => s.view);
  const ready = useAppStore((s) => s.engine.status === 'ready');
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  if (!SAVABLE.has(view) || !ready) return null;
  return (
    <>
      <Button size="small" ghost icon={<SaveOutlined />} data-testid="save-view" onClick={() => { setName(t(`nav.${view}` as MessageKey)); setOpen(true); }}>{t('saved.save')}</Button>
      <Modal
        title={t('saved.save')}
        open={open}
        okText={t('saved.saveOk')}
        okButtonProps={{ 'data-testid': 'save-view-ok' } as Record<`data-${string}`, string>}
        onCancel={() => setOpen(false)}
        onOk={() => {
          try {
            saveCurrentView(host, name);
            setOpen(false);
            void message.success(t('saved.saved', { name }));
          } catch (e) {
            void message.error(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        <Input data-testid="save-view-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      </Modal>
    </>
  );
}
