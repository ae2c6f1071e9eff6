import { Alert, Button, Drawer, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { useCreateSigningKey, useRevokeSigningKey } from '../../../api/signing-keys/mutations';
import { useSigningKeys } from '../../../api/signing-keys/queries';
import {
  DEFAULT_TOKEN_AUDIENCE,
  type SigningKeyCreate,
  type SigningKeyType,
  type SigningKeyView,
} from '../../../api/signing-keys/types';
import { Can, useCan } from '../../../components/Can';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormDialog } from '../../../components/form/use-leave-guard';
import { useNotify } from '../../../components/use-notify';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { NewSecretModal } from './components/NewSecretModal';
import { SigningKeyCreateForm } from './components/SigningKeyCreateForm';
import { TokenSnippet } from './components/TokenSnippet';
import { SNIPPET_LANGUAGE_LABELS, type SnippetLanguage } from './components/token-snippet';

const PAGE_SIZE = 20;

export function SigningKeysPage() {
  const t = useT();
  const notify = useNotify();
  const tenant = useCurrentTenant();
  const canWrite = useCan('tenant_admin');
  const audience = tenant.settings.tokenAudience ?? DEFAULT_TOKEN_AUDIENCE;
  const [page, setPage] = useState(1);
  const keys = useSigningKeys(tenant.id, { page, pageSize: PAGE_SIZE });
  const createKey = useCreateSigningKey(tenant.id);
  const revokeKey = useRevokeSigningKey(tenant.id);
  const [adding, setAdding] = useState(false);
  const addDialog = useFormDialog(() => setAdding(false));
  const [created, setCreated] = useState<{ kid: string; type: SigningKeyType; secret: string } | null>(null);
  const [snippetFor, setSnippetFor] = useState<SigningKeyView | null>(null);
  const [snippetLanguage, setSnippetLanguage] = useState<SnippetLanguage>('node');

  const create = async (input: SigningKeyCreate) => {
    try {
      const result = await createKey.mutateAsync(input);
      addDialog.closeNow();
      if (result.secret) setCreated({ kid: result.kid, type: input.type, secret: result.secret });
      else notify.success(t('keys.registered', { kid: result.kid }));
    } catch (error) {
      // a key of the wrong kind shows on its field; a toast would say it twice
      notify.formError(error);
      throw error;
    }
  };

  const revoke = (key: SigningKeyView) =>
    revokeKey.mutate(key.kid, {
      onSuccess: () => notify.success(t('keys.revoked', { kid: key.kid })),
      onError: (error) => notify.error(error),
    });

  // a gateway older than the keys API answers a bare 404: say so instead of "not found"
  const unavailable =
    keys.error instanceof ApiError && keys.error.status === 404 && keys.error.code === 'not_found';

  return (
    <section aria-labelledby="keys-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="keys-title">
          {t('keys.title')}
        </Typography.Title>
        <Can role="tenant_admin">
          <Button type="primary" onClick={() => setAdding(true)} disabled={unavailable}>
            {t('keys.add')}
          </Button>
        </Can>
      </div>
      <Typography.Paragraph type="secondary">{t('keys.lead', { audience })}</Typography.Paragraph>
      {unavailable ? (
        <Alert type="info" showIcon title={t('keys.unavailable')} />
      ) : keys.isError ? (
        <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <Table<SigningKeyView>
          rowKey="kid"
          loading={keys.isFetching}
          dataSource={keys.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: keys.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: t('keys.empty') }}
          columns={[
            {
              title: t('keys.kid'),
              dataIndex: 'kid',
              render: (kid: string) => (
                <Typography.Text code copyable={{ tooltips: [t('action.copy'), t('action.copied')] }}>
                  {kid}
                </Typography.Text>
              ),
            },
            {
              title: t('keys.type'),
              dataIndex: 'type',
              render: (type: SigningKeyType) => t(`keys.type.${type}`),
            },
            { title: t('keys.label'), dataIndex: 'label', render: (label: string | null) => label ?? '—' },
            {
              title: t('keys.source'),
              key: 'source',
              render: (_value, key) =>
                key.type === 'jwks' ? (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                      {key.jwksUrl}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {key.jwksKids.length > 0
                        ? t('keys.jwksKids', { kids: key.jwksKids.join(', ') })
                        : t('keys.jwksNotFetched')}
                    </Typography.Text>
                  </Space>
                ) : key.type === 'hs256' ? (
                  t('keys.sharedSecret')
                ) : (
                  <Typography.Text
                    code
                    title={key.fingerprint ?? undefined}
                    ellipsis
                    style={{ maxWidth: 220 }}
                  >
                    {key.fingerprint ?? t('keys.publicKey')}
                  </Typography.Text>
                ),
            },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              render: (value: string) => <DateTime value={value} />,
            },
            {
              title: t('common.status'),
              key: 'status',
              render: (_value, key) =>
                key.revokedAt ? (
                  <Tag>
                    {t('keys.revokedAt')} <DateTime value={key.revokedAt} />
                  </Tag>
                ) : (
                  <Tag color="green">{t('keys.active')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_value, key) => (
                <Space wrap size="small">
                  <Button size="small" onClick={() => setSnippetFor(key)}>
                    {t('keys.snippet')}
                  </Button>
                  {canWrite && !key.revokedAt && (
                    <Popconfirm
                      title={t('keys.revokeConfirmNamed', {
                        label: key.label ?? t('keys.unlabelled'),
                        type: t(`keys.type.${key.type}`),
                      })}
                      description={
                        <>
                          <div>{t('keys.revokeKid', { kid: key.kid })}</div>
                          <div>{t('keys.revokeWarning')}</div>
                        </>
                      }
                      okText={t('keys.revoke')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('action.cancel')}
                      onConfirm={() => revoke(key)}
                    >
                      <Button size="small" danger>
                        {t('keys.revoke')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}

      <Modal
        open={adding}
        title={t('keys.add')}
        footer={null}
        onCancel={addDialog.askToClose}
        destroyOnHidden
        width={640}
      >
        <SigningKeyCreateForm
          onSubmit={create}
          onCancel={addDialog.askToClose}
          onDirtyChange={addDialog.onDirtyChange}
          submitting={createKey.isPending}
        />
      </Modal>
      <NewSecretModal created={created} audience={audience} onClose={() => setCreated(null)} />
      <Drawer
        open={snippetFor !== null}
        title={t('keys.snippetTitleIn', { language: SNIPPET_LANGUAGE_LABELS[snippetLanguage] })}
        size={720}
        onClose={() => setSnippetFor(null)}
        afterOpenChange={(open) => {
          if (!open) setSnippetLanguage('node');
        }}
        destroyOnHidden
      >
        {snippetFor && (
          <TokenSnippet
            kid={snippetFor.type === 'jwks' ? (snippetFor.jwksKids[0] ?? null) : snippetFor.kid}
            type={snippetFor.type}
            audience={audience}
            language={snippetLanguage}
            onLanguageChange={setSnippetLanguage}
          />
        )}
      </Drawer>
    </section>
  );
}
