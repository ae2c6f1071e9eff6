import {
  DEFAULT_MULTI_TAB,
  DEFAULT_PRESENCE_RETENTION_DAYS,
  DEFAULT_RATE_LIMITS,
  DEFAULT_TOKEN_AUDIENCE,
  tenantUpdateSchema,
  type TenantUpdate,
  type TenantView,
} from '@seatgate/contracts';
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useLeaveGuard } from '../../../../components/form/use-leave-guard';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { browserTimeZone, knownTimeZones } from '../../../../components/time-zone';
import { useT } from '../../../../i18n';

const LIMITS = ['perUserPerMinute', 'perTenantPerMinute', 'perIpPerMinute'] as const;
const MULTI_TAB = ['refuse', 'ask', 'takeOver'] as const;

export function TenantSettingsForm({
  tenant,
  onSubmit,
  submitting,
}: {
  tenant: TenantView;
  onSubmit: (input: TenantUpdate) => Promise<unknown>;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty, markClean } = useSchemaForm(tenantUpdateSchema);
  useLeaveGuard(dirty);
  return (
    <Form
      form={form}
      layout="vertical"
      name="tenant-settings"
      initialValues={{
        name: tenant.name,
        settings: {
          rateLimits: tenant.settings.rateLimits ?? {},
          allowedOrigins: tenant.settings.allowedOrigins ?? [],
          tokenAudience: tenant.settings.tokenAudience,
          timeZone: tenant.settings.timeZone,
          multiTab: tenant.settings.multiTab ?? DEFAULT_MULTI_TAB,
          presenceRetentionDays: tenant.settings.presenceRetentionDays,
        },
      }}
      onFinish={submitWith(onSubmit)}
      onValuesChange={onValuesChange}
      style={{ maxWidth: 640 }}
    >
      <Form.Item name="name" label={t('tenants.name')} required>
        <Input maxLength={200} />
      </Form.Item>
      <Card size="small" title={t('settings.rateLimits')} style={{ marginBottom: 24 }}>
        <p className="sg-help">{t('settings.rateLimitsHint')}</p>
        {LIMITS.map((limit) => (
          <Form.Item key={limit} name={['settings', 'rateLimits', limit]} label={t(`settings.${limit}`)}>
            <InputNumber
              min={1}
              precision={0}
              placeholder={t('settings.defaultValue', { value: DEFAULT_RATE_LIMITS[limit] })}
              style={{ width: 240 }}
            />
          </Form.Item>
        ))}
      </Card>
      <Form.Item
        name={['settings', 'allowedOrigins']}
        label={t('settings.allowedOrigins')}
        extra={t('settings.allowedOriginsHint')}
      >
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', ' ']}
          placeholder="https://crm.example.com"
        />
      </Form.Item>
      <Form.Item
        name={['settings', 'tokenAudience']}
        label={t('settings.tokenAudience')}
        extra={t('settings.tokenAudienceHint', { value: DEFAULT_TOKEN_AUDIENCE })}
      >
        <Input placeholder={DEFAULT_TOKEN_AUDIENCE} maxLength={200} />
      </Form.Item>
      <Form.Item
        name={['settings', 'timeZone']}
        label={t('settings.timeZone')}
        extra={t('settings.timeZoneHint', { zone: browserTimeZone() })}
      >
        <Select
          showSearch
          allowClear
          placeholder={t('settings.timeZoneBrowser', { zone: browserTimeZone() })}
          options={knownTimeZones().map((zone) => ({ value: zone, label: zone }))}
          style={{ width: 320 }}
        />
      </Form.Item>
      <Form.Item
        name={['settings', 'multiTab']}
        label={t('settings.multiTab')}
        extra={t('settings.multiTabHint')}
      >
        <Select
          options={MULTI_TAB.map((policy) => ({ value: policy, label: t(`settings.multiTab.${policy}`) }))}
          style={{ width: 320 }}
        />
      </Form.Item>
      <Form.Item
        name={['settings', 'presenceRetentionDays']}
        label={t('settings.presenceRetentionDays')}
        extra={t('settings.presenceRetentionDaysHint')}
      >
        <InputNumber
          min={1}
          max={400}
          precision={0}
          placeholder={t('settings.defaultValue', { value: DEFAULT_PRESENCE_RETENTION_DAYS })}
          style={{ width: 240 }}
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('action.save')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            markClean();
          }}
        >
          {t('action.reset')}
        </Button>
      </Space>
    </Form>
  );
}
