import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { userKeys } from './keys';
import type { AdminUserCreate, AdminUserUpdate, AdminUserView } from './types';

const base = '/api/admin/users';

export function useCreateAdminUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AdminUserCreate) => api.post<AdminUserView>(base, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateAdminUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, input }: { userId: string; input: AdminUserUpdate }) =>
      api.patch<AdminUserView>(`${base}/${userId}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteAdminUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`${base}/${userId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
