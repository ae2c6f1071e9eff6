import type { AuditAction, AuditOutcome } from '@seatgate/contracts';

export type { AuditEventView, AuditVerifyResult, CursorPage } from '@seatgate/contracts';

export interface AuditFilters {
  tenantId?: string;
  actor?: string;
  /** an action prefix: "seat." matches seat.created, seat.deleted, … */
  action?: string;
  /** exactly this action */
  exactAction?: AuditAction;
  outcome?: AuditOutcome;
  /** ISO instants */
  from?: string;
  to?: string;
}

export interface AuditListParams extends AuditFilters {
  cursor?: string;
  limit: number;
}
