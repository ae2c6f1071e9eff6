import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { appKeys } from './keys';
import type {
  AppAutoMapPreview,
  AppAutoMapQuery,
  AppListParams,
  AppStaffLookup,
  AppStaffQuery,
  AppStaffView,
  AppView,
  Page,
} from './types';

export function useApps(tenantId: string, params: AppListParams) {
  return useQuery({
    queryKey: appKeys.list(tenantId, params),
    queryFn: ({ signal }) =>
      api.get<Page<AppView>>(`/api/admin/tenants/${tenantId}/apps`, { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every app of a tenant, for pickers (a tenant has a handful; the API caps a page at 200). */
export function useAllApps(tenantId: string) {
  return useApps(tenantId, { page: 1, pageSize: 200 });
}

/**
 * TCCC's staff of one app, asked live (each call is a DescribeStaffInfoList upstream), searched and
 * filtered by the gateway.
 */
export function useAppStaff(tenantId: string, appId: string | undefined, filters: AppStaffQuery = {}) {
  return useQuery({
    queryKey: appKeys.staff(tenantId, appId ?? '', filters),
    queryFn: ({ signal }) =>
      api.get<AppStaffView>(`/api/admin/tenants/${tenantId}/apps/${appId}/staff`, { ...filters }, signal),
    enabled: appId !== undefined,
    staleTime: 0,
    retry: false,
  });
}

/** Proposed mappings of the app's unmapped TCCC seats (asks TCCC live; nothing is saved). */
export function useAppAutoMap(
  tenantId: string,
  appId: string | undefined,
  query: AppAutoMapQuery,
  enabled: boolean,
) {
  return useQuery({
    queryKey: appKeys.autoMap(tenantId, appId ?? '', query),
    queryFn: ({ signal }) =>
      api.get<AppAutoMapPreview>(
        `/api/admin/tenants/${tenantId}/apps/${appId}/staff/auto-map`,
        { ...query },
        signal,
      ),
    enabled: enabled && appId !== undefined,
    staleTime: 0,
    retry: false,
  });
}

/** The seat picker's choices: unmapped TCCC seats matching `q` (the gateway's cached staff list). */
export function useStaffChoices(tenantId: string, appId: string | undefined, q: string) {
  const filters: AppStaffQuery = { q: q || undefined, state: 'unmapped', limit: 20 };
  return useQuery({
    queryKey: appKeys.staff(tenantId, appId ?? '', filters),
    queryFn: ({ signal }) =>
      api.get<AppStaffView>(`/api/admin/tenants/${tenantId}/apps/${appId}/staff`, { ...filters }, signal),
    enabled: appId !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

/** Whether TCCC lists `seatUserId` for the app (answered from the gateway's cached staff list). */
export function useStaffLookup(tenantId: string, appId: string | undefined, seatUserId: string) {
  return useQuery({
    queryKey: appKeys.staffLookup(tenantId, appId ?? '', seatUserId),
    queryFn: ({ signal }) =>
      api.get<AppStaffLookup>(
        `/api/admin/tenants/${tenantId}/apps/${appId}/staff/lookup`,
        { seatUserId },
        signal,
      ),
    enabled: appId !== undefined && seatUserId !== '',
    staleTime: 30_000,
    retry: false,
  });
}
