export type { AdminRole, AdminUserCreate, AdminUserUpdate, AdminUserView, Page } from '@seatgate/contracts';

export interface UserListParams {
  q?: string;
  page: number;
  pageSize: number;
}
