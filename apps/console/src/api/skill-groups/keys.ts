import { tenantKeys } from '../tenants/keys';

export const skillGroupKeys = {
  all: (tenantId: string, appId: string) => [...tenantKeys.scope(tenantId), 'skill-groups', appId] as const,
  list: (tenantId: string, appId: string) => [...skillGroupKeys.all(tenantId, appId), 'list'] as const,
  members: (tenantId: string, appId: string, skillGroupId: number) =>
    [...skillGroupKeys.all(tenantId, appId), 'members', skillGroupId] as const,
};
