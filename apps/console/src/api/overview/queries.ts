import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isTimeZone } from '@seatgate/contracts';
import { api } from '../client';
import { overviewKeys } from './keys';
import type { OverviewParams, OverviewView } from './types';

const path = (tenantId: string) => `/api/admin/tenants/${tenantId}/overview`;

/** The browser's IANA time zone, when the gateway accepts it as one; else UTC. */
function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/**
 * Logins per day of the browser's time zone and seats mapped per app, from Seatgate's own data
 * (no TCCC call).
 */
export function useTenantOverview(tenantId: string, params: OverviewParams) {
  const timeZone = browserTimeZone();
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
