// The one place the console decides what to render for a role. The gateway stays the authority;
// this only keeps controls a caller may not use out of sight (auditors see no mutation controls).
import type { AdminRole } from '@seatgate/contracts';
import type { ReactNode } from 'react';
import { useSession } from '../session/SessionProvider';

const RANK: Record<AdminRole, number> = { auditor: 0, tenant_admin: 1, platform_admin: 2 };

/** True when the signed-in admin has `role` or a stronger one. */
export function useCan(role: AdminRole): boolean {
  const { me } = useSession();
  return me ? RANK[me.role] >= RANK[role] : false;
}

export function Can({
  role,
  children,
  fallback = null,
}: {
  role: AdminRole;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return <>{useCan(role) ? children : fallback}</>;
}
