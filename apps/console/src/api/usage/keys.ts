import { tenantKeys } from '../tenants/keys';
import type { UsageParams } from './types';

export const usageKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'usage'] as const,
  detail: (tenantId: string, params: UsageParams) => [...usageKeys.all(tenantId), params] as const,
};
