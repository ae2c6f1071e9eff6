import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { skillGroupKeys } from './keys';
import { skillGroupsPath } from './queries';
import type {
  SkillGroupCreate,
  SkillGroupMembersAdd,
  SkillGroupMembersResult,
  SkillGroupUpdate,
  SkillGroupView,
} from './types';

/** Every write changes the list (names, member counts) and maybe members: the app's keys are dropped. */
function useInvalidate(tenantId: string, appId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: skillGroupKeys.all(tenantId, appId) });
}

export function useCreateSkillGroup(tenantId: string, appId: string) {
  const invalidate = useInvalidate(tenantId, appId);
  return useMutation({
    mutationFn: (body: SkillGroupCreate) => api.post<SkillGroupView>(skillGroupsPath(tenantId, appId), body),
    onSuccess: invalidate,
  });
}

export function useUpdateSkillGroup(tenantId: string, appId: string) {
  const invalidate = useInvalidate(tenantId, appId);
  return useMutation({
    mutationFn: ({ skillGroupId, change }: { skillGroupId: number; change: SkillGroupUpdate }) =>
      api.patch<SkillGroupView>(`${skillGroupsPath(tenantId, appId)}/${skillGroupId}`, change),
    onSuccess: invalidate,
  });
}

export function useDeleteSkillGroup(tenantId: string, appId: string) {
  const invalidate = useInvalidate(tenantId, appId);
  return useMutation({
    mutationFn: (skillGroupId: number) => api.delete(`${skillGroupsPath(tenantId, appId)}/${skillGroupId}`),
    onSuccess: invalidate,
  });
}

export function useAddSkillGroupMembers(tenantId: string, appId: string) {
  const invalidate = useInvalidate(tenantId, appId);
  return useMutation({
    mutationFn: ({ skillGroupId, body }: { skillGroupId: number; body: SkillGroupMembersAdd }) =>
      api.post<SkillGroupMembersResult>(`${skillGroupsPath(tenantId, appId)}/${skillGroupId}/members`, body),
    onSuccess: invalidate,
  });
}

export function useRemoveSkillGroupMember(tenantId: string, appId: string) {
  const invalidate = useInvalidate(tenantId, appId);
  return useMutation({
    mutationFn: ({ skillGroupId, seatId }: { skillGroupId: number; seatId: string }) =>
      api.delete(`${skillGroupsPath(tenantId, appId)}/${skillGroupId}/members/${encodeURIComponent(seatId)}`),
    onSuccess: invalidate,
  });
}
