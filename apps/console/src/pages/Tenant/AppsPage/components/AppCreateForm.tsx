import { APP_KINDS, appCreateSchema, defaultAppKind, type AppCreate } from '@seatgate/contracts';
import { Alert, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

/** The SecretId/SecretKey are write-only: sent once, stored encrypted, never shown again. */
export function AppCreateForm({
  onSubmit,
  onCancel,
  submitting,
}: {
  onSubmit: (input: AppCreate) => Promise<unknown>;
  onCancel: () => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith } = useSchemaForm(appCreateSchema);
  return (
    <Form
      form={form}
      layout="vertical"
      name="app-create"
      onFinish={submitWith(onSubmit)}
      onValuesChange={(changed: { sdkAppId?: number }) => {
        if (typeof changed.sdkAppId === 'number' && !form.isFieldTouched('kind')) {
          form.setFieldValue('kind', defaultAppKind(changed.sdkAppId));
        }
      }}
    >
      <Form.Item name="sdkAppId" label={t('apps.sdkAppId')} required extra={t('apps.sdkAppIdHint')}>
        <InputNumber autoFocus min={1} precision={0} controls={false} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="label" label={t('apps.label')} required>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="kind" label={t('apps.kind')}>
        <Select options={APP_KINDS.map((kind) => ({ value: kind, label: t(`apps.kind.${kind}`) }))} />
      </Form.Item>
      <Form.Item name="region" label={t('apps.region')} extra={t('apps.regionHint')}>
        <Input maxLength={64} placeholder="ap-guangzhou" autoComplete="off" />
      </Form.Item>
      <CredentialFields />
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('apps.add')}
        </Button>
      </Space>
    </Form>
  );
}

export function CredentialFields() {
  const t = useT();
  return (
    <>
      <Alert type="info" showIcon title={t('apps.secretWriteOnly')} style={{ marginBottom: 16 }} />
      <Form.Item name="secretId" label={t('apps.secretId')} required extra={t('apps.secretIdHint')}>
        <Input autoComplete="off" spellCheck={false} maxLength={128} />
      </Form.Item>
      <Form.Item name="secretKey" label={t('apps.secretKey')} required>
        <Input.Password autoComplete="new-password" spellCheck={false} maxLength={128} />
      </Form.Item>
    </>
  );
}
