import { Empty } from 'antd';
import { useT } from '../../i18n/use-t.js';

/** 红黄榜: quarterly lists of regions and cadres (to be built). */
export function HonourView() {
  const t = useT();
  return <Empty data-testid="honour-view" description={t('honour.title')} />;
}
