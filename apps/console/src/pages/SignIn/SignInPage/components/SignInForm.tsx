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
  const { form, submitWith, onValuesChange } = useSchemaForm(loginSchema);
  // antd rules with the console's own words validate while typing (and clear when fixed); the
  // input is type="text" so that Chromium's English bubble never replaces them
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submitWith(onSubmit)}
      onValuesChange={onValuesChange}
      requiredMark={false}
      name="sign-in"
      noValidate
    >
      <Form.Item
        name="email"
        label={t('auth.email')}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { type: 'email', message: t('validation.email') },
        ]}
      >
        <Input autoComplete="username" autoFocus inputMode="email" spellCheck={false} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('auth.password')}
        validateTrigger="onBlur"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting}>
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}
