import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { scimKeys } from './keys';
import type { ScimStatusView, ScimTokenList } from './types';

const base = (tenantId: string) => `/api/admin/tenants/${tenantId}/scim`;

export function useScimStatus(tenantId: string) {
  return useQuery({
    queryKey: scimKeys.status(tenantId),
    queryFn: ({ signal }) => api.get<ScimStatusView>(base(tenantId), {}, signal),
  });
}

export function useScimTokens(tenantId: string) {
  return useQuery({
    queryKey: scimKeys.tokens(tenantId),
    queryFn: ({ signal }) => api.get<ScimTokenList>(`${base(tenantId)}/tokens`, {}, signal),
  });
}
