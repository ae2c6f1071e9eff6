// A durable job's progress where it was started (the reconcile plan, an import that provisions):
// the shared progress (components/JobProgress: bar, counts per outcome, a link to the job's page,
// refreshed while it runs), and once it has ended, how it ended and its per-line results as a CSV.
import { Alert, Button, Space } from 'antd';
import { useDownloadJobLines } from '../../../api/jobs/mutations';
import { useJob } from '../../../api/jobs/queries';
import { saveDownload } from '../../../components/download';
import { JobProgress } from '../../../components/JobProgress';
import { useNotifyingMutation } from '../../../components/use-notifying-mutation';
import { useT } from '../../../i18n';

export function JobProgressPanel({ tenantId, jobId }: { tenantId: string; jobId: string }) {
  const t = useT();
  const job = useJob(tenantId, jobId);
  const downloadLines = useDownloadJobLines(tenantId, jobId);
  const downloading = useNotifyingMutation(downloadLines);
  const ended = job.data && job.data.status !== 'running' ? job.data : null;
  const clean = ended?.status === 'succeeded' && ended.counts.failed === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="job-progress">
      <div data-testid="job-counts">
        <JobProgress tenantId={tenantId} jobId={jobId} />
      </div>
      {ended && (
        <>
          <Alert
            type={clean ? 'success' : 'warning'}
            showIcon
            data-testid="job-status"
            title={clean ? t('job.succeeded') : t('job.endedWithFailures', { count: ended.counts.failed })}
          />
          <Button
            loading={downloadLines.isPending}
            onClick={() =>
              downloading.fire({ format: 'csv' }, { success: () => t('export.done'), then: saveDownload })
            }
          >
            {t('job.downloadRows')}
          </Button>
        </>
      )}
    </Space>
  );
}
