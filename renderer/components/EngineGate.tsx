import type { ReactNode } from 'react';
import { Alert, Button, Flex, Result, Spin, Typography } from 'antd';
import { useT } from '../i18n/use-t.js';
import { useAppStore } from '../state/store.js';

/**
 * Shows the engine's start-up (about a second) and its failure; shows the view once data is ready. The view is
 * mounted from the start, hidden: its components and their styles are built while the main thread would only wait
 * for DuckDB, instead of after it (it queries nothing before the engine is ready).
 */
export function EngineGate({ children }: { children: ReactNode }) {
  const t = useT();
  const engine = useAppStore((s) => s.engine);
  if (engine.status === 'crashed') {
    // Not a white screen: what happened, and the way back (the start-up opens the last autosave).
    return (
      <Result
        status="error"
        title={t('engine.crashedTitle')}
        subTitle={engine.message}
        data-testid="engine-crashed"
        extra={
          <Flex vertical align="center" gap={8}>
            <Button type="primary" data-testid="engine-restart" onClick={() => window.location.reload()}>
              {t('engine.restart')}
            </Button>
            <Typography.Text type="secondary">{t('engine.restartHint')}</Typography.Text>
          </Flex>
        }
      />
    );
  }
  if (engine.status === 'error') {
    return <Alert type="error" showIcon title={t('engine.failed')} description={engine.message} data-testid="engine-error" />;
  }
  const ready = engine.status === 'ready';
  return (
    <>
      {!ready && (
        <Flex vertical align="center" justify="center" gap={16} style={{ height: '60vh' }} data-testid="engine-loading">
          <Spin size="large" />
          <Typography.Text type="secondary">{t(engine.status === 'starting' ? 'engine.starting' : engine.status === 'loading' && engine.what === 'sample' ? 'engine.loadingSample' : 'engine.loadingWorkspace')}</Typography.Text>
        </Flex>
      )}
      <div hidden={!ready} style={{ height: '100%' }}>
        {children}
      </div>
    </>
  );
}
