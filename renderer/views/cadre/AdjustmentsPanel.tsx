import { Empty } from 'antd';

/** 能上能下: cadres adjusted down and re-used, by year and unit (to be built). */
export function AdjustmentsPanel() {
  return <Empty data-testid="adjustments-panel" />;
}
