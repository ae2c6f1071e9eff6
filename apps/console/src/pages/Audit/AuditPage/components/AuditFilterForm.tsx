import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from '@seatgate/contracts';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { AuditFilters } from '../../../../api/audit/types';
import { useTenant } from '../../../../api/tenants/queries';
import { TenantSelect } from '../../../../components/TenantSelect';
import { startOfDayIn, tenantTimeZone } from '../../../../components/time-zone';
import { useI18n } from '../../../../i18n';
import { AUDIT_FAMILIES, auditActionLabel } from './audit-labels';

const isKnownAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);

interface Values {
  tenantId?: string;
  actor?: string;
  /** a family's prefix (`seat.`), matched as a prefix, or one known action, matched exactly */
  action?: string;
  outcome?: AuditOutcome;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

/** Today, the last 7 and the last 30 days, each from midnight in the zone the filter follows. */
const PRESETS = [
  { key: 'audit.presetToday', daysBack: 0 },
  { key: 'audit.preset7', daysBack: 6 },
  { key: 'audit.preset30', daysBack: 29 },
] as const;

export function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const { t, dictionary } = useI18n();
  const [form] = Form.useForm<Values>();
  // days start at midnight in the chosen tenant's zone, else in the browser's
  const tenantId: string | undefined = Form.useWatch('tenantId', form);
  const tenant = useTenant(tenantId ?? '', { enabled: Boolean(tenantId) });
  const zone = tenantTimeZone(tenantId ? tenant.data?.settings : undefined);
  // the filters come from the address (Filter, Reset, the menu's Audit log, a shared link): the form
  // takes them as its values when they change, and is not drawn anew, which closed a select the
  // admin had opened
  const shown = JSON.stringify(filters);
  useEffect(() => form.resetFields(), [form, shown]);
  const apply = ({ action, ...values }: Values) =>
    onApply({
      tenantId: values.tenantId || undefined,
      actor: values.actor?.trim() || undefined,
      action: action && !isKnownAction(action) ? action : undefined,
      exactAction: action && isKnownAction(action) ? action : undefined,
      outcome: values.outcome,
      from: values.from?.toISOString(),
      to: values.to?.toISOString(),
    });
  const preset = (daysBack: number) => {
    form.setFieldsValue({ from: startOfDayIn(zone, daysBack), to: null });
    form.submit();
  };
  return (
    <Form<Values>
      form={form}
      layout="inline"
      name="audit-filters"
      initialValues={{
        tenantId: filters.tenantId,
        actor: filters.actor,
        action: filters.exactAction ?? filters.action,
        outcome: filters.outcome,
        from: filters.from ? dayjs(filters.from) : null,
        to: filters.to ? dayjs(filters.to) : null,
      }}
      onFinish={apply}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="tenantId" label={t('audit.tenant')}>
        <TenantSelect allowClear placeholder={t('audit.allTenants')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear placeholder={t('audit.actorHint')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.actionAny')}
          options={[
            {
              label: t('audit.actionFamilies'),
              title: t('audit.actionFamilies'),
              options: AUDIT_FAMILIES.map((family) => ({
                value: `${family}.`,
                label: t('audit.familyOption', { family: t(`audit.family.${family}`) }),
              })),
            },
            {
              label: t('audit.actionExact'),
              title: t('audit.actionExact'),
              options: AUDIT_ACTIONS.map((value) => ({
                value,
                label: `${auditActionLabel(dictionary, value)} (${value})`,
              })),
            },
          ]}
          popupMatchSelectWidth={360}
          style={{ width: 260 }}
        />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit.outcome')}>
        <Select
          allowClear
          placeholder={t('audit.outcomeAny')}
          options={AUDIT_OUTCOMES.map((value) => ({ value, label: t(`audit.outcome.${value}`) }))}
          style={{ width: 140 }}
        />
      </Form.Item>
      {/* two labelled pickers, not a range picker whose end input has no label of its own */}
      <Form.Item name="from" label={t('audit.from')}>
        <DatePicker showTime placeholder={t('audit.fromHint')} />
      </Form.Item>
      <Form.Item name="to" label={t('audit.to')}>
        <DatePicker showTime placeholder={t('audit.toHint')} />
      </Form.Item>
      <Space.Compact role="group" aria-label={t('audit.presets', { zone })}>
        {PRESETS.map((item) => (
          <Button key={item.key} onClick={() => preset(item.daysBack)}>
            {t(item.key)}
          </Button>
        ))}
      </Space.Compact>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('action.filter')}
        </Button>
        <Button
          onClick={() => {
            form.setFieldsValue({
              tenantId: undefined,
              actor: undefined,
              action: undefined,
              outcome: undefined,
              from: null,
              to: null,
            });
            onApply({});
          }}
        >
          {t('action.reset')}
        </Button>
      </Space>
    </Form>
  );
}
