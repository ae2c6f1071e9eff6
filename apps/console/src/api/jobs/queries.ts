import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { jobKeys } from './keys';
import type { JobLinesParams, JobRowView, JobView, Page } from './types';

/** How often a running job is asked again (paused while the browser tab is hidden). */
export const JOB_REFRESH_MS = 2_000;

const base = (tenantId: string) => `/api/admin/tenants/${tenantId}/jobs`;

/** Asks again every JOB_REFRESH_MS while any job shown runs; TanStack pauses it in a hidden tab. */
const whileRunning = (running: boolean) => (running ? JOB_REFRESH_MS : false);

/** The tenant's latest jobs, newest first. */
export function useJobs(tenantId: string) {
  return useQuery({
    queryKey: jobKeys.list(tenantId),
    queryFn: ({ signal }) => api.get<JobView[]>(base(tenantId), {}, signal),
    staleTime: 0,
    refetchInterval: (query) =>
      whileRunning((query.state.data ?? []).some((job) => job.status === 'running')),
    refetchIntervalInBackground: false,
  });
}

/** One job with its counts per outcome, refreshed while it runs. */
export function useJob(tenantId: string, jobId: string) {
  return useQuery({
    queryKey: jobKeys.detail(tenantId, jobId),
    queryFn: ({ signal }) => api.get<JobView>(`${base(tenantId)}/${jobId}`, {}, signal),
    staleTime: 0,
    refetchInterval: (query) => whileRunning(query.state.data?.status === 'running'),
    refetchIntervalInBackground: false,
  });
}

/**
 * A page of the job's lines, filtered by outcome. `progress` (the job's state and lines done, as
 * last read) is part of the key: the lines are asked again exactly when the job moved on, and a
 * job that ended shows its final lines.
 */
export function useJobLines(tenantId: string, jobId: string, params: JobLinesParams, progress: string) {
  return useQuery({
    queryKey: [...jobKeys.lines(tenantId, jobId, params), progress],
    queryFn: ({ signal }) =>
      api.get<Page<JobRowView>>(`${base(tenantId)}/${jobId}/lines`, { ...params }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled: progress !== '',
  });
}
