import { tenantKeys } from '../tenants/keys';
import type { JobLinesParams } from './types';

export const jobKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'jobs'] as const,
  list: (tenantId: string) => [...jobKeys.all(tenantId), 'list'] as const,
  detail: (tenantId: string, jobId: string) => [...jobKeys.all(tenantId), 'detail', jobId] as const,
  lines: (tenantId: string, jobId: string, params: JobLinesParams) =>
    [...jobKeys.all(tenantId), 'lines', jobId, params] as const,
};
