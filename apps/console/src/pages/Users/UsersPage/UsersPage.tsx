import type { AdminUserCreate, AdminUserUpdate, AdminUserView } from '@seatgate/contracts';
import { Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { useCreateAdminUser, useDeleteAdminUser, useUpdateAdminUser } from '../../../api/users/mutations';
import { useAdminUsers } from '../../../api/users/queries';
import { Can } from '../../../components/Can';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldConflict } from '../../../components/form/field-conflict';
import { useConfirmDiscard, useLeaveGuard } from '../../../components/form/use-leave-guard';
import { NotFound } from '../../../components/NotFound';
import { RoleTag } from '../../../components/RoleTag';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { useSession } from '../../../session/SessionProvider';
import { UserCreateForm, UserEditForm } from './components/UserForm';
import { SearchBox } from '../../../components/SearchBox';

const PAGE_SIZE = 20;

/** Platform admins only; anyone else finds nothing here, as the gateway would answer. */
export function UsersPage() {
  return (
    <Can role="platform_admin" fallback={<NotFound />}>
      <AdminUsers />
    </Can>
  );
}

function AdminUsers() {
  const t = useT();
  const notify = useNotify();
  const { me } = useSession();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const users = useAdminUsers({ q, page, pageSize: PAGE_SIZE });
  const createUser = useCreateAdminUser();
  const updateUser = useUpdateAdminUser();
  const deleteUser = useDeleteAdminUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUserView | null>(null);
  // an open form with changes asks before it is closed or the page is left
  const [formDirty, setFormDirty] = useState(false);
  const confirmDiscard = useConfirmDiscard();
  useLeaveGuard(formDirty);
  const closeForms = () => {
    setFormDirty(false);
    setCreating(false);
    setEditing(null);
  };
  const askToClose = () => confirmDiscard(formDirty, closeForms);

  const create = async (input: AdminUserCreate) => {
    try {
      const user = await createUser.mutateAsync(input);
      notify.success(t('users.created', { email: user.email }));
      closeForms();
    } catch (error) {
      // the email field says which address is taken; a toast would say it twice
      if (isApiError(error, 'email_taken')) {
        notify.dismiss();
        throw new FieldConflict(['email'], t('users.emailTaken', { email: input.email }));
      }
      notify.error(error);
      throw error;
    }
  };

  const save = async (input: AdminUserUpdate) => {
    if (!editing) return;
    try {
      const user = await updateUser.mutateAsync({ userId: editing.id, input });
      notify.success(t('users.saved', { email: user.email }));
      closeForms();
    } catch (error) {
      notify.error(error);
      throw error;
    }
  };

  const toggle = (user: AdminUserView) =>
    updateUser.mutate(
      { userId: user.id, input: { disabled: !user.disabled } },
      {
        onSuccess: (updated) =>
          notify.success(
            t(updated.disabled ? 'users.disabledDone' : 'users.enabledDone', { email: updated.email }),
          ),
        onError: (error) => notify.error(error),
      },
    );

  const remove = (user: AdminUserView) =>
    deleteUser.mutate(user.id, {
      onSuccess: () => notify.success(t('users.deleted', { email: user.email })),
      onError: (error) => notify.error(error),
    });

  return (
    <section aria-labelledby="users-title">
      <div className="sg-page-header">
        <Typography.Title level={2} id="users-title">
          {t('users.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </div>
      <SearchBox
        aria-label={t('users.search')}
        placeholder={t('users.search')}
        allowClear
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => {
          setQ(value.trim() || undefined);
          setPage(1);
        }}
        style={{ width: 300, marginBottom: 16 }}
      />
      {users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<AdminUserView>
          rowKey="id"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            { title: t('auth.email'), dataIndex: 'email' },
            {
              title: t('users.role'),
              dataIndex: 'role',
              render: (role: AdminUserView['role']) => <RoleTag role={role} />,
            },
            {
              title: t('users.tenants'),
              key: 'tenants',
              render: (_value, user) =>
                user.allTenants ? (
                  t('users.allTenants')
                ) : (
                  <Space size={[4, 4]} wrap>
                    {user.tenants.map((tenant) => (
                      <Tag key={tenant.id} title={tenant.id}>
                        {tenant.name ?? t('audit.tenantGone')}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
            {
              title: t('common.status'),
              key: 'status',
              render: (_value, user) =>
                user.disabled ? (
                  <Tag>{t('status.disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('status.enabled')}</Tag>
                ),
            },
            {
              title: t('users.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (value: string | null) => <DateTime value={value} empty={t('users.never')} />,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_value, user) => {
                const isSelf = user.id === me?.id;
                return (
                  <Space wrap size="small">
                    <Button size="small" onClick={() => setEditing(user)}>
                      {t('action.edit')}
                    </Button>
                    {!isSelf && (
                      <>
                        <Popconfirm
                          title={t(user.disabled ? 'users.enableConfirm' : 'users.disableConfirm', {
                            email: user.email,
                          })}
                          okText={t('action.confirm')}
                          cancelText={t('action.cancel')}
                          onConfirm={() => toggle(user)}
                        >
                          <Button size="small">
                            {t(user.disabled ? 'action.enable' : 'action.disable')}
                          </Button>
                        </Popconfirm>
                        <Popconfirm
                          title={t('users.deleteConfirm', { email: user.email })}
                          okText={t('action.delete')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('action.cancel')}
                          onConfirm={() => remove(user)}
                        >
                          <Button size="small" danger>
                            {t('action.delete')}
                          </Button>
                        </Popconfirm>
                      </>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      )}
      <Modal open={creating} title={t('users.create')} footer={null} onCancel={askToClose} destroyOnHidden>
        <UserCreateForm
          onSubmit={create}
          onCancel={askToClose}
          onDirtyChange={setFormDirty}
          submitting={createUser.isPending}
        />
      </Modal>
      <Modal
        open={editing !== null}
        title={t('users.edit')}
        footer={null}
        onCancel={askToClose}
        destroyOnHidden
      >
        {editing && (
          <UserEditForm
            user={editing}
            isSelf={editing.id === me?.id}
            onSubmit={save}
            onCancel={askToClose}
            onDirtyChange={setFormDirty}
            submitting={updateUser.isPending}
          />
        )}
      </Modal>
    </section>
  );
}
