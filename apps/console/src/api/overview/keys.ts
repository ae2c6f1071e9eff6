import { tenantKeys } from '../tenants/keys';
import type { OverviewParams } from './types';

export const overviewKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'overview'] as const,
  detail: (tenantId: string, params: OverviewParams & { timeZone: string }) =>
    [...overviewKeys.all(tenantId), params] as const,
  upstream: (tenantId: string) => [...overviewKeys.all(tenantId), 'upstream'] as const,
  licences: (tenantId: string) => [...overviewKeys.all(tenantId), 'licences'] as const,
};
