// The reconcile plan of one app (issue 15): what would bring TCCC's staff and Seatgate's mappings
// into line, line by line with a reason, previewed before anything changes and applied as a job.
import { z } from 'zod';
import type { LicenceCounts } from './errors';

/**
 * - create: a mapping whose seat TCCC lacks (enabled, not being offboarded): the seat is created
 *   in TCCC under the mapping's seat id and the mapping becomes `provisioned`;
 * - adopt: a TCCC seat nobody is mapped to that matches a business user without a seat in this
 *   app, by email or staff number (as auto-map; never an ambiguous match);
 * - delete: a seat Seatgate created whose mapping is gone: deleted in TCCC (it holds a licence);
 * - unmap: a disabled mapping whose seat TCCC lacks: the mapping is removed.
 */
export const RECONCILE_ACTIONS = ['create', 'adopt', 'delete', 'unmap'] as const;
export type ReconcileAction = (typeof RECONCILE_ACTIONS)[number];

export const RECONCILE_REASONS = [
  'seat_missing_in_tccc',
  'matches_email',
  'matches_staff_number',
  'provisioned_mapping_removed',
  'disabled_mapping_seat_missing',
] as const;
export type ReconcileReason = (typeof RECONCILE_REASONS)[number];

export interface ReconcileLine {
  /** stable within a plan: `<action>:<seat id>` */
  key: string;
  action: ReconcileAction;
  reason: ReconcileReason;
  seatUserId: string;
  /** the business user the line maps, keeps or removed (null: a seat whose mapping is gone and unknown) */
  businessUserId: string | null;
  /** the mapping the line is about (create, unmap) */
  seatId: string | null;
  /** TCCC's name and staff number of the seat, when TCCC has it */
  name: string | null;
  staffNumber: string | null;
}

export interface ReconcilePlan {
  appId: string;
  sdkAppId: number;
  /** hash of every line: apply refuses a plan that no longer matches (reconcile_plan_stale) */
  fingerprint: string;
  computedAt: string;
  staffTotal: number;
  mappingsTotal: number;
  counts: Record<ReconcileAction, number>;
  lines: ReconcileLine[];
}

export const RECONCILE_MAX_LINES = 20_000;

/** POST …/reconcile-plan/apply: the plan as previewed (its fingerprint) and the lines chosen (default all). */
export const reconcileApplySchema = z
  .object({
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a plan fingerprint'),
    lines: z.array(z.string().min(1).max(300)).min(1).max(RECONCILE_MAX_LINES).optional(),
  })
  .strict();
export type ReconcileApply = z.infer<typeof reconcileApplySchema>;

export interface ReconcileStarted {
  jobId: string;
  total: number;
  counts: Record<ReconcileAction, number>;
  /** when the chosen lines create seats: the licences checked first */
  licences: LicenceCounts | null;
}
