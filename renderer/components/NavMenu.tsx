import { Menu } from 'antd';
import {
  AlertOutlined,
  BarChartOutlined,
  CodeOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FundOutlined,
  HeatMapOutlined,
  ImportOutlined,
  SafetyOutlined,
  StarOutlined,
  LineChartOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n/messages.js';
import { useT } from '../i18n/use-t.js';
import { useAppStore, type ViewId } from '../state/store.js';

/** Every view of the product; those of later versions are listed, disabled, so users see where it is going. */
const VIEWS: readonly { id: ViewId; label: MessageKey; icon: ReactNode; ready: boolean }[] = [
  { id: 'ranking', label: 'nav.ranking', icon: <BarChartOutlined />, ready: true },
  { id: 'compare', label: 'nav.compare', icon: <TableOutlined />, ready: true },
  { id: 'trends', label: 'nav.trends', icon: <LineChartOutlined />, ready: true },
  { id: 'heatmap', label: 'nav.heatmap', icon: <HeatMapOutlined />, ready: true },
  { id: 'map', label: 'nav.map', icon: <EnvironmentOutlined />, ready: true },
  { id: 'scores', label: 'nav.scores', icon: <FundOutlined />, ready: true },
  { id: 'quality', label: 'nav.quality', icon: <SafetyOutlined />, ready: true },
  { id: 'warnings', label: 'nav.warnings', icon: <AlertOutlined />, ready: true },
  { id: 'honour', label: 'nav.honour', icon: <TrophyOutlined />, ready: true },
  { id: 'roster', label: 'nav.roster', icon: <TeamOutlined />, ready: true },
  { id: 'packs', label: 'nav.packs', icon: <FileTextOutlined />, ready: true },
  { id: 'import', label: 'nav.import', icon: <ImportOutlined />, ready: true },
  { id: 'sql', label: 'nav.sql', icon: <CodeOutlined />, ready: true },
  { id: 'saved', label: 'nav.saved', icon: <StarOutlined />, ready: true },
];

export function NavMenu() {
  const t = useT();
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  return (
    <Menu
      mode="inline"
      selectedKeys={[view]}
      style={{ height: '100%', borderInlineEnd: 0 }}
      onClick={(e) => setView(e.key as ViewId)}
      items={VIEWS.map((v) => ({
        key: v.id,
        icon: v.icon,
        disabled: !v.ready,
        title: v.ready ? t(v.label) : `${t(v.label)}（${t('nav.soon')}）`,
        label: t(v.label),
      }))}
    />
  );
}
