import type { ReconcilePlan } from '@seatgate/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { reconcileKeys } from './keys';

/** The app's reconcile plan, computed live (TCCC's staff, every page); nothing changes until applied. */
export function useReconcilePlan(tenantId: string, appId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: reconcileKeys.plan(tenantId, appId ?? ''),
    queryFn: ({ signal }) =>
      api.get<ReconcilePlan>(`/api/admin/tenants/${tenantId}/apps/${appId}/reconcile-plan`, {}, signal),
    enabled: enabled && appId !== undefined,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
