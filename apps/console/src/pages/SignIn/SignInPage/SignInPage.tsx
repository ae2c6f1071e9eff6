import type { LoginRequest } from '@seatgate/contracts';
import { Alert, Card, Space, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { useLogin } from '../../../api/auth/mutations';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { FullPageSpinner, safeNext } from '../../../session/RequireSession';
import { useSession } from '../../../session/SessionProvider';
import { SignInForm } from './components/SignInForm';

export function SignInPage() {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const login = useLogin();

  if (session.status === 'restoring') return <FullPageSpinner />;
  if (session.status === 'signed-in') return <Navigate to={next} replace />;

  const submit = async (input: LoginRequest) => {
    try {
      await login.mutateAsync(input);
      // an earlier "wrong password" does not follow the admin into the console
      notify.dismiss();
      await session.enter();
      navigate(next, { replace: true });
    } catch (error) {
      // a throttled sign-in says when to retry (the same for every email, known or not)
      if (isApiError(error, 'too_many_requests')) {
        const seconds = error.details?.retryAfterSeconds;
        notify.failure(t('auth.tooManyAttempts', { seconds: typeof seconds === 'number' ? seconds : '—' }));
      } else {
        notify.error(error);
      }
      throw error;
    }
  };

  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'start' }}>
            <div>
              <Typography.Title level={2} style={{ margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('auth.signInLead')}</Typography.Text>
            </div>
            <LanguageSwitch />
          </div>
          {session.expired && <Alert type="info" showIcon role="status" title={t('auth.sessionExpired')} />}
          <SignInForm onSubmit={submit} submitting={login.isPending} />
        </Space>
      </Card>
    </main>
  );
}
