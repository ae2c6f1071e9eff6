// A tenant at a glance: logins issued / redeemed / denied per UTC day, rate-limited counts, why
// logins were denied, and seats mapped per app beside what TCCC lists (asked only on demand, since
// that is one upstream call per app).
import { Button, Card, Col, Row, Segmented, Space, Spin, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useOverviewUpstream, useTenantOverview } from '../../../api/overview/queries';
import { OVERVIEW_DEFAULT_DAYS, type LoginCounts } from '../../../api/overview/types';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { tenantTimeZone } from '../../../components/time-zone';
import { useT, type MessageKey } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { DenialReasons } from './components/DenialReasons';
import { LicencesOverview } from './components/LicencesOverview';
import { LoginChart } from './components/LoginChart';
import { SeatsOverview, type SeatsRow } from './components/SeatsOverview';
import { SetupChecklist } from './components/SetupChecklist';

const PERIODS = [7, OVERVIEW_DEFAULT_DAYS, 30, 90];

const TOTALS: { key: keyof LoginCounts; title: MessageKey; hint: MessageKey }[] = [
  { key: 'issued', title: 'overview.issued', hint: 'overview.issuedHint' },
  { key: 'redeemed', title: 'overview.redeemed', hint: 'overview.redeemedHint' },
  { key: 'denied', title: 'overview.denied', hint: 'overview.deniedHint' },
  { key: 'rateLimited', title: 'overview.rateLimited', hint: 'overview.rateLimitedHint' },
];

export function OverviewPage() {
  const t = useT();
  const tenant = useCurrentTenant();
  const [days, setDays] = useState(OVERVIEW_DEFAULT_DAYS);
  const timeZone = tenantTimeZone(tenant.settings);
  const overview = useTenantOverview(tenant.id, { days, timeZone });
  const [askUpstream, setAskUpstream] = useState(false);
  const upstream = useOverviewUpstream(tenant.id, askUpstream);

  const loadUpstream = () => {
    if (askUpstream) void upstream.refetch();
    else setAskUpstream(true);
  };

  const header = (
    <div className="sg-page-header">
      <Typography.Title level={3} id="overview-title">
        {t('overview.title')}
      </Typography.Title>
      <Segmented<number>
        aria-label={t('overview.period')}
        value={days}
        onChange={setDays}
        options={PERIODS.map((value) => ({ value, label: t('overview.lastDays', { days: value }) }))}
      />
    </div>
  );

  if (overview.isPending) {
    return (
      <section aria-labelledby="overview-title">
        {header}
        <Spin style={{ display: 'block', margin: 48 }} />
      </section>
    );
  }
  if (overview.isError) {
    return (
      <section aria-labelledby="overview-title">
        {header}
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
      </section>
    );
  }

  const data = overview.data;
  const upstreamByApp = new Map(
    upstream.data?.seats.apps.map((app) => [app.appId, app.upstream ?? undefined]),
  );
  const seatRows: SeatsRow[] = data.seats.apps.map((app) => ({
    ...app,
    upstream: upstreamByApp.get(app.appId),
  }));
  const checkedAt = upstream.data?.seats.upstreamCheckedAt;
  return (
    <section aria-labelledby="overview-title" aria-busy={overview.isFetching}>
      {header}
      {!data.setup.complete && <SetupChecklist tenantId={tenant.id} setup={data.setup} />}
      <Typography.Paragraph type="secondary">
        {t('overview.utcNote', { from: data.period.from, to: data.period.to, zone: data.period.timeZone })}
      </Typography.Paragraph>

      <Row gutter={[16, 16]} style={{ marginBottom: 8 }}>
        {TOTALS.map((total) => (
          <Col key={total.key} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(total.title)} value={data.totals[total.key]} />
              <Typography.Text type="secondary">{t(total.hint)}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary">
        {t('overview.reuse', { replayed: data.totals.replayed, lateUse: data.totals.lateUse })}
      </Typography.Paragraph>

      {/* the chart takes two thirds of the width; why logins were denied sits beside it */}
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            data-testid="overview-chart"
            title={
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('overview.chartTitle')}
              </Typography.Title>
            }
          >
            <LoginChart overview={data} />
            {data.totals.issued + data.totals.redeemed + data.totals.denied === 0 && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {t('overview.noLogins')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={4}>{t('overview.denialReasons')}</Typography.Title>
          <DenialReasons reasons={data.denialReasons} denied={data.totals.denied} />
        </Col>
      </Row>

      <div className="sg-page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('overview.seats')}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t('overview.upstreamHint')}</Typography.Text>
          <Button
            onClick={loadUpstream}
            loading={upstream.isFetching}
            disabled={data.seats.apps.length === 0}
          >
            {t(askUpstream ? 'overview.reloadUpstream' : 'overview.loadUpstream')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('overview.seatsLead')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('overview.mappedTotal', data.seats.mapped)}
        <span aria-live="polite">
          {checkedAt && (
            <>
              {' · '}
              {t('overview.upstreamCheckedAt')} <DateTime value={checkedAt} />
            </>
          )}
        </span>
      </Typography.Paragraph>
      {upstream.isError && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={upstream.error} onRetry={() => void upstream.refetch()} />
        </div>
      )}
      <SeatsOverview rows={seatRows} loadingUpstream={upstream.isFetching} />
      <div style={{ marginTop: 24 }}>
        <LicencesOverview tenantId={tenant.id} timeZone={timeZone} />
      </div>
    </section>
  );
}
