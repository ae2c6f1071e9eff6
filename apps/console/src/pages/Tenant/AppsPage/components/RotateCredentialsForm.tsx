import { credentialsRotateSchema, type CredentialsRotate } from '@seatgate/contracts';
import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';
import { CredentialFields } from './AppCreateForm';

export function RotateCredentialsForm({
  onSubmit,
  onCancel,
  submitting,
  notice,
}: {
  onSubmit: (credentials: CredentialsRotate) => Promise<unknown>;
  onCancel: () => void;
  submitting: boolean;
  /** TCCC's refusal and "save without checking", above the buttons */
  notice?: ReactNode;
}) {
  const t = useT();
  const { form, submitWith } = useSchemaForm(credentialsRotateSchema);
  return (
    <Form form={form} layout="vertical" name="rotate-credentials" onFinish={submitWith(onSubmit)}>
      <CredentialFields />
      {notice}
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('apps.rotate')}
        </Button>
      </Space>
    </Form>
  );
}
