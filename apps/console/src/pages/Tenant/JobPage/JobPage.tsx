// One job: what it does, who started it, its progress bar and counts per outcome (refreshed while
// it runs and the browser tab is visible), and its lines with their outcomes, filtered by outcome
// and downloadable as CSV or .xlsx (the filter applies to the download too).
import { Breadcrumb, Button, Descriptions, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAllApps } from '../../../api/apps/queries';
import { ApiError, isErrorCode } from '../../../api/client';
import { useDownloadJobLines } from '../../../api/jobs/mutations';
import { useJob, useJobLines } from '../../../api/jobs/queries';
import { JOB_ROW_OUTCOMES, type JobRowFilter, type JobRowView } from '../../../api/jobs/types';
import { DateTime } from '../../../components/DateTime';
import { saveDownload } from '../../../components/download';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { jobDone, JobProgressBar, JobStatusTag, OUTCOME_COLOUR } from '../../../components/JobProgress';
import { NotFound } from '../../../components/NotFound';
import { useNotifyingMutation } from '../../../components/use-notifying-mutation';
import { useI18n, type MessageKey } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { JobStarter } from './components/JobStarter';

const PAGE_SIZE = 50;

/** TCCC's and the job's own codes a line may fail with, in the admin's words (others: TCCC's message). */
const ROW_CODES: Record<string, MessageKey> = {
  seat_online: 'jobs.code.seatOnline',
  'FailedOperation.DuplicatedAccount': 'jobs.code.duplicatedAccount',
  'InvalidParameterValue.PhoneNumIsBoundOtherAccount': 'jobs.code.phoneTaken',
  'InvalidParameterValue.SkillGroupError': 'jobs.code.skillGroup',
  LimitExceeded: 'jobs.code.limitExceeded',
  'AuthFailure.UnauthorizedOperation': 'jobs.code.unauthorized',
};

function rowReason(
  code: string,
  message: string | null,
  t: (key: MessageKey) => string,
  errors: Record<string, string>,
) {
  if (isErrorCode(code)) return errors[code];
  const key = ROW_CODES[code];
  return key ? t(key) : (message ?? '');
}

export function JobPage() {
  const { t, dictionary } = useI18n();
  const tenant = useCurrentTenant();
  const { jobId = '' } = useParams();
  const job = useJob(tenant.id, jobId);
  const apps = useAllApps(tenant.id);
  const [outcome, setOutcome] = useState<JobRowFilter | 'all'>('all');
  const [page, setPage] = useState(1);
  const running = job.data?.status === 'running';
  const filter = outcome === 'all' ? undefined : outcome;
  const progress = job.data ? `${job.data.status}:${jobDone(job.data)}` : '';
  const lines = useJobLines(tenant.id, jobId, { page, pageSize: PAGE_SIZE, outcome: filter }, progress);
  const downloadLines = useDownloadJobLines(tenant.id, jobId);
  const downloading = useNotifyingMutation(downloadLines);

  if (job.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (job.isError) {
    if (job.error instanceof ApiError && job.error.status === 404) return <NotFound />;
    return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  }
  const data = job.data;
  const app = data.appId ? apps.data?.items.find((item) => item.id === data.appId) : undefined;
  const download = (format: 'csv' | 'xlsx') =>
    downloading.fire({ format, outcome: filter }, { success: () => t('export.done'), then: saveDownload });
  const downloadingAs = downloadLines.isPending ? downloadLines.variables?.format : undefined;

  const filters: { value: JobRowFilter | 'all'; label: string }[] = [
    { value: 'all', label: t('jobs.filter.all', { count: data.total }) },
    ...JOB_ROW_OUTCOMES.filter((key) => data.counts[key] > 0).map((key) => ({
      value: key,
      label: `${t(`jobs.outcome.${key}`)} (${data.counts[key]})`,
    })),
    ...(data.counts.pending > 0
      ? [{ value: 'pending' as const, label: `${t('jobs.outcome.pending')} (${data.counts.pending})` }]
      : []),
  ];

  return (
    <section aria-labelledby="job-title">
      <Breadcrumb
        items={[
          { title: <Link to={`/tenants/${tenant.id}/jobs`}>{t('jobs.title')}</Link> },
          { title: t(`jobs.kind.${data.kind}`) },
        ]}
      />
      <div className="sg-page-header">
        <Typography.Title level={3} id="job-title">
          {t(`jobs.kind.${data.kind}`)} <JobStatusTag status={data.status} />
        </Typography.Title>
        <Space wrap>
          <Button
            onClick={() => download('csv')}
            loading={downloadingAs === 'csv'}
            disabled={downloadingAs === 'xlsx'}
          >
            {t(filter ? 'jobs.downloadFilteredCsv' : 'jobs.downloadCsv')}
          </Button>
          <Button
            onClick={() => download('xlsx')}
            loading={downloadingAs === 'xlsx'}
            disabled={downloadingAs === 'csv'}
          >
            {t(filter ? 'jobs.downloadFilteredXlsx' : 'jobs.downloadXlsx')}
          </Button>
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'app', label: t('jobs.app'), children: app ? `${app.label} (${app.sdkAppId})` : '—' },
          { key: 'startedBy', label: t('jobs.startedBy'), children: <JobStarter starter={data.startedBy} /> },
          { key: 'startedAt', label: t('jobs.startedAt'), children: <DateTime value={data.createdAt} /> },
          { key: 'finishedAt', label: t('jobs.finishedAt'), children: <DateTime value={data.finishedAt} /> },
        ]}
      />
      <div style={{ margin: '16px 0 24px' }} aria-live="polite">
        <JobProgressBar job={data} />
        {running && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('jobs.refreshing')}
          </Typography.Paragraph>
        )}
      </div>

      <div className="sg-page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('jobs.lines')}
        </Typography.Title>
        <Segmented<JobRowFilter | 'all'>
          aria-label={t('jobs.filterLabel')}
          value={outcome}
          onChange={(value) => {
            setOutcome(value);
            setPage(1);
          }}
          options={filters}
        />
      </div>
      {lines.isError ? (
        <ErrorAlert error={lines.error} onRetry={() => void lines.refetch()} />
      ) : (
        <Table<JobRowView>
          rowKey="idx"
          size="small"
          loading={lines.isPending}
          dataSource={lines.data?.items ?? []}
          locale={{ emptyText: t('jobs.noLines') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: lines.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              title: t('jobs.line'),
              key: 'line',
              width: 80,
              render: (_: unknown, row: JobRowView) => row.idx + 1,
            },
            { title: t('jobs.businessUser'), dataIndex: 'businessUserId', key: 'businessUserId' },
            {
              title: t('jobs.seat'),
              key: 'seat',
              render: (_: unknown, row: JobRowView) => row.seatUserId ?? '—',
            },
            {
              title: t('jobs.outcome'),
              key: 'outcome',
              render: (_: unknown, row: JobRowView) =>
                row.outcome ? (
                  <Tag color={OUTCOME_COLOUR[row.outcome]}>{t(`jobs.outcome.${row.outcome}`)}</Tag>
                ) : (
                  <Tag>{t('jobs.outcome.pending')}</Tag>
                ),
            },
            {
              title: t('jobs.reason'),
              key: 'reason',
              render: (_: unknown, row: JobRowView) =>
                row.code ? (
                  <Space direction="vertical" size={0}>
                    <span>{rowReason(row.code, row.message, t, dictionary.errors)}</span>
                    <Typography.Text code>{row.code}</Typography.Text>
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
