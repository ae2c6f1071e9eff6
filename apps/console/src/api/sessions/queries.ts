import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { sessionKeys } from './keys';
import type { PresenceHistory, SessionList, SessionListQuery } from './types';

/** How often the live table asks again (the gateway caches TCCC's answer about as long). */
export const SESSIONS_REFRESH_MS = 5_000;

/**
 * Each mapped seat's TCCC status, clients and last login, asked again every few seconds while the
 * page is visible (TanStack Query pauses interval refetches of a hidden page).
 */
export function useSessions(tenantId: string, query: SessionListQuery) {
  return useQuery({
    queryKey: sessionKeys.list(tenantId, query),
    queryFn: ({ signal }) =>
      api.get<SessionList>(`/api/admin/tenants/${tenantId}/sessions`, { ...query }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: SESSIONS_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

export function usePresenceHistory(tenantId: string, seatId: string | null) {
  return useQuery({
    queryKey: sessionKeys.history(tenantId, seatId ?? ''),
    queryFn: ({ signal }) =>
      api.get<PresenceHistory>(`/api/admin/tenants/${tenantId}/sessions/${seatId}/history`, {}, signal),
    enabled: seatId !== null,
    staleTime: 0,
  });
}
