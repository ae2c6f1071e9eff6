// A small table-row button that asks first (antd Popconfirm): delete, revoke, enable/disable.
import { Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';

export interface ConfirmButtonProps {
  /** the button's text */
  label: ReactNode;
  /** the question asked */
  title: ReactNode;
  description?: ReactNode;
  /** the confirming button's text (default: the label) */
  okText?: ReactNode;
  danger?: boolean;
  loading?: boolean;
  onConfirm: () => void;
}

export function ConfirmButton({
  label,
  title,
  description,
  okText,
  danger = false,
  loading,
  onConfirm,
}: ConfirmButtonProps) {
  const t = useT();
  return (
    <Popconfirm
      title={title}
      description={description}
      okText={okText ?? label}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText={t('action.cancel')}
      onConfirm={onConfirm}
    >
      <Button size="small" danger={danger} loading={loading}>
        {label}
      </Button>
    </Popconfirm>
  );
}
