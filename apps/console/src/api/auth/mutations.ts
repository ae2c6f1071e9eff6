import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setAccessToken } from '../client';
import { authKeys } from './keys';
import type { LoginRequest, LoginResponse, PasswordChange } from './types';

export function useLogin() {
  return useMutation({
    mutationFn: async (input: LoginRequest) => {
      const session = await api.post<LoginResponse>('/api/auth/login', input);
      setAccessToken(session.accessToken);
      return session;
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/api/auth/logout');
      } finally {
        setAccessToken(null);
      }
    },
  });
}

/** The admin's own password; the gateway answers with a new session (every other one ended). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PasswordChange) => {
      const session = await api.post<LoginResponse>('/api/auth/password', input);
      setAccessToken(session.accessToken);
      return session;
    },
    // who we are now says whether a change is still required; not awaited, so the form settles
    // with the gateway's answer, not with a refetch
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}
