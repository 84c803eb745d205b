import { Tabs } from 'antd';
import { useT } from '../../i18n/use-t.js';
import { useViewParam } from '../../state/view-param.js';
import { AdjustmentsPanel } from '../cadre/AdjustmentsPanel.js';
import { RosterTable } from './RosterTable.js';
import { StructurePanel } from './StructurePanel.js';

/** 干部名册: the roster, its structure statistics and 能上能下, one tab each; a cadre opens their profile. */
export function RosterView() {
  const t = useT();
  const [tab, setTab] = useViewParam<string>('roster', 'tab', 'roster');
  return (
    <Tabs
      data-testid="roster-view"
      activeKey={tab}
      onChange={setTab}
      destroyOnHidden
      items={[
        { key: 'roster', label: t('cadre.tab.roster'), children: <RosterTable /> },
        { key: 'structure', label: t('cadre.tab.structure'), children: <StructurePanel /> },
        { key: 'adjustments', label: t('cadre.tab.adjustments'), children: <AdjustmentsPanel /> },
      ]}
    />
  );
}
