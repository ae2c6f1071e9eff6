import type { RequestMeta } from '../../common/context/request-context';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditActor {
  type: 'admin' | 'business_user' | 'system' | 'anonymous';
  id: string | null;
  display: string | null;
}

export interface AuditInput {
  /** null for platform events (admin users, sign-in): they go to the platform chain */
  tenantId: string | null;
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string | null };
  outcome?: AuditOutcome;
  meta: RequestMeta;
  details?: Record<string, unknown>;
}
