// Whose days a screen counts in: a tenant's configured IANA zone (settings.timeZone, Asia/Shanghai
// the usual case), else the browser's own. The gateway validates zones with the same isTimeZone.
import { isTimeZone, type TenantSettings } from '@seatgate/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The browser's IANA time zone, when the gateway accepts it as one; else UTC. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

export function tenantTimeZone(settings: Pick<TenantSettings, 'timeZone'> | undefined): string {
  return settings?.timeZone ?? browserTimeZone();
}

/** Every zone this browser knows, for a picker. */
export function knownTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone').filter((zone) => isTimeZone(zone));
}

/** The start of the day `daysBack` days before today, in `zone`. */
export function startOfDayIn(zone: string, daysBack = 0): Dayjs {
  // the calendar day first, then its own midnight: days subtracted from today's midnight keep
  // today's UTC offset, an hour off across a daylight-saving change (a 30-day preset in New York
  // started at 01:00)
  const day = dayjs().tz(zone).subtract(daysBack, 'day').format('YYYY-MM-DD');
  return dayjs.tz(day, zone);
}
