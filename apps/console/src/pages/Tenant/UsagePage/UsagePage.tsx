// A tenant's usage, the figure vendors bill by: online hours per day and per seat (from the
// presence history), logins issued and refused (by reason) per day, for a period of days counted in
// the tenant's time zone; and the same as a CSV file.
import { Button, Card, Col, DatePicker, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { isErrorCode } from '../../../api/client';
import { useExportUsage } from '../../../api/usage/mutations';
import { useUsage } from '../../../api/usage/queries';
import type { UsageSeatTotal } from '../../../api/usage/types';
import { saveDownload } from '../../../components/download';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { startOfDayIn, tenantTimeZone } from '../../../components/time-zone';
import { useNotify } from '../../../components/use-notify';
import { useI18n } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { DayBars, type DaySeries } from './components/DayBars';

/** The longest period the gateway counts at once. */
const MAX_DAYS = 90;
const DEFAULT_DAYS = 30;
/** Logins blue; refusals in warm and purple tones, told apart with common colour-vision deficiencies. */
const LOGINS_COLOR = '#1664ff';
const REASON_COLORS = ['#d4380d', '#722ed1', '#ad6800', '#c41d7f', '#08979c'];
const OTHER_COLOR = '#595959';

const hours = (value: number) => (Math.round(value * 10) / 10).toString();

export function UsagePage() {
  const { t, dictionary } = useI18n();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const timeZone = tenantTimeZone(tenant.settings);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    startOfDayIn(timeZone, DEFAULT_DAYS - 1),
    startOfDayIn(timeZone),
  ]);
  const params = {
    days: range[1].diff(range[0], 'day') + 1,
    to: range[1].format('YYYY-MM-DD'),
    timeZone,
  };
  const usage = useUsage(tenant.id, params);
  const exporting = useExportUsage(tenant.id);

  const reasonLabel = (reason: string) => {
    if (reason === 'unknown') return t('overview.unknownReason');
    return isErrorCode(reason) ? dictionary.errors[reason] : reason;
  };

  const view = usage.data;
  const derived = useMemo(() => {
    if (!view) return null;
    const reasonTotals = new Map<string, number>();
    for (const day of view.days)
      for (const [reason, count] of Object.entries(day.refusals))
        reasonTotals.set(reason, (reasonTotals.get(reason) ?? 0) + count);
    const reasons = [...reasonTotals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const shown = reasons.slice(0, REASON_COLORS.length).map(([reason]) => reason);
    const others = reasons.length > shown.length;
    return {
      reasons,
      shown,
      others,
      totals: {
        hours: view.days.reduce((sum, day) => sum + day.onlineHours, 0),
        logins: view.days.reduce((sum, day) => sum + day.logins, 0),
        refusals: reasons.reduce((sum, [, count]) => sum + count, 0),
      },
    };
  }, [view]);

  const download = () =>
    exporting.mutate(params, {
      onSuccess: (file) => {
        saveDownload(file);
        notify.success(t('export.done'));
      },
      onError: (error) => notify.error(error),
    });

  const header = (
    <div className="sg-page-header">
      <Typography.Title level={3} id="usage-title">
        {t('usage.title')}
      </Typography.Title>
      <Space wrap>
        <DatePicker.RangePicker
          aria-label={t('usage.period')}
          allowClear={false}
          value={range}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0], value[1]]);
          }}
          disabledDate={(date, info) => {
            const from = info?.from;
            return from ? Math.abs(date.diff(from, 'day')) >= MAX_DAYS : false;
          }}
          presets={[7, 30, 90].map((days) => ({
            label: t('overview.lastDays', { days }),
            value: [startOfDayIn(timeZone, days - 1), startOfDayIn(timeZone)] as [Dayjs, Dayjs],
          }))}
        />
        <Button onClick={download} loading={exporting.isPending}>
          {exporting.isPending ? t('export.running') : t('export.csv')}
        </Button>
      </Space>
    </div>
  );

  if (usage.isPending)
    return (
      <section aria-labelledby="usage-title">
        {header}
        <Spin style={{ display: 'block', margin: 48 }} />
      </section>
    );
  if (usage.isError || !view || !derived)
    return (
      <section aria-labelledby="usage-title">
        {header}
        <ErrorAlert error={usage.error} onRetry={() => void usage.refetch()} />
      </section>
    );

  const { period } = view;
  const dates = view.days.map((day) => day.date);
  const dateHeader = t('overview.date', { zone: period.timeZone });
  const hourSeries: DaySeries[] = [
    {
      key: 'hours',
      label: t('usage.onlineHours'),
      color: LOGINS_COLOR,
      values: view.days.map((day) => day.onlineHours),
    },
  ];
  const loginSeries: DaySeries[] = [
    {
      key: 'logins',
      label: t('usage.logins'),
      color: LOGINS_COLOR,
      values: view.days.map((day) => day.logins),
    },
    ...derived.shown.map((reason, i) => ({
      key: `refused:${reason}`,
      label: t('usage.refusedFor', { reason: reasonLabel(reason) }),
      color: REASON_COLORS[i]!,
      values: view.days.map((day) => day.refusals[reason] ?? 0),
    })),
    ...(derived.others
      ? [
          {
            key: 'refused:other',
            label: t('usage.refusedOther'),
            color: OTHER_COLOR,
            values: view.days.map((day) =>
              Object.entries(day.refusals)
                .filter(([reason]) => !derived.shown.includes(reason))
                .reduce((sum, [, count]) => sum + count, 0),
            ),
          },
        ]
      : []),
  ];

  return (
    <section aria-labelledby="usage-title">
      {header}
      <Typography.Paragraph type="secondary">
        {t('usage.lead', {
          from: period.from,
          to: period.to,
          zone: period.timeZone,
          days: view.retentionDays,
        })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('usage.onlineHours')} value={hours(derived.totals.hours)} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('usage.logins')} value={derived.totals.logins} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('usage.refusals')} value={derived.totals.refusals} />
          </Card>
        </Col>
      </Row>
      <Card title={<h4 style={{ margin: 0 }}>{t('usage.hoursChart')}</h4>} style={{ marginBottom: 16 }}>
        <DayBars
          testId="usage-hours-chart"
          title={t('usage.hoursChart')}
          summary={t('usage.hoursSummary', {
            from: period.from,
            to: period.to,
            zone: period.timeZone,
            hours: hours(derived.totals.hours),
          })}
          dateHeader={dateHeader}
          dates={dates}
          series={hourSeries}
          format={hours}
        />
      </Card>
      <Card title={<h4 style={{ margin: 0 }}>{t('usage.loginsChart')}</h4>} style={{ marginBottom: 16 }}>
        <DayBars
          testId="usage-logins-chart"
          title={t('usage.loginsChart')}
          summary={t('usage.loginsSummary', {
            from: period.from,
            to: period.to,
            zone: period.timeZone,
            logins: derived.totals.logins,
            refusals: derived.totals.refusals,
          })}
          dateHeader={dateHeader}
          dates={dates}
          series={loginSeries}
        />
        {derived.reasons.length > 0 && (
          <Table<[string, number]>
            style={{ marginTop: 16 }}
            rowKey={(row) => row[0]}
            size="small"
            pagination={false}
            dataSource={derived.reasons}
            columns={[
              {
                title: t('overview.reason'),
                key: 'reason',
                render: (_: unknown, row) => reasonLabel(row[0]),
              },
              {
                title: t('overview.code'),
                key: 'code',
                render: (_: unknown, row) => <Typography.Text code>{row[0]}</Typography.Text>,
              },
              {
                title: t('overview.count'),
                key: 'count',
                align: 'right',
                render: (_: unknown, row) => row[1],
              },
            ]}
          />
        )}
      </Card>
      <Card title={<h4 style={{ margin: 0 }}>{t('usage.perSeat')}</h4>}>
        <Table<UsageSeatTotal>
          rowKey={(row) => `${row.appId}/${row.seatUserId}`}
          size="small"
          dataSource={view.seatTotals}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('usage.noSeats') }}
          columns={[
            {
              title: t('sessions.seat'),
              key: 'seat',
              render: (_: unknown, row) => `${row.seatUserId} (${row.sdkAppId})`,
            },
            {
              title: t('sessions.businessUser'),
              dataIndex: 'businessUserId',
              render: (value: string | null) => value ?? '—',
            },
            {
              title: t('usage.onlineHours'),
              dataIndex: 'onlineHours',
              align: 'right',
              sorter: (a, b) => a.onlineHours - b.onlineHours,
              render: (value: number) => hours(value),
            },
            {
              title: t('usage.daysOnline'),
              dataIndex: 'daysOnline',
              align: 'right',
              sorter: (a, b) => a.daysOnline - b.daysOnline,
            },
          ]}
        />
      </Card>
    </section>
  );
}
