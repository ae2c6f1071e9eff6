import { seatUpdateSchema, type SeatUpdate, type SeatView } from '@seatgate/contracts';
import { Button, Descriptions, Form, Input, Select, Space } from 'antd';
import { useSchemaForm, withoutEmpty } from '../../../../components/form/use-schema-form';
import { useT } from '../../../../i18n';

/** A cleared display name is sent as null (remove it), not left out (keep it). */
function prepare(values: Record<string, unknown>): unknown {
  const rest = withoutEmpty({ ...values, displayName: undefined });
  const displayName = typeof values.displayName === 'string' ? values.displayName.trim() : '';
  return { ...rest, displayName: displayName === '' ? null : displayName };
}

export function SeatEditForm({
  seat,
  onSubmit,
  onCancel,
  submitting,
}: {
  seat: SeatView;
  onSubmit: (input: SeatUpdate) => Promise<unknown>;
  onCancel: () => void;
  submitting: boolean;
}) {
  const t = useT();
  const { form, submitWith, onValuesChange } = useSchemaForm(seatUpdateSchema, prepare);
  return (
    <Form
      form={form}
      onValuesChange={onValuesChange}
      layout="vertical"
      name="seat-edit"
      initialValues={{
        seatUserId: seat.seatUserId,
        displayName: seat.displayName ?? '',
        status: seat.status,
      }}
      onFinish={submitWith(onSubmit)}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'user', label: t('seats.businessUserId'), children: seat.businessUserId },
          { key: 'app', label: t('apps.sdkAppId'), children: seat.sdkAppId },
        ]}
      />
      <Form.Item name="seatUserId" label={t('seats.seatUserId')} required extra={t('seats.seatUserIdHint')}>
        <Input autoFocus autoComplete="off" spellCheck={false} maxLength={128} />
      </Form.Item>
      <Form.Item name="displayName" label={t('seats.displayName')}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item name="status" label={t('common.status')}>
        <Select
          options={[
            { value: 'enabled', label: t('status.enabled') },
            { value: 'disabled', label: t('status.disabled') },
          ]}
        />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('action.save')}
        </Button>
      </Space>
    </Form>
  );
}
