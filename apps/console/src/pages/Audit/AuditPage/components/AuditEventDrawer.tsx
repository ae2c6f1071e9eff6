import type { AuditEventView } from '@seatgate/contracts';
import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { DateTime } from '../../../../components/DateTime';
import { useI18n, useT } from '../../../../i18n';
import { auditActionLabel, auditTargetLabel } from './audit-labels';

const OUTCOME_COLOR = { success: 'green', denied: 'orange', failure: 'red' } as const;

function isKnownOutcome(outcome: string): outcome is keyof typeof OUTCOME_COLOR {
  return outcome in OUTCOME_COLOR;
}

export function OutcomeTag({ outcome }: { outcome: string }) {
  const t = useT();
  if (!isKnownOutcome(outcome)) return <Tag>{outcome}</Tag>;
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`audit.outcome.${outcome}`)}</Tag>;
}

/** The event's tenant by name (its id in a tooltip); a deleted tenant by its id. */
export function AuditTenant({ event }: { event: AuditEventView }) {
  const t = useT();
  if (!event.tenantId) return <>{t('audit.platform')}</>;
  if (event.tenantName === null)
    return (
      <Typography.Text type="secondary" title={event.tenantId}>
        {t('audit.tenantGone')} <Typography.Text code>{event.tenantId.slice(0, 8)}</Typography.Text>
      </Typography.Text>
    );
  return <span title={event.tenantId}>{event.tenantName}</span>;
}

export function AuditEventDrawer({ event, onClose }: { event: AuditEventView | null; onClose: () => void }) {
  const { t, dictionary } = useI18n();
  return (
    <Drawer open={event !== null} title={t('audit.detailTitle')} size={640} onClose={onClose} destroyOnHidden>
      {event && (
        <>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'time', label: t('audit.time'), children: <DateTime value={event.occurredAt} /> },
              {
                key: 'action',
                label: t('audit.action'),
                children: (
                  <>
                    {auditActionLabel(dictionary, event.action)}{' '}
                    <Typography.Text code>{event.action}</Typography.Text>
                  </>
                ),
              },
              { key: 'outcome', label: t('audit.outcome'), children: <OutcomeTag outcome={event.outcome} /> },
              {
                key: 'actor',
                label: t('audit.actor'),
                children: `${event.actor.display ?? '—'} (${event.actor.type}${event.actor.id ? ` ${event.actor.id}` : ''})`,
              },
              {
                key: 'target',
                label: t('audit.target'),
                children: event.target.type
                  ? `${auditTargetLabel(dictionary, event.target.type)} ${event.target.id ?? ''}`
                  : '—',
              },
              { key: 'tenant', label: t('audit.tenant'), children: <AuditTenant event={event} /> },
              ...(event.tenantId
                ? [
                    {
                      key: 'tenantId',
                      label: t('audit.tenantId'),
                      children: <Typography.Text copyable>{event.tenantId}</Typography.Text>,
                    },
                  ]
                : []),
              { key: 'seq', label: t('audit.seq'), children: event.seq },
              {
                key: 'id',
                label: t('audit.eventId'),
                children: <Typography.Text copyable>{event.id}</Typography.Text>,
              },
              { key: 'request', label: t('audit.requestId'), children: event.requestId ?? '—' },
              { key: 'ip', label: t('audit.ip'), children: event.ip ?? '—' },
              { key: 'ua', label: t('audit.userAgent'), children: event.userAgent ?? '—' },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('audit.details')}
          </Typography.Title>
          <pre className="sg-code" tabIndex={0} aria-label={t('audit.details')}>
            {JSON.stringify(event.details, null, 2)}
          </pre>
        </>
      )}
    </Drawer>
  );
}
