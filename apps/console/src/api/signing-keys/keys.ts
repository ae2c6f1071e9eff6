import { tenantKeys } from '../tenants/keys';
import type { SigningKeyListParams } from './types';

export const signingKeyKeys = {
  all: (tenantId: string) => [...tenantKeys.scope(tenantId), 'signing-keys'] as const,
  list: (tenantId: string, params: SigningKeyListParams) =>
    [...signingKeyKeys.all(tenantId), 'list', params] as const,
};
