import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { sessionKeys } from './keys';

export interface SeatSignOutResult {
  seatId: string;
  signedOut: { at: string; reason: string } | null;
}

/** Signs a seat out (ForceMemberOffline) or restores it, with the admin's reason. */
export function useSeatSignOut(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      seatId,
      action,
      reason,
    }: {
      seatId: string;
      action: 'sign-out' | 'restore';
      reason: string;
    }) => api.post<SeatSignOutResult>(`/api/admin/tenants/${tenantId}/seats/${seatId}/${action}`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all(tenantId) }),
  });
}
