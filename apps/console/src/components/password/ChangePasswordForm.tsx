// An admin's own password: the current one and a new one, checked by the shared schema; the
// gateway's refusals (a wrong current password, the same password again) land on their fields.
import { passwordChangeSchema, type PasswordChange } from '@seatgate/contracts';
import { Button, Form, Input, Space } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { useSchemaForm } from '../form/use-schema-form';

export function ChangePasswordForm({
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
  submitLabel,
}: {
  onSubmit: (input: PasswordChange) => Promise<unknown>;
  onCancel?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
  submitLabel: string;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(passwordChangeSchema);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  return (
    <Form
      form={form}
      layout="vertical"
      name="password-change"
      onFinish={submitWith(onSubmit)}
      onValuesChange={onValuesChange}
      requiredMark={false}
      noValidate
    >
      <Form.Item name="currentPassword" label={t('password.current')}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} extra={t('password.newHint')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        {onCancel && <Button onClick={onCancel}>{t('action.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={submitting}>
          {submitLabel}
        </Button>
      </Space>
    </Form>
  );
}
