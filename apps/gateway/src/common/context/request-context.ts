// Who is calling, from where. Every service method takes it first and checks access with it.
import type { AdminRole } from '@seatgate/contracts';

export interface AdminActor {
  type: 'admin';
  id: string;
  email: string;
  role: AdminRole;
  /** tenants this admin manages (tenant_admin) or reads (auditor); empty means none */
  tenantIds: string[];
  /**
   * sees every tenant: platform admins, and auditors made platform-wide explicitly (the
   * admin_users.all_tenants flag). Never inferred from an empty tenant list.
   */
  allTenants: boolean;
  sessionId: string;
  /** signs in with a password another admin set: only its own session's routes answer until changed */
  passwordChangeRequired: boolean;
}

export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface RequestContext extends RequestMeta {
  actor: AdminActor;
}

/** A context for work that no HTTP request started (CLI, bootstrap). */
export const SYSTEM_META: RequestMeta = { requestId: 'system', ip: null, userAgent: null };
