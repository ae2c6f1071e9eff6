import type { ReconcileApply, ReconcileStarted } from '@seatgate/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { appKeys } from '../apps/keys';
import { api } from '../client';
import { seatKeys } from '../seats/keys';

/** Applies the chosen lines of a previewed plan as a job (a stale plan is refused, 409). */
export function useApplyReconcile(tenantId: string, appId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReconcileApply) =>
      api.post<ReconcileStarted>(`/api/admin/tenants/${tenantId}/apps/${appId}/reconcile-plan/apply`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: seatKeys.all(tenantId) }),
        queryClient.invalidateQueries({ queryKey: appKeys.all(tenantId) }),
      ]),
  });
}
