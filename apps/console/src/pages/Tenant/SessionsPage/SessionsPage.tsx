// Who is online: each mapped seat's TCCC status and clients, and its user's last login, refreshed
// every few seconds while the page is visible. Tenant admins sign a seat out (ForceMemberOffline,
// with a reason its user is shown) and restore it; anyone who may read the tenant sees the history.
import { Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useAllApps } from '../../../api/apps/queries';
import { useSeatSignOut } from '../../../api/sessions/mutations';
import { useSessions } from '../../../api/sessions/queries';
import {
  SESSIONS_PAGE_SIZE,
  STAFF_STATUSES,
  type SessionListQuery,
  type SessionView,
} from '../../../api/sessions/types';
import { useCan } from '../../../components/Can';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { HistoryDrawer } from './components/HistoryDrawer';
import { SignOutModal, type SignOutTarget } from './components/SignOutModal';
import { StatusBadge } from './components/StatusBadge';

export function SessionsPage() {
  const t = useT();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const canWrite = useCan('tenant_admin');
  const apps = useAllApps(tenant.id);
  // filters and the page go to the gateway, which pages the seats (5,000 of them are one answer otherwise)
  const [query, setQuery] = useState<SessionListQuery>({});
  const [search, setSearch] = useState('');
  const sessions = useSessions(tenant.id, query);
  const signOut = useSeatSignOut(tenant.id);
  const [target, setTarget] = useState<SignOutTarget | null>(null);
  const [historyOf, setHistoryOf] = useState<{ seatId: string; seatUserId: string } | null>(null);

  const submit = async (reason: string) => {
    if (!target) return;
    try {
      await signOut.mutateAsync({ seatId: target.seatId, action: target.action, reason });
      notify.success(
        target.action === 'restore'
          ? t('sessions.restored', { seat: target.seatUserId })
          : t('sessions.signedOut', { seat: target.seatUserId }),
      );
      setTarget(null);
    } catch (error) {
      notify.error(error);
      throw error;
    }
  };

  const failed = (sessions.data?.upstream ?? []).filter((app) => !app.ok);
  const columns = [
    { title: t('sessions.businessUser'), dataIndex: 'businessUserId', key: 'businessUserId' },
    {
      title: t('sessions.seat'),
      key: 'seat',
      render: (_: unknown, row: SessionView) => (
        <Space direction="vertical" size={0}>
          <span>{row.seatUserId}</span>
          <Typography.Text type="secondary">{row.sdkAppId}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('sessions.status'),
      key: 'status',
      render: (_: unknown, row: SessionView) => (
        <Space wrap>
          {row.presence ? <StatusBadge status={row.presence.status} /> : <span>{t('sessions.unknown')}</span>}
          {row.signedOut && (
            <Tooltip title={row.signedOut.reason}>
              <Tag color="red">{t('sessions.signedOutTag')}</Tag>
            </Tooltip>
          )}
          {row.autoSignedOut && <Tag color="orange">{t(`sessions.autoSignedOut.${row.autoSignedOut}`)}</Tag>}
        </Space>
      ),
    },
    {
      title: t('sessions.clients'),
      key: 'clients',
      render: (_: unknown, row: SessionView) =>
        row.presence && row.presence.clients.length > 0
          ? row.presence.clients.map((client, i) => <Tag key={`${client}-${i}`}>{client}</Tag>)
          : '—',
    },
    {
      title: t('sessions.onlineSince'),
      key: 'onlineSince',
      render: (_: unknown, row: SessionView) => <DateTime value={row.presence?.onlineSince} />,
    },
    {
      title: t('sessions.lastLogin'),
      key: 'lastLogin',
      render: (_: unknown, row: SessionView) =>
        row.lastLogin ? (
          <Space direction="vertical" size={0}>
            <DateTime value={row.lastLogin.at} />
            <Tooltip title={row.lastLogin.userAgent ?? undefined}>
              <Typography.Text type="secondary">{row.lastLogin.ip ?? '—'}</Typography.Text>
            </Tooltip>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, row: SessionView) => (
        <Space>
          <Button
            size="small"
            onClick={() => setHistoryOf({ seatId: row.seatId, seatUserId: row.seatUserId })}
          >
            {t('sessions.history')}
          </Button>
          {canWrite &&
            (row.signedOut ? (
              <Button
                size="small"
                onClick={() =>
                  setTarget({ seatId: row.seatId, seatUserId: row.seatUserId, action: 'restore' })
                }
              >
                {t('sessions.restore')}
              </Button>
            ) : (
              <Button
                size="small"
                danger
                onClick={() =>
                  setTarget({ seatId: row.seatId, seatUserId: row.seatUserId, action: 'sign-out' })
                }
              >
                {t('sessions.signOut')}
              </Button>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <section aria-labelledby="sessions-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="sessions-title">
          {t('sessions.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {sessions.data ? t('sessions.fetchedAt', { count: sessions.data.total }) : null}{' '}
          {sessions.data && <DateTime value={sessions.data.fetchedAt} />}
        </Typography.Text>
      </div>
      <Typography.Paragraph type="secondary">{t('sessions.lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('sessions.filterStatus')}
          placeholder={t('sessions.filterStatus')}
          allowClear
          value={query.status}
          onChange={(status) => setQuery({ ...query, status, page: undefined })}
          options={STAFF_STATUSES.map((status) => ({ value: status, label: t(`sessions.status.${status}`) }))}
          style={{ width: 180 }}
        />
        <Select
          aria-label={t('sessions.filterApp')}
          placeholder={t('sessions.filterApp')}
          allowClear
          value={query.appId}
          onChange={(appId) => setQuery({ ...query, appId, page: undefined })}
          options={(apps.data?.items ?? []).map((app) => ({
            value: app.id,
            label: `${app.label} (${app.sdkAppId})`,
          }))}
          style={{ width: 240 }}
        />
        <Input.Search
          aria-label={t('sessions.filterUser')}
          placeholder={t('sessions.filterUser')}
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => setQuery({ ...query, user: value.trim() || undefined, page: undefined })}
          style={{ width: 280 }}
        />
        <Button
          onClick={() => {
            setQuery({});
            setSearch('');
          }}
        >
          {t('action.reset')}
        </Button>
      </Space>
      {sessions.isError && <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {failed.length > 0 && (
        <Typography.Paragraph type="warning" data-testid="sessions-upstream-failed">
          {t('sessions.upstreamFailed', { apps: failed.map((app) => app.sdkAppId).join(', ') })}
        </Typography.Paragraph>
      )}
      <Table<SessionView>
        rowKey="seatId"
        size="middle"
        loading={sessions.isPending}
        dataSource={sessions.data?.items ?? []}
        columns={columns}
        pagination={{
          current: query.page ?? 1,
          pageSize: query.pageSize ?? SESSIONS_PAGE_SIZE,
          total: sessions.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: (page) => setQuery({ ...query, page }),
        }}
        locale={{ emptyText: t('sessions.empty') }}
      />
      <SignOutModal
        target={target}
        pending={signOut.isPending}
        onSubmit={submit}
        onCancel={() => setTarget(null)}
      />
      <HistoryDrawer tenantId={tenant.id} seat={historyOf} onClose={() => setHistoryOf(null)} />
    </section>
  );
}
