import { tenantKeys } from '../tenants/keys';

export const reconcileKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'reconcile'] as const,
  plan: (tenantId: string, appId: string) => [...reconcileKeys.all(tenantId), 'plan', appId] as const,
};
