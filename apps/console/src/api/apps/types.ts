export type {
  AppCheck,
  AppAutoMapPreview,
  AppAutoMapQuery,
  AppConnectionTest,
  AppCreate,
  AppKind,
  AppStaffLookup,
  AppStaffQuery,
  AppStaffView,
  AppUpdate,
  AppView,
  Credentials,
  CredentialsRotate,
  Page,
} from '@seatgate/contracts';

export interface AppListParams {
  page: number;
  pageSize: number;
}
