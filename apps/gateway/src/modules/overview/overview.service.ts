// A tenant's overview: logins issued, redeemed and denied per UTC day (from its audit trail), the
// reasons for denials, and its seats: mapped per app and, when asked, listed by TCCC.
import { Injectable } from '@nestjs/common';
import {
  RATE_LIMIT_REASONS,
  SETUP_STEPS,
  type AuditAction,
  type LoginCounts,
  type OverviewAppSeats,
  type OverviewDay,
  type OverviewQuery,
  type OverviewUpstream,
  type OverviewView,
  type SetupChecklist,
  type SetupStepName,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { AppDirectory, type TcccApp } from '../apps/app-directory';
import { AppsService } from '../apps/apps.service';
import { AuditService, type AuditDayCount } from '../audit/audit.service';
import { SigningKeyLookup } from '../keys/signing-key-lookup';
import { SeatDirectory } from '../seats/seat-directory';
import { tenantSettings } from '../tenants/tenant-settings';
import { TcccService } from '../tccc/tccc.service';
import { TenantsService } from '../tenants/tenants.service';

/** The audit actions the overview counts (written by the login module). */
export const LOGIN_ACTIONS = [
  'login.issued',
  'login.redeemed',
  'login.denied',
  'login.replay',
  'login.late_use',
] as const satisfies readonly AuditAction[];
export type LoginAction = (typeof LOGIN_ACTIONS)[number];

export interface LoginCountRow extends AuditDayCount {
  action: LoginAction;
}

const isLoginCount = (row: AuditDayCount): row is LoginCountRow =>
  (LOGIN_ACTIONS as readonly string[]).includes(row.action);

const DAY_MS = 86_400_000;
/** TCCC allows 20 calls/s per account; an overview asks for a handful of apps at a time. */
const UPSTREAM_CONCURRENCY = 4;

const COUNTED: Record<LoginAction, keyof LoginCounts> = {
  'login.issued': 'issued',
  'login.redeemed': 'redeemed',
  'login.denied': 'denied',
  'login.replay': 'replayed',
  'login.late_use': 'lateUse',
};

const RATE_LIMITED = new Set<string>(RATE_LIMIT_REASONS);

const noLogins = (): LoginCounts => ({
  issued: 0,
  redeemed: 0,
  denied: 0,
  rateLimited: 0,
  replayed: 0,
  lateUse: 0,
});

const utcDate = (instant: Date) => instant.toISOString().slice(0, 10);

/** Today's date (YYYY-MM-DD) in an IANA time zone. */
function dateIn(now: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The period's dates in `timeZone` (UTC by default), oldest first, ending today. */
export function periodDates(now: Date, days: number, timeZone = 'UTC'): string[] {
  const today = new Date(`${dateIn(now, timeZone)}T00:00:00.000Z`).getTime();
  return Array.from({ length: days }, (_, i) => utcDate(new Date(today - (days - 1 - i) * DAY_MS)));
}

/** Folds the aggregate rows into days (zeros included), totals and denial reasons. */
export function foldLoginCounts(
  dates: string[],
  rows: LoginCountRow[],
): Pick<OverviewView, 'daily' | 'totals' | 'denialReasons'> {
  const byDate = new Map<string, OverviewDay>(dates.map((date) => [date, { date, ...noLogins() }]));
  const totals = noLogins();
  const reasons = new Map<string, number>();
  for (const row of rows) {
    const day = byDate.get(row.day);
    // an event stamped after "today" by a clock ahead of ours waits for its day
    if (!day) continue;
    const field = COUNTED[row.action];
    day[field] += row.count;
    totals[field] += row.count;
    if (row.action !== 'login.denied') continue;
    const reason = row.reason ?? 'unknown';
    reasons.set(reason, (reasons.get(reason) ?? 0) + row.count);
    if (RATE_LIMITED.has(reason)) {
      day.rateLimited += row.count;
      totals.rateLimited += row.count;
    }
  }
  return {
    daily: [...byDate.values()],
    totals,
    denialReasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

export function setupChecklist(done: Record<SetupStepName, boolean>): SetupChecklist {
  const steps = SETUP_STEPS.map((step) => ({ step, done: done[step] }));
  return { steps, complete: steps.every((step) => step.done) };
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  }
  return results;
}

@Injectable()
export class OverviewService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly apps: AppsService,
    private readonly appDirectory: AppDirectory,
    private readonly seats: SeatDirectory,
    private readonly audit: AuditService,
    private readonly tccc: TcccService,
    private readonly keys: SigningKeyLookup,
  ) {}

  async get(ctx: RequestContext, tenantId: string, query: OverviewQuery): Promise<OverviewView> {
    const tenant = await this.tenants.require(ctx, tenantId, 'read');
    const dates = periodDates(new Date(), query.days, query.timeZone);
    // the first day begins within a day of its UTC midnight, whatever the zone; the fold drops
    // what falls before it
    const firstUtcMidnight = new Date(`${dates[0]}T00:00:00.000Z`).getTime();
    const from = new Date(query.timeZone === 'UTC' ? firstUtcMidnight : firstUtcMidnight - DAY_MS);
    const [counts, apps, seatCounts, activeKeys, loggedIn] = await Promise.all([
      this.audit.countsPerDay(tenantId, from, LOGIN_ACTIONS, query.timeZone),
      this.appDirectory.allOf(tenantId),
      this.seats.countsByAppAndStatus(tenantId),
      this.keys.countActive(tenantId),
      // ever, not only in the period: a tenant set up months ago is not new again
      this.audit.hasAny(tenantId, ['login.redeemed']),
    ]);
    const rows = counts.filter(isLoginCount);

    const mapped = { enabled: 0, disabled: 0 };
    const mappedByApp = new Map<string, { enabled: number; disabled: number }>();
    for (const row of seatCounts) {
      const counts = mappedByApp.get(row.appId) ?? { enabled: 0, disabled: 0 };
      counts[row.status] += row.count;
      mapped[row.status] += row.count;
      mappedByApp.set(row.appId, counts);
    }
    const upstream = query.upstream
      ? await inBatches(apps, UPSTREAM_CONCURRENCY, (app) => this.upstream(tenantId, app))
      : null;

    const setup = setupChecklist({
      app_tested: apps.some((app) => app.lastCheckOutcome === 'ok'),
      seats_mapped: mapped.enabled + mapped.disabled > 0,
      signing_key: activeKeys > 0,
      allowed_origins: (tenantSettings(tenant).allowedOrigins ?? []).length > 0,
      first_login: loggedIn,
    });

    return {
      tenantId,
      setup,
      period: { days: query.days, from: dates[0]!, to: dates[dates.length - 1]!, timeZone: query.timeZone },
      ...foldLoginCounts(dates, rows),
      seats: {
        mapped,
        apps: apps.map((app, i): OverviewAppSeats => ({
          appId: app.id,
          sdkAppId: Number(app.sdkAppId),
          label: app.label,
          status: app.status,
          mapped: mappedByApp.get(app.id) ?? { enabled: 0, disabled: 0 },
          upstream: upstream?.[i] ?? null,
        })),
        upstreamCheckedAt: upstream ? new Date().toISOString() : null,
      },
    };
  }

  /** What TCCC lists for one app; its failure is that app's answer, not the overview's. */
  private async upstream(tenantId: string, app: TcccApp): Promise<OverviewUpstream> {
    try {
      const staff = await this.tccc.listStaff({
        appId: app.id,
        sdkAppId: Number(app.sdkAppId),
        region: app.region,
        ...this.apps.secretsOf(app),
      });
      const mappings = await this.seats.mappingsOfApp(tenantId, app.id);
      const mapped = new Set(mappings.map((mapping) => mapping.seatUserId));
      const listed = new Set(staff.map((member) => member.mail));
      return {
        ok: true,
        staff: listed.size,
        unmapped: [...listed].filter((mail) => !mapped.has(mail)).length,
        missingUpstream: [...mapped].filter((seat) => !listed.has(seat)).length,
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ok: false, code: error.code, message: error.message };
    }
  }
}
