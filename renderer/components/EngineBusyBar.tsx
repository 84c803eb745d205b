import { Button, Flex, Spin, Typography } from 'antd';
import { useT } from '../i18n/use-t.js';
import { useLongStatement } from '../state/engine-activity.js';
import { useAppStore } from '../state/store.js';

/**
 * Shown while one statement of the main engine has run for more than 1.5 s: how long, and 取消计算, which stops
 * that statement (the view waiting for it says 计算已取消 and offers 重新计算; nothing is changed).
 */
export function EngineBusyBar() {
  const t = useT();
  const seconds = useLongStatement();
  const engine = useAppStore((s) => s.engine);
  if (seconds === null || engine.status !== 'ready') return null;
  return (
    <Flex
      align="center"
      gap={12}
      data-testid="engine-busy"
      role="status"
      style={{ position: 'fixed', bottom: 16, left: '50%', transform: 'translateX(-50%)', zIndex: 1100, padding: '8px 16px', background: '#fff', border: '1px solid #d9d9d9', borderRadius: 6, boxShadow: '0 2px 8px rgba(0,0,0,0.15)' }}
    >
      <Spin size="small" />
      <Typography.Text>{t('engine.busy', { s: seconds })}</Typography.Text>
      <Button size="small" danger data-testid="engine-busy-cancel" onClick={() => void engine.db.cancel()}>
        {t('engine.busyCancel')}
      </Button>
    </Flex>
  );
}
