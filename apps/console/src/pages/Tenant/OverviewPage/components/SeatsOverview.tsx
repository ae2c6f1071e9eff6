// Seats per app: mapped in Seatgate (enabled / disabled) beside what TCCC lists, once asked. An
// app TCCC could not answer for shows its error in words; the other apps still show their counts.
import { Table, Typography } from 'antd';
import { isErrorCode } from '../../../../api/client';
import type { OverviewAppSeats, OverviewUpstream } from '../../../../api/overview/types';
import { StatusTag } from '../../../../components/StatusTag';
import { useI18n } from '../../../../i18n';

export interface SeatsRow extends Omit<OverviewAppSeats, 'upstream'> {
  /** undefined: TCCC not asked (or still answering) */
  upstream: OverviewUpstream | undefined;
}

const none = <Typography.Text type="secondary">—</Typography.Text>;

export function SeatsOverview({ rows, loadingUpstream }: { rows: SeatsRow[]; loadingUpstream: boolean }) {
  const { t, dictionary } = useI18n();
  const upstreamCount = (key: 'unmapped' | 'missingUpstream') => ({
    align: 'right' as const,
    render: (_value: unknown, row: SeatsRow) => (row.upstream?.ok ? row.upstream[key] : none),
  });
  return (
    <Table<SeatsRow>
      data-testid="overview-seats"
      rowKey="appId"
      size="small"
      pagination={false}
      loading={loadingUpstream}
      dataSource={rows}
      locale={{ emptyText: t('overview.noApps') }}
      columns={[
        {
          title: t('seats.app'),
          key: 'app',
          render: (_value: unknown, row: SeatsRow) => (
            <>
              {row.label} <Typography.Text code>{row.sdkAppId}</Typography.Text>
            </>
          ),
        },
        {
          title: t('common.status'),
          dataIndex: 'status',
          render: (status: SeatsRow['status']) => <StatusTag status={status} />,
        },
        {
          title: t('overview.mappedEnabled'),
          key: 'enabled',
          align: 'right',
          render: (_value: unknown, row: SeatsRow) => row.mapped.enabled,
        },
        {
          title: t('overview.mappedDisabled'),
          key: 'disabled',
          align: 'right',
          render: (_value: unknown, row: SeatsRow) => row.mapped.disabled,
        },
        {
          title: t('overview.upstreamStaff'),
          key: 'staff',
          align: 'right',
          onCell: (row: SeatsRow) => (row.upstream && !row.upstream.ok ? { colSpan: 3 } : {}),
          render: (_value: unknown, row: SeatsRow) => {
            if (!row.upstream)
              return <Typography.Text type="secondary">{t('overview.upstreamNotAsked')}</Typography.Text>;
            if (row.upstream.ok) return row.upstream.staff;
            const code = row.upstream.code;
            return (
              <Typography.Text type="danger">
                {isErrorCode(code) ? dictionary.errors[code] : row.upstream.message}{' '}
                <Typography.Text code>{code}</Typography.Text>
              </Typography.Text>
            );
          },
        },
        {
          title: t('overview.upstreamUnmapped'),
          key: 'unmapped',
          onCell: (row: SeatsRow) => (row.upstream && !row.upstream.ok ? { colSpan: 0 } : {}),
          ...upstreamCount('unmapped'),
        },
        {
          title: t('overview.upstreamMissing'),
          key: 'missingUpstream',
          onCell: (row: SeatsRow) => (row.upstream && !row.upstream.ok ? { colSpan: 0 } : {}),
          ...upstreamCount('missingUpstream'),
        },
      ]}
    />
  );
}
