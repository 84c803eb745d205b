import type { ReactElement } from 'react';
import { App as AntApp, ConfigProvider, Layout } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { CHART_FONT } from '../shared/charts/theme.js';
import { useAppStore, type ViewId } from './state/store.js';
import { AppHeader } from './components/AppHeader.js';
import { NavMenu } from './components/NavMenu.js';
import { EngineGate } from './components/EngineGate.js';
import { RecoveryNotice } from './components/RecoveryNotice.js';
import { NewWorkspaceDialog } from './components/NewWorkspaceDialog.js';
import { WelcomeCard } from './components/WelcomeCard.js';
import { RankingView } from './views/ranking/RankingView.js';
import { ImportView } from './views/import/ImportView.js';
import { TrendView } from './views/trends/TrendView.js';
import { HeatmapView } from './views/heatmap/HeatmapView.js';
import { MapView } from './views/map/MapView.js';
import { CompareView } from './views/compare/CompareView.js';
import { ScoreView } from './views/scores/ScoreView.js';
import { QualityView } from './views/quality/QualityView.js';
import { WarningsView } from './views/warnings/WarningsView.js';
import { ConsoleView } from './views/console/ConsoleView.js';
import { SavedViewsView } from './views/saved/SavedViewsView.js';
import { HonourView } from './views/honour/HonourView.js';
import { RosterView } from './views/roster/RosterView.js';
import { CadreProfileDrawer } from './views/cadre/CadreProfileDrawer.js';

const VIEWS: Partial<Record<ViewId, ReactElement>> = {
  ranking: <RankingView />,
  compare: <CompareView />,
  trends: <TrendView />,
  heatmap: <HeatmapView />,
  map: <MapView />,
  scores: <ScoreView />,
  quality: <QualityView />,
  warnings: <WarningsView />,
  honour: <HonourView />,
  roster: <RosterView />,
  sql: <ConsoleView />,
  saved: <SavedViewsView />,
  import: <ImportView />,
};

/** The shell: header with workspace and data status, navigation, and the current view. */
export function App() {
  const locale = useAppStore((s) => s.locale);
  const view = useAppStore((s) => s.view);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: { fontFamily: CHART_FONT, colorPrimary: '#b71c1c', borderRadius: 4 } }}>
      <AntApp style={{ height: '100%' }}>
      <Layout style={{ height: '100%' }}>
        <AppHeader />
        <Layout>
          <Layout.Sider width={168} theme="light" breakpoint="lg" collapsedWidth={56}>
            <NavMenu />
          </Layout.Sider>
          <Layout.Content style={{ padding: 12, overflow: 'auto' }}>
            <RecoveryNotice />
            <WelcomeCard />
            <EngineGate>{VIEWS[view] ?? null}</EngineGate>
          </Layout.Content>
        </Layout>
      </Layout>
      <NewWorkspaceDialog />
      <CadreProfileDrawer />
      </AntApp>
    </ConfigProvider>
  );
}
