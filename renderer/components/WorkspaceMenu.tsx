import { useEffect } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { errorMessage } from '../../shared/contract/errors.js';
import { useHost } from '../host/host.js';
import { useT } from '../i18n/use-t.js';
import { useAppStore } from '../state/store.js';
import { openSampleWorkspace } from '../state/engine.js';
import { openWorkspaceFile, saveWorkspace } from '../state/workspace.js';
import { useCrypt } from '../state/crypt.js';

/** The workspace actions (new, open, save, save as, sample), each reporting success or failure to the user. */
export function useWorkspaceActions(): Record<'new' | 'open' | 'save' | 'saveAs' | 'sample' | 'audit' | 'crypt', () => void> {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();

  const run = (action: () => Promise<string | null>, done: (name: string) => string) => {
    action().then(
      (name) => {
        if (name) void message.success(done(name));
      },
      (e: unknown) => {
        void message.error(`${t('ws.failed')}：${errorMessage(e)}`, 8);
      },
    );
  };
  const done = () => useAppStore.getState().setFirstStart(false);
  return {
    new: () => useAppStore.getState().setAskingNewWorkspace(true),
    open: () => run(() => openWorkspaceFile(host).then((n) => (n && done(), n)), (n) => t('ws.opened', { name: n })),
    save: () => run(() => saveWorkspace(host, false), (n) => t('ws.saved', { name: n })),
    saveAs: () => run(() => saveWorkspace(host, true), (n) => t('ws.saved', { name: n })),
    sample: () => run(() => openSampleWorkspace(host).then(() => (done(), 'sample')), () => t('ws.sampleLoaded')),
    audit: () => useAppStore.getState().setAuditOpen(true),
    crypt: () => useCrypt.setState({ settingsOpen: true }),
  };
}

/** 工作区 menu: new, open, save (Ctrl+S), save as, the sample. Also binds Ctrl+O / Ctrl+S in the page. */
export function WorkspaceMenu() {
  const t = useT();
  const ready = useAppStore((s) => s.engine.status === 'ready');
  const actions: Record<string, () => void> = useWorkspaceActions();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!ready || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        (e.shiftKey ? actions.saveAs : actions.save)?.();
      } else if (key === 'o' && !e.shiftKey) {
        e.preventDefault();
        actions.open?.();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Dropdown
      disabled={!ready}
      trigger={['click']}
      menu={{
        onClick: ({ key }) => actions[key]?.(),
        items: [
          { key: 'new', label: t('ws.new') },
          { key: 'open', label: t('ws.open'), extra: 'Ctrl+O' },
          { key: 'save', label: t('ws.save'), extra: 'Ctrl+S' },
          { key: 'saveAs', label: t('ws.saveAs'), extra: 'Ctrl+Shift+S' },
          { type: 'divider' },
          { key: 'sample', label: t('ws.sample') },
          { type: 'divider' },
          { key: 'audit', label: t('audit.menu') },
          { key: 'crypt', label: t('crypt.menu') },
        ],
      }}
    >
      <Button size="small" ghost icon={<FolderOpenOutlined />} data-testid="workspace-menu">
        {t('ws.menu')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
