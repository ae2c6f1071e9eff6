import { useMutation } from '@tanstack/react-query';
import { api, setAccessToken } from '../client';
import type { LoginRequest, LoginResponse } from './types';

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
