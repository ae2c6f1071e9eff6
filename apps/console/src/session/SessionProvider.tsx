// Who is signed in. The access token lives in memory (api/client.ts); on load the session is
// restored from the httpOnly refresh cookie, and when the gateway ends it every cached answer is
// dropped and the user is sent to sign in, then brought back to where they were.
import type { MeView } from '@seatgate/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionExpired, refreshSession, setAccessToken } from '../api/client';
import { authKeys } from '../api/auth/keys';
import { fetchMe, useMe } from '../api/auth/queries';

export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';

interface SessionValue {
  status: SessionStatus;
  me: MeView | null;
  /** set when the gateway ended the session (not when the user signed out) */
  expired: boolean;
  /** after a successful login: load who we are and enter the console */
  enter: () => Promise<void>;
  /** after logout, or when giving up */
  leave: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SessionStatus>('restoring');
  const [expired, setExpired] = useState(false);
  const me = useMe(status === 'signed-in');

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const restored = await refreshSession();
      if (cancelled) return;
      if (!restored) {
        setStatus('signed-out');
        return;
      }
      try {
        await queryClient.fetchQuery({ queryKey: authKeys.me, queryFn: fetchMe });
        if (!cancelled) setStatus('signed-in');
      } catch {
        if (!cancelled) setStatus('signed-out');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [queryClient]);

  useEffect(
    () =>
      onSessionExpired(() => {
        queryClient.clear();
        setExpired(true);
        setStatus('signed-out');
      }),
    [queryClient],
  );

  const enter = useCallback(async () => {
    await queryClient.fetchQuery({ queryKey: authKeys.me, queryFn: fetchMe, staleTime: 0 });
    setExpired(false);
    setStatus('signed-in');
  }, [queryClient]);

  const leave = useCallback(() => {
    setAccessToken(null);
    queryClient.clear();
    setExpired(false);
    setStatus('signed-out');
  }, [queryClient]);

  const value = useMemo<SessionValue>(
    () => ({ status, me: status === 'signed-in' ? (me.data ?? null) : null, expired, enter, leave }),
    [status, me.data, expired, enter, leave],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}
