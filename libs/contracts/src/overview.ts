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

/**
 * A new tenant's setup, in the order it is done: an app added and its credentials checked against
 * TCCC, seats mapped, a signing key, the CRM's allowed origins, and a first business login.
 */
export const SETUP_STEPS = [
  'app_tested',
  'seats_mapped',
  'signing_key',
  'allowed_origins',
  'first_login',
] as const;
export type SetupStepName = (typeof SETUP_STEPS)[number];

export interface SetupChecklist {
  steps: { step: SetupStepName; done: boolean }[];
  /** every step done: the console stops showing the checklist */
  complete: boolean;
}

export interface OverviewView {
  tenantId: string;
  setup: SetupChecklist;
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

// ---- licences per app (GET /api/admin/tenants/:tenantId/overview/licences) -------------------

/** A purchase whose end is this close (days) is shown as expiring. */
export const LICENCE_EXPIRY_WARNING_DAYS = 30;
/** Seats in TCCC at or above this share of the licences bought is shown as nearly used up. */
export const LICENCE_USE_WARNING_RATIO = 0.9;

export const overviewLicencesQuery = z.object({
  /** ask TCCC again instead of answering from the gateway's short cache */
  refresh: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type OverviewLicencesQuery = z.infer<typeof overviewLicencesQuery>;

/** One purchase still valid (DescribeCCCBuyInfoList's StaffBuyList). */
export interface LicencePurchaseView {
  /** seats bought (Num) */
  seats: number;
  /** office-phone (SIP) seats bought with it (SipNum) */
  sipSeats: number;
  boughtAt: string | null;
  endsAt: string | null;
}

/** Why an app's licences need attention; the console words each. */
export type LicenceWarning =
  /** TCCC lists no licence still valid for the app (none bought, or every purchase ended) */
  | { kind: 'none' }
  /** every licence is used: a new seat cannot be created */
  | { kind: 'exhausted'; purchased: number; inTccc: number }
  /** at least LICENCE_USE_WARNING_RATIO of the licences are used */
  | { kind: 'nearly_exhausted'; purchased: number; inTccc: number; available: number }
  /** a purchase ends within LICENCE_EXPIRY_WARNING_DAYS */
  | { kind: 'expiring'; seats: number; endsAt: string; days: number };

export type OverviewLicences =
  | {
      ok: true;
      /** seats bought and still valid (StaffBuyNum) */
      purchased: number;
      /** seats TCCC lists for the app (DescribeStaffInfoList's TotalCount) */
      inTccc: number;
      /** purchased − inTccc, never below 0 */
      available: number;
      /** the purchases, the one ending first first */
      purchases: LicencePurchaseView[];
      warnings: LicenceWarning[];
    }
  | { ok: false; code: string; message: string; details?: Record<string, unknown> };

export interface OverviewAppLicences {
  appId: string;
  sdkAppId: number;
  label: string;
  status: 'enabled' | 'disabled';
  /** mappings in Seatgate */
  mapped: { enabled: number; disabled: number };
  licences: OverviewLicences;
  /** when TCCC answered this (a cached answer is up to LICENCES_CACHE_SECONDS old) */
  checkedAt: string;
}

/** How long the gateway reuses an app's licence answer. */
export const LICENCES_CACHE_SECONDS = 300;

export interface OverviewLicencesView {
  tenantId: string;
  apps: OverviewAppLicences[];
}
