import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { overviewKeys } from './keys';
import type { OverviewParams, OverviewView } from './types';

const path = (tenantId: string) => `/api/admin/tenants/${tenantId}/overview`;

/** Logins per UTC day and seats mapped per app, from Seatgate's own data (no TCCC call). */
export function useTenantOverview(tenantId: string, params: OverviewParams) {
  return useQuery({
    queryKey: overviewKeys.detail(tenantId, params),
    queryFn: ({ signal }) => api.get<OverviewView>(path(tenantId), { days: params.days }, signal),
    placeholderData: keepPreviousData,
    // logins happen all the time; a revisit shows fresh counts
    staleTime: 0,
  });
}

/**
 * Each app's seats as TCCC lists them (one DescribeStaffInfoList per app), asked only when the
 * page enables it; the login counts of this answer (one day) are not used.
 */
export function useOverviewUpstream(tenantId: string, enabled: boolean) {
  return useQuery({
    queryKey: overviewKeys.upstream(tenantId),
    queryFn: ({ signal }) => api.get<OverviewView>(path(tenantId), { days: 1, upstream: true }, signal),
    enabled,
    staleTime: 0,
    gcTime: 60_000,
    retry: false,
  });
}
