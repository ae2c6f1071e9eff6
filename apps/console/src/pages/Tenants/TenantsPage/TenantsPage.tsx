import type { TenantCreate, TenantView } from '@seatgate/contracts';
import { Button, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { useCreateTenant, useDeleteTenant, useSetTenantStatus } from '../../../api/tenants/mutations';
import { useTenants } from '../../../api/tenants/queries';
import { Can } from '../../../components/Can';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldConflict } from '../../../components/form/field-conflict';
import { StatusTag } from '../../../components/StatusTag';
import { TypedConfirmModal } from '../../../components/TypedConfirmModal';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { TenantCreateForm } from './components/TenantCreateForm';
import { SearchBox } from '../../../components/SearchBox';

const PAGE_SIZE = 20;

export function TenantsPage() {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const statusParam = params.get('status');
  const status = statusParam === 'active' || statusParam === 'suspended' ? statusParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(q);

  const tenants = useTenants({ q: q || undefined, status, page, pageSize: PAGE_SIZE });
  const createTenant = useCreateTenant();
  const setStatus = useSetTenantStatus();
  const deleteTenant = useDeleteTenant();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<TenantView | null>(null);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const create = async (input: TenantCreate) => {
    try {
      const tenant = await createTenant.mutateAsync(input);
      notify.success(t('tenants.created', { name: tenant.name }));
      setCreating(false);
      navigate(`/tenants/${tenant.id}/apps`);
    } catch (error) {
      // the slug field says which slug is taken; a toast would say it twice
      if (isApiError(error, 'tenant_slug_taken')) {
        notify.dismiss();
        throw new FieldConflict(['slug'], t('tenants.slugTaken', { slug: input.slug }));
      }
      notify.error(error);
      throw error;
    }
  };

  const toggleStatus = (tenant: TenantView) =>
    setStatus.mutate(
      { tenantId: tenant.id, status: tenant.status === 'active' ? 'suspended' : 'active' },
      {
        onSuccess: (updated) =>
          notify.success(
            t(updated.status === 'active' ? 'tenants.resumed' : 'tenants.suspended', { name: updated.name }),
          ),
        onError: (error) => notify.error(error),
      },
    );

  const confirmDelete = () => {
    if (!deleting) return;
    const tenant = deleting;
    deleteTenant.mutate(tenant.id, {
      onSuccess: () => {
        notify.success(t('tenants.deleted', { name: tenant.name }));
        setDeleting(null);
      },
      onError: (error) => notify.error(error),
    });
  };

  return (
    <section aria-labelledby="tenants-title">
      <div className="sg-page-header">
        <Typography.Title level={2} id="tenants-title">
          {t('tenants.title')}
        </Typography.Title>
        <Can role="platform_admin">
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('tenants.create')}
          </Button>
        </Can>
      </div>

      <Space wrap style={{ marginBottom: 16 }}>
        <SearchBox
          aria-label={t('tenants.search')}
          placeholder={t('tenants.search')}
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined, page: undefined })}
          style={{ width: 280 }}
        />
        <Select
          aria-label={t('tenants.filterStatus')}
          placeholder={t('tenants.filterStatus')}
          allowClear
          value={status}
          onChange={(value?: string) => update({ status: value, page: undefined })}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'suspended', label: t('status.suspended') },
          ]}
          style={{ width: 180 }}
        />
      </Space>

      {tenants.isError ? (
        <ErrorAlert error={tenants.error} onRetry={() => void tenants.refetch()} />
      ) : (
        <Table<TenantView>
          rowKey="id"
          loading={tenants.isFetching}
          dataSource={tenants.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: tenants.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (next) => update({ page: next > 1 ? String(next) : undefined }),
            showTotal: (total) => t('common.total', { total }),
          }}
          locale={{ emptyText: q ? t('common.noMatches') : t('tenants.empty') }}
          columns={[
            {
              title: t('tenants.name'),
              dataIndex: 'name',
              render: (name: string, tenant) => <Link to={`/tenants/${tenant.id}/overview`}>{name}</Link>,
            },
            {
              title: t('tenants.slug'),
              dataIndex: 'slug',
              render: (slug: string) => <Typography.Text code>{slug}</Typography.Text>,
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (value: TenantView['status']) => <StatusTag status={value} />,
            },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              render: (value: string) => <DateTime value={value} />,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_value, tenant) => (
                <Space wrap size="small">
                  <Link to={`/tenants/${tenant.id}/settings`}>{t('tenants.settings')}</Link>
                  <Can role="platform_admin">
                    <Space wrap size="small">
                      <Popconfirm
                        title={t(
                          tenant.status === 'active' ? 'tenants.suspendConfirm' : 'tenants.resumeConfirm',
                          {
                            name: tenant.name,
                          },
                        )}
                        okText={t('action.confirm')}
                        cancelText={t('action.cancel')}
                        onConfirm={() => toggleStatus(tenant)}
                      >
                        <Button
                          size="small"
                          loading={setStatus.isPending && setStatus.variables?.tenantId === tenant.id}
                        >
                          {t(tenant.status === 'active' ? 'tenants.suspend' : 'tenants.resume')}
                        </Button>
                      </Popconfirm>
                      <Button size="small" danger onClick={() => setDeleting(tenant)}>
                        {t('action.delete')}
                      </Button>
                    </Space>
                  </Can>
                </Space>
              ),
            },
          ]}
        />
      )}

      <Modal
        open={creating}
        title={t('tenants.create')}
        footer={null}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <TenantCreateForm
          onSubmit={create}
          onCancel={() => setCreating(false)}
          submitting={createTenant.isPending}
        />
      </Modal>

      <TypedConfirmModal
        open={deleting !== null}
        title={t('tenants.deleteTitle', { name: deleting?.name ?? '' })}
        warning={t('tenants.deleteWarning')}
        expected={deleting?.slug ?? ''}
        confirmLabel={t('tenants.deleteConfirm')}
        pending={deleteTenant.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </section>
  );
}
