// The tenant's SCIM page: the endpoint its identity provider calls, the settings (on/off, app,
// provisioning, attribute mapping), the tokens (created and shown once, revoked) and the last sync.
import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useAllApps } from '../../../api/apps/queries';
import { useCreateScimToken, useRevokeScimToken } from '../../../api/scim/mutations';
import { useScimStatus, useScimTokens } from '../../../api/scim/queries';
import type { ScimSettings, ScimTokenCreated, ScimTokenView } from '../../../api/scim/types';
import { useUpdateTenant } from '../../../api/tenants/mutations';
import { Can, useCan } from '../../../components/Can';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { NewScimTokenModal } from './components/NewScimTokenModal';
import { ScimSettingsForm } from './components/ScimSettingsForm';

const MAPPING_ROWS = ['userName', 'email', 'name', 'phone', 'active', 'groups'] as const;

export function ScimPage() {
  const t = useT();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const canWrite = useCan('tenant_admin');
  const status = useScimStatus(tenant.id);
  const tokens = useScimTokens(tenant.id);
  const apps = useAllApps(tenant.id);
  const updateTenant = useUpdateTenant(tenant.id);
  const createToken = useCreateScimToken(tenant.id);
  const revokeToken = useRevokeScimToken(tenant.id);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<ScimTokenCreated | null>(null);
  const [labelForm] = Form.useForm<{ label: string }>();

  const saveSettings = async (scim: ScimSettings) => {
    try {
      await updateTenant.mutateAsync({ settings: { scim } });
      await status.refetch();
      notify.success(t('scim.saved'));
    } catch (error) {
      notify.error(error);
      throw error;
    }
  };

  const create = async ({ label }: { label: string }) => {
    try {
      const result = await createToken.mutateAsync({ label: label.trim() });
      setAdding(false);
      labelForm.resetFields();
      setCreated(result);
    } catch (error) {
      notify.error(error);
    }
  };

  const revoke = (token: ScimTokenView) =>
    revokeToken.mutate(token.id, {
      onSuccess: () => notify.success(t('scim.revoked', { label: token.label })),
      onError: (error) => notify.error(error),
    });

  if (status.isError) return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  const view = status.data;
  const appLabel = (() => {
    const app = apps.data?.items.find((candidate) => candidate.id === view?.effectiveAppId);
    return app ? `${app.label} (${app.sdkAppId})` : t('scim.noApp');
  })();

  return (
    <section aria-labelledby="scim-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="scim-title">
          {t('scim.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('scim.lead')}</Typography.Paragraph>

      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={t('scim.connection')} loading={status.isPending}>
          {view && (
            <Descriptions
              bordered
              column={1}
              size="small"
              items={[
                {
                  key: 'endpoint',
                  label: t('scim.endpoint'),
                  children: (
                    <Typography.Text
                      code
                      data-testid="scim-endpoint"
                      copyable={{ tooltips: [t('action.copy'), t('action.copied')] }}
                    >
                      {view.endpoint}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'state',
                  label: t('common.status'),
                  children: view.settings.enabled ? (
                    <Tag color="green">{t('scim.on')}</Tag>
                  ) : (
                    <Tag>{t('scim.off')}</Tag>
                  ),
                },
                { key: 'app', label: t('scim.app'), children: appLabel },
                {
                  key: 'users',
                  label: t('scim.users'),
                  children: t('scim.usersCount', { total: view.users.total, active: view.users.active }),
                },
                {
                  key: 'lastRequest',
                  label: t('scim.lastRequest'),
                  children: <DateTime value={view.lastRequestAt} empty={t('scim.never')} />,
                },
                {
                  key: 'lastChange',
                  label: t('scim.lastSync'),
                  children: <DateTime value={view.lastChangeAt} empty={t('scim.never')} />,
                },
              ]}
            />
          )}
        </Card>

        <Card title={t('scim.settings')} loading={status.isPending}>
          {view && (
            <ScimSettingsForm
              // drawn anew from the stored settings: the tenant is read again before the status,
              // and a form drawn from the status it had then showed SCIM off just after it was saved on
              key={`${tenant.updatedAt}-${JSON.stringify(view.settings)}-${apps.data?.items.length ?? 0}`}
              status={view}
              current={tenant.settings.scim}
              apps={apps.data?.items ?? []}
              onSubmit={saveSettings}
              submitting={updateTenant.isPending}
              disabled={!canWrite}
            />
          )}
        </Card>

        <Card
          title={t('scim.tokens')}
          extra={
            <Can role="tenant_admin">
              <Button type="primary" onClick={() => setAdding(true)}>
                {t('scim.createToken')}
              </Button>
            </Can>
          }
        >
          <Typography.Paragraph type="secondary">{t('scim.tokensLead')}</Typography.Paragraph>
          {tokens.isError ? (
            <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
          ) : (
            <Table<ScimTokenView>
              rowKey="id"
              loading={tokens.isFetching}
              dataSource={tokens.data?.items ?? []}
              pagination={false}
              locale={{ emptyText: t('scim.tokensEmpty') }}
              columns={[
                { title: t('scim.tokenLabel'), dataIndex: 'label' },
                {
                  title: t('scim.tokenHint'),
                  dataIndex: 'hint',
                  render: (hint: string) => <Typography.Text code>{hint}…</Typography.Text>,
                },
                {
                  title: t('common.createdAt'),
                  dataIndex: 'createdAt',
                  render: (value: string) => <DateTime value={value} />,
                },
                {
                  title: t('scim.lastUsed'),
                  dataIndex: 'lastUsedAt',
                  render: (value: string | null) => <DateTime value={value} empty={t('scim.never')} />,
                },
                {
                  title: t('common.status'),
                  key: 'status',
                  render: (_value, token) =>
                    token.revokedAt ? (
                      <Tag>
                        {t('scim.revokedAt')} <DateTime value={token.revokedAt} />
                      </Tag>
                    ) : (
                      <Tag color="green">{t('scim.active')}</Tag>
                    ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_value, token) =>
                    canWrite && !token.revokedAt ? (
                      <Popconfirm
                        title={t('scim.revokeConfirm', { label: token.label })}
                        description={t('scim.revokeWarning')}
                        okText={t('scim.revoke')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('action.cancel')}
                        onConfirm={() => revoke(token)}
                      >
                        <Button size="small" danger>
                          {t('scim.revoke')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          )}
        </Card>

        <Card title={t('scim.mapping')}>
          <Table
            rowKey="key"
            pagination={false}
            size="small"
            dataSource={MAPPING_ROWS.map((key) => ({ key }))}
            columns={[
              {
                title: t('scim.mapping.scim'),
                key: 'scim',
                render: (_value, row) => (
                  <Typography.Text code>{t(`scim.map.${row.key}.from`)}</Typography.Text>
                ),
              },
              {
                title: t('scim.mapping.seatgate'),
                key: 'seatgate',
                render: (_value, row) => t(`scim.map.${row.key}.to`),
              },
            ]}
          />
        </Card>
      </Space>

      <Modal
        open={adding}
        title={t('scim.createToken')}
        okText={t('action.create')}
        cancelText={t('action.cancel')}
        confirmLoading={createToken.isPending}
        onOk={() => labelForm.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form
          form={labelForm}
          layout="vertical"
          name="scim-token-create"
          onFinish={(values) => void create(values)}
        >
          <Form.Item
            name="label"
            label={t('scim.tokenLabel')}
            extra={t('scim.tokenLabelHint')}
            rules={[{ required: true, whitespace: true, message: t('scim.tokenLabelRequired') }]}
          >
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
      <NewScimTokenModal created={created} endpoint={view?.endpoint ?? ''} onClose={() => setCreated(null)} />
    </section>
  );
}
