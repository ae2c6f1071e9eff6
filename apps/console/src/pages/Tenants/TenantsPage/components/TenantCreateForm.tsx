import { tenantCreateSchema, type TenantCreate } from '@seatgate/contracts';
import { Button, Form, Input, Space } from 'antd';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

export function TenantCreateForm({
  onSubmit,
  onCancel,
  submitting,
}: {
  onSubmit: (input: TenantCreate) => Promise<unknown>;
  onCancel: () => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange } = useSchemaForm(tenantCreateSchema);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submitWith(onSubmit)}
      onValuesChange={onValuesChange}
      name="tenant-create"
    >
      <Form.Item name="name" label={t('tenants.name')} required>
        <Input autoFocus autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item name="slug" label={t('tenants.slug')} required extra={t('tenants.slugHint')}>
        <Input autoComplete="off" spellCheck={false} maxLength={63} />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('action.create')}
        </Button>
      </Space>
    </Form>
  );
}
