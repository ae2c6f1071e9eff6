export type { AuditEventView, AuditVerifyResult, CursorPage } from '@seatgate/contracts';

export interface AuditFilters {
  tenantId?: string;
  actor?: string;
  /** an action prefix: "seat." matches seat.created, seat.deleted, … */
  action?: string;
  /** ISO instants */
  from?: string;
  to?: string;
}

export interface AuditListParams extends AuditFilters {
  cursor?: string;
  limit: number;
}
