export type {
  AppCheck,
  AppConnectionTest,
  AppCreate,
  AppKind,
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
