import { useQuery } from '@tanstack/react-query';
import type { MeView } from './types';
import { api } from '../client';
import { authKeys } from './keys';

export function fetchMe(): Promise<MeView> {
  return api.get<MeView>('/api/auth/me');
}

export function useMe(enabled: boolean) {
  return useQuery({ queryKey: authKeys.me, queryFn: fetchMe, enabled, staleTime: 5 * 60_000 });
}
