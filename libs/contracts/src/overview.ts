// GET /api/admin/tenants/:tenantId/overview: a tenant's logins per day, read from its audit trail,
// and its seats: mapped per app and, when asked, what TCCC lists upstream.
import { z } from 'zod';

export const OVERVIEW_DEFAULT_DAYS = 14;
export const OVERVIEW_MAX_DAYS = 90;

export const TIME_ZONE_MESSAGE = 'an IANA time zone such as Asia/Shanghai';

/**
 * An IANA zone name (Region/City, or UTC) that this runtime knows. Offsets such as "+08:00" are
 * refused: PostgreSQL reads POSIX offsets with the opposite sign.
 */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z_]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const overviewQuery = z.object({
  /** how many days, today included, in `timeZone` */
  days: z.coerce.number().int().min(1).max(OVERVIEW_MAX_DAYS).default(OVERVIEW_DEFAULT_DAYS),
  /** whose days: the browser's zone (the console sends it) or a tenant's; UTC when not given */
  timeZone: z.string().trim().max(64).refine(isTimeZone, TIME_ZONE_MESSAGE).default('UTC'),
  /** also ask TCCC (DescribeStaffInfoList) for each app's seats: one upstream call per app */
  upstream: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

/** Denial reasons counted as rate limiting: Seatgate's own limits and TCCC's account quota. */
export const RATE_LIMIT_REASONS = ['rate_limited', 'upstream_rate_limited'] as const;

export interface LoginCounts {
  /** login.issued: one-time login URLs handed out */
  issued: number;
  /** login.redeemed: URLs opened (once) and sent on to TCCC */
  redeemed: number;
  /** login.denied, whatever the reason (rate-limited ones included) */
  denied: number;
  /** the part of `denied` refused by a rate limit (RATE_LIMIT_REASONS) */
  rateLimited: number;
  /** login.replay: a used URL opened again */
  replayed: number;
  /** login.late_use: an expired URL opened */
  lateUse: number;
}

export interface OverviewDay extends LoginCounts {
  /** a UTC calendar date, YYYY-MM-DD */
  date: string;
}

/** One app's seats in TCCC, or why TCCC could not be asked. */
export type OverviewUpstream =
  | {
      ok: true;
      /** seats TCCC lists for the app */
      staff: number;
      /** of those, seats no business user is mapped to */
      unmapped: number;
      /** mappings whose seat TCCC does not list */
      missingUpstream: number;
    }
  | { ok: false; code: string; message: string };

export interface OverviewAppSeats {
  appId: string;
  sdkAppId: number;
  label: string;
  status: 'enabled' | 'disabled';
  mapped: { enabled: number; disabled: number };
  /** null unless asked with upstream=true */
  upstream: OverviewUpstream | null;
}

export interface OverviewView {
  tenantId: string;
  period: {
    days: number;
    /** first and last date of the period in `timeZone`; the last is today, counted so far */
    from: string;
    to: string;
    /** the IANA zone whose days these are (UTC unless asked for another) */
    timeZone: string;
  };
  /** every day of the period, oldest first, days without logins included (as zeros) */
  daily: OverviewDay[];
  totals: LoginCounts;
  /** login.denied of the period by details.reason (an error code), most frequent first */
  denialReasons: { reason: string; count: number }[];
  seats: {
    mapped: { enabled: number; disabled: number };
    apps: OverviewAppSeats[];
    /** when TCCC was asked (upstream=true), else null */
    upstreamCheckedAt: string | null;
  };
}
