import type { AuditListParams } from './types';

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: AuditListParams) => [...auditKeys.all, 'list', params] as const,
  verify: (tenantId: string | undefined) => [...auditKeys.all, 'verify', tenantId ?? 'all'] as const,
};
