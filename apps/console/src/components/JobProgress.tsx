// A durable job's progress, for any screen that starts one (the import, the reconcile plan):
// a progress bar of lines finished, the counts per outcome and the job's state, refreshed while
// the job runs (not while the browser tab is hidden), with a link to the job's page.
import { Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useJob } from '../api/jobs/queries';
import { JOB_ROW_OUTCOMES, type JobRowOutcome, type JobStatus, type JobView } from '../api/jobs/types';
import { useT } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

export const JOB_STATUS_COLOUR: Record<JobStatus, string> = {
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
};

export const OUTCOME_COLOUR: Record<JobRowOutcome, string> = {
  created: 'green',
  adopted: 'cyan',
  deleted: 'purple',
  unmapped: 'geekblue',
  failed: 'red',
  signed_out: 'orange',
  restored: 'green',
  skipped: 'default',
};

export function JobStatusTag({ status }: { status: JobStatus }) {
  const t = useT();
  return <Tag color={JOB_STATUS_COLOUR[status]}>{t(`jobs.status.${status}`)}</Tag>;
}

/** Lines finished, of all. */
export function jobDone(job: JobView): number {
  return job.total - job.counts.pending;
}

/** The bar and the counts of a job already read. */
export function JobProgressBar({ job }: { job: JobView }) {
  const t = useT();
  const done = jobDone(job);
  const percent = job.total === 0 ? 100 : Math.floor((done / job.total) * 100);
  const label = t('jobs.progressLabel', { done, total: job.total });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : 'success'}
        aria-label={label}
        format={() => `${percent}%`}
      />
      <Typography.Text data-testid="job-progress-text">{label}</Typography.Text>
      <Space wrap size={[4, 4]} aria-label={t('jobs.counts')}>
        {JOB_ROW_OUTCOMES.filter((outcome) => job.counts[outcome] > 0).map((outcome) => (
          <Tag key={outcome} color={OUTCOME_COLOUR[outcome]}>
            {t(`jobs.outcome.${outcome}`)} {job.counts[outcome]}
          </Tag>
        ))}
        {job.counts.pending > 0 && (
          <Tag>
            {t('jobs.outcome.pending')} {job.counts.pending}
          </Tag>
        )}
      </Space>
    </Space>
  );
}

/** A job by its id, read (and refreshed while it runs) here: embed it where a job is started. */
export function JobProgress({
  tenantId,
  jobId,
  link = true,
}: {
  tenantId: string;
  jobId: string;
  link?: boolean;
}) {
  const t = useT();
  const job = useJob(tenantId, jobId);
  if (job.isPending) return <Progress percent={0} aria-label={t('jobs.loading')} />;
  if (job.isError) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} aria-live="polite">
      <Space wrap>
        <JobStatusTag status={job.data.status} />
        {link && <Link to={`/tenants/${tenantId}/jobs/${jobId}`}>{t('jobs.open')}</Link>}
      </Space>
      <JobProgressBar job={job.data} />
    </Space>
  );
}
