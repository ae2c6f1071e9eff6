import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { tenantKeys } from './keys';
import type { TenantCreate, TenantUpdate, TenantView } from './types';

const base = '/api/admin/tenants';

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantCreate) => api.post<TenantView>(base, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.lists() }),
  });
}

export function useUpdateTenant(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantUpdate) => api.patch<TenantView>(`${base}/${tenantId}`, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: tenantKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: tenantKeys.detail(tenantId) }),
      ]),
  });
}

export function useSetTenantStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tenantId, status }: { tenantId: string; status: 'active' | 'suspended' }) =>
      api.post<TenantView>(`${base}/${tenantId}/${status === 'active' ? 'resume' : 'suspend'}`),
    onSuccess: (_tenant, { tenantId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: tenantKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: tenantKeys.detail(tenantId) }),
      ]),
  });
}

export function useDeleteTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tenantId: string) => api.delete(`${base}/${tenantId}`),
    onSuccess: (_nothing, tenantId) => {
      queryClient.removeQueries({ queryKey: tenantKeys.scope(tenantId) });
      return queryClient.invalidateQueries({ queryKey: tenantKeys.lists() });
    },
  });
}
