// Asks for the reason of a sign-out or a restore (audited; a signed-out user is shown it), and
// submits it. The page owns the mutation and its notifications.
import { Form, Input, Modal } from 'antd';
import { useT } from '../../../../i18n';

export interface SignOutTarget {
  seatId: string;
  seatUserId: string;
  action: 'sign-out' | 'restore';
}

export function SignOutModal({
  target,
  pending,
  onSubmit,
  onCancel,
}: {
  target: SignOutTarget | null;
  pending: boolean;
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const title =
    target?.action === 'restore'
      ? t('sessions.restoreTitle', { seat: target.seatUserId })
      : t('sessions.signOutTitle', { seat: target?.seatUserId ?? '' });
  return (
    <Modal
      open={target !== null}
      title={title}
      okText={target?.action === 'restore' ? t('sessions.restore') : t('sessions.signOut')}
      okButtonProps={{ danger: target?.action === 'sign-out', loading: pending }}
      cancelText={t('action.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => onSubmit(values.reason.trim()).catch(() => undefined)}
      >
        <Form.Item
          name="reason"
          label={t('sessions.reason')}
          extra={target?.action === 'sign-out' ? t('sessions.reasonHint') : undefined}
          rules={[
            { required: true, whitespace: true, message: t('sessions.reasonRequired') },
            { max: 500, message: t('sessions.reasonTooLong', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
