export type {
  AppAutoMapPreview,
  AppAutoMapQuery,
  AppConnectionTest,
  AppCreate,
  AppKind,
  AppStaffQuery,
  AppStaffView,
  AppUpdate,
  AppView,
  Credentials,
  Page,
} from '@seatgate/contracts';

export interface AppListParams {
  page: number;
  pageSize: number;
}
