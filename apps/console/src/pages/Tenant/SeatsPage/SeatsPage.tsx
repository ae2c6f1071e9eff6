import type { SeatCreate, SeatUpdate, SeatView } from '@seatgate/contracts';
import { Button, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { isApiError } from '../../../api/client';
import { useAllApps } from '../../../api/apps/queries';
import {
  useCreateSeat,
  useDeleteSeat,
  useExportSeats,
  useImportSeats,
  useUpdateSeat,
} from '../../../api/seats/mutations';
import { useSeats } from '../../../api/seats/queries';
import type { SeatFilters } from '../../../api/seats/types';
import { Can, useCan } from '../../../components/Can';
import { CursorPager } from '../../../components/CursorPager';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusTag } from '../../../components/StatusTag';
import { saveDownload } from '../../../components/download';
import { useCursorPaging } from '../../../components/use-cursor-paging';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { SeatCreateForm } from '../components/SeatCreateForm';
import { SeatEditForm } from './components/SeatEditForm';
import { SeatImportModal, type ImportCheck } from './components/SeatImportModal';

const LIMIT = 50;

export function SeatsPage() {
  const t = useT();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const canWrite = useCan('tenant_admin');
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<SeatFilters>({});
  const paging = useCursorPaging(JSON.stringify(filters));
  const seats = useSeats(tenant.id, { ...filters, cursor: paging.cursor, limit: LIMIT });
  const apps = useAllApps(tenant.id);
  const appItems = useMemo(() => apps.data?.items ?? [], [apps.data]);
  const appLabels = useMemo(() => new Map(appItems.map((app) => [app.id, app.label])), [appItems]);

  const createSeat = useCreateSeat(tenant.id);
  const updateSeat = useUpdateSeat(tenant.id);
  const deleteSeat = useDeleteSeat(tenant.id);
  const importSeats = useImportSeats(tenant.id);
  const exportSeats = useExportSeats(tenant.id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<SeatView | null>(null);
  const [importing, setImporting] = useState(false);

  const create = async (input: SeatCreate) => {
    try {
      await createSeat.mutateAsync(input);
      notify.success(t('seats.added', { user: input.businessUserId }));
      setAdding(false);
    } catch (error) {
      notify.error(error);
      throw error;
    }
  };

  const edit = async (input: SeatUpdate) => {
    if (!editing) return;
    try {
      await updateSeat.mutateAsync({ seatId: editing.id, input });
      notify.success(t('seats.saved', { user: editing.businessUserId }));
      setEditing(null);
    } catch (error) {
      notify.error(error);
      throw error;
    }
  };

  const toggle = (seat: SeatView) =>
    updateSeat.mutate(
      { seatId: seat.id, input: { status: seat.status === 'enabled' ? 'disabled' : 'enabled' } },
      {
        onSuccess: (updated) =>
          notify.success(
            t(updated.status === 'enabled' ? 'seats.enabled' : 'seats.disabled', {
              user: updated.businessUserId,
            }),
          ),
        onError: (error) => notify.error(error),
      },
    );

  const remove = (seat: SeatView) =>
    deleteSeat.mutate(seat.id, {
      onSuccess: () => notify.success(t('seats.deleted', { user: seat.businessUserId })),
      onError: (error) => notify.error(error),
    });

  const checkImport = async (csv: string): Promise<ImportCheck> => {
    try {
      return { kind: 'ok', result: await importSeats.mutateAsync({ csv, dryRun: true }) };
    } catch (error) {
      if (isApiError(error, 'import_rejected')) {
        return { kind: 'rejected', message: error.message, errors: error.details?.errors ?? [] };
      }
      notify.error(error);
      return { kind: 'failed' };
    }
  };

  const commitImport = async (csv: string): Promise<boolean> => {
    try {
      const result = await importSeats.mutateAsync({ csv, dryRun: false });
      notify.success(t('import.done', { created: result.created, unchanged: result.unchanged }));
      paging.reset();
      return true;
    } catch (error) {
      notify.error(error);
      return false;
    }
  };

  const download = () =>
    exportSeats.mutate(filters, {
      onSuccess: (file) => {
        saveDownload(file);
        notify.success(t('export.done'));
      },
      onError: (error) => notify.error(error),
    });

  return (
    <section aria-labelledby="seats-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="seats-title">
          {t('seats.title')}
        </Typography.Title>
        <Space wrap>
          <Button onClick={download} loading={exportSeats.isPending}>
            {exportSeats.isPending ? t('export.running') : t('export.csv')}
          </Button>
          <Can role="tenant_admin">
            <Space wrap>
              <Button onClick={() => setImporting(true)}>{t('import.open')}</Button>
              <Button type="primary" onClick={() => setAdding(true)}>
                {t('seats.add')}
              </Button>
            </Space>
          </Can>
        </Space>
      </div>

      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('seats.search')}
          placeholder={t('seats.search')}
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => setFilters((current) => ({ ...current, q: value.trim() || undefined }))}
          style={{ width: 300 }}
        />
        <Select
          aria-label={t('seats.filterApp')}
          placeholder={t('seats.filterApp')}
          allowClear
          value={filters.appId}
          onChange={(appId?: string) => setFilters((current) => ({ ...current, appId }))}
          options={appItems.map((app) => ({ value: app.id, label: `${app.label} (${app.sdkAppId})` }))}
          style={{ width: 240 }}
        />
        <Select
          aria-label={t('seats.filterStatus')}
          placeholder={t('seats.filterStatus')}
          allowClear
          value={filters.status}
          onChange={(status?: 'enabled' | 'disabled') => setFilters((current) => ({ ...current, status }))}
          options={[
            { value: 'enabled', label: t('status.enabled') },
            { value: 'disabled', label: t('status.disabled') },
          ]}
          style={{ width: 160 }}
        />
      </Space>

      {seats.isError ? (
        <ErrorAlert error={seats.error} onRetry={() => void seats.refetch()} />
      ) : (
        <>
          <Table<SeatView>
            rowKey="id"
            loading={seats.isFetching}
            dataSource={seats.data?.items ?? []}
            pagination={false}
            locale={{
              emptyText:
                filters.q || filters.appId || filters.status ? t('common.noMatches') : t('seats.empty'),
            }}
            columns={[
              { title: t('seats.businessUserId'), dataIndex: 'businessUserId' },
              { title: t('seats.seatUserId'), dataIndex: 'seatUserId' },
              {
                title: t('seats.displayName'),
                dataIndex: 'displayName',
                render: (value: string | null) => value ?? '—',
              },
              {
                title: t('seats.app'),
                key: 'app',
                render: (_value, seat) => (
                  <span>
                    {appLabels.get(seat.appId) ?? ''} <Typography.Text code>{seat.sdkAppId}</Typography.Text>
                  </span>
                ),
              },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (status: SeatView['status']) => <StatusTag status={status} />,
              },
              {
                title: t('common.updatedAt'),
                dataIndex: 'updatedAt',
                render: (value: string) => <DateTime value={value} />,
              },
              ...(canWrite
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_value: unknown, seat: SeatView) => (
                        <Space wrap size="small">
                          <Button size="small" onClick={() => setEditing(seat)}>
                            {t('action.edit')}
                          </Button>
                          <Button
                            size="small"
                            onClick={() => toggle(seat)}
                            loading={updateSeat.isPending && updateSeat.variables?.seatId === seat.id}
                          >
                            {t(seat.status === 'enabled' ? 'action.disable' : 'action.enable')}
                          </Button>
                          <Popconfirm
                            title={t('seats.deleteConfirm', { user: seat.businessUserId })}
                            okText={t('action.delete')}
                            okButtonProps={{ danger: true }}
                            cancelText={t('action.cancel')}
                            onConfirm={() => remove(seat)}
                          >
                            <Button size="small" danger>
                              {t('action.delete')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <CursorPager
            pageNumber={paging.pageNumber}
            hasPrevious={paging.hasPrevious}
            nextCursor={seats.data?.nextCursor}
            loading={seats.isFetching}
            onPrevious={paging.previous}
            onNext={paging.next}
          />
        </>
      )}

      <Modal
        open={adding}
        title={t('seats.add')}
        footer={null}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <SeatCreateForm
          apps={appItems}
          onSubmit={create}
          onCancel={() => setAdding(false)}
          submitting={createSeat.isPending}
        />
      </Modal>
      <Modal
        open={editing !== null}
        title={t('seats.edit')}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && (
          <SeatEditForm
            seat={editing}
            onSubmit={edit}
            onCancel={() => setEditing(null)}
            submitting={updateSeat.isPending}
          />
        )}
      </Modal>
      <SeatImportModal
        open={importing}
        onCheck={checkImport}
        onCommit={commitImport}
        onClose={() => setImporting(false)}
        checking={importSeats.isPending && importSeats.variables?.dryRun === true}
        committing={importSeats.isPending && importSeats.variables?.dryRun === false}
      />
    </section>
  );
}
