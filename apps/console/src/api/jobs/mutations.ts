import { useMutation } from '@tanstack/react-query';
import { api } from '../client';
import type { JobRowFilter } from './types';

/** The job's lines (only those with `outcome` when given) as a CSV (UTF-8 with BOM) or an Excel workbook. */
export function useDownloadJobLines(tenantId: string, jobId: string) {
  return useMutation({
    mutationFn: ({ format, outcome }: { format: 'csv' | 'xlsx'; outcome?: JobRowFilter }) => {
      const path = `/api/admin/tenants/${tenantId}/jobs/${jobId}/rows`;
      return format === 'xlsx'
        ? api.download(`${path}/xlsx`, { outcome }, `job-${jobId}.xlsx`)
        : api.download(path, { outcome }, `job-${jobId}.csv`);
    },
  });
}
