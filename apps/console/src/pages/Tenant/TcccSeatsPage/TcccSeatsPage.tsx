// The app's seats as TCCC lists them (DescribeStaffInfoList), beside Seatgate's mappings: which
// are mapped, which are free to map (one click), and which mappings point at a seat TCCC lacks.
// The gateway searches and filters the list ("unmapped only"), so a free seat is found at once.
// "Reconcile" previews the app's reconcile plan and applies the chosen lines as a job.
import type { SeatCreate } from '@seatgate/contracts';
import { Alert, Button, Checkbox, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAllApps, useAppAutoMap, useAppStaff } from '../../../api/apps/queries';
import type {
  AppAutoMapPreview,
  AppAutoMapQuery,
  AppStaffQuery,
  AppStaffView,
} from '../../../api/apps/types';
import { useCreateSeat, useImportSeats } from '../../../api/seats/mutations';
import { useCan } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormDialog } from '../../../components/form/use-leave-guard';
import { useNotify } from '../../../components/use-notify';
import { useI18n } from '../../../i18n';
import { SeatCreateForm } from '../components/SeatCreateForm';
import { failSeatForm } from '../components/seat-conflict';
import { AutoMapModal } from './components/AutoMapModal';
import { ReconcileModal } from './components/ReconcileModal';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { SearchBox } from '../../../components/SearchBox';

type StaffRow = AppStaffView['staff'][number];

const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** Auto-map's proposals as an import file: applied like any CSV import, all or nothing. */
function proposalsCsv(sdkAppId: number, proposals: AppAutoMapPreview['proposals']): string {
  return [
    'businessUserId,sdkAppId,seatUserId,displayName',
    ...proposals.map((proposal) =>
      [
        csvCell(proposal.businessUserId),
        String(sdkAppId),
        csvCell(proposal.seatUserId),
        proposal.name ? csvCell(proposal.name) : '',
      ].join(','),
    ),
  ].join('\n');
}

export function TcccSeatsPage() {
  const { t, locale } = useI18n();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const canWrite = useCan('tenant_admin');
  const apps = useAllApps(tenant.id);
  const appItems = apps.data?.items ?? [];
  const [chosenAppId, setChosenAppId] = useState<string | undefined>();
  const appId = chosenAppId ?? appItems[0]?.id;
  const app = appItems.find((item) => item.id === appId);
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<AppStaffQuery>({});
  const staff = useAppStaff(tenant.id, appId, filters);
  const createSeat = useCreateSeat(tenant.id);
  const importSeats = useImportSeats(tenant.id);
  const [autoMapping, setAutoMapping] = useState(false);
  const [reconciling, setReconciling] = useState(false);
  const [autoMapBy, setAutoMapBy] = useState<AppAutoMapQuery['by']>('email');
  const autoMap = useAppAutoMap(tenant.id, appId, { by: autoMapBy }, autoMapping);

  const applyAutoMap = async (proposals: AppAutoMapPreview['proposals']) => {
    if (!app) return;
    try {
      const result = await importSeats.mutateAsync({
        csv: proposalsCsv(app.sdkAppId, proposals),
        dryRun: false,
      });
      notify.success(t('staff.autoMapDone', { count: result.created }));
      setAutoMapping(false);
    } catch (error) {
      notify.error(error);
    }
  };
  const [mapping, setMapping] = useState<Partial<SeatCreate> | null>(null);
  const mapDialog = useFormDialog(() => setMapping(null));
  // the gateway reuses an app's staff list for 30 s; "ask TCCC again" asks for a fresh one
  const reload = () => {
    if (filters.refresh === 'true') void staff.refetch();
    else setFilters((current) => ({ ...current, refresh: 'true' }));
  };

  const map = async (input: SeatCreate) => {
    try {
      await createSeat.mutateAsync(input);
      notify.success(t('seats.added', { user: input.businessUserId }));
      mapDialog.closeNow();
    } catch (error) {
      failSeatForm(error, t, input, notify);
    }
  };

  const missing = staff.data?.missingUpstream ?? [];
  return (
    <section aria-labelledby="tccc-seats-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="tccc-seats-title">
          {t('staff.title')}
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('seats.app')}
            value={appId}
            onChange={setChosenAppId}
            options={appItems.map((item) => ({ value: item.id, label: `${item.label} (${item.sdkAppId})` }))}
            notFoundContent={t('seats.noApps')}
            style={{ width: 260 }}
          />
          <Button onClick={reload} loading={staff.isFetching} disabled={!appId}>
            {t('staff.reload')}
          </Button>
          {canWrite && (
            <Button onClick={() => setAutoMapping(true)} disabled={!appId}>
              {t('staff.autoMap')}
            </Button>
          )}
          <Button onClick={() => setReconciling(true)} disabled={!appId}>
            {t('reconcile.open')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('staff.lead')}</Typography.Paragraph>
      {appId && (
        <Space wrap style={{ marginBottom: 16 }}>
          <SearchBox
            aria-label={t('staff.search')}
            placeholder={t('staff.search')}
            allowClear
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) =>
              setFilters((current) => ({ ...current, refresh: undefined, q: value.trim() || undefined }))
            }
            style={{ width: 340 }}
          />
          <Checkbox
            checked={filters.state === 'unmapped'}
            onChange={(event) =>
              setFilters((current) => ({
                ...current,
                refresh: undefined,
                state: event.target.checked ? 'unmapped' : undefined,
              }))
            }
          >
            {t('staff.unmappedOnly')}
          </Checkbox>
          {staff.data && (
            <Typography.Text type="secondary" data-testid="staff-count">
              {t('staff.count', {
                shown: staff.data.staff.length.toLocaleString(locale),
                total: staff.data.total.toLocaleString(locale),
                unmapped: staff.data.unmappedTotal.toLocaleString(locale),
              })}
            </Typography.Text>
          )}
        </Space>
      )}
      {!apps.isPending && appItems.length === 0 && <Alert type="info" showIcon title={t('seats.noApps')} />}
      {staff.isError && <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} />}
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('staff.missingTitle', { count: missing.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {missing.map((item) => (
                <li key={item.seatId}>
                  {t('staff.missingItem', { seat: item.seatUserId, user: item.businessUserId })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {appId && !staff.isError && (
        <Table<StaffRow>
          rowKey="mail"
          loading={staff.isFetching}
          dataSource={staff.data?.staff ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText: filters.q || filters.state ? t('common.noMatches') : t('staff.empty'),
          }}
          columns={[
            { title: t('seats.seatUserId'), dataIndex: 'mail' },
            { title: t('staff.name'), dataIndex: 'name', render: (value: string | null) => value ?? '—' },
            {
              title: t('staff.number'),
              dataIndex: 'staffNumber',
              render: (value: string | null) => value ?? '—',
            },
            {
              title: t('common.status'),
              dataIndex: 'state',
              render: (state: StaffRow['state']) =>
                state === 'mapped' ? (
                  <Tag color="green">{t('staff.mapped')}</Tag>
                ) : (
                  <Tag color="orange">{t('staff.unmapped')}</Tag>
                ),
            },
            {
              title: t('seats.businessUserId'),
              dataIndex: 'businessUserId',
              render: (value: string | null) => value ?? '—',
            },
            ...(canWrite
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_value: unknown, row: StaffRow) =>
                      row.state === 'unmapped' && app ? (
                        <Button
                          size="small"
                          onClick={() =>
                            setMapping({
                              sdkAppId: app.sdkAppId,
                              seatUserId: row.mail,
                              displayName: row.name ?? undefined,
                            })
                          }
                        >
                          {t('staff.map')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      <ReconcileModal
        open={reconciling}
        tenantId={tenant.id}
        app={app}
        canWrite={canWrite}
        onClose={() => {
          setReconciling(false);
          // what the job changed: TCCC's list asked again, not the gateway's 30 s copy
          reload();
        }}
      />
      <AutoMapModal
        open={autoMapping}
        by={autoMapBy}
        onByChange={setAutoMapBy}
        preview={autoMap.data}
        loading={autoMap.isFetching}
        error={autoMap.error}
        applying={importSeats.isPending}
        onApply={(proposals) => void applyAutoMap(proposals)}
        onClose={() => setAutoMapping(false)}
      />
      <Modal
        open={mapping !== null}
        title={t('seats.add')}
        footer={null}
        onCancel={mapDialog.askToClose}
        destroyOnHidden
      >
        {mapping && (
          <SeatCreateForm
            tenantId={tenant.id}
            apps={appItems}
            initial={mapping}
            onSubmit={map}
            onCancel={mapDialog.askToClose}
            onDirtyChange={mapDialog.onDirtyChange}
            submitting={createSeat.isPending}
          />
        )}
      </Modal>
    </section>
  );
}
