import {
  appCreateSchema,
  defaultAppKind,
  isTcccSdkAppId,
  TCCC_REGIONS,
  type AppCreate,
} from '@seatgate/contracts';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useSchemaForm } from '../../../../components/form/use-schema-form';
import { useI18n, useT } from '../../../../i18n';

/**
 * The SecretId/SecretKey are write-only: sent once, stored encrypted, never shown again. The kind
 * follows from the SDKAppID (shown, not chosen); the region is picked from Tencent Cloud's list.
 * `notice` (TCCC's refusal and "save without checking") shows above the buttons.
 */
export function AppCreateForm({
  onSubmit,
  onCancel,
  onDirtyChange,
  submitting,
  notice,
}: {
  onSubmit: (input: AppCreate) => Promise<unknown>;
  onCancel: () => void;
  /** whether the admin changed something not saved yet */
  onDirtyChange?: (dirty: boolean) => void;
  submitting: boolean;
  notice?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const { form, submitWith, onValuesChange, dirty } = useSchemaForm(appCreateSchema);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const sdkAppId = Form.useWatch<number | null | undefined>('sdkAppId', form);
  const kind = typeof sdkAppId === 'number' && isTcccSdkAppId(sdkAppId) ? defaultAppKind(sdkAppId) : null;
  return (
    <Form
      form={form}
      onValuesChange={onValuesChange}
      layout="vertical"
      name="app-create"
      onFinish={submitWith(onSubmit)}
    >
      <Form.Item
        name="sdkAppId"
        label={t('apps.sdkAppId')}
        required
        extra={t('apps.sdkAppIdHint')}
        validateTrigger={['onChange', 'onBlur']}
        rules={[
          {
            validator: (_rule, value: unknown) =>
              value === undefined || value === null || (typeof value === 'number' && isTcccSdkAppId(value))
                ? Promise.resolve()
                : Promise.reject(new Error(t('apps.sdkAppIdInvalid'))),
          },
        ]}
      >
        <InputNumber autoFocus min={1} precision={0} controls={false} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="label" label={t('apps.label')} required>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('apps.kind')} extra={t('apps.kindFromSdkAppId')}>
        <Typography.Text data-testid="app-kind">{kind ? t(`apps.kind.${kind}`) : '—'}</Typography.Text>
      </Form.Item>
      <Form.Item name="region" label={t('apps.region')} extra={t('apps.regionHint')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('apps.regionNearest')}
          options={TCCC_REGIONS.map((region) => ({
            value: region.id,
            label: `${region.label[locale]} · ${region.id}`,
          }))}
        />
      </Form.Item>
      <CredentialFields />
      {notice}
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
