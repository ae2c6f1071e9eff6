import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { signingKeyKeys } from './keys';
import type { SigningKeyCreate, SigningKeyCreated } from './types';

const base = (tenantId: string) => `/api/admin/tenants/${tenantId}/keys`;

export function useCreateSigningKey(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SigningKeyCreate) => api.post<SigningKeyCreated>(base(tenantId), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: signingKeyKeys.all(tenantId) }),
  });
}

export function useRevokeSigningKey(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kid: string) => api.delete(`${base(tenantId)}/${encodeURIComponent(kid)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: signingKeyKeys.all(tenantId) }),
  });
}
