import type { TenantListParams } from './types';

/** Every per-tenant resource key starts with ['tenants', tenantId] so one tenant can be dropped whole. */
export const tenantKeys = {
  all: ['tenants'] as const,
  lists: () => [...tenantKeys.all, 'list'] as const,
  list: (params: TenantListParams) => [...tenantKeys.lists(), params] as const,
  scope: (tenantId: string) => [...tenantKeys.all, tenantId] as const,
  detail: (tenantId: string) => [...tenantKeys.scope(tenantId), 'detail'] as const,
};
