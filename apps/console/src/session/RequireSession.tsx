import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useT } from '../i18n';
import { PasswordRequiredPage } from '../pages/SignIn/PasswordRequiredPage/PasswordRequiredPage';
import { useSession } from './SessionProvider';

/** Where sign-in returns to: only paths inside the console (no `//host` or absolute URLs). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in')
    ? next
    : '/tenants';
}

export function FullPageSpinner() {
  const t = useT();
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Spin size="large" description={t('session.loading')} />
    </div>
  );
}

export function RequireSession({ children }: { children: ReactNode }) {
  const { status, me } = useSession();
  const location = useLocation();
  if (status === 'restoring' || (status === 'signed-in' && !me)) return <FullPageSpinner />;
  if (status === 'signed-out') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  // a password another admin set is replaced before anything else (the gateway refuses the rest)
  if (me?.passwordChangeRequired) return <PasswordRequiredPage />;
  return <>{children}</>;
}
