import { AUDIT_ACTIONS } from '@seatgate/contracts';
import { AutoComplete, Button, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditFilters } from '../../../../api/audit/types';
import { TenantSelect } from '../../../../components/TenantSelect';
import { useI18n } from '../../../../i18n';
import { auditActionLabel } from './audit-labels';

/** The filter matches an action's beginning: a family (`seat.`) or one exact action. */
const ACTION_PREFIXES = ['auth.', 'tenant.', 'app.', 'seat.', 'admin_user.', 'key.', 'login.'];

interface Values {
  tenantId?: string;
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const { t, dictionary } = useI18n();
  const [form] = Form.useForm<Values>();
  const apply = (values: Values) =>
    onApply({
      tenantId: values.tenantId || undefined,
      actor: values.actor?.trim() || undefined,
      action: values.action?.trim() || undefined,
      from: values.range?.[0]?.toISOString(),
      to: values.range?.[1]?.toISOString(),
    });
  return (
    <Form<Values>
      form={form}
      layout="inline"
      name="audit-filters"
      initialValues={{
        tenantId: filters.tenantId,
        actor: filters.actor,
        action: filters.action,
        range:
          filters.from || filters.to
            ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
            : null,
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
        <AutoComplete
          allowClear
          placeholder={t('audit.actionHint')}
          options={[
            ...ACTION_PREFIXES.map((value) => ({ value, label: value })),
            ...AUDIT_ACTIONS.map((value) => ({
              value,
              label: `${auditActionLabel(dictionary, value)} (${value})`,
            })),
          ]}
          filterOption={(input, option) =>
            `${option?.value ?? ''} ${typeof option?.label === 'string' ? option.label : ''}`
              .toLowerCase()
              .includes(input.toLowerCase())
          }
          style={{ width: 240 }}
        />
      </Form.Item>
      <Form.Item name="range" label={t('audit.range')}>
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('action.filter')}
        </Button>
        <Button
          onClick={() => {
            form.setFieldsValue({ tenantId: undefined, actor: undefined, action: undefined, range: null });
            onApply({});
          }}
        >
          {t('action.reset')}
        </Button>
      </Space>
    </Form>
  );
}
