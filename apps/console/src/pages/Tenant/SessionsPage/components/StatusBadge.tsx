// TCCC's agent status as a coloured badge, in the admin's language; a status TCCC adds later
// shows as its own word.
import { Badge } from 'antd';
import { STAFF_STATUSES, type StaffStatus } from '../../../../api/sessions/types';
import { useT } from '../../../../i18n';

const COLOUR: Record<StaffStatus, 'success' | 'processing' | 'warning' | 'default' | 'error'> = {
  free: 'success',
  busy: 'processing',
  afterCallWork: 'processing',
  rest: 'warning',
  notReady: 'error',
  offline: 'default',
};

const isKnown = (status: string): status is StaffStatus =>
  (STAFF_STATUSES as readonly string[]).includes(status);

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  if (!isKnown(status)) return <Badge status="default" text={status} />;
  return <Badge status={COLOUR[status]} text={t(`sessions.status.${status}`)} />;
}
