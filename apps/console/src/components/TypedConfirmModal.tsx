// A destructive action confirmed by typing a word (a tenant's slug): slower than a click on
// purpose, and impossible to trigger by a stray Enter.
import { Alert, Form, Input, Modal } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export function TypedConfirmModal({
  open,
  title,
  warning,
  expected,
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: ReactNode;
  warning: ReactNode;
  /** the exact text the user must type */
  expected: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const matches = typed === expected;
  return (
    <Modal
      open={open}
      title={title}
      okText={confirmLabel}
      okButtonProps={{ danger: true, disabled: !matches, loading: pending }}
      cancelText={t('action.cancel')}
      onOk={onConfirm}
      onCancel={onCancel}
      afterClose={() => setTyped('')}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={() => matches && onConfirm()}>
        <Form.Item label={t('confirm.typeToConfirm', { expected })} htmlFor={inputId}>
          <Input
            id={inputId}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
