import { z } from 'zod';
import { isTimeZone, TIME_ZONE_MESSAGE } from './overview';

/** TCCC's agent statuses, as DescribeStaffStatusMetrics reports them. */
export const STAFF_STATUSES = ['free', 'busy', 'rest', 'notReady', 'afterCallWork', 'offline'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/**
 * Why Seatgate signed a seat out by itself (audited as `cause` on seat.signed_out): its tenant was
 * suspended, its mapping disabled or deleted, or its business user offboarded. The first two are
 * restored when undone (the tenant resumed, the mapping enabled).
 */
export const AUTO_SIGN_OUT_CAUSES = [
  'tenant_suspended',
  'mapping_disabled',
  'mapping_deleted',
  'offboarded',
] as const;
export type AutoSignOutCause = (typeof AUTO_SIGN_OUT_CAUSES)[number];
export type RestorableSignOutCause = Extract<AutoSignOutCause, 'tenant_suspended' | 'mapping_disabled'>;

/** POST …/seats/:seatId/sign-out and …/restore: the admin's reason, audited (and shown to the user). */
export const seatSignOutSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type SeatSignOut = z.infer<typeof seatSignOutSchema>;

export const SESSIONS_PAGE_SIZE = 50;
export const SESSIONS_PAGE_MAX = 200;

/** GET /api/admin/tenants/:id/sessions: filters. `user` matches the business user or the seat. */
export const sessionListQuery = z
  .object({
    status: z.enum(STAFF_STATUSES).optional(),
    appId: z.string().uuid().optional(),
    user: z.string().trim().min(1).max(200).optional(),
    /** pages of `pageSize` seats (ordered by business user), from 1; defaults 1 and 50 */
    page: z.coerce.number().int().min(1).max(100_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(SESSIONS_PAGE_MAX).optional(),
  })
  .strict();
export type SessionListQuery = z.infer<typeof sessionListQuery>;

export interface SessionLastLogin {
  loginId: string;
  businessUserId: string;
  at: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionView {
  seatId: string;
  appId: string;
  sdkAppId: number;
  businessUserId: string;
  seatUserId: string;
  displayName: string | null;
  mapping: 'enabled' | 'disabled';
  /** set while an admin has signed the seat out */
  signedOut: { at: string; reason: string } | null;
  /** set while Seatgate has signed the seat out by itself: its tenant suspended or its mapping disabled */
  autoSignedOut: RestorableSignOutCause | null;
  /** TCCC's view; null when TCCC could not be asked for this app (see `upstream`) */
  presence: {
    status: StaffStatus | string;
    clients: string[];
    onlineSince: string | null;
    lastStatusAt: string | null;
  } | null;
  lastLogin: SessionLastLogin | null;
}

export interface SessionList {
  /** one page of the seats matching the filters */
  items: SessionView[];
  /** seats matching the filters, on every page */
  total: number;
  page: number;
  pageSize: number;
  /** per app: whether TCCC answered, or the error code it failed with */
  upstream: { appId: string; sdkAppId: number; ok: boolean; code: string | null }[];
  /** when TCCC was asked (the answer is cached a few seconds) */
  fetchedAt: string;
}

/** GET …/sessions/:seatId/history: the seat's status changes seen in the last `days` days. */
export const presenceHistoryQuery = z
  .object({ days: z.coerce.number().int().min(1).max(400).default(7) })
  .strict();
export type PresenceHistoryQuery = z.infer<typeof presenceHistoryQuery>;

export interface PresenceHistoryEntry {
  status: string;
  /** TCCC's time of the change, else when Seatgate saw it */
  at: string;
}

export interface PresenceHistory {
  seatId: string;
  /** newest first, at most PRESENCE_HISTORY_MAX */
  items: PresenceHistoryEntry[];
  retentionDays: number;
}
export const PRESENCE_HISTORY_MAX = 1000;

export const USAGE_EARLIEST_DATE = '2000-01-01';

/**
 * GET …/usage and …/usage/export: `days` days ending `to` (a date, today by default), counted in
 * `timeZone` (by default the tenant's settings.timeZone, else UTC).
 */
export const usageQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(90).default(30),
    // presence history starts with Seatgate; an earlier date has nothing to count (and a year
    // before 0001 is no date PostgreSQL takes)
    to: z.iso
      .date()
      .refine((date) => date >= USAGE_EARLIEST_DATE, { message: `must be ${USAGE_EARLIEST_DATE} or later` })
      .optional(),
    timeZone: z.string().trim().max(64).refine(isTimeZone, TIME_ZONE_MESSAGE).optional(),
    /** also each seat's hours per day (5,000 seats over 90 days are 450,000 of them; the CSV has them) */
    perDay: z
      .enum(['true', 'false'])
      .optional()
      .transform((value) => value === 'true'),
  })
  .strict();
export type UsageQuery = z.infer<typeof usageQuery>;

export interface UsageDay {
  date: string;
  /** logins issued */
  logins: number;
  /** refused logins by reason (the refusal's error code) */
  refusals: Record<string, number>;
  /** hours all seats spent in any status but offline that day */
  onlineHours: number;
}

export interface UsageSeatDay {
  date: string;
  appId: string;
  sdkAppId: number;
  seatUserId: string;
  /** the business user mapped to the seat now, if any */
  businessUserId: string | null;
  /** hours in any status but offline, from the presence history */
  onlineHours: number;
}

/** One seat's online hours over the whole period. */
export interface UsageSeatTotal {
  appId: string;
  sdkAppId: number;
  seatUserId: string;
  businessUserId: string | null;
  onlineHours: number;
  /** days of the period with any online time */
  daysOnline: number;
}

export interface UsageView {
  /** the dates counted, in `timeZone`: `from` to `to`, both included */
  period: { from: string; to: string; timeZone: string };
  days: UsageDay[];
  /** each seat online in the period, most hours first */
  seatTotals: UsageSeatTotal[];
  /** each seat's hours per day: only when asked with perDay=true */
  seats?: UsageSeatDay[];
  retentionDays: number;
}

/** The usage CSV: one row per figure. `metric` is online_hours, logins or refusals. */
export const USAGE_EXPORT_COLUMNS = [
  'date',
  'metric',
  'sdkAppId',
  'seatUserId',
  'businessUserId',
  'reason',
  'value',
] as const;
