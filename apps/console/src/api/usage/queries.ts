import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { usageKeys } from './keys';
import type { UsageParams, UsageView } from './types';

export const usagePath = (tenantId: string) => `/api/admin/tenants/${tenantId}/usage`;

/** Online hours, logins and refusals per day of the period (Seatgate's own data, no TCCC call). */
export function useUsage(tenantId: string, params: UsageParams) {
  return useQuery({
    queryKey: usageKeys.detail(tenantId, params),
    queryFn: ({ signal }) => api.get<UsageView>(usagePath(tenantId), { ...params }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
