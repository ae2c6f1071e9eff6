import { tenantKeys } from '../tenants/keys';

export const scimKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'scim'] as const,
  status: (tenantId: string) => [...scimKeys.all(tenantId), 'status'] as const,
  tokens: (tenantId: string) => [...scimKeys.all(tenantId), 'tokens'] as const,
};
