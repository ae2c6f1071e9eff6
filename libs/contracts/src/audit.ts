import { z } from 'zod';
import { cursorQuery } from './pagination';
import { storableDate } from './text';

export const auditListQuery = cursorQuery.extend({
  tenantId: z.string().uuid().optional(),
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  from: storableDate().optional(),
  to: storableDate().optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditVerifyQuery = z.object({ tenantId: z.string().uuid().optional() });

export interface AuditEventView {
  id: string;
  seq: number;
  tenantId: string | null;
  occurredAt: string;
  actor: { type: string; id: string | null; display: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  outcome: string;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenEventId?: string;
  reason?: string;
}
