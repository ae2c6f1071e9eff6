// Shown instead of the console to an admin who signed in with a password another admin set: the
// gateway refuses every other admin route (password_change_required) until the admin chooses its own.
import { Button, Card, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useChangePassword, useLogout } from '../../../api/auth/mutations';
import { isApiError } from '../../../api/client';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { ChangePasswordForm } from '../../../components/password/ChangePasswordForm';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { useSession } from '../../../session/SessionProvider';

export function PasswordRequiredPage() {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const { me, leave } = useSession();
  const change = useChangePassword();
  const logout = useLogout();

  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        leave();
        navigate('/sign-in', { replace: true });
      },
    });

  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'start', gap: 8 }}>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
              {t('password.requiredTitle')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Paragraph style={{ margin: 0 }}>{t('password.requiredLead')}</Typography.Paragraph>
          <Typography.Text type="secondary" data-testid="signed-in-email">
            {me?.email}
          </Typography.Text>
          <ChangePasswordForm
            submitting={change.isPending}
            submitLabel={t('password.requiredSave')}
            onSubmit={async (input) => {
              try {
                await change.mutateAsync(input);
                notify.success(t('password.changed'));
              } catch (error) {
                // a wrong current password shows on its field (validation_failed)
                if (!isApiError(error, 'validation_failed')) notify.error(error);
                throw error;
              }
            }}
          />
          <Button type="link" onClick={signOut} loading={logout.isPending} style={{ padding: 0 }}>
            {t('auth.signOut')}
          </Button>
        </Space>
      </Card>
    </main>
  );
}
