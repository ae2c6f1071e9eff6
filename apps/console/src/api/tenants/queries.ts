import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { tenantKeys } from './keys';
import type { Page, TenantDetail, TenantListParams, TenantView } from './types';

export function useTenants(params: TenantListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: tenantKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<TenantView>>('/api/admin/tenants', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useTenant(tenantId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: tenantKeys.detail(tenantId),
    queryFn: ({ signal }) => api.get<TenantDetail>(`/api/admin/tenants/${tenantId}`, undefined, signal),
    enabled: options.enabled ?? true,
  });
}
