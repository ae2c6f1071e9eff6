// What a tenant admin does with many seat mappings at once: the selection (rows picked on any page,
// or every mapping matching the filter), and disable / enable / delete, each confirmed in a dialog
// that names how many mappings it changes.
import type { SeatBulkAction } from '@seatgate/contracts';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../../../../i18n';

export type SeatSelection = { kind: 'ids'; ids: string[] } | { kind: 'filter' };

const CONFIRM: Record<SeatBulkAction, MessageKey> = {
  disable: 'seats.bulkConfirmDisable',
  enable: 'seats.bulkConfirmEnable',
  delete: 'seats.bulkConfirmDelete',
};
const BUTTON: Record<SeatBulkAction, MessageKey> = {
  disable: 'seats.bulkDisable',
  enable: 'seats.bulkEnable',
  delete: 'seats.bulkDelete',
};

export interface SeatBulkBarProps {
  selection: SeatSelection;
  /** mappings matching the current filter */
  total: number;
  running: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  /** resolves when the action is done (the dialog then closes), rejects when it failed */
  onRun: (action: SeatBulkAction) => Promise<unknown>;
}

export function SeatBulkBar({
  selection,
  total,
  running,
  onSelectAllMatching,
  onClear,
  onRun,
}: SeatBulkBarProps) {
  const { t, locale } = useI18n();
  const [asking, setAsking] = useState<SeatBulkAction | null>(null);
  const count = selection.kind === 'ids' ? selection.ids.length : total;
  const shown = count.toLocaleString(locale);
  if (count === 0) return null;

  const confirm = async () => {
    if (!asking) return;
    try {
      await onRun(asking);
      setAsking(null);
    } catch {
      // told to the user by the page; the dialog stays open to retry or cancel
    }
  };

  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        data-testid="seat-bulk-bar"
        title={
          <Space wrap>
            <Typography.Text strong data-testid="seat-bulk-count">
              {selection.kind === 'ids'
                ? t('seats.bulkSelected', { count: shown })
                : t('seats.bulkAllMatching', { count: shown })}
            </Typography.Text>
            {selection.kind === 'ids' && total > count && (
              <Button size="small" type="link" onClick={onSelectAllMatching}>
                {t('seats.bulkSelectAll', { count: total.toLocaleString(locale) })}
              </Button>
            )}
            <Button size="small" type="link" onClick={onClear}>
              {t('seats.bulkClear')}
            </Button>
            {(['disable', 'enable', 'delete'] as const).map((action) => (
              <Button
                key={action}
                size="small"
                danger={action === 'delete'}
                onClick={() => setAsking(action)}
              >
                {t(BUTTON[action])}
              </Button>
            ))}
          </Space>
        }
      />
      <Modal
        open={asking !== null}
        title={asking ? t(CONFIRM[asking], { count: shown }) : ''}
        okText={asking ? t(BUTTON[asking]) : ''}
        okButtonProps={{ danger: asking === 'delete' || asking === 'disable', loading: running }}
        cancelText={t('action.cancel')}
        onOk={() => void confirm()}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('seats.bulkConfirmLead', { count: shown })}</Typography.Paragraph>
      </Modal>
    </>
  );
}
