import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { seatKeys } from './keys';
import type { SeatListParams, SeatPage } from './types';

export function useSeats(tenantId: string, params: SeatListParams) {
  return useQuery({
    queryKey: seatKeys.list(tenantId, params),
    queryFn: ({ signal }) => api.get<SeatPage>(`/api/admin/tenants/${tenantId}/seats`, { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}
