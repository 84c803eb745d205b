import { Empty } from 'antd';

/** 结构分析: structure statistics at a reference date, by unit or region (to be built). */
export function StructurePanel() {
  return <Empty data-testid="structure-panel" />;
}
