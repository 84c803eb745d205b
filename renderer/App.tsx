import { Suspense } from 'react';
import { App as AntApp, ConfigProvider, Layout, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { CHART_FONT } from '../shared/charts/theme.js';
import { useAppStore } from './state/store.js';
import { AppHeader } from './components/AppHeader.js';
import { OfflineCheckDialog } from './components/OfflineCheckDialog.js';
import { NavMenu } from './components/NavMenu.js';
import { EngineGate } from './components/EngineGate.js';
import { EngineBusyBar } from './components/EngineBusyBar.js';
import { ViewErrorBoundary } from './components/ViewErrorBoundary.js';
import { RecoveryNotice } from './components/RecoveryNotice.js';
import { NewWorkspaceDialog } from './components/NewWorkspaceDialog.js';
import { WelcomeCard } from './components/WelcomeCard.js';
import { VIEWS } from './views/registry.js';
import { useProjection } from './state/projection.js';
import { ProjectionLayer } from './views/projection/ProjectionLayer.js';
import { useProjectionShortcut } from './views/projection/use-projection-shortcut.js';
import { CadreProfileDrawer } from './views/cadre/CadreProfileDrawer.js';
import { AuditDrawer } from './views/audit/AuditDrawer.js';
import { PassphraseDialog } from './components/PassphraseDialog.js';
import { EncryptionDialog } from './components/EncryptionDialog.js';
import { LockScreen, useIdleLock } from './components/LockScreen.js';
import { useCrypt } from './state/crypt.js';

const THEME = { token: { fontFamily: CHART_FONT, colorPrimary: '#b71c1c', borderRadius: 4 } };

/** The shell: header with workspace and data status, navigation, and the current view. */
export function App() {
  const locale = useAppStore((s) => s.locale);
  const view = useAppStore((s) => s.view);
  // While projecting, the slides borrow the selection and parameters: the view behind them is not kept running.
  const projecting = useProjection((s) => s.source !== null);
  useProjectionShortcut();
  useIdleLock();
  // Locked: nothing of the workspace is rendered (the views unmount), only the lock screen.
  const locked = useCrypt((s) => s.locked);
  if (locked) {
    return (
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME}>
        <AntApp style={{ height: '100%' }}>
          <LockScreen />
        </AntApp>
      </ConfigProvider>
    );
  }
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME}>
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
            <EngineGate>
              {/* a view's code is fetched when it is first shown (views/registry.tsx) */}
              <ViewErrorBoundary view={view}>
                <Suspense fallback={<Spin style={{ display: 'block', marginTop: 120 }} />}>{projecting ? null : (VIEWS[view] ?? null)}</Suspense>
              </ViewErrorBoundary>
            </EngineGate>
          </Layout.Content>
        </Layout>
      </Layout>
      <NewWorkspaceDialog />
      <OfflineCheckDialog />
      <CadreProfileDrawer />
      <AuditDrawer />
      <PassphraseDialog />
      <EncryptionDialog />
      <ProjectionLayer />
      <EngineBusyBar />
      </AntApp>
    </ConfigProvider>
  );
}
