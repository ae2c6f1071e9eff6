// Seat lifecycle (issue 15): the attributes Seatgate gives a seat it creates in TCCC, the
// per-tenant and per-app defaults those come from, provisioning and offboarding requests, and the
// durable jobs that carry them out.
import { z } from 'zod';
import {
  businessUserIdSchema,
  seatDisplayNameSchema,
  seatRoleSchema,
  seatUserIdSchema,
  skillGroupNameSchema,
  staffNumberSchema,
  tcccPhoneSchema,
} from './seats';
import { pageQuery } from './pagination';

/** The placeholders a seat-id rule may use. */
export const SEAT_ID_PLACEHOLDERS = ['businessUserId', 'tenantSlug', 'domain'] as const;

/**
 * How a new seat's mail (its seat id) is made from the business user, e.g.
 * `{businessUserId}@{domain}`; it must name {businessUserId}, so that two users never get one seat.
 */
export const seatIdRuleSchema = z
  .string()
  .max(200)
  .regex(/^[^\s]+$/, 'no spaces')
  .refine((rule) => rule.includes('{businessUserId}'), 'must contain {businessUserId}')
  .refine(
    (rule) =>
      [...rule.matchAll(/\{(\w+)\}/g)].every((match) =>
        (SEAT_ID_PLACEHOLDERS as readonly string[]).includes(match[1] ?? ''),
      ),
    'placeholders are {businessUserId}, {tenantSlug} and {domain}',
  );

export const provisioningDefaultsSchema = z
  .object({
    seatIdRule: seatIdRuleSchema.optional(),
    /** the tenant's mail domain, for {domain} */
    domain: z
      .string()
      .max(200)
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as example.com')
      .optional(),
    defaultRole: seatRoleSchema.optional(),
    defaultSkillGroups: z.array(skillGroupNameSchema).max(20).optional(),
  })
  .strict();
export type ProvisioningDefaults = z.infer<typeof provisioningDefaultsSchema>;

/** The tenant's defaults, and per app (by SDKAppID) what differs from them. */
export const tenantProvisioningSchema = provisioningDefaultsSchema
  .extend({
    apps: z.record(z.string().regex(/^\d{1,16}$/, 'an SDKAppID'), provisioningDefaultsSchema).optional(),
  })
  .strict();
export type TenantProvisioning = z.infer<typeof tenantProvisioningSchema>;

export const DEFAULT_SEAT_ID_RULE = '{businessUserId}@{domain}';

/**
 * The seat id a rule gives (lower case), or null when it names {domain} and there is none. The
 * gateway checks the result is a seat account; the console shows it as a preview.
 */
export function applySeatIdRule(
  rule: string,
  values: { businessUserId: string; tenantSlug: string; domain: string | null | undefined },
): string | null {
  if (rule.includes('{domain}') && !values.domain) return null;
  return rule
    .replaceAll('{businessUserId}', values.businessUserId)
    .replaceAll('{tenantSlug}', values.tenantSlug)
    .replaceAll('{domain}', values.domain ?? '')
    .toLowerCase();
}
/** TCCC's agent role */
export const DEFAULT_SEAT_ROLE = 3;

/** The attributes of a seat Seatgate creates or changes in TCCC. */
export const seatAttributesSchema = z.object({
  staffNumber: staffNumberSchema.optional(),
  phone: tcccPhoneSchema.optional(),
  role: seatRoleSchema.optional(),
  skillGroups: z.array(skillGroupNameSchema).max(20).optional(),
});

/** One line of a provisioning job: a business user and, optionally, what differs from the defaults. */
export const provisionRowSchema = seatAttributesSchema
  .extend({
    businessUserId: businessUserIdSchema,
    /** the seat's mail; from the seat-id rule when absent */
    seatUserId: seatUserIdSchema.optional(),
    displayName: seatDisplayNameSchema.optional(),
  })
  .strict();
export type ProvisionRow = z.infer<typeof provisionRowSchema>;

export const PROVISION_JOB_MAX_ROWS = 20_000;

/** POST …/jobs/provision: create these users' seats in one app (or adopt those that exist). */
export const provisionJobSchema = z
  .object({
    sdkAppId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    rows: z.array(provisionRowSchema).min(1).max(PROVISION_JOB_MAX_ROWS),
    /** a seat that already exists in TCCC is mapped as adopted (default) or the line fails */
    adoptExisting: z.boolean().optional(),
  })
  .strict();
export type ProvisionJobRequest = z.infer<typeof provisionJobSchema>;

/** POST …/business-users/:businessUserId/offboard */
export const offboardSchema = z
  .object({
    /** delete adopted seats in TCCC too (provisioned seats are always deleted) */
    deleteAdopted: z.boolean().optional(),
  })
  .strict();
export type OffboardRequest = z.infer<typeof offboardSchema>;

// sign_out / restore: automatic sign-out (a tenant suspended, a mapping disabled or deleted) and
// its restore (the tenant resumed, the mapping enabled), owned by the sessions module
export const JOB_KINDS = ['provision', 'offboard', 'reconcile', 'sign_out', 'restore'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** What happened to one line of a job. */
export const JOB_ROW_OUTCOMES = [
  'created',
  'adopted',
  'deleted',
  'unmapped',
  'failed',
  // sign_out / restore: ForceMemberOffline / RestoreMemberOnline called; skipped: nothing to do
  // (the seat was offline, its mapping or app gone, the cause undone meanwhile), with a code
  'signed_out',
  'restored',
  'skipped',
] as const;
export type JobRowOutcome = (typeof JOB_ROW_OUTCOMES)[number];

export const JOB_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Who started a job: an admin (by their e-mail), the tenant's identity provider (a SCIM token), or Seatgate itself. */
export interface JobStarter {
  type: 'admin' | 'business_user' | 'system' | 'anonymous' | 'scim_token';
  id: string | null;
  display: string | null;
}

export interface JobView {
  id: string;
  tenantId: string;
  appId: string | null;
  kind: JobKind;
  status: JobStatus;
  startedBy: JobStarter;
  total: number;
  /** lines finished so far, by outcome; pending = total − their sum */
  counts: Record<JobRowOutcome, number> & { pending: number };
  createdAt: string;
  finishedAt: string | null;
}

export interface JobRowView {
  idx: number;
  businessUserId: string;
  seatUserId: string | null;
  outcome: JobRowOutcome | null;
  code: string | null;
  message: string | null;
}

/** A job's lines by what happened to them; `pending` is a line not finished yet. */
export const JOB_ROW_FILTERS = [...JOB_ROW_OUTCOMES, 'pending'] as const;
export type JobRowFilter = (typeof JOB_ROW_FILTERS)[number];

/** GET …/jobs/:jobId/lines (a page of lines as JSON) and the downloads' optional filter. */
export const jobRowsQuery = pageQuery.extend({
  outcome: z.enum(JOB_ROW_FILTERS).optional(),
});
export type JobRowsQuery = z.infer<typeof jobRowsQuery>;

export const jobRowsDownloadQuery = z.object({
  outcome: z.enum(JOB_ROW_FILTERS).optional(),
});
export type JobRowsDownloadQuery = z.infer<typeof jobRowsDownloadQuery>;

export const JOB_ROW_CSV_COLUMNS = [
  'line',
  'businessUserId',
  'seatUserId',
  'outcome',
  'code',
  'message',
] as const;
