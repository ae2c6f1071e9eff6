// The reconcile plan of one app: what would bring TCCC and Seatgate's mappings into line, each line
// with its reason, counted per action; the admin chooses lines and applies them as a job, then
// follows its progress here. A plan TCCC or the mappings changed under is refused by the gateway
// (reconcile_plan_stale) and previewed again.
import type { ReconcileAction, ReconcileLine, ReconcileReason } from '@seatgate/contracts';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../../api/client';
import { useApplyReconcile } from '../../../../api/reconcile/mutations';
import { useReconcilePlan } from '../../../../api/reconcile/queries';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useI18n } from '../../../../i18n';
import type { MessageKey } from '../../../../i18n/en-US';
import { JobProgressPanel } from '../../components/JobProgressPanel';

const ACTION_KEYS: Record<ReconcileAction, MessageKey> = {
  create: 'reconcile.action.create',
  adopt: 'reconcile.action.adopt',
  delete: 'reconcile.action.delete',
  unmap: 'reconcile.action.unmap',
};
const ACTION_COLORS: Record<ReconcileAction, string> = {
  create: 'blue',
  adopt: 'green',
  delete: 'red',
  unmap: 'orange',
};
const REASON_KEYS: Record<ReconcileReason, MessageKey> = {
  seat_missing_in_tccc: 'reconcile.reason.seat_missing_in_tccc',
  matches_email: 'reconcile.reason.matches_email',
  matches_staff_number: 'reconcile.reason.matches_staff_number',
  provisioned_mapping_removed: 'reconcile.reason.provisioned_mapping_removed',
  disabled_mapping_seat_missing: 'reconcile.reason.disabled_mapping_seat_missing',
};

export interface ReconcileModalProps {
  open: boolean;
  tenantId: string;
  app: { id: string; label: string; sdkAppId: number } | undefined;
  canWrite: boolean;
  onClose: () => void;
}

export function ReconcileModal({ open, tenantId, app, canWrite, onClose }: ReconcileModalProps) {
  const { t, locale } = useI18n();
  const [jobId, setJobId] = useState<string | null>(null);
  const plan = useReconcilePlan(tenantId, app?.id, open && jobId === null);
  const apply = useApplyReconcile(tenantId, app?.id);
  const [chosen, setChosen] = useState<string[]>([]);
  const lines = plan.data?.lines ?? [];
  // a new plan chooses all its lines
  useEffect(() => setChosen(plan.data?.lines.map((line) => line.key) ?? []), [plan.data]);
  const close = () => {
    setJobId(null);
    apply.reset();
    onClose();
  };

  const run = async () => {
    if (!plan.data) return;
    try {
      const started = await apply.mutateAsync({ fingerprint: plan.data.fingerprint, lines: chosen });
      setJobId(started.jobId);
    } catch (error) {
      // a reconcile of this app already runs: its progress instead (the refusal names its job)
      if (isApiError(error, 'reconcile_running') && error.details?.jobId) setJobId(error.details.jobId);
      // otherwise shown below; a stale plan offers to preview again
    }
  };
  const stale = isApiError(apply.error, 'reconcile_plan_stale');

  return (
    <Modal
      open={open}
      title={t('reconcile.title', { app: app ? `${app.label} (${app.sdkAppId})` : '' })}
      width={960}
      onCancel={close}
      destroyOnHidden
      footer={
        jobId ? (
          <Button type="primary" onClick={close}>
            {t('action.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('action.cancel')}</Button>
            {canWrite && (
              <Button
                type="primary"
                disabled={chosen.length === 0 || plan.isFetching || !plan.data}
                loading={apply.isPending}
                onClick={() => void run()}
              >
                {t('reconcile.apply', { count: chosen.length })}
              </Button>
            )}
          </Space>
        )
      }
    >
      {jobId ? (
        <JobProgressPanel tenantId={tenantId} jobId={jobId} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('reconcile.lead')}</Typography.Paragraph>
          {plan.isError && <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />}
          {apply.isError && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert
                error={apply.error}
                onRetry={
                  stale
                    ? () => {
                        apply.reset();
                        void plan.refetch();
                      }
                    : undefined
                }
              />
            </div>
          )}
          {plan.data && (
            <Alert
              type={lines.length > 0 ? 'info' : 'success'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="reconcile-summary"
              title={
                lines.length > 0
                  ? t('reconcile.summary', {
                      count: lines.length.toLocaleString(locale),
                      staff: plan.data.staffTotal.toLocaleString(locale),
                      mappings: plan.data.mappingsTotal.toLocaleString(locale),
                    })
                  : t('reconcile.inLine')
              }
              description={
                lines.length > 0 ? (
                  <Space wrap data-testid="reconcile-counts">
                    {(Object.keys(ACTION_KEYS) as ReconcileAction[]).map((action) => (
                      <Tag key={action} color={ACTION_COLORS[action]}>
                        {t(ACTION_KEYS[action])}: {plan.data.counts[action].toLocaleString(locale)}
                      </Tag>
                    ))}
                  </Space>
                ) : undefined
              }
            />
          )}
          <Table<ReconcileLine>
            rowKey="key"
            size="small"
            loading={plan.isFetching}
            dataSource={lines}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('reconcile.empty') }}
            rowSelection={
              canWrite
                ? {
                    selectedRowKeys: chosen,
                    onChange: (keys) => setChosen(keys.map(String)),
                    getCheckboxProps: (line) => ({
                      'aria-label': t('reconcile.choose', {
                        action: t(ACTION_KEYS[line.action]),
                        seat: line.seatUserId,
                      }),
                    }),
                  }
                : undefined
            }
            columns={[
              {
                title: t('reconcile.actionColumn'),
                dataIndex: 'action',
                render: (action: ReconcileAction) => (
                  <Tag color={ACTION_COLORS[action]}>{t(ACTION_KEYS[action])}</Tag>
                ),
              },
              { title: t('seats.seatUserId'), dataIndex: 'seatUserId' },
              {
                title: t('seats.businessUserId'),
                dataIndex: 'businessUserId',
                render: (value: string | null) => value ?? '—',
              },
              {
                title: t('reconcile.reasonColumn'),
                dataIndex: 'reason',
                render: (reason: ReconcileReason) => t(REASON_KEYS[reason]),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
