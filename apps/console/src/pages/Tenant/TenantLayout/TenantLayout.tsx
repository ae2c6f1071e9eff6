// One tenant's area: its header and tabs. Another tenant's id (or one that does not exist) is
// answered not-found by the gateway and shown as not-found here.
import { Breadcrumb, Spin, Tabs, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { useTenant } from '../../../api/tenants/queries';
import type { TenantDetail } from '../../../api/tenants/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NotFound } from '../../../components/NotFound';
import { StatusTag } from '../../../components/StatusTag';
import { useT } from '../../../i18n';

const TABS = [
  'overview',
  'apps',
  'seats',
  'staff',
  'sessions',
  'usage',
  'jobs',
  'keys',
  'scim',
  'settings',
] as const;

export interface TenantOutlet {
  tenant: TenantDetail;
}

export function useCurrentTenant(): TenantDetail {
  return useOutletContext<TenantOutlet>().tenant;
}

export function TenantLayout() {
  const t = useT();
  const { tenantId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const tenant = useTenant(tenantId);

  if (tenant.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (tenant.isError) {
    const error = tenant.error;
    if (error instanceof ApiError && error.status === 404) return <NotFound />;
    return <ErrorAlert error={error} onRetry={() => void tenant.refetch()} />;
  }

  // the tab is the path's segment after the tenant's id: /tenants/:id/jobs/:jobId is on Jobs
  const segment = location.pathname.split('/')[3];
  const active = TABS.find((tab) => tab === segment) ?? TABS[0];
  const data = tenant.data;
  return (
    <section aria-labelledby="tenant-title">
      <Breadcrumb
        style={{ marginTop: 8 }}
        items={[{ title: <Link to="/tenants">{t('nav.tenants')}</Link> }, { title: data.name }]}
      />
      <div className="sg-page-header">
        <Typography.Title level={2} id="tenant-title">
          {data.name} <Typography.Text code>{data.slug}</Typography.Text> <StatusTag status={data.status} />
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('tenant.counts', { apps: data.counts.apps, seats: data.counts.seats })}
        </Typography.Text>
      </div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/tenants/${tenantId}/${key}`)}
        items={TABS.map((tab) => ({ key: tab, label: t(`tenant.tab.${tab}`) }))}
      />
      <Outlet context={{ tenant: data } satisfies TenantOutlet} />
    </section>
  );
}
