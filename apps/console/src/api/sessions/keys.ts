import { tenantKeys } from '../tenants/keys';
import type { SessionListQuery } from './types';

export const sessionKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'sessions'] as const,
  list: (tenantId: string, query: SessionListQuery) => [...sessionKeys.all(tenantId), 'list', query] as const,
  history: (tenantId: string, seatId: string) => [...sessionKeys.all(tenantId), 'history', seatId] as const,
};
