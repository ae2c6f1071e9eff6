import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { overviewKeys } from './keys';
import type { OverviewLicencesView, OverviewParams, OverviewView } from './types';

const path = (tenantId: string) => `/api/admin/tenants/${tenantId}/overview`;

/**
 * Logins per day of `timeZone` (the tenant's, else the browser's: components/time-zone) and seats
 * mapped per app, from Seatgate's own data (no TCCC call).
 */
export function useTenantOverview(tenantId: string, params: OverviewParams & { timeZone: string }) {
  const { timeZone } = params;
  return useQuery({
    queryKey: overviewKeys.detail(tenantId, { ...params, timeZone }),
    queryFn: ({ signal }) => api.get<OverviewView>(path(tenantId), { days: params.days, timeZone }, signal),
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

/**
 * Licences per app: bought (with end dates), seats in TCCC, mapped here. The gateway keeps TCCC's
 * answer a few minutes per app; `refresh` asks TCCC again.
 */
export function useOverviewLicences(tenantId: string) {
  return useQuery({
    queryKey: overviewKeys.licences(tenantId),
    queryFn: ({ signal }) => api.get<OverviewLicencesView>(`${path(tenantId)}/licences`, {}, signal),
    staleTime: 60_000,
    retry: false,
  });
}
