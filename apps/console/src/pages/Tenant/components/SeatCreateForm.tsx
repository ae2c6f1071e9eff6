// The map-seat form. With "create the seat in TCCC" on, the seat is provisioned (CreateStaff)
// before it is mapped: its mail comes from the seat-id rule unless typed, and its staff number,
// phone, role and skill groups start from the tenant's and app's defaults.
import {
  applySeatIdRule,
  DEFAULT_SEAT_ID_RULE,
  DEFAULT_SEAT_ROLE,
  seatCreateSchema,
  type AppView,
  type SeatCreate,
  type TenantProvisioning,
} from '@seatgate/contracts';
import { Button, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useSchemaForm } from '../../../components/form/use-schema-form';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { SeatPicker, SeatUpstreamNote } from './SeatPicker';

const ROLES = [1, 2, 3] as const;

/** The defaults of one app: its own, else the tenant's, else Seatgate's. */
function defaultsOf(provisioning: TenantProvisioning | undefined, sdkAppId: number | undefined) {
  const app = sdkAppId !== undefined ? provisioning?.apps?.[String(sdkAppId)] : undefined;
  return {
    seatIdRule: app?.seatIdRule ?? provisioning?.seatIdRule ?? DEFAULT_SEAT_ID_RULE,
    domain: app?.domain ?? provisioning?.domain,
    role: app?.defaultRole ?? provisioning?.defaultRole ?? DEFAULT_SEAT_ROLE,
    skillGroups: app?.defaultSkillGroups ?? provisioning?.defaultSkillGroups ?? [],
  };
}

export function SeatCreateForm({
  tenantId,
  apps,
  initial,
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
}: {
  tenantId: string;
  apps: AppView[];
  /** prefilled values, e.g. a TCCC seat picked from the app's staff */
  initial?: Partial<SeatCreate>;
  onSubmit: (input: SeatCreate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
}) {
  const t = useT();
  const tenant = useCurrentTenant();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(seatCreateSchema);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const sdkAppId = Form.useWatch('sdkAppId', form) as number | undefined;
  const seatUserId = (Form.useWatch('seatUserId', form) as string | undefined) ?? '';
  const businessUserId = ((Form.useWatch('businessUserId', form) as string | undefined) ?? '').trim();
  const provision = (Form.useWatch('provision', form) as boolean | undefined) === true;
  const appId = apps.find((app) => app.sdkAppId === sdkAppId)?.id;
  const defaults = defaultsOf(tenant.settings.provisioning, sdkAppId);
  const fromRule = businessUserId
    ? applySeatIdRule(defaults.seatIdRule, {
        businessUserId,
        tenantSlug: tenant.slug,
        domain: defaults.domain,
      })
    : null;
  // the seat id follows the rule while the admin has not typed one of their own
  const ruleFilled = useRef<string | null>(null);
  useEffect(() => {
    if (!provision || !fromRule) return;
    const typed = (form.getFieldValue('seatUserId') as string | undefined) ?? '';
    if (typed === '' || typed === ruleFilled.current) {
      form.setFieldValue('seatUserId', fromRule);
      ruleFilled.current = fromRule;
    }
  }, [provision, fromRule, form]);
  const toggleProvision = (on: boolean) => {
    if (!on) return;
    // the defaults, where the admin has not chosen yet
    if (form.getFieldValue('role') === undefined) form.setFieldValue('role', defaults.role);
    if (!form.getFieldValue('skillGroups') && defaults.skillGroups.length > 0)
      form.setFieldValue('skillGroups', defaults.skillGroups);
  };
  return (
    <Form
      form={form}
      onValuesChange={onValuesChange}
      layout="vertical"
      name="seat-create"
      initialValues={{ sdkAppId: apps.length === 1 ? apps[0]?.sdkAppId : undefined, ...initial }}
      onFinish={submitWith((input) => {
        if (input.provision) return onSubmit(input);
        // the seat's attributes only go with provisioning
        const { provision: _p, staffNumber: _s, phone: _ph, role: _r, skillGroups: _g, ...mapping } = input;
        return onSubmit(mapping);
      })}
    >
      <Form.Item
        name="businessUserId"
        label={t('seats.businessUserId')}
        required
        extra={t('seats.businessUserIdHint')}
      >
        <Input autoFocus autoComplete="off" maxLength={128} />
      </Form.Item>
      <Form.Item name="sdkAppId" label={t('seats.app')} required>
        <Select
          options={apps.map((app) => ({ value: app.sdkAppId, label: `${app.label} (${app.sdkAppId})` }))}
          notFoundContent={t('seats.noApps')}
        />
      </Form.Item>
      <Form.Item
        name="seatUserId"
        label={t('seats.seatUserId')}
        required
        extra={
          <>
            <div>{t('seats.seatUserIdHint')}</div>
            {/* a seat to create is not in TCCC yet: no note that it is missing */}
            {!provision && <SeatUpstreamNote tenantId={tenantId} appId={appId} seatUserId={seatUserId} />}
          </>
        }
      >
        <SeatPicker tenantId={tenantId} appId={appId} />
      </Form.Item>
      <Form.Item name="displayName" label={t('seats.displayName')}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Space align="center" style={{ marginBottom: provision ? 8 : 24 }}>
        <Form.Item name="provision" valuePropName="checked" noStyle>
          <Switch id="seat-create-provision" onChange={toggleProvision} />
        </Form.Item>
        <label htmlFor="seat-create-provision">{t('seats.provision')}</label>
      </Space>
      {provision && (
        <div data-testid="seat-provision-fields">
          <Typography.Paragraph type="secondary">{t('seats.provisionHint')}</Typography.Paragraph>
          <Typography.Paragraph data-testid="seat-id-from-rule">
            {fromRule
              ? t('seats.fromRule', { rule: defaults.seatIdRule, seat: fromRule })
              : defaults.seatIdRule.includes('{domain}') && !defaults.domain
                ? t('seats.fromRuleNoDomain', { rule: defaults.seatIdRule })
                : null}
          </Typography.Paragraph>
          <Form.Item name="staffNumber" label={t('seats.staffNumber')} extra={t('seats.staffNumberHint')}>
            <Input autoComplete="off" maxLength={64} placeholder={businessUserId || undefined} />
          </Form.Item>
          <Form.Item name="phone" label={t('seats.phone')} extra={t('seats.phoneHint')}>
            <Input autoComplete="off" maxLength={15} placeholder="008613800000001" />
          </Form.Item>
          <Form.Item name="role" label={t('seats.role')}>
            <Select
              options={ROLES.map((role) => ({ value: role, label: t(`provisioning.role.${role}`) }))}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item
            name="skillGroups"
            label={t('seats.skillGroups')}
            extra={t('provisioning.skillGroupsHint')}
          >
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';', '；', ',']} />
          </Form.Item>
        </div>
      )}
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('seats.add')}
        </Button>
      </Space>
    </Form>
  );
}
