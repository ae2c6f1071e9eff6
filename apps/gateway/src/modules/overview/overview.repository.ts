// Reads for the overview: login counts aggregated from the tenant's audit trail, and seat mappings
// counted per app. Every query filters by the tenant id it is given.
import { Injectable } from '@nestjs/common';
import type { AuditAction } from '@seatgate/contracts';
import type { SeatStatus, TcccApp } from '../../generated/prisma/client';
import { Database } from '../../prisma/database';

/** The audit actions the overview counts (written by the login module). */
export const LOGIN_ACTIONS = [
  'login.issued',
  'login.redeemed',
  'login.denied',
  'login.replay',
  'login.late_use',
] as const satisfies readonly AuditAction[];
export type LoginAction = (typeof LOGIN_ACTIONS)[number];

/** A tenant's TCCC app, as the overview reads it. */
export type OverviewApp = TcccApp;

export interface LoginCountRow {
  /** UTC calendar date, YYYY-MM-DD */
  day: string;
  action: LoginAction;
  /** details.reason (login.denied carries one); null otherwise */
  reason: string | null;
  count: number;
}

export interface SeatCountRow {
  appId: string;
  status: SeatStatus;
  count: number;
}

@Injectable()
export class OverviewRepository {
  constructor(private readonly db: Database) {}

  /**
   * Login events since `from`, counted per UTC day, action and denial reason, in one aggregate
   * over the (tenant_id, occurred_at) index. Days and `from` are UTC whatever the session's
   * TimeZone (the driver adapter sends a Date without its offset, hence the ISO string).
   */
  async loginCounts(tenantId: string, from: Date): Promise<LoginCountRow[]> {
    const rows = await this.db.client.$queryRaw<
      { day: string; action: LoginAction; reason: string | null; count: number }[]
    >`
      SELECT to_char(date_trunc('day', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
             action,
             CASE WHEN action = 'login.denied' THEN details->>'reason' END AS reason,
             count(*)::int AS count
      FROM audit_events
      WHERE tenant_id = ${tenantId}::uuid
        AND occurred_at >= ${from.toISOString()}::timestamptz
        AND action = ANY(${[...LOGIN_ACTIONS]}::text[])
      GROUP BY 1, 2, 3`;
    return rows;
  }

  /** The tenant's apps, oldest first (a tenant has a handful). */
  apps(tenantId: string): Promise<OverviewApp[]> {
    return this.db.client.tcccApp.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async seatCounts(tenantId: string): Promise<SeatCountRow[]> {
    const groups = await this.db.client.seatMapping.groupBy({
      by: ['appId', 'status'],
      where: { tenantId },
      _count: { _all: true },
    });
    return groups.map((group) => ({ appId: group.appId, status: group.status, count: group._count._all }));
  }

  /** The seats mapped in one app, to compare with what TCCC lists. */
  async mappedSeatUsers(tenantId: string, appId: string): Promise<string[]> {
    const rows = await this.db.client.seatMapping.findMany({
      where: { tenantId, appId },
      select: { seatUserId: true },
    });
    return rows.map((row) => row.seatUserId);
  }
}
