import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { overviewKeys } from './keys';
import type { OverviewLicencesView } from './types';

/** Asks TCCC again for every app's licences (not the gateway's kept answer) and shows that. */
export function useRefreshLicences(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.get<OverviewLicencesView>(`/api/admin/tenants/${tenantId}/overview/licences`, { refresh: true }),
    onSuccess: (data) => queryClient.setQueryData(overviewKeys.licences(tenantId), data),
  });
}
