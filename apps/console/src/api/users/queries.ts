import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { userKeys } from './keys';
import type { AdminUserView, Page, UserListParams } from './types';

export function useAdminUsers(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<AdminUserView>>('/api/admin/users', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}
