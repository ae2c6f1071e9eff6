// Owns the presence_events table: status changes of mapped seats seen while polling TCCC, written
// only when a seat's status differs from the last one kept (and once across processes, by the
// unique index), read back as a seat's history and as online hours per seat and day (of a time zone), and swept
// per tenant's retention.
import { Injectable } from '@nestjs/common';
import { Database } from '../../prisma/database';

export interface SeenStatus {
  seatUserId: string;
  status: string;
  at: Date;
}

export interface OnlineHoursRow {
  appId: string;
  seatUserId: string;
  date: string;
  hours: number;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  /** Keeps each status that differs from the seat's last one kept; returns how many were new. */
  recordChanges(tenantId: string, appId: string, seen: SeenStatus[]): Promise<number> {
    if (seen.length === 0) return Promise.resolve(0);
    return this.db.client.$executeRaw`
      INSERT INTO presence_events (tenant_id, app_id, seat_user_id, status, at)
      SELECT ${tenantId}::uuid, ${appId}::uuid, v.seat, v.status, v.at
      FROM unnest(${seen.map((entry) => entry.seatUserId)}::text[],
                  ${seen.map((entry) => entry.status)}::text[],
                  ${seen.map((entry) => entry.at.toISOString())}::timestamptz[]) AS v(seat, status, at)
      WHERE v.status IS DISTINCT FROM (
        SELECT p.status FROM presence_events p
        WHERE p.app_id = ${appId}::uuid AND p.seat_user_id = v.seat
        ORDER BY p.at DESC, p.id DESC LIMIT 1)
      ON CONFLICT DO NOTHING`;
  }

  history(
    tenantId: string,
    appId: string,
    seatUserId: string,
    since: Date,
    take: number,
  ): Promise<{ status: string; at: Date }[]> {
    return this.db.client.presenceEvent.findMany({
      where: { tenantId, appId, seatUserId, at: { gte: since } },
      select: { status: true, at: true },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /**
   * Hours per seat and day of `timeZone` in any status but offline, dates `first` to `last`
   * (YYYY-MM-DD, both included). A status lasts until the seat's next change; the last one until
   * now. The status a seat had when the period began comes from the last change before it.
   */
  async onlineHours(
    tenantId: string,
    first: string,
    last: string,
    timeZone: string,
  ): Promise<OnlineHoursRow[]> {
    return this.db.client.$queryRaw<OnlineHoursRow[]>`
      WITH bounds AS (
        SELECT (${first}::date::timestamp AT TIME ZONE ${timeZone}::text) AS lo,
               ((${last}::date + 1)::timestamp AT TIME ZONE ${timeZone}::text) AS hi
      ),
      spans AS (
        SELECT app_id, seat_user_id, status, at,
               coalesce(lead(at) OVER (PARTITION BY app_id, seat_user_id ORDER BY at, id), now()) AS until
        FROM presence_events
        WHERE tenant_id = ${tenantId}::uuid
      ),
      online AS (
        SELECT s.app_id, s.seat_user_id, greatest(s.at, b.lo) AS since, least(s.until, b.hi) AS until
        FROM spans s, bounds b
        WHERE s.status <> 'offline' AND s.until > b.lo AND s.at < b.hi
      ),
      days AS (
        SELECT day::date AS day,
               (day::date::timestamp AT TIME ZONE ${timeZone}::text) AS lo,
               ((day::date + 1)::timestamp AT TIME ZONE ${timeZone}::text) AS hi
        FROM generate_series(${first}::date, ${last}::date, interval '1 day') AS day
      )
      SELECT o.app_id AS "appId", o.seat_user_id AS "seatUserId", to_char(d.day, 'YYYY-MM-DD') AS date,
             (sum(extract(epoch FROM least(o.until, d.hi) - greatest(o.since, d.lo))) / 3600)::float8 AS hours
      FROM online o JOIN days d ON o.since < d.hi AND o.until > d.lo
      GROUP BY 1, 2, 3
      ORDER BY 3, 1, 2`;
  }

  /** Deletes what each tenant's retention no longer keeps; the default for tenants that set none. */
  sweep(defaultDays: number): Promise<number> {
    return this.db.client.$executeRaw`
      DELETE FROM presence_events p USING tenants t
      WHERE p.tenant_id = t.id
        AND p.at < now() - make_interval(days => coalesce((t.settings->>'presenceRetentionDays')::int, ${defaultDays}::int))`;
  }
}
