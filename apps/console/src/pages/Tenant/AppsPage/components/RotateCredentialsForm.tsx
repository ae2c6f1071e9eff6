import { credentialsRotateSchema, type CredentialsRotate } from '@seatgate/contracts';
import { Button, Form, Space } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';
import { CredentialFields } from './AppCreateForm';

export function RotateCredentialsForm({
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
  notice,
}: {
  onSubmit: (credentials: CredentialsRotate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
  /** TCCC's refusal and "save without checking", above the buttons */
  notice?: ReactNode;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(credentialsRotateSchema);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  return (
    <Form
      form={form}
      onValuesChange={onValuesChange}
      layout="vertical"
      name="rotate-credentials"
      onFinish={submitWith(onSubmit)}
    >
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
