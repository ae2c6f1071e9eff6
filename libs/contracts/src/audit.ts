import { z } from 'zod';
import { cursorQuery } from './pagination';
import { storableDate } from './text';

export const auditVerifyQuery = z.object({ tenantId: z.string().uuid().optional() });

export interface AuditEventView {
  id: string;
  seq: number;
  tenantId: string | null;
  /** the tenant's name today; null for platform events and for a tenant since deleted */
  tenantName: string | null;
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

/**
 * Every action an audit event can record. `action` in the stored trail and in AuditEventView stays
 * a string (events written by older versions keep theirs); what the gateway writes is one of these.
 */
export const AUDIT_ACTIONS = [
  'tenant.created',
  'tenant.updated',
  'tenant.suspended',
  'tenant.resumed',
  'tenant.deleted',
  'app.created',
  'app.updated',
  'app.enabled',
  'app.disabled',
  'app.credentials.rotated',
  'app.deleted',
  'app.connection_tested',
  'seat.created',
  'seat.updated',
  'seat.enabled',
  'seat.disabled',
  'seat.deleted',
  'seat.imported',
  'seat.bulk_disabled',
  'seat.bulk_enabled',
  'seat.bulk_deleted',
  'seat.provisioned',
  'seat.upstream_updated',
  'seat.offboarding_started',
  'seat.offline_required',
  'seat.upstream_deleted',
  'seat.offboarded',
  'seat.reconciled',
  'job.started',
  'job.finished',
  'skill_group.created',
  'skill_group.updated',
  'skill_group.deleted',
  'skill_group.members_added',
  'skill_group.member_removed',
  'scim.token_created',
  'scim.token_revoked',
  'scim.request',
  'seat.signed_out',
  'seat.restored',
  'key.created',
  'key.revoked',
  'key.jwks_kid_ignored',
  'admin_user.created',
  'admin_user.updated',
  'admin_user.deleted',
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.login.throttled',
  'auth.refresh.reused',
  'auth.logout',
  'auth.password.changed',
  'platform.master_key.rotated',
  'login.issued',
  'login.denied',
  'login.redeemed',
  'login.replay',
  'login.late_use',
  'login.throttled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit event can be about (`target.type`); older events may name others. */
export const AUDIT_TARGET_TYPES = [
  'tenant',
  'app',
  'seat',
  'signing_key',
  'admin_user',
  'admin_session',
  'login',
  'job',
  'skill_group',
  'scim_token',
  'scim_resource',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** What an audit event's `outcome` can be. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const auditListQuery = cursorQuery.extend({
  tenantId: z.string().uuid().optional(),
  actor: z.string().trim().max(254).optional(),
  /** an action's beginning: a family (`seat.`) or any prefix, for actions older versions wrote */
  action: z.string().trim().max(100).optional(),
  /** exactly this action, one of the known ones */
  exactAction: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: storableDate().optional(),
  to: storableDate().optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;
