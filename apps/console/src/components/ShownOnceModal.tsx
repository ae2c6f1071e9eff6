// A secret exists in readable form exactly once: in this dialog (an HS256 secret, a SCIM token). It
// cannot be closed by accident (no mask click, no Escape) until the admin confirms it is stored.
import { Alert, Button, Checkbox, Descriptions, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export interface ShownOnceValue {
  key: string;
  label: string;
  value: string;
  /** the copy button's tooltip, when it copies something other than a plain value */
  copyLabel?: string;
  testId?: string;
}

export function ShownOnceModal({
  open,
  title,
  warning,
  values,
  storedLabel,
  width,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  warning: string;
  /** what the admin copies now, the secret last */
  values: ShownOnceValue[];
  /** the check the admin ticks before Done: "I have stored it" */
  storedLabel: string;
  width: number;
  onClose: () => void;
  /** shown between the values and the check (a code snippet, say) */
  children?: ReactNode;
}) {
  const t = useT();
  const [stored, setStored] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      afterClose={() => setStored(false)}
      destroyOnHidden
      footer={
        <Button type="primary" disabled={!stored} onClick={onClose}>
          {t('action.done')}
        </Button>
      }
    >
      {open && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={warning} />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={values.map((item) => ({
              key: item.key,
              label: item.label,
              children: (
                <Typography.Text
                  code
                  data-testid={item.testId}
                  copyable={{ tooltips: [item.copyLabel ?? t('action.copy'), t('action.copied')] }}
                  style={{ wordBreak: 'break-all' }}
                >
                  {item.value}
                </Typography.Text>
              ),
            }))}
          />
          {children}
          <Checkbox checked={stored} onChange={(event) => setStored(event.target.checked)}>
            {storedLabel}
          </Checkbox>
        </Space>
      )}
    </Modal>
  );
}
