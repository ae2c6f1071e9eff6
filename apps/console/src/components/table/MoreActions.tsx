// A row's secondary actions in an overflow menu (antd Dropdown behind a "…" button named for its
// row), so that a row's actions stay on one line at 1440 px in either language. An action that asks
// first (disable, delete) asks in a dialog, the menu having closed.
import { EllipsisOutlined } from '@ant-design/icons';
import { Button, Dropdown, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n';

export interface MoreAction {
  key: string;
  label: string;
  danger?: boolean;
  /** asked before the action runs; without it the action runs at once */
  confirm?: { title: ReactNode; description?: ReactNode; okText?: ReactNode };
  onRun: () => void;
}

export function MoreActions({ name, actions }: { name: string; actions: MoreAction[] }) {
  const t = useT();
  const [asking, setAsking] = useState<MoreAction | null>(null);
  const choose = (key: string) => {
    const action = actions.find((candidate) => candidate.key === key);
    if (!action) return;
    if (action.confirm) setAsking(action);
    else action.onRun();
  };
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: actions.map(({ key, label, danger }) => ({ key, label, danger })),
          onClick: ({ key }) => choose(key),
        }}
      >
        <Button size="small" aria-label={name} title={name} icon={<EllipsisOutlined />} />
      </Dropdown>
      <Modal
        open={asking !== null}
        title={asking?.confirm?.title}
        okText={asking?.confirm?.okText ?? asking?.label}
        okButtonProps={{ danger: asking?.danger === true }}
        cancelText={t('action.cancel')}
        onOk={() => {
          asking?.onRun();
          setAsking(null);
        }}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        {asking?.confirm?.description}
      </Modal>
    </>
  );
}
