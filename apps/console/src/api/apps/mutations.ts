import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { seatKeys } from '../seats/keys';
import { tenantKeys } from '../tenants/keys';
import { appKeys } from './keys';
import type { AppConnectionTest, AppCreate, AppUpdate, AppView, CredentialsRotate } from './types';

const base = (tenantId: string) => `/api/admin/tenants/${tenantId}/apps`;

function useInvalidateApps(tenantId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: appKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: tenantKeys.detail(tenantId) }),
    ]);
}

export function useCreateApp(tenantId: string) {
  const invalidate = useInvalidateApps(tenantId);
  return useMutation({
    mutationFn: (input: AppCreate) => api.post<AppView>(base(tenantId), input),
    onSuccess: invalidate,
  });
}

export function useUpdateApp(tenantId: string) {
  const invalidate = useInvalidateApps(tenantId);
  return useMutation({
    mutationFn: ({ appId, input }: { appId: string; input: AppUpdate }) =>
      api.patch<AppView>(`${base(tenantId)}/${appId}`, input),
    onSuccess: invalidate,
  });
}

export function useRotateCredentials(tenantId: string) {
  const invalidate = useInvalidateApps(tenantId);
  return useMutation({
    mutationFn: ({ appId, credentials }: { appId: string; credentials: CredentialsRotate }) =>
      api.put<AppView>(`${base(tenantId)}/${appId}/credentials`, credentials),
    onSuccess: invalidate,
  });
}

export function useDeleteApp(tenantId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateApps(tenantId);
  return useMutation({
    mutationFn: (appId: string) => api.delete(`${base(tenantId)}/${appId}`),
    // deleting an app deletes its seat mappings too
    onSuccess: () =>
      Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: seatKeys.all(tenantId) })]),
  });
}

/**
 * Not cached: each press asks TCCC again. The gateway keeps the outcome on the app (lastCheck), so
 * the app list is refetched (only the list: the staff views would each call TCCC again).
 */
export function useTestConnection(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (appId: string) => api.post<AppConnectionTest>(`${base(tenantId)}/${appId}/test`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...appKeys.all(tenantId), 'list'] }),
  });
}
