import { Badge, Button, Flex, Layout, Space, Tag, Tooltip, Typography } from 'antd';
import { OfflineCheckButton } from './OfflineCheckDialog.js';
import { SaveViewButton } from './SaveViewButton.js';
import { WorkspaceMenu } from './WorkspaceMenu.js';
import { useT } from '../i18n/use-t.js';
import { useAppStore } from '../state/store.js';

/** Brand, workspace name and data status, language switch. */
export function AppHeader() {
  const t = useT();
  const engine = useAppStore((s) => s.engine);
  const workspace = useAppStore((s) => s.workspace);
  const locale = useAppStore((s) => s.locale);
  const setLocale = useAppStore((s) => s.setLocale);
  const derived = useAppStore((s) => s.derived);
  const count = (name: string) => (engine.status === 'ready' ? (engine.counts.find((c) => c.name === name)?.rows ?? 0) : 0);
  const status =
    engine.status === 'ready' ? (
      <Badge status="success" text={<span style={{ color: '#fff' }}>{t('engine.ready')} · {t('status.regions', { n: count('regions') })} · {t('status.indicators', { n: count('indicators') })} · {t('status.rows', { n: count('indicator_values').toLocaleString(locale) })}</span>} />
    ) : engine.status === 'error' || engine.status === 'crashed' ? (
      <Badge status="error" text={<span style={{ color: '#fff' }}>{t(engine.status === 'error' ? 'engine.failed' : 'engine.crashedTitle')}</span>} />
    ) : (
      <Badge status="processing" text={<span style={{ color: '#fff' }}>{t(engine.status === 'starting' ? 'engine.starting' : engine.what === 'sample' ? 'engine.loadingSample' : 'engine.loadingWorkspace')}</span>} />
    );
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', padding: '0 16px', background: '#8e1a1a', height: 52, lineHeight: '52px' }}>
      <Flex align="center" justify="space-between" style={{ width: '100%' }}>
        <Space size="large">
          <span className="hj-brand">{t('app.name')}</span>
          <Typography.Text style={{ color: '#f5d5d5' }} data-testid="workspace-name">
            {workspace ? workspace.name : t('app.tagline')}
            {workspace?.fileName ? `（${workspace.fileName}）` : ''}
          </Typography.Text>
          {workspace?.demo && (
            <Tooltip title={t('ws.demoTip')}>
              <Tag color="gold" data-testid="demo-tag" style={{ marginInlineEnd: 0 }}>
                {t('ws.demoTag')}
              </Tag>
            </Tooltip>
          )}
          {workspace?.dirty && (
            <Tooltip title={t('ws.unsaved')}>
              <span data-testid="workspace-dirty" style={{ color: '#ffd666' }}>●</span>
            </Tooltip>
          )}
          <WorkspaceMenu />
          <SaveViewButton />
        </Space>
        <Space size="large">
          {engine.status === 'ready' && derived.status === 'building' && (
            <Tooltip title={t('derived.buildingTip')}>
              <Tag color="processing" data-testid="derived-status" style={{ marginInlineEnd: 0 }}>{t('derived.building')}</Tag>
            </Tooltip>
          )}
          {engine.status === 'ready' && derived.status === 'failed' && (
            <Tooltip title={t('derived.failedTip', { message: derived.message })}>
              <Tag color="warning" data-testid="derived-status" style={{ marginInlineEnd: 0 }}>{t('derived.failed')}</Tag>
            </Tooltip>
          )}
          <span data-testid="engine-status">{status}</span>
          <OfflineCheckButton />
          <Button size="small" ghost onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('common.language')}
          </Button>
        </Space>
      </Flex>
    </Layout.Header>
  );
}
