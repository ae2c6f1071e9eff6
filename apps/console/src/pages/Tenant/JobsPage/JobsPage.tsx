// A tenant's durable jobs (provisioning, offboarding), newest first: what each does, who started
// it, when it started and finished, and how far it got; refreshed while one runs and the browser
// tab is visible. A row opens the job's page with its lines.
import { Progress, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAllApps } from '../../../api/apps/queries';
import { useJobs } from '../../../api/jobs/queries';
import type { JobView } from '../../../api/jobs/types';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { jobDone, JobStatusTag } from '../../../components/JobProgress';
import { useT } from '../../../i18n';
import { useCurrentTenant } from '../TenantLayout/TenantLayout';
import { JobStarter } from '../JobPage/components/JobStarter';

export function JobsPage() {
  const t = useT();
  const tenant = useCurrentTenant();
  const jobs = useJobs(tenant.id);
  const apps = useAllApps(tenant.id);
  const appLabel = new Map((apps.data?.items ?? []).map((app) => [app.id, `${app.label} (${app.sdkAppId})`]));

  return (
    <section aria-labelledby="jobs-title">
      <div className="sg-page-header">
        <Typography.Title level={3} id="jobs-title">
          {t('jobs.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('jobs.lead')}</Typography.Paragraph>
      {jobs.isError ? (
        <ErrorAlert error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<JobView>
          rowKey="id"
          size="small"
          loading={jobs.isPending}
          dataSource={jobs.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('jobs.empty') }}
          columns={[
            {
              title: t('jobs.kind'),
              key: 'kind',
              render: (_: unknown, job: JobView) => (
                <Link to={`/tenants/${tenant.id}/jobs/${job.id}`}>{t(`jobs.kind.${job.kind}`)}</Link>
              ),
            },
            {
              title: t('jobs.app'),
              key: 'app',
              render: (_: unknown, job: JobView) => (job.appId ? (appLabel.get(job.appId) ?? '—') : '—'),
            },
            {
              title: t('jobs.startedBy'),
              key: 'startedBy',
              render: (_: unknown, job: JobView) => <JobStarter starter={job.startedBy} />,
            },
            {
              title: t('jobs.startedAt'),
              key: 'createdAt',
              render: (_: unknown, job: JobView) => <DateTime value={job.createdAt} />,
            },
            {
              title: t('jobs.finishedAt'),
              key: 'finishedAt',
              render: (_: unknown, job: JobView) => <DateTime value={job.finishedAt} />,
            },
            {
              title: t('jobs.state'),
              key: 'status',
              render: (_: unknown, job: JobView) => <JobStatusTag status={job.status} />,
            },
            {
              title: t('jobs.progress'),
              key: 'progress',
              width: 220,
              render: (_: unknown, job: JobView) => {
                const label = t('jobs.progressLabel', { done: jobDone(job), total: job.total });
                return (
                  <Progress
                    size="small"
                    percent={job.total === 0 ? 100 : Math.floor((jobDone(job) / job.total) * 100)}
                    status={
                      job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : 'success'
                    }
                    aria-label={label}
                    format={() => `${jobDone(job)}/${job.total}`}
                  />
                );
              },
            },
          ]}
        />
      )}
    </section>
  );
}
