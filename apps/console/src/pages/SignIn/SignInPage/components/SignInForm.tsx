import { loginSchema, type LoginRequest } from '@seatgate/contracts';
import { Button, Form, Input } from 'antd';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

export function SignInForm({
  onSubmit,
  submitting,
}: {
  onSubmit: (input: LoginRequest) => Promise<unknown>;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith } = useSchemaForm(loginSchema);
  return (
    <Form form={form} layout="vertical" onFinish={submitWith(onSubmit)} requiredMark={false} name="sign-in">
      <Form.Item name="email" label={t('auth.email')}>
        <Input type="email" autoComplete="username" autoFocus inputMode="email" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting}>
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}
