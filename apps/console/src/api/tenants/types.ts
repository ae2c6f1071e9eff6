import type { TenantView } from '@seatgate/contracts';

export type {
  Page,
  TenantCreate,
  TenantListQuery,
  TenantSettings,
  TenantUpdate,
  TenantView,
} from '@seatgate/contracts';

/** GET /api/admin/tenants/:id adds counts to the tenant view. */
export interface TenantDetail extends TenantView {
  counts: { apps: number; seats: number };
}

export interface TenantListParams {
  q?: string;
  status?: 'active' | 'suspended';
  page: number;
  pageSize: number;
}
