import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { signingKeyKeys } from './keys';
import type { Page, SigningKeyListParams, SigningKeyView } from './types';

export function useSigningKeys(tenantId: string, params: SigningKeyListParams) {
  return useQuery({
    queryKey: signingKeyKeys.list(tenantId, params),
    queryFn: ({ signal }) =>
      api.get<Page<SigningKeyView>>(`/api/admin/tenants/${tenantId}/keys`, { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}
