// Providers and routes. Pages are loaded on demand so signing in does not wait for every screen.
import LoadingOutlined from '@ant-design/icons/LoadingOutlined';
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
const SessionsPage = named(() => import('./pages/Tenant/SessionsPage/SessionsPage'), 'SessionsPage');
const JobsPage = named(() => import('./pages/Tenant/JobsPage/JobsPage'), 'JobsPage');
const JobPage = named(() => import('./pages/Tenant/JobPage/JobPage'), 'JobPage');
const SkillGroupsPage = named(
  () => import('./pages/Tenant/SkillGroupsPage/SkillGroupsPage'),
  'SkillGroupsPage',
);
const UsagePage = named(() => import('./pages/Tenant/UsagePage/UsagePage'), 'UsagePage');
const AppsPage = named(() => import('./pages/Tenant/AppsPage/AppsPage'), 'AppsPage');
const SeatsPage = named(() => import('./pages/Tenant/SeatsPage/SeatsPage'), 'SeatsPage');
const TcccSeatsPage = named(() => import('./pages/Tenant/TcccSeatsPage/TcccSeatsPage'), 'TcccSeatsPage');
const SigningKeysPage = named(
  () => import('./pages/Tenant/SigningKeysPage/SigningKeysPage'),
  'SigningKeysPage',
);
const ScimPage = named(() => import('./pages/Tenant/ScimPage/ScimPage'), 'ScimPage');
const TenantSettingsPage = named(
  () => import('./pages/Tenant/TenantSettingsPage/TenantSettingsPage'),
  'TenantSettingsPage',
);
const AuditPage = named(() => import('./pages/Audit/AuditPage/AuditPage'), 'AuditPage');
const UsersPage = named(() => import('./pages/Users/UsersPage/UsersPage'), 'UsersPage');

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

const SPINNER = <LoadingOutlined aria-hidden />;

// antd's secondary and tertiary greys (45% and 25% black) fall below WCAG AA's 4.5:1 on white;
// these reach it (axe-core runs on every screen in the browser tests)
const THEME = {
  token: {
    // antd's blue-7: links and the selected menu item reach 4.5:1 on white and on the light blue
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // antd lightens the hover shade (white on it fell under 4.5:1 while the pointer rested on a
    // primary button); blue-8 and blue-9 darken instead
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    // antd's red-6 (#ff4d4f) is 3.3:1 on white; red-7 is 5.6:1 (danger buttons, errors)
    colorError: '#cf1322',
    // text in success and warning colours (a checked row's "OK", the seat picker's notes): antd's
    // green-6 and gold-6 are 2.3:1 and 1.9:1 on white; green-8 reaches 4.5:1, gold-8 only 4.41:1
    // (axe on the map-seat form's "already mapped" note), so warning text takes gold-9 (6.8:1)
    colorSuccess: '#237804',
    colorWarning: '#ad6800',
    colorWarningText: '#874d00',
  },
};

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[locale]}
      theme={THEME}
      // "登录", not "登 录": the spaced form also reads badly to screen readers.
      // A button's spinner is shown and removed with its loading state, not by antd's default icon,
      // which leaves through a width transition: when a request ends before that transition can
      // run (a 409 answered at once, on a busy machine), transitionend never fires and the spinner
      // stays, spinning, with its English aria-label "loading" making the button's accessible name
      // "loading New admin" (issue 14's dialog that "stayed loading forever"). Hidden from screen
      // readers: the button's own words name it.
      button={{ autoInsertSpace: false, loadingIcon: SPINNER }}
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
            <Route path="apps/:appId/skill-groups" element={<SkillGroupsPage />} />
            <Route path="seats" element={<SeatsPage />} />
            <Route path="staff" element={<TcccSeatsPage />} />
            <Route path="sessions" element={<SessionsPage />} />
            <Route path="jobs" element={<JobsPage />} />
            <Route path="jobs/:jobId" element={<JobPage />} />
            <Route path="usage" element={<UsagePage />} />
            <Route path="keys" element={<SigningKeysPage />} />
            <Route path="scim" element={<ScimPage />} />
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
