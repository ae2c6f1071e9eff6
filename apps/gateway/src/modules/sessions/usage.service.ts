// A tenant's usage, the figure vendors bill by: online hours per seat and day (from the presence
// history), logins issued per day and refused logins per day and reason (from the audit trail),
// days counted in the tenant's time zone (or the one asked for), as JSON for the console and as a CSV export (UTF-8 BOM, formula cells neutralised).
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PRESENCE_RETENTION_DAYS,
  USAGE_EXPORT_COLUMNS,
  type UsageDay,
  type UsageQuery,
  type UsageSeatTotal,
  type UsageView,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import type { CsvCell, CsvDownload } from '../../common/csv/csv-download';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { SeatDirectory } from '../seats/seat-directory';
import { tenantSettings } from '../tenants/tenant-settings';
import { TenantsService } from '../tenants/tenants.service';
import { SessionsRepository } from './sessions.repository';

const DAY_MS = 86_400_000;

const isoDate = (instant: Date) => instant.toISOString().slice(0, 10);

/** Today's date (YYYY-MM-DD) in an IANA time zone (en-CA writes dates so). */
function todayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The `days` dates ending `to` (today in `timeZone` when not given), oldest first, and an instant
 * at or before the first one's start in any zone (a day earlier than its UTC midnight), from which
 * audit events are read and then counted by their date in the zone.
 */
export function usagePeriod(
  now: Date,
  days: number,
  to: string | undefined,
  timeZone: string,
): { dates: string[]; readFrom: Date } {
  const last = Date.parse(`${to ?? todayIn(now, timeZone)}T00:00:00.000Z`);
  const dates = Array.from({ length: days }, (_, i) => isoDate(new Date(last - (days - 1 - i) * DAY_MS)));
  return { dates, readFrom: new Date(Date.parse(`${dates[0]}T00:00:00.000Z`) - DAY_MS) };
}

@Injectable()
export class UsageService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly apps: AppDirectory,
    private readonly seats: SeatDirectory,
    private readonly audit: AuditService,
    private readonly presence: SessionsRepository,
  ) {}

  async usage(ctx: RequestContext, tenantId: string, query: UsageQuery): Promise<UsageView> {
    const tenant = await this.tenants.require(ctx, tenantId, 'read');
    const settings = tenantSettings(tenant);
    const timeZone = query.timeZone ?? settings.timeZone ?? 'UTC';
    const { dates, readFrom } = usagePeriod(new Date(), query.days, query.to, timeZone);
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    const [counts, hours, apps, mapped] = await Promise.all([
      this.audit.countsPerDay(tenantId, readFrom, ['login.issued', 'login.denied'], timeZone),
      this.presence.onlineHours(tenantId, first, last, timeZone),
      this.apps.allOf(tenantId),
      this.seats.sessionsOf(tenantId, {}),
    ]);
    const days = new Map<string, UsageDay>(
      dates.map((date) => [date, { date, logins: 0, refusals: {}, onlineHours: 0 }]),
    );
    for (const row of counts) {
      const day = days.get(row.day);
      if (!day) continue;
      if (row.action === 'login.issued') day.logins += row.count;
      else {
        const reason = row.reason ?? 'unknown';
        day.refusals[reason] = (day.refusals[reason] ?? 0) + row.count;
      }
    }
    const rounded = (value: number) => Math.round(value * 1000) / 1000;
    for (const row of hours) {
      const day = days.get(row.date);
      if (day) day.onlineHours += row.hours;
    }
    for (const day of days.values()) day.onlineHours = rounded(day.onlineHours);
    const sdkAppIds = new Map(apps.map((app) => [app.id, Number(app.sdkAppId)]));
    const users = new Map(
      mapped.map((seat) => [`${seat.appId}\u0000${seat.seatUserId}`, seat.businessUserId]),
    );
    const seats = hours.map((row) => ({
      date: row.date,
      appId: row.appId,
      sdkAppId: sdkAppIds.get(row.appId) ?? 0,
      seatUserId: row.seatUserId,
      businessUserId: users.get(`${row.appId}\u0000${row.seatUserId}`) ?? null,
      onlineHours: rounded(row.hours),
    }));
    const totals = new Map<string, UsageSeatTotal>();
    for (const { date: _date, ...row } of seats) {
      const key = `${row.appId}\u0000${row.seatUserId}`;
      const total = totals.get(key) ?? { ...row, onlineHours: 0, daysOnline: 0 };
      total.onlineHours += row.onlineHours;
      total.daysOnline += 1;
      totals.set(key, total);
    }
    return {
      period: { from: first, to: last, timeZone },
      days: [...days.values()],
      seatTotals: [...totals.values()]
        .map((total) => ({ ...total, onlineHours: rounded(total.onlineHours) }))
        .sort((a, b) => b.onlineHours - a.onlineHours || a.seatUserId.localeCompare(b.seatUserId)),
      ...(query.perDay ? { seats } : {}),
      retentionDays: settings.presenceRetentionDays ?? DEFAULT_PRESENCE_RETENTION_DAYS,
    };
  }

  async export(ctx: RequestContext, tenantId: string, query: UsageQuery): Promise<CsvDownload> {
    const view = await this.usage(ctx, tenantId, { ...query, perDay: true });
    async function* rows(): AsyncGenerator<CsvCell[]> {
      for (const day of view.days) {
        yield [day.date, 'logins', null, null, null, null, day.logins];
        for (const [reason, count] of Object.entries(day.refusals).sort())
          yield [day.date, 'refusals', null, null, null, reason, count];
      }
      for (const seat of view.seats ?? [])
        yield [
          seat.date,
          'online_hours',
          seat.sdkAppId,
          seat.seatUserId,
          seat.businessUserId,
          null,
          seat.onlineHours,
        ];
    }
    return { filename: 'usage.csv', columns: USAGE_EXPORT_COLUMNS, rows: rows() };
  }
}
