// One form for creating an admin and for changing one: role, tenants, and (optionally) a new
// password. Platform admins have no tenant list; tenant admins need at least one tenant; an
// auditor reads its tenants, or every tenant only when made platform-wide explicitly (an empty
// list reaches nothing).
import {
  ADMIN_ROLES,
  adminUserCreateSchema,
  adminUserUpdateSchema,
  type AdminRole,
  type AdminUserCreate,
  type AdminUserUpdate,
  type AdminUserView,
} from '@seatgate/contracts';
import { Button, Form, Input, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { TenantSelect } from '../../../../components/TenantSelect';
import { useSchemaForm, withoutEmpty } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

function prepare(values: Record<string, unknown>): unknown {
  const cleaned = withoutEmpty(values) as Record<string, unknown>;
  // platform admins carry no tenant list; only auditors choose platform-wide access
  if (cleaned.role === 'platform_admin') {
    cleaned.tenantIds = [];
    delete cleaned.allTenants;
  } else if (cleaned.role === 'tenant_admin') {
    cleaned.allTenants = false;
  } else if (cleaned.allTenants === true) {
    cleaned.tenantIds = [];
  } else {
    cleaned.allTenants = false;
  }
  return cleaned;
}

function RoleAndTenants() {
  const t = useT();
  const form = Form.useFormInstance();
  const role: AdminRole | undefined = Form.useWatch('role', form);
  const allTenants: boolean | undefined = Form.useWatch('allTenants', form);
  return (
    <>
      <Form.Item name="role" label={t('users.role')} required>
        <Select options={ADMIN_ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
      </Form.Item>
      {role === 'auditor' && (
        <Form.Item
          name="allTenants"
          label={t('users.platformWide')}
          extra={t('users.platformWideHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      )}
      {role !== 'platform_admin' && !(role === 'auditor' && allTenants) && (
        <Form.Item
          name="tenantIds"
          label={t('users.tenants')}
          extra={role === 'auditor' ? t('users.auditorTenantsHint') : t('users.tenantAdminTenantsHint')}
        >
          <TenantSelect multiple allowClear />
        </Form.Item>
      )}
    </>
  );
}

export function UserCreateForm({
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
}: {
  onSubmit: (input: AdminUserCreate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(adminUserCreateSchema, prepare);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  return (
    <Form
      form={form}
      layout="vertical"
      name="user-create"
      initialValues={{ role: 'tenant_admin', tenantIds: [], allTenants: false }}
      onFinish={submitWith(onSubmit)}
      onValuesChange={onValuesChange}
    >
      <Form.Item name="email" label={t('auth.email')} required>
        <Input autoFocus autoComplete="off" inputMode="email" spellCheck={false} />
      </Form.Item>
      <Form.Item name="password" label={t('users.initialPassword')} required extra={t('users.passwordHint')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <RoleAndTenants />
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('users.create')}
        </Button>
      </Space>
    </Form>
  );
}

export function UserEditForm({
  user,
  isSelf,
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
}: {
  user: AdminUserView;
  /** the gateway refuses to let admins demote or disable themselves */
  isSelf: boolean;
  onSubmit: (input: AdminUserUpdate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(adminUserUpdateSchema, prepare);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  return (
    <Form
      form={form}
      layout="vertical"
      name="user-edit"
      initialValues={{
        role: user.role,
        tenantIds: user.tenantIds,
        allTenants: user.role === 'auditor' && user.allTenants,
        disabled: user.disabled,
      }}
      onFinish={submitWith(onSubmit)}
      onValuesChange={onValuesChange}
      disabled={submitting}
    >
      <Form.Item label={t('auth.email')}>
        <Input value={user.email} readOnly />
      </Form.Item>
      {isSelf ? (
        <p className="sg-help">{t('users.selfHint')}</p>
      ) : (
        <>
          <RoleAndTenants />
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
      <Form.Item name="password" label={t('users.newPassword')} extra={t('users.newPasswordHint')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('action.save')}
        </Button>
      </Space>
    </Form>
  );
}
