// The defaults of seats Seatgate creates in TCCC (tenant settings `provisioning`): the seat-id rule
// and its mail domain, the role and the skill groups, for the whole tenant or, where an app
// differs, for that app. A preview shows the seat id the rule gives a sample business user.
import {
  applySeatIdRule,
  DEFAULT_SEAT_ID_RULE,
  DEFAULT_SEAT_ROLE,
  provisioningDefaultsSchema,
  type AppView,
  type ProvisioningDefaults,
  type TenantProvisioning,
  type TenantUpdate,
  type TenantView,
} from '@seatgate/contracts';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

const TENANT_SCOPE = 'tenant';
export const SEAT_ROLES = [1, 2, 3] as const;

export function ProvisioningDefaultsForm({
  tenant,
  apps,
  onSubmit,
  submitting,
}: {
  tenant: TenantView;
  apps: AppView[];
  onSubmit: (input: TenantUpdate) => Promise<unknown>;
  submitting: boolean;
}) {
  const t = useT();
  const current: TenantProvisioning = tenant.settings.provisioning ?? {};
  const [scope, setScope] = useState<string>(TENANT_SCOPE);
  const values = (chosen: string): ProvisioningDefaults => {
    if (chosen === TENANT_SCOPE) {
      const { apps: _apps, ...own } = current;
      return own;
    }
    return current.apps?.[chosen] ?? {};
  };
  const { form, submitWith, onValuesChange } = useSchemaForm(provisioningDefaultsSchema);
  const rule = (Form.useWatch('seatIdRule', form) as string | undefined) || undefined;
  const domain = (Form.useWatch('domain', form) as string | undefined) || undefined;
  const inherited = scope === TENANT_SCOPE ? {} : values(TENANT_SCOPE);
  const effectiveRule = rule ?? inherited.seatIdRule ?? DEFAULT_SEAT_ID_RULE;
  const preview = applySeatIdRule(effectiveRule, {
    businessUserId: 'agent-1001',
    tenantSlug: tenant.slug,
    domain: domain ?? inherited.domain,
  });

  const save = async (data: ProvisioningDefaults) => {
    const own = Object.fromEntries(
      Object.entries(data).filter(
        ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
      ),
    ) as ProvisioningDefaults;
    const next: TenantProvisioning =
      scope === TENANT_SCOPE
        ? { ...own, ...(current.apps ? { apps: current.apps } : {}) }
        : { ...values(TENANT_SCOPE), apps: { ...current.apps, [scope]: own } };
    await onSubmit({ settings: { provisioning: next } });
  };

  return (
    <Card size="small" title={t('provisioning.title')} style={{ maxWidth: 640, marginTop: 24 }}>
      <p className="sg-help">{t('provisioning.lead')}</p>
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="provisioning-scope">{t('provisioning.scope')}</label>
        <Select
          id="provisioning-scope"
          value={scope}
          onChange={(next: string) => {
            setScope(next);
            form.resetFields();
            form.setFieldsValue(values(next));
          }}
          options={[
            { value: TENANT_SCOPE, label: t('provisioning.scopeTenant') },
            ...apps.map((app) => ({
              value: String(app.sdkAppId),
              label: t('provisioning.scopeApp', { app: `${app.label} (${app.sdkAppId})` }),
            })),
          ]}
          style={{ width: 320 }}
        />
      </Space>
      <Form
        key={scope}
        form={form}
        layout="vertical"
        name="provisioning-defaults"
        initialValues={values(scope)}
        onFinish={submitWith(save)}
        onValuesChange={onValuesChange}
      >
        <Form.Item
          name="seatIdRule"
          label={t('provisioning.seatIdRule')}
          extra={t('provisioning.seatIdRuleHint')}
        >
          <Input
            placeholder={inherited.seatIdRule ?? DEFAULT_SEAT_ID_RULE}
            maxLength={200}
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item name="domain" label={t('provisioning.domain')}>
          <Input placeholder={inherited.domain ?? 'example.com'} maxLength={200} autoComplete="off" />
        </Form.Item>
        <Alert
          type={preview ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="seat-id-preview"
          title={
            preview
              ? t('provisioning.preview', { user: 'agent-1001', seat: preview })
              : t('provisioning.previewNoDomain')
          }
        />
        <Form.Item name="defaultRole" label={t('provisioning.role')}>
          <Select
            allowClear
            placeholder={t(
              `provisioning.role.${inherited.defaultRole ?? DEFAULT_SEAT_ROLE}` as 'provisioning.role.3',
            )}
            options={SEAT_ROLES.map((role) => ({ value: role, label: t(`provisioning.role.${role}`) }))}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item
          name="defaultSkillGroups"
          label={t('provisioning.skillGroups')}
          extra={t('provisioning.skillGroupsHint')}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';', '；', ',']} />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {scope === TENANT_SCOPE ? t('provisioning.tenantNote') : t('provisioning.appNote')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('provisioning.save')}
        </Button>
      </Form>
    </Card>
  );
}
