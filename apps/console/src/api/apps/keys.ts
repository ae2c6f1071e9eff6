import { tenantKeys } from '../tenants/keys';
import type { AppAutoMapQuery, AppListParams, AppStaffQuery } from './types';

export const appKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'apps'] as const,
  list: (tenantId: string, params: AppListParams) => [...appKeys.all(tenantId), 'list', params] as const,
  staff: (tenantId: string, appId: string, filters: AppStaffQuery = {}) =>
    [...appKeys.all(tenantId), 'staff', appId, filters] as const,
  staffLookup: (tenantId: string, appId: string, seatUserId: string) =>
    [...appKeys.all(tenantId), 'staff', appId, 'lookup', seatUserId] as const,
  autoMap: (tenantId: string, appId: string, query: AppAutoMapQuery) =>
    [...appKeys.all(tenantId), 'staff', appId, 'auto-map', query] as const,
};
