import { Button, Card, Empty, Flex, Popconfirm, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { MessageKey } from '../../../shared/i18n/messages.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { startProjection } from '../../state/projection.js';
import { deleteSavedView, moveSavedView, openSavedView, renameSavedView, useSavedViews } from '../../state/saved-views.js';

/** 已存视图: every saved view of the workspace, to open, rename, reorder and delete in one place, and to project (放映). */
export function SavedViewsView() {
  const t = useT();
  const host = useHost();
  const views = useSavedViews();
  if (views.length === 0) return <Card><Empty description={t('saved.none')} /></Card>;
  return (
    <Card
      size="small"
      data-testid="saved-views"
      title={t('nav.saved')}
      extra={
        <Button type="primary" icon={<PlayCircleOutlined />} data-testid="projection-start" title={t('projection.startHint')} onClick={() => startProjection({ kind: 'saved' })}>
          {t('projection.start')}
        </Button>
      }
    >
      <Flex vertical>
        {views.map((v, i) => (
          <Flex key={v.id} data-testid={`saved-${i}`} justify="space-between" align="center" gap={12} style={{ borderBottom: '1px solid #f0f0f0', padding: '10px 4px' }}>
            <Space orientation="vertical" size={0}>
              <Typography.Text editable={{ onChange: (name) => name.trim() && renameSavedView(host, v.id, name), tooltip: t('saved.rename') }} strong>{v.name}</Typography.Text>
              <Typography.Text type="secondary">
                {t(`nav.${v.view}` as MessageKey)} · {[v.selection.indicator, v.selection.period, v.selection.region].filter(Boolean).join(' · ')} · {v.savedAt.replace('T', ' ').slice(0, 16)}
              </Typography.Text>
            </Space>
            <Space>
              <Button type="primary" size="small" data-testid={`saved-open-${i}`} onClick={() => openSavedView(v)}>{t('saved.open')}</Button>
              <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('saved.up')} onClick={() => moveSavedView(host, v.id, -1)} />
              <Button size="small" icon={<ArrowDownOutlined />} disabled={i === views.length - 1} aria-label={t('saved.down')} onClick={() => moveSavedView(host, v.id, 1)} />
              <Popconfirm title={t('saved.deleteConfirm', { name: v.name })} onConfirm={() => deleteSavedView(host, v.id)}>
                <Button size="small" danger>{t('saved.delete')}</Button>
              </Popconfirm>
            </Space>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
