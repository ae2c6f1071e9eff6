import { useMutation } from '@tanstack/react-query';
import { api } from '../client';
import type { AuditFilters } from './types';

/** The audit trail is append-only; exporting is its one "mutation-like" long operation. */
export function useExportAudit() {
  return useMutation({
    mutationFn: (filters: AuditFilters) =>
      api.download('/api/admin/audit/export', { ...filters }, 'audit.csv'),
  });
}
