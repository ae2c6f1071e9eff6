// Providers and routes. Pages are loaded on demand so signing in does not wait for every screen.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { queryClient } from './api/query-client';
import { AppLayout } from './components/AppLayout';
import { NotFound } from './components/NotFound';
import { I18nProvider, useI18n } from './i18n';
import { FullPageSpinner, RequireSession } from './session/RequireSession';
import { SessionProvider } from './session/SessionProvider';

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

const SignInPage = named(() => import('./pages/SignIn/SignInPage/SignInPage'), 'SignInPage');
const TenantsPage = named(() => import('./pages/Tenants/TenantsPage/TenantsPage'), 'TenantsPage');
const TenantLayout = named(() => import('./pages/Tenant/TenantLayout/TenantLayout'), 'TenantLayout');
const OverviewPage = named(() => import('./pages/Tenant/OverviewPage/OverviewPage'), 'OverviewPage');
const AppsPage = named(() => import('./pages/Tenant/AppsPage/AppsPage'), 'AppsPage');
const SeatsPage = named(() => import('./pages/Tenant/SeatsPage/SeatsPage'), 'SeatsPage');
const TcccSeatsPage = named(() => import('./pages/Tenant/TcccSeatsPage/TcccSeatsPage'), 'TcccSeatsPage');
const SigningKeysPage = named(
  () => import('./pages/Tenant/SigningKeysPage/SigningKeysPage'),
  'SigningKeysPage',
);
const TenantSettingsPage = named(
  () => import('./pages/Tenant/TenantSettingsPage/TenantSettingsPage'),
  'TenantSettingsPage',
);
const AuditPage = named(() => import('./pages/Audit/AuditPage/AuditPage'), 'AuditPage');
const UsersPage = named(() => import('./pages/Users/UsersPage/UsersPage'), 'UsersPage');

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[locale]}
      theme={{ token: { colorPrimary: '#1664ff' } }}
      // "登录", not "登 录": the spaced form also reads badly to screen readers
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function ConsoleRoutes() {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/tenants" replace />} />
          <Route path="tenants" element={<TenantsPage />} />
          <Route path="tenants/:tenantId" element={<TenantLayout />}>
            <Route index element={<Navigate to="overview" replace />} />
            <Route path="overview" element={<OverviewPage />} />
            <Route path="apps" element={<AppsPage />} />
            <Route path="seats" element={<SeatsPage />} />
            <Route path="staff" element={<TcccSeatsPage />} />
            <Route path="keys" element={<SigningKeysPage />} />
            <Route path="settings" element={<TenantSettingsPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
          <Route path="audit" element={<AuditPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalizedAntd>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter>
              <ConsoleRoutes />
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </LocalizedAntd>
    </I18nProvider>
  );
}
