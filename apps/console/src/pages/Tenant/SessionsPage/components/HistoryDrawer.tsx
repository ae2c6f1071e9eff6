// A seat's status changes seen while the sessions view polled TCCC, newest first.
import { Drawer, Empty, Spin, Timeline } from 'antd';
import { usePresenceHistory } from '../../../../api/sessions/queries';
import { DateTime } from '../../../../components/DateTime';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n';
import { StatusBadge } from './StatusBadge';

export function HistoryDrawer({
  tenantId,
  seat,
  onClose,
}: {
  tenantId: string;
  seat: { seatId: string; seatUserId: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  const history = usePresenceHistory(tenantId, seat?.seatId ?? null);
  return (
    <Drawer
      open={seat !== null}
      onClose={onClose}
      title={t('sessions.historyTitle', { seat: seat?.seatUserId ?? '' })}
    >
      {history.isPending && seat && <Spin />}
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && history.data.items.length === 0 && <Empty description={t('sessions.historyEmpty')} />}
      {history.data && history.data.items.length > 0 && (
        <Timeline
          items={history.data.items.map((item) => ({
            key: `${item.at}-${item.status}`,
            children: (
              <>
                <StatusBadge status={item.status} /> <DateTime value={item.at} />
              </>
            ),
          }))}
        />
      )}
      {history.data && (
        <p style={{ color: 'rgba(0,0,0,0.45)' }}>
          {t('sessions.historyRetention', { days: history.data.retentionDays })}
        </p>
      )}
    </Drawer>
  );
}
