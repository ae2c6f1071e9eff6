// The one QueryClient: server state is cached briefly, client errors (4xx) are never retried,
// and a session that ended clears every cached answer (see session/SessionProvider).
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: shouldRetry,
    },
    mutations: { retry: false },
  },
});
