import {
  SEAT_PAGE_SIZES,
  type SeatBulkAction,
  type SeatCreate,
  type SeatImportResult,
  type SeatSortKey,
  type SeatUpdate,
  type SeatView,
} from '@seatgate/contracts';
import { Button, Modal, Select, Space, Table, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { isApiError } from '../../../api/client';
import { useAllApps } from '../../../api/apps/queries';
import {
  useBulkSeats,
  useCreateSeat,
  useDeleteSeat,
  useExportSeats,
  useImportSeats,
  useUpdateSeat,
} from '../../../api/seats/mutations';
import { useSeats } from '../../../api/seats/queries';
import type { SeatFilters } from '../../../api/seats/types';
import { Can, useCan } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormDialog } from '../../../components/form/use-leave-guard';
import { saveDownload } from '../../../components/download';
import { useNotify } from '../../../components/use-notify';
import { useNotifyingMutation } from '../../../components/use-notifying-mutation';
import { actionsColumn, dateTimeColumn, statusColumn } from '../../../components/table/columns';
import { MoreActions } from '../../../components/table/MoreActions';
import { useI18n, type MessageKey } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { SeatCreateForm } from '../components/SeatCreateForm';
import { failSeatForm } from '../components/seat-conflict';
import { SeatBulkBar, type SeatSelection } from './components/SeatBulkBar';
import { SeatEditForm } from './components/SeatEditForm';
import { SeatImportModal, type ImportCheck } from './components/SeatImportModal';
import { SearchBox } from '../../../components/SearchBox';

interface SeatSort {
  key: SeatSortKey;
  order: 'asc' | 'desc';
}
const DEFAULT_SORT: SeatSort = { key: 'createdAt', order: 'desc' };
const NOTHING_SELECTED: SeatSelection = { kind: 'ids', ids: [] };
const BULK_DONE: Record<SeatBulkAction, MessageKey> = {
  disable: 'seats.bulkDisabled',
  enable: 'seats.bulkEnabled',
  delete: 'seats.bulkDeleted',
};

export function SeatsPage() {
  const { t, locale } = useI18n();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const canWrite = useCan('tenant_admin');
  const [search, setSearch] = useState('');
  const [filters, setFiltersState] = useState<SeatFilters>({});
  // sorted and paged by the server: any column, any page (a jump is an offset), 20 to 200 a page
  const [sort, setSort] = useState<SeatSort>(DEFAULT_SORT);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(50);
  const [selection, setSelection] = useState<SeatSelection>(NOTHING_SELECTED);
  const seats = useSeats(tenant.id, { ...filters, sort: sort.key, order: sort.order, page, limit: pageSize });
  const total = seats.data?.total ?? 0;
  const filtered = Boolean(filters.q || filters.appId || filters.status);
  const setFilters = (update: (current: SeatFilters) => SeatFilters) => {
    setFiltersState(update);
    setPage(1);
    setSelection(NOTHING_SELECTED);
  };
  // after a bulk delete the page may lie beyond the last one
  useEffect(() => {
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    if (seats.data && page > lastPage) setPage(lastPage);
  }, [seats.data, total, page, pageSize]);
  const sortOrder = (key: SeatSortKey): SortOrder =>
    sort.key === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
  const apps = useAllApps(tenant.id);
  const appItems = useMemo(() => apps.data?.items ?? [], [apps.data]);
  const appLabels = useMemo(() => new Map(appItems.map((app) => [app.id, app.label])), [appItems]);

  const createSeat = useCreateSeat(tenant.id);
  const updateSeat = useUpdateSeat(tenant.id);
  const deleteSeat = useDeleteSeat(tenant.id);
  const importSeats = useImportSeats(tenant.id);
  const exportSeats = useExportSeats(tenant.id);
  const bulkSeats = useBulkSeats(tenant.id);
  const [adding, setAdding] = useState(false);
  // the map-seat dialog with unsaved changes asks before it closes or the page is left
  const addDialog = useFormDialog(() => setAdding(false));
  const [editing, setEditing] = useState<SeatView | null>(null);
  const [importing, setImporting] = useState(false);

  const updating = useNotifyingMutation(updateSeat);
  const deleting = useNotifyingMutation(deleteSeat);
  const committing = useNotifyingMutation(importSeats);
  const exporting = useNotifyingMutation(exportSeats);
  const bulking = useNotifyingMutation(bulkSeats);

  const runBulk = (action: SeatBulkAction) =>
    bulking.submit(selection.kind === 'ids' ? { action, ids: selection.ids } : { action, filter: filters }, {
      success: (result) => t(BULK_DONE[action], { count: result.affected.toLocaleString(locale) }),
      then: () => setSelection(NOTHING_SELECTED),
    });

  const create = async (input: SeatCreate) => {
    try {
      await createSeat.mutateAsync(input);
      notify.success(t('seats.added', { user: input.businessUserId }));
      addDialog.closeNow();
    } catch (error) {
      // a seat or user taken shows on its field, naming the other mapping; a toast would say it twice
      failSeatForm(error, t, input, notify);
    }
  };

  const edit = async (input: SeatUpdate) => {
    if (!editing) return;
    try {
      await updateSeat.mutateAsync({ seatId: editing.id, input });
      notify.success(t('seats.saved', { user: editing.businessUserId }));
      setEditing(null);
    } catch (error) {
      failSeatForm(error, t, input, notify);
    }
  };

  const toggle = (seat: SeatView) =>
    updating.fire(
      { seatId: seat.id, input: { status: seat.status === 'enabled' ? 'disabled' : 'enabled' } },
      {
        success: (updated) =>
          t(updated.status === 'enabled' ? 'seats.enabled' : 'seats.disabled', {
            user: updated.businessUserId,
          }),
      },
    );

  const remove = (seat: SeatView) =>
    deleting.fire(seat.id, { success: () => t('seats.deleted', { user: seat.businessUserId }) });

  const checkImport = async (csv: string, skipInvalid: boolean): Promise<ImportCheck> => {
    try {
      return { kind: 'ok', result: await importSeats.mutateAsync({ csv, dryRun: true, skipInvalid }) };
    } catch (error) {
      if (isApiError(error, 'import_rejected')) {
        return {
          kind: 'rejected',
          message: error.message,
          errors: error.details?.errors ?? [],
          problems: error.details?.problems,
        };
      }
      notify.error(error);
      return { kind: 'failed' };
    }
  };

  const commitImport = (csv: string, skipInvalid: boolean): Promise<SeatImportResult | null> =>
    committing
      .submit(
        { csv, dryRun: false, skipInvalid },
        {
          success: (result) =>
            result.skipped > 0
              ? t('import.done.skipped', {
                  created: result.created,
                  unchanged: result.unchanged,
                  skipped: result.skipped,
                })
              : t('import.done', { created: result.created, unchanged: result.unchanged }),
          then: () => setPage(1),
        },
      )
      .then(
        (result) => result ?? null,
        () => null,
      );

  const download = (format: 'csv' | 'xlsx') =>
    exporting.fire({ filters, format }, { success: () => t('export.done'), then: saveDownload });
  const exportingAs = exportSeats.isPending ? exportSeats.variables?.format : undefined;

  return (
    <section aria-labelledby="seats-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="seats-title">
          {t('seats.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            onClick={() => download('csv')}
            loading={exportingAs === 'csv'}
            disabled={exportingAs === 'xlsx'}
          >
            {exportingAs === 'csv' ? t('export.running') : t('export.csv')}
          </Button>
          <Button
            onClick={() => download('xlsx')}
            loading={exportingAs === 'xlsx'}
            disabled={exportingAs === 'csv'}
          >
            {exportingAs === 'xlsx' ? t('export.running') : t('export.xlsx')}
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
        <SearchBox
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

      {filtered && seats.data && (
        <Typography.Paragraph data-testid="seat-match-count">
          {t('seats.matchCount', { count: total.toLocaleString(locale) })}
        </Typography.Paragraph>
      )}
      {canWrite && (
        <SeatBulkBar
          selection={selection}
          total={total}
          running={bulkSeats.isPending}
          onSelectAllMatching={() => setSelection({ kind: 'filter' })}
          onClear={() => setSelection(NOTHING_SELECTED)}
          onRun={runBulk}
        />
      )}

      {seats.isError ? (
        <ErrorAlert error={seats.error} onRetry={() => void seats.refetch()} />
      ) : (
        <>
          <Table<SeatView>
            rowKey="id"
            loading={seats.isFetching}
            dataSource={seats.data?.items ?? []}
            pagination={{
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: SEAT_PAGE_SIZES.map(String),
              showQuickJumper: true,
              showTotal: (count, [from, to]) =>
                t('seats.pageRange', { from, to, total: count.toLocaleString(locale) }),
            }}
            onChange={(pagination, _tableFilters, sorter, extra) => {
              if (extra.action === 'sort') {
                const chosen = Array.isArray(sorter) ? sorter[0] : sorter;
                setSort(
                  chosen?.order && chosen.columnKey
                    ? {
                        key: chosen.columnKey as SeatSortKey,
                        order: chosen.order === 'ascend' ? 'asc' : 'desc',
                      }
                    : DEFAULT_SORT,
                );
                setPage(1);
              } else if (extra.action === 'paginate') {
                const size = pagination.pageSize ?? pageSize;
                setPage(size === pageSize ? (pagination.current ?? 1) : 1);
                setPageSize(size);
              }
            }}
            rowSelection={
              canWrite
                ? {
                    preserveSelectedRowKeys: true,
                    selectedRowKeys:
                      selection.kind === 'ids'
                        ? selection.ids
                        : (seats.data?.items.map((seat) => seat.id) ?? []),
                    onChange: (keys) => setSelection({ kind: 'ids', ids: keys.map(String) }),
                    getCheckboxProps: (seat) => ({ 'aria-label': seat.businessUserId }),
                  }
                : undefined
            }
            locale={{
              emptyText: filtered ? t('common.noMatches') : t('seats.empty'),
            }}
            columns={[
              {
                title: t('seats.businessUserId'),
                dataIndex: 'businessUserId',
                key: 'businessUserId',
                sorter: true,
                sortOrder: sortOrder('businessUserId'),
              },
              {
                title: t('seats.seatUserId'),
                dataIndex: 'seatUserId',
                key: 'seatUserId',
                sorter: true,
                sortOrder: sortOrder('seatUserId'),
              },
              {
                title: t('seats.displayName'),
                dataIndex: 'displayName',
                key: 'displayName',
                sorter: true,
                sortOrder: sortOrder('displayName'),
                render: (value: string | null) => value ?? '—',
              },
              {
                title: t('seats.app'),
                key: 'sdkAppId',
                sorter: true,
                sortOrder: sortOrder('sdkAppId'),
                render: (_value, seat) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {appLabels.get(seat.appId) ?? ''} <Typography.Text code>{seat.sdkAppId}</Typography.Text>
                  </span>
                ),
              },
              {
                ...statusColumn<SeatView>(t('common.status')),
                key: 'status',
                sorter: true,
                sortOrder: sortOrder('status'),
              },
              {
                ...dateTimeColumn<SeatView>(t('common.createdAt'), 'createdAt'),
                key: 'createdAt',
                sorter: true,
                sortOrder: sortOrder('createdAt'),
              },
              {
                ...dateTimeColumn<SeatView>(t('common.updatedAt'), 'updatedAt'),
                key: 'updatedAt',
                sorter: true,
                sortOrder: sortOrder('updatedAt'),
              },
              ...actionsColumn<SeatView>(canWrite, t('common.actions'), (seat) => (
                <>
                  <Button size="small" onClick={() => setEditing(seat)}>
                    {t('action.edit')}
                  </Button>
                  <MoreActions
                    name={t('common.moreActionsFor', { name: seat.businessUserId })}
                    actions={[
                      seat.status === 'enabled'
                        ? {
                            key: 'toggle',
                            label: t('action.disable'),
                            danger: true,
                            confirm: {
                              title: t('seats.disableConfirm', { user: seat.businessUserId }),
                              okText: t('action.disable'),
                            },
                            onRun: () => toggle(seat),
                          }
                        : { key: 'toggle', label: t('action.enable'), onRun: () => toggle(seat) },
                      {
                        key: 'delete',
                        label: t('action.delete'),
                        danger: true,
                        confirm: { title: t('seats.deleteConfirm', { user: seat.businessUserId }) },
                        onRun: () => remove(seat),
                      },
                    ]}
                  />
                </>
              )),
            ]}
          />
        </>
      )}

      <Modal
        open={adding}
        title={t('seats.add')}
        footer={null}
        onCancel={addDialog.askToClose}
        destroyOnHidden
      >
        <SeatCreateForm
          tenantId={tenant.id}
          apps={appItems}
          onSubmit={create}
          onCancel={addDialog.askToClose}
          onDirtyChange={addDialog.onDirtyChange}
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
        apps={appItems}
        onCheck={checkImport}
        onCommit={commitImport}
        onClose={() => setImporting(false)}
        tenantId={tenant.id}
        checking={importSeats.isPending && importSeats.variables?.dryRun === true}
        committing={importSeats.isPending && importSeats.variables?.dryRun === false}
      />
    </section>
  );
}
