import { seatCreateSchema, type AppView, type SeatCreate } from '@seatgate/contracts';
import { Button, Form, Input, Select, Space } from 'antd';
import { useSchemaForm } from '../../../components/form/use-schema-form';
import { useT } from '../../../i18n';

export function SeatCreateForm({
  apps,
  initial,
  onSubmit,
  onCancel,
  submitting,
}: {
  apps: AppView[];
  /** prefilled values, e.g. a TCCC seat picked from the app's staff */
  initial?: Partial<SeatCreate>;
  onSubmit: (input: SeatCreate) => Promise<unknown>;
  onCancel: () => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith } = useSchemaForm(seatCreateSchema);
  return (
    <Form
      form={form}
      layout="vertical"
      name="seat-create"
      initialValues={{ sdkAppId: apps.length === 1 ? apps[0]?.sdkAppId : undefined, ...initial }}
      onFinish={submitWith(onSubmit)}
    >
      <Form.Item
        name="businessUserId"
        label={t('seats.businessUserId')}
        required
        extra={t('seats.businessUserIdHint')}
      >
        <Input autoFocus autoComplete="off" maxLength={128} />
      </Form.Item>
      <Form.Item name="sdkAppId" label={t('seats.app')} required>
        <Select
          options={apps.map((app) => ({ value: app.sdkAppId, label: `${app.label} (${app.sdkAppId})` }))}
          notFoundContent={t('seats.noApps')}
        />
      </Form.Item>
      <Form.Item name="seatUserId" label={t('seats.seatUserId')} required extra={t('seats.seatUserIdHint')}>
        <Input autoComplete="off" spellCheck={false} maxLength={128} placeholder="agent@example.com" />
      </Form.Item>
      <Form.Item name="displayName" label={t('seats.displayName')}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('seats.add')}
        </Button>
      </Space>
    </Form>
  );
}
