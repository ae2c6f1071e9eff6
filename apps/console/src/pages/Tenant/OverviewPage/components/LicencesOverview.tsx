// Licences per app: bought and still valid (with each purchase's end date, in the tenant's time
// zone), seats in TCCC and mappings in Seatgate, and a warning when licences are nearly used up or
// a purchase ends soon. The gateway keeps TCCC's answer a few minutes; "Ask TCCC again" asks anew.
// An app TCCC could not answer for shows its error in words; the other apps still show theirs.
import { Alert, Button, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { isErrorCode } from '../../../../api/client';
import { useRefreshLicences } from '../../../../api/overview/mutations';
import { useOverviewLicences } from '../../../../api/overview/queries';
import type { LicenceWarning, OverviewAppLicences } from '../../../../api/overview/types';
import { DateTime } from '../../../../components/DateTime';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import '../../../../components/time-zone';
import { useNotifyingMutation } from '../../../../components/use-notifying-mutation';
import { useI18n, type Translate } from '../../../../i18n';

const none = <Typography.Text type="secondary">—</Typography.Text>;

/** An instant as a date and time in `zone`. */
const inZone = (iso: string, zone: string) => dayjs(iso).tz(zone).format('YYYY-MM-DD HH:mm');

export function warningText(warning: LicenceWarning, t: Translate, zone: string): string {
  switch (warning.kind) {
    case 'none':
      return t('licences.warning.none');
    case 'exhausted':
      return t('licences.warning.exhausted', { inTccc: warning.inTccc, purchased: warning.purchased });
    case 'nearly_exhausted':
      return t('licences.warning.nearly_exhausted', {
        available: warning.available,
        purchased: warning.purchased,
      });
    case 'expiring':
      return t('licences.warning.expiring', {
        seats: warning.seats,
        end: inZone(warning.endsAt, zone),
        days: warning.days,
      });
  }
}

export function LicencesOverview({ tenantId, timeZone }: { tenantId: string; timeZone: string }) {
  const { t, dictionary } = useI18n();
  const licences = useOverviewLicences(tenantId);
  const refresh = useRefreshLicences(tenantId);
  const refreshing = useNotifyingMutation(refresh);
  const apps = licences.data?.apps ?? [];
  const warnings = apps.flatMap((app) =>
    app.licences.ok ? app.licences.warnings.map((warning) => ({ app, warning })) : [],
  );
  const checkedAt = apps.map((app) => app.checkedAt).sort()[0];
  const counted = (key: 'purchased' | 'inTccc' | 'available') => ({
    align: 'right' as const,
    render: (_value: unknown, row: OverviewAppLicences) => (row.licences.ok ? row.licences[key] : none),
    onCell: (row: OverviewAppLicences) => (row.licences.ok ? {} : { colSpan: 0 }),
  });

  return (
    <section aria-labelledby="licences-title" data-testid="licences" style={{ marginBottom: 24 }}>
      <div className="sg-page-header">
        <Typography.Title level={4} id="licences-title" style={{ margin: 0 }}>
          {t('licences.title')}
        </Typography.Title>
        <Space wrap>
          {checkedAt && (
            <Typography.Text type="secondary">
              {t('licences.checkedAt')} <DateTime value={checkedAt} />
            </Typography.Text>
          )}
          <Button
            onClick={() => refreshing.fire(undefined, { success: () => t('licences.refreshed') })}
            loading={refresh.isPending}
            disabled={apps.length === 0}
          >
            {t('licences.refresh')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('licences.lead', { zone: timeZone })}</Typography.Paragraph>
      {licences.isError && <ErrorAlert error={licences.error} onRetry={() => void licences.refetch()} />}
      {warnings.length > 0 && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          {warnings.map(({ app, warning }, i) => (
            <Alert
              key={`${app.appId}-${i}`}
              type={warning.kind === 'nearly_exhausted' || warning.kind === 'expiring' ? 'warning' : 'error'}
              showIcon
              title={`${app.label} (${app.sdkAppId}): ${warningText(warning, t, timeZone)}`}
            />
          ))}
        </Space>
      )}
      <Table<OverviewAppLicences>
        rowKey="appId"
        size="small"
        pagination={false}
        loading={licences.isPending || refresh.isPending}
        dataSource={apps}
        locale={{ emptyText: t('licences.empty') }}
        columns={[
          {
            title: t('licences.app'),
            key: 'app',
            render: (_value: unknown, row: OverviewAppLicences) => (
              <>
                {row.label} <Typography.Text code>{row.sdkAppId}</Typography.Text>
              </>
            ),
          },
          {
            title: t('licences.purchased'),
            key: 'purchased',
            align: 'right',
            onCell: (row: OverviewAppLicences) => (row.licences.ok ? {} : { colSpan: 4 }),
            render: (_value: unknown, row: OverviewAppLicences) => {
              if (row.licences.ok) return row.licences.purchased;
              const { code, message } = row.licences;
              const action =
                typeof row.licences.details?.action === 'string' ? row.licences.details.action : null;
              return (
                <Typography.Text type="danger" style={{ textAlign: 'left', display: 'block' }}>
                  {isErrorCode(code) ? dictionary.errors[code] : message}{' '}
                  <Typography.Text code>{action ? `${code} · ${action}` : code}</Typography.Text>
                </Typography.Text>
              );
            },
          },
          { title: t('licences.inTccc'), key: 'inTccc', ...counted('inTccc') },
          { title: t('licences.available'), key: 'available', ...counted('available') },
          {
            title: t('licences.purchases'),
            key: 'purchases',
            onCell: (row: OverviewAppLicences) => (row.licences.ok ? {} : { colSpan: 0 }),
            render: (_value: unknown, row: OverviewAppLicences) => {
              if (!row.licences.ok) return null;
              if (row.licences.purchases.length === 0) return none;
              return (
                <Space direction="vertical" size={0}>
                  {row.licences.purchases.map((purchase, i) => (
                    <span key={i}>
                      {purchase.endsAt
                        ? t('licences.purchase', {
                            seats: purchase.seats,
                            end: inZone(purchase.endsAt, timeZone),
                          })
                        : t('licences.purchaseNoEnd', { seats: purchase.seats })}
                    </span>
                  ))}
                </Space>
              );
            },
          },
          {
            title: t('licences.mapped'),
            key: 'mapped',
            render: (_value: unknown, row: OverviewAppLicences) => t('licences.mappedCounts', row.mapped),
          },
        ]}
      />
    </section>
  );
}
