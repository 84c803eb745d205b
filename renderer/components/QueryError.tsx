import { Alert, Button } from 'antd';
import { useT } from '../i18n/use-t.js';
import type { QueryState } from '../state/use-query.js';
import { useAppStore } from '../state/store.js';

/** A view's query that failed or was cancelled: the message, and 重新计算, which runs every view's queries again. */
export function QueryError({ result }: { result: QueryState<unknown> }) {
  const t = useT();
  const retry = useAppStore((s) => s.retryQueries);
  if (result.status !== 'error') return null;
  const cancelled = result.code === 'engine.cancelled';
  return (
    <Alert
      type={cancelled ? 'warning' : 'error'}
      showIcon
      title={cancelled ? result.error : t('common.error')}
      description={cancelled ? undefined : result.error}
      data-testid="query-error"
      action={
        <Button size="small" onClick={retry} data-testid="query-retry">
          {t('common.retry')}
        </Button>
      }
    />
  );
}
