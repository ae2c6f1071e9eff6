import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { scimKeys } from './keys';
import type { ScimTokenCreate, ScimTokenCreated } from './types';

const base = (tenantId: string) => `/api/admin/tenants/${tenantId}/scim/tokens`;

export function useCreateScimToken(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ScimTokenCreate) => api.post<ScimTokenCreated>(base(tenantId), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimKeys.all(tenantId) }),
  });
}

export function useRevokeScimToken(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.delete(`${base(tenantId)}/${encodeURIComponent(tokenId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimKeys.all(tenantId) }),
  });
}
