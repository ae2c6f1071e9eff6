// The one QueryClient: server state is cached briefly, client errors (4xx) are never retried,
// and a session that ended clears every cached answer (see session/SessionProvider).
//
// networkMode 'always': the console asks its own gateway (same origin, often on an intranet)
// whatever navigator.onLine says. With TanStack's default ('online') a request made while the
// browser reports offline is paused, not sent, until an 'online' event, and its form shows a
// spinner forever; an unreachable gateway now fails the request instead (NetworkError), which the
// page tells the user. (forms.e2e.ts dispatches 'offline' before a submit to hold this.)
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
      networkMode: 'always',
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});
