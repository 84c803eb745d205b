import { Button, Card, Space, Typography } from 'antd';
import { AppstoreAddOutlined, ExperimentOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { useT } from '../i18n/use-t.js';
import { useAppStore } from '../state/store.js';
import { useWorkspaceActions } from './WorkspaceMenu.js';

/** First start: three ways in (new empty workspace, open a file, or look at the sample, marked as demo data). */
export function WelcomeCard() {
  const t = useT();
  const show = useAppStore((s) => s.firstStart && s.engine.status === 'ready');
  const actions = useWorkspaceActions();
  if (!show) return null;
  return (
    <Card size="small" style={{ marginBottom: 12, borderColor: '#d4b106' }} data-testid="welcome">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('ws.welcomeTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('ws.welcomeText')}</Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<AppstoreAddOutlined />} onClick={actions.new} data-testid="welcome-new">
          {t('ws.new')}
        </Button>
        <Button icon={<FolderOpenOutlined />} onClick={actions.open} data-testid="welcome-open">
          {t('ws.open')}
        </Button>
        <Button icon={<ExperimentOutlined />} onClick={actions.sample} data-testid="welcome-sample">
          {t('ws.useSample')}
        </Button>
      </Space>
    </Card>
  );
}
