import { App as AntApp, ConfigProvider, Layout } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { CHART_FONT } from '../shared/charts/theme.js';
import { useAppStore } from './state/store.js';
import { AppHeader } from './components/AppHeader.js';
import { NavMenu } from './components/NavMenu.js';
import { EngineGate } from './components/EngineGate.js';
import { RecoveryNotice } from './components/RecoveryNotice.js';
import { NewWorkspaceDialog } from './components/NewWorkspaceDialog.js';
import { WelcomeCard } from './components/WelcomeCard.js';
import { VIEWS } from './views/registry.js';
import { useProjection } from './state/projection.js';
import { ProjectionLayer } from './views/projection/ProjectionLayer.js';
import { useProjectionShortcut } from './views/projection/use-projection-shortcut.js';
import { CadreProfileDrawer } from './views/cadre/CadreProfileDrawer.js';

/** The shell: header with workspace and data status, navigation, and the current view. */
export function App() {
  const locale = useAppStore((s) => s.locale);
  const view = useAppStore((s) => s.view);
  // While projecting, the slides borrow the selection and parameters: the view behind them is not kept running.
  const projecting = useProjection((s) => s.source !== null);
  useProjectionShortcut();
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
            <EngineGate>{projecting ? null : (VIEWS[view] ?? null)}</EngineGate>
          </Layout.Content>
        </Layout>
      </Layout>
      <NewWorkspaceDialog />
      <CadreProfileDrawer />
      <ProjectionLayer />
      </AntApp>
    </ConfigProvider>
  );
}
