import { TCCC_REGIONS, type AppCreate, type AppView, type CredentialsRotate } from '@seatgate/contracts';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, isErrorCode } from '../../../api/client';
import {
  useCreateApp,
  useDeleteApp,
  useRotateCredentials,
  useTestConnection,
  useUpdateApp,
} from '../../../api/apps/mutations';
import { useApps } from '../../../api/apps/queries';
import { Can, useCan } from '../../../components/Can';
import { useFormDialog } from '../../../components/form/use-leave-guard';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { actionsColumn, dateTimeColumn, statusColumn } from '../../../components/table/columns';
import { MoreActions } from '../../../components/table/MoreActions';
import { useNotify } from '../../../components/use-notify';
import { useNotifyingMutation } from '../../../components/use-notifying-mutation';
import { useI18n, type Locale } from '../../../i18n';
import { describeError } from '../../../i18n/errors';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { AppCreateForm } from './components/AppCreateForm';
import {
  CheckFailureAlert,
  checkFailureOf,
  LastCheck,
  type CheckFailure,
} from './components/CredentialCheck';
import { RotateCredentialsForm } from './components/RotateCredentialsForm';

const PAGE_SIZE = 20;

/** A region's name in this language; a region stored before the list existed shows as it is. */
function regionLabel(region: string, locale: Locale): string {
  const known = TCCC_REGIONS.find((candidate) => candidate.id === region);
  return known ? `${known.label[locale]} · ${region}` : region;
}

type TestOutcome = { ok: true; staffCount: number } | { ok: false; message: string };

export function AppsPage() {
  const { t, dictionary, locale } = useI18n();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const canWrite = useCan('tenant_admin');
  const [page, setPage] = useState(1);
  const apps = useApps(tenant.id, { page, pageSize: PAGE_SIZE });
  const createApp = useCreateApp(tenant.id);
  const updateApp = useUpdateApp(tenant.id);
  const rotate = useRotateCredentials(tenant.id);
  const deleteApp = useDeleteApp(tenant.id);
  const testConnection = useTestConnection(tenant.id);
  const [adding, setAdding] = useState(false);
  const [rotating, setRotating] = useState<AppView | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, TestOutcome>>({});
  /** TCCC refused (or could not check) what the open dialog tried to save, and that input */
  const [refusedCreate, setRefusedCreate] = useState<{ input: AppCreate; failure: CheckFailure } | null>(
    null,
  );
  const [refusedRotation, setRefusedRotation] = useState<{
    input: CredentialsRotate;
    failure: CheckFailure;
  } | null>(null);

  const updating = useNotifyingMutation(updateApp);
  const deleting = useNotifyingMutation(deleteApp);

  const closeAdding = () => {
    setAdding(false);
    setRefusedCreate(null);
  };
  const closeRotating = () => {
    setRotating(null);
    setRefusedRotation(null);
  };
  // a dialog with unsaved credentials asks before it closes or the page is left
  const addDialog = useFormDialog(closeAdding);
  const rotateDialog = useFormDialog(closeRotating);

  // A refusal by TCCC stays in the dialog (with "save without checking"), not in a toast.
  const create = async (input: AppCreate) => {
    setRefusedCreate(null);
    try {
      const app = await createApp.mutateAsync(input);
      const unchecked = app.lastCheck?.outcome === 'skipped';
      notify.success(t(unchecked ? 'apps.addedUnchecked' : 'apps.added', { sdkAppId: app.sdkAppId }));
      addDialog.closeNow();
    } catch (error) {
      const failure = checkFailureOf(error, dictionary);
      if (failure) setRefusedCreate({ input, failure });
      else notify.formError(error);
      throw error;
    }
  };

  const rotateCredentials = async (credentials: CredentialsRotate) => {
    if (!rotating) return;
    setRefusedRotation(null);
    try {
      const app = await rotate.mutateAsync({ appId: rotating.id, credentials });
      const unchecked = app.lastCheck?.outcome === 'skipped';
      notify.success(
        t(unchecked ? 'apps.rotatedUnchecked' : 'apps.rotated', { sdkAppId: rotating.sdkAppId }),
      );
      setOutcomes(({ [rotating.id]: _stale, ...rest }) => rest);
      rotateDialog.closeNow();
    } catch (error) {
      const failure = checkFailureOf(error, dictionary);
      if (failure) setRefusedRotation({ input: credentials, failure });
      else notify.formError(error);
      throw error;
    }
  };

  const toggle = (app: AppView) =>
    updating.fire(
      { appId: app.id, input: { status: app.status === 'enabled' ? 'disabled' : 'enabled' } },
      {
        success: (updated) =>
          t(updated.status === 'enabled' ? 'apps.enabled' : 'apps.disabled', { sdkAppId: updated.sdkAppId }),
      },
    );

  const remove = (app: AppView) =>
    deleting.fire(app.id, { success: () => t('apps.deleted', { sdkAppId: app.sdkAppId }) });

  const test = (app: AppView) =>
    testConnection.mutate(app.id, {
      onSuccess: (result) => {
        if (result.ok) {
          setOutcomes((current) => ({ ...current, [app.id]: { ok: true, staffCount: result.staffCount } }));
          notify.success(t('apps.testOk', { count: result.staffCount }));
          return;
        }
        const message = isErrorCode(result.code) ? dictionary.errors[result.code] : result.message;
        setOutcomes((current) => ({ ...current, [app.id]: { ok: false, message } }));
        notify.failure(message);
      },
      onError: (error) => {
        // a gateway without the endpoint answers a bare 404: say so instead of "not found"
        const missing = error instanceof ApiError && error.status === 404 && error.code === 'not_found';
        const message = missing ? t('apps.testUnavailable') : describeError(error, dictionary).message;
        setOutcomes((current) => ({ ...current, [app.id]: { ok: false, message } }));
        if (missing) notify.failure(message);
        else notify.error(error);
      },
    });

  return (
    <section aria-labelledby="apps-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="apps-title">
          {t('apps.title')}
        </Typography.Title>
        <Can role="tenant_admin">
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('apps.add')}
          </Button>
        </Can>
      </div>
      {apps.isError ? (
        <ErrorAlert error={apps.error} onRetry={() => void apps.refetch()} />
      ) : (
        <Table<AppView>
          rowKey="id"
          loading={apps.isFetching}
          dataSource={apps.data?.items ?? []}
          locale={{ emptyText: t('apps.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: apps.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              title: t('apps.label'),
              dataIndex: 'label',
              // one line whatever its length: the whole label shows on hover
              render: (label: string) => (
                <Typography.Text ellipsis={{ tooltip: label }} style={{ maxWidth: 240 }}>
                  {label}
                </Typography.Text>
              ),
            },
            {
              title: t('apps.sdkAppId'),
              dataIndex: 'sdkAppId',
              render: (value: number) => <Typography.Text code>{value}</Typography.Text>,
            },
            {
              title: t('skillGroups.link'),
              key: 'skillGroups',
              render: (_value: unknown, app: AppView) => (
                <Link
                  to={`/tenants/${tenant.id}/apps/${app.id}/skill-groups`}
                  aria-label={`${t('skillGroups.link')}: ${app.label}`}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t('skillGroups.link')}
                </Link>
              ),
            },
            {
              title: t('apps.kind'),
              dataIndex: 'kind',
              render: (kind: AppView['kind'], app) => (
                <>
                  <span style={{ whiteSpace: 'nowrap' }}>{t(`apps.kind.${kind}`)}</span>
                  {app.region && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {regionLabel(app.region, locale)}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            statusColumn<AppView>(t('common.status')),
            {
              title: t('apps.secretId'),
              dataIndex: 'secretIdMasked',
              render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
            },
            dateTimeColumn<AppView>(t('apps.credentialsUpdatedAt'), 'credentialsUpdatedAt'),
            {
              title: t('apps.connection'),
              key: 'connection',
              render: (_value, app) => {
                const outcome = outcomes[app.id];
                return (
                  <Space orientation="vertical" size={4}>
                    {/* a TCCC call and an audit event: tenant admins only, as the gateway checks */}
                    <Can role="tenant_admin">
                      <Button
                        size="small"
                        onClick={() => test(app)}
                        loading={testConnection.isPending && testConnection.variables === app.id}
                      >
                        {t('apps.test')}
                      </Button>
                    </Can>
                    <LastCheck check={app.lastCheck} />
                    <span aria-live="polite">
                      {outcome?.ok === true && (
                        <Tag color="green">{t('apps.testOkShort', { count: outcome.staffCount })}</Tag>
                      )}
                      {outcome?.ok === false && (
                        <Typography.Text type="danger" style={{ fontSize: 12 }}>
                          {outcome.message}
                        </Typography.Text>
                      )}
                    </span>
                  </Space>
                );
              },
            },
            ...actionsColumn<AppView>(canWrite, t('common.actions'), (app) => (
              <>
                <Button size="small" onClick={() => setRotating(app)}>
                  {t('apps.rotate')}
                </Button>
                <MoreActions
                  name={t('common.moreActionsFor', { name: app.label })}
                  actions={[
                    {
                      key: 'toggle',
                      label: t(app.status === 'enabled' ? 'action.disable' : 'action.enable'),
                      danger: app.status === 'enabled',
                      confirm: {
                        title: t(app.status === 'enabled' ? 'apps.disableConfirm' : 'apps.enableConfirm'),
                        okText: t('action.confirm'),
                      },
                      onRun: () => toggle(app),
                    },
                    {
                      key: 'delete',
                      label: t('action.delete'),
                      danger: true,
                      confirm: {
                        title: t('apps.deleteConfirm', { sdkAppId: app.sdkAppId }),
                        description: t('apps.deleteWarning'),
                      },
                      onRun: () => remove(app),
                    },
                  ]}
                />
              </>
            )),
          ]}
        />
      )}

      <Modal
        open={adding}
        title={t('apps.add')}
        footer={null}
        onCancel={addDialog.askToClose}
        destroyOnHidden
      >
        <AppCreateForm
          onSubmit={create}
          onCancel={addDialog.askToClose}
          onDirtyChange={addDialog.onDirtyChange}
          submitting={createApp.isPending}
          notice={
            refusedCreate && (
              <CheckFailureAlert
                failure={refusedCreate.failure}
                saving={createApp.isPending}
                onSaveAnyway={() =>
                  void create({ ...refusedCreate.input, skipCheck: true }).catch(() => undefined)
                }
              />
            )
          }
        />
      </Modal>
      <Modal
        open={rotating !== null}
        title={t('apps.rotateTitle', { sdkAppId: rotating?.sdkAppId ?? '' })}
        footer={null}
        onCancel={rotateDialog.askToClose}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('apps.rotateWarning')} style={{ marginBottom: 16 }} />
        <RotateCredentialsForm
          onSubmit={rotateCredentials}
          onCancel={rotateDialog.askToClose}
          onDirtyChange={rotateDialog.onDirtyChange}
          submitting={rotate.isPending}
          notice={
            refusedRotation && (
              <CheckFailureAlert
                failure={refusedRotation.failure}
                saving={rotate.isPending}
                onSaveAnyway={() =>
                  void rotateCredentials({ ...refusedRotation.input, skipCheck: true }).catch(() => undefined)
                }
              />
            )
          }
        />
      </Modal>
    </section>
  );
}
