import {
  SIGNING_KEY_TYPES,
  signingKeyCreateSchema,
  type SigningKeyCreate,
  type SigningKeyType,
} from '@seatgate/contracts';
import { Button, Form, Input, Radio, Space } from 'antd';
import { useEffect } from 'react';
import { useSchemaForm, withoutEmpty } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

/** Only the fields of the chosen type go to the (strict) schema. */
function prepare(values: Record<string, unknown>): unknown {
  const { type, label, publicKeyPem, jwksUrl } = values;
  const base = { type, label };
  if (type === 'rs256' || type === 'es256') return withoutEmpty({ ...base, publicKeyPem });
  if (type === 'jwks') return withoutEmpty({ ...base, jwksUrl });
  return withoutEmpty(base);
}

export function SigningKeyCreateForm({
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
}: {
  onSubmit: (input: SigningKeyCreate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(signingKeyCreateSchema, prepare);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const type: SigningKeyType = Form.useWatch('type', form) ?? 'hs256';

  return (
    <Form
      form={form}
      onValuesChange={onValuesChange}
      layout="vertical"
      name="signing-key-create"
      initialValues={{ type: 'hs256' }}
      onFinish={submitWith(onSubmit)}
    >
      <Form.Item name="type" label={t('keys.type')}>
        <Radio.Group
          optionType="button"
          options={SIGNING_KEY_TYPES.map((value) => ({ value, label: t(`keys.type.${value}`) }))}
        />
      </Form.Item>
      <p className="sg-help">{t(`keys.typeHint.${type}`)}</p>
      <Form.Item name="label" label={t('keys.label')}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      {(type === 'rs256' || type === 'es256') && (
        <Form.Item
          name="publicKeyPem"
          label={t('keys.publicKeyPem')}
          required
          extra={t('keys.publicKeyPemHint')}
        >
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 12 }}
            spellCheck={false}
            style={{ fontFamily: 'monospace' }}
            placeholder={'-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----'}
          />
        </Form.Item>
      )}
      {type === 'jwks' && (
        <Form.Item name="jwksUrl" label={t('keys.jwksUrl')} required extra={t('keys.jwksUrlHint')}>
          <Input type="url" autoComplete="off" placeholder="https://auth.example.com/.well-known/jwks.json" />
        </Form.Item>
      )}
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t(type === 'hs256' ? 'keys.generate' : 'keys.register')}
        </Button>
      </Space>
    </Form>
  );
}
