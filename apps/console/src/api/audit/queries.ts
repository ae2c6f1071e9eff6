import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { auditKeys } from './keys';
import type { AuditEventView, AuditListParams, AuditVerifyResult, CursorPage } from './types';

export function useAuditEvents(params: AuditListParams) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: ({ signal }) => api.get<CursorPage<AuditEventView>>('/api/admin/audit', { ...params }, signal),
    placeholderData: keepPreviousData,
    // the trail grows with every change made anywhere
    staleTime: 0,
  });
}

/** Chain verification reads the whole chain, so it runs only when asked (enabled by the page). */
export function useAuditVerification(tenantId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: auditKeys.verify(tenantId),
    queryFn: ({ signal }) => api.get<AuditVerifyResult>('/api/admin/audit/verify', { tenantId }, signal),
    enabled,
    staleTime: 0,
    gcTime: 60_000,
  });
}
