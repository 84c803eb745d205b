import type { ReactNode } from 'react';
import { Alert, Flex, Spin, Typography } from 'antd';
import { useT } from '../i18n/use-t.js';
import { useAppStore } from '../state/store.js';

/** Shows the engine's start-up (about a second) and its failure; renders the view once data is ready. */
export function EngineGate({ children }: { children: ReactNode }) {
  const t = useT();
  const engine = useAppStore((s) => s.engine);
  if (engine.status === 'ready') return <>{children}</>;
  if (engine.status === 'error') {
    return <Alert type="error" showIcon title={t('engine.failed')} description={engine.message} data-testid="engine-error" />;
  }
  return (
    <Flex vertical align="center" justify="center" gap={16} style={{ height: '60vh' }} data-testid="engine-loading">
      <Spin size="large" />
      <Typography.Text type="secondary">{t(engine.status === 'starting' ? 'engine.starting' : 'engine.loadingSample')}</Typography.Text>
    </Flex>
  );
}
