// What an audit event says: who did what to which target, with which outcome.
import type { AuditAction, AuditOutcome, AuditTargetType } from '@seatgate/contracts';
import type { RequestMeta } from '../../common/context/request-context';

export type { AuditOutcome } from '@seatgate/contracts';

export interface AuditActor {
  type: 'admin' | 'business_user' | 'system' | 'anonymous' | 'scim_token';
  id: string | null;
  display: string | null;
}

/**
 * An event as the append statements take it. Its action is a plain string only for the login
 * slice's redemption templates (audit-append.sql.ts); everything else records an AuditRecord.
 */
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

/** An event to record: its action is one of the known AuditAction values. */
export interface AuditRecord extends AuditInput {
  action: AuditAction;
  /** one of the known target types, which the console translates */
  target?: { type: AuditTargetType; id: string | null };
}
