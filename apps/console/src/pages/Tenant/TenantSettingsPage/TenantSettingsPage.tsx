import { DEFAULT_RATE_LIMITS, DEFAULT_TOKEN_AUDIENCE, type TenantUpdate } from '@seatgate/contracts';
import { Descriptions, Tag } from 'antd';
import { useAllApps } from '../../../api/apps/queries';
import { useUpdateTenant } from '../../../api/tenants/mutations';
import { Can } from '../../../components/Can';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { ProvisioningDefaultsForm } from './components/ProvisioningDefaultsForm';
import { TenantSettingsForm } from './components/TenantSettingsForm';

export function TenantSettingsPage() {
  const t = useT();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const updateTenant = useUpdateTenant(tenant.id);
  const apps = useAllApps(tenant.id);

  const save = async (input: TenantUpdate) => {
    try {
      await updateTenant.mutateAsync(input);
      notify.success(t('settings.saved'));
    } catch (error) {
      notify.formError(error);
      throw error;
    }
  };

  const limits = { ...DEFAULT_RATE_LIMITS, ...tenant.settings.rateLimits };
  const readOnly = (
    <Descriptions
      bordered
      column={1}
      size="small"
      items={[
        { key: 'name', label: t('tenants.name'), children: tenant.name },
        { key: 'user', label: t('settings.perUserPerMinute'), children: limits.perUserPerMinute },
        { key: 'tenant', label: t('settings.perTenantPerMinute'), children: limits.perTenantPerMinute },
        { key: 'ip', label: t('settings.perIpPerMinute'), children: limits.perIpPerMinute },
        {
          key: 'origins',
          label: t('settings.allowedOrigins'),
          children: (tenant.settings.allowedOrigins ?? []).map((origin) => <Tag key={origin}>{origin}</Tag>),
        },
        {
          key: 'aud',
          label: t('settings.tokenAudience'),
          children: tenant.settings.tokenAudience ?? DEFAULT_TOKEN_AUDIENCE,
        },
      ]}
    />
  );

  return (
    <Can role="tenant_admin" fallback={readOnly}>
      <TenantSettingsForm
        key={tenant.updatedAt}
        tenant={tenant}
        onSubmit={save}
        submitting={updateTenant.isPending}
      />
      <ProvisioningDefaultsForm
        key={`provisioning-${tenant.updatedAt}`}
        tenant={tenant}
        apps={apps.data?.items ?? []}
        onSubmit={save}
        submitting={updateTenant.isPending}
      />
    </Can>
  );
}
