import { Empty } from 'antd';

/** 名册: the virtualised roster with filters and search (to be built). */
export function RosterTable() {
  return <Empty data-testid="roster-table" />;
}
