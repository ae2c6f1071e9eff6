// The signed-in shell: navigation, language, who is signed in, and sign out.
import { Button, Layout, Menu, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useChangePassword, useLogout } from '../api/auth/mutations';
import { isApiError } from '../api/client';
import { useT } from '../i18n';
import { useSession } from '../session/SessionProvider';
import { useCan } from './Can';
import { useConfirmDiscard } from './form/use-leave-guard';
import { ChangePasswordForm } from './password/ChangePasswordForm';
import { LanguageSwitch } from './LanguageSwitch';
import { RoleTag } from './RoleTag';
import { useNotify } from './use-notify';

export function AppLayout() {
  const t = useT();
  const { me, leave } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const notify = useNotify();
  const logout = useLogout();
  const isPlatformAdmin = useCan('platform_admin');
  const changePassword = useChangePassword();
  const [changingPassword, setChangingPassword] = useState(false);
  const [passwordDirty, setPasswordDirty] = useState(false);
  const confirmDiscard = useConfirmDiscard();
  const closePassword = () => {
    setPasswordDirty(false);
    setChangingPassword(false);
  };
  const askToClosePassword = () => confirmDiscard(passwordDirty, closePassword);

  const section = location.pathname.split('/')[1] ?? 'tenants';
  const items = [
    { key: 'tenants', label: <Link to="/tenants">{t('nav.tenants')}</Link> },
    { key: 'audit', label: <Link to="/audit">{t('nav.audit')}</Link> },
    ...(isPlatformAdmin ? [{ key: 'users', label: <Link to="/users">{t('nav.users')}</Link> }] : []),
  ];

  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: (_data, error) => {
        if (error) notify.error(error);
        leave();
        navigate('/sign-in', { replace: true });
      },
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="sg-skip-link">
        {t('nav.skipToContent')}
      </a>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={208}>
        <div style={{ padding: '16px 24px' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu mode="inline" selectedKeys={[section]} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: 'transparent',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            paddingInline: 24,
          }}
        >
          <Space size="middle">
            <LanguageSwitch />
            {me && (
              <Space size="small">
                <Typography.Text data-testid="signed-in-email">{me.email}</Typography.Text>
                <RoleTag role={me.role} />
              </Space>
            )}
            <Button onClick={() => setChangingPassword(true)}>{t('password.change')}</Button>
            <Button onClick={signOut} loading={logout.isPending}>
              {t('auth.signOut')}
            </Button>
          </Space>
          <Modal
            open={changingPassword}
            title={t('password.change')}
            footer={null}
            onCancel={askToClosePassword}
            destroyOnHidden
          >
            <ChangePasswordForm
              submitting={changePassword.isPending}
              submitLabel={t('password.change')}
              onCancel={askToClosePassword}
              onDirtyChange={setPasswordDirty}
              onSubmit={async (input) => {
                try {
                  await changePassword.mutateAsync(input);
                  notify.success(t('password.changed'));
                  closePassword();
                } catch (error) {
                  // a wrong current password shows on its field
                  if (!isApiError(error, 'validation_failed')) notify.error(error);
                  throw error;
                }
              }}
            />
          </Modal>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: '0 24px 24px', outline: 'none' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
