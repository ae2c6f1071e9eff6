import type { AuditEventView } from '@seatgate/contracts';
import { Button, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useExportAudit } from '../../../api/audit/mutations';
import { useAuditEvents, useAuditVerification } from '../../../api/audit/queries';
import type { AuditFilters } from '../../../api/audit/types';
import { CursorPager } from '../../../components/CursorPager';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { saveDownload } from '../../../components/download';
import { useCursorPaging } from '../../../components/use-cursor-paging';
import { useNotify } from '../../../components/use-notify';
import { useI18n } from '../../../i18n';
import { AuditEventDrawer, AuditTenant, OutcomeTag } from './components/AuditEventDrawer';
import { AuditFilterForm } from './components/AuditFilterForm';
import { auditActionLabel, auditTargetLabel } from './components/audit-labels';
import { ChainVerification } from './components/ChainVerification';

const LIMIT = 50;
const FILTER_KEYS = ['tenantId', 'actor', 'action', 'exactAction', 'outcome', 'from', 'to'] as const;

export function AuditPage() {
  const { t, dictionary } = useI18n();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<AuditFilters>(
    // unknown values come back from the gateway as a translated validation error
    () => Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined])) as AuditFilters,
    [params],
  );
  const paging = useCursorPaging(JSON.stringify(filters));
  const events = useAuditEvents({ ...filters, cursor: paging.cursor, limit: LIMIT });
  const exportAudit = useExportAudit();
  const [selected, setSelected] = useState<AuditEventView | null>(null);
  const [verifyRequested, setVerifyRequested] = useState<string | null>(null);
  const verifyScope = filters.tenantId ?? 'all';
  const verification = useAuditVerification(filters.tenantId, verifyRequested === verifyScope);

  const apply = (next: AuditFilters) => {
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = next[key];
      if (value) search.set(key, value);
    }
    setParams(search, { replace: true });
  };

  const download = () =>
    exportAudit.mutate(filters, {
      onSuccess: (file) => {
        saveDownload(file);
        notify.success(t('export.done'));
      },
      onError: (error) => notify.error(error),
    });

  const verify = () => {
    if (verifyRequested === verifyScope) void verification.refetch();
    else setVerifyRequested(verifyScope);
  };

  const scopeLabel = filters.tenantId ? t('audit.thisTenant') : t('audit.allVisible');

  return (
    <section aria-labelledby="audit-title">
      <div className="sg-page-header">
        <Typography.Title level={2} id="audit-title">
          {t('audit.title')}
        </Typography.Title>
        <Space>
          <Button onClick={download} loading={exportAudit.isPending}>
            {exportAudit.isPending ? t('export.running') : t('export.csv')}
          </Button>
        </Space>
      </div>
      <AuditFilterForm filters={filters} onApply={apply} />
      <ChainVerification
        scope={scopeLabel}
        result={verifyRequested === verifyScope ? verification.data : undefined}
        checking={verification.isFetching}
        onVerify={verify}
      />
      {verification.isError && verifyRequested === verifyScope && <ErrorAlert error={verification.error} />}
      {events.isError ? (
        <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <Table<AuditEventView>
            rowKey="id"
            size="middle"
            loading={events.isFetching}
            dataSource={events.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('audit.empty') }}
            onRow={(event) => ({ onDoubleClick: () => setSelected(event) })}
            columns={[
              {
                title: t('audit.time'),
                dataIndex: 'occurredAt',
                render: (value: string) => <DateTime value={value} />,
              },
              {
                title: t('audit.action'),
                key: 'actionLabel',
                render: (_value, event) => auditActionLabel(dictionary, event.action),
              },
              {
                // the stable code beside the words: what the filter and the CSV export use
                title: t('audit.actionCode'),
                dataIndex: 'action',
                render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
              },
              {
                title: t('audit.outcome'),
                dataIndex: 'outcome',
                render: (outcome: string) => <OutcomeTag outcome={outcome} />,
              },
              {
                title: t('audit.actor'),
                key: 'actor',
                render: (_value, event) => event.actor.display ?? event.actor.type,
              },
              {
                title: t('audit.target'),
                key: 'target',
                render: (_value, event) =>
                  event.target.type ? auditTargetLabel(dictionary, event.target.type) : '—',
              },
              {
                title: t('audit.tenant'),
                key: 'tenant',
                render: (_value, event) => <AuditTenant event={event} />,
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_value, event) => (
                  <Button size="small" onClick={() => setSelected(event)}>
                    {t('audit.openDetails')}
                  </Button>
                ),
              },
            ]}
          />
          <CursorPager
            pageNumber={paging.pageNumber}
            hasPrevious={paging.hasPrevious}
            nextCursor={events.data?.nextCursor}
            loading={events.isFetching}
            onPrevious={paging.previous}
            onNext={paging.next}
          />
        </>
      )}
      <AuditEventDrawer event={selected} onClose={() => setSelected(null)} />
    </section>
  );
}
