import { credentialsSchema, type Credentials } from '@seatgate/contracts';
import { Button, Form, Space } from 'antd';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';
import { CredentialFields } from './AppCreateForm';

export function RotateCredentialsForm({
  onSubmit,
  onCancel,
  submitting,
}: {
  onSubmit: (credentials: Credentials) => Promise<unknown>;
  onCancel: () => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith } = useSchemaForm(credentialsSchema);
  return (
    <Form form={form} layout="vertical" name="rotate-credentials" onFinish={submitWith(onSubmit)}>
      <CredentialFields />
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('apps.rotate')}
        </Button>
      </Space>
    </Form>
  );
}
