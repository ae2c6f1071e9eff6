import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { skillGroupKeys } from './keys';
import type { SkillGroupList, SkillGroupMemberList } from './types';

export const skillGroupsPath = (tenantId: string, appId: string) =>
  `/api/admin/tenants/${tenantId}/apps/${appId}/skill-groups`;

/** The app's skill groups as TCCC lists them, with member counts. */
export function useSkillGroups(tenantId: string, appId: string) {
  return useQuery({
    queryKey: skillGroupKeys.list(tenantId, appId),
    queryFn: ({ signal }) => api.get<SkillGroupList>(skillGroupsPath(tenantId, appId), {}, signal),
    staleTime: 0,
  });
}

/** One group's members (seat, name, mapped business user, priority); asked when a group is opened. */
export function useSkillGroupMembers(tenantId: string, appId: string, skillGroupId: number | null) {
  return useQuery({
    queryKey: skillGroupKeys.members(tenantId, appId, skillGroupId ?? 0),
    queryFn: ({ signal }) =>
      api.get<SkillGroupMemberList>(
        `${skillGroupsPath(tenantId, appId)}/${skillGroupId}/members`,
        {},
        signal,
      ),
    enabled: skillGroupId !== null,
    staleTime: 0,
  });
}
