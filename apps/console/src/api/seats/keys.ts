import { tenantKeys } from '../tenants/keys';
import type { SeatListParams } from './types';

export const seatKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'seats'] as const,
  list: (tenantId: string, params: SeatListParams) => [...seatKeys.all(tenantId), 'list', params] as const,
};
