// What other modules may know about seat mappings: a business user's seats (a login), counts
// (tenants, apps, overview) and one app's mappings (apps' staff view, the overview's comparison
// with TCCC). The seats module owns the
// seat_mappings table; other modules ask here instead of querying it.
import { Injectable } from '@nestjs/common';
import type { SeatStatus } from '../../generated/prisma/client';
import { SeatsRepository, type BusinessUserSeat, type SeatRecord } from './seats.repository';

export type { BusinessUserSeat, SeatRecord } from './seats.repository';

export type SeatSession = Awaited<ReturnType<SeatsRepository['sessionsOf']>>[number];

export interface SeatCount {
  appId: string;
  status: SeatStatus;
  count: number;
}

export interface AppSeatMapping {
  id: string;
  seatUserId: string;
  businessUserId: string;
}

@Injectable()
export class SeatDirectory {
  constructor(private readonly seats: SeatsRepository) {}

  /** Every mapping of one business user in one tenant, with its app (a login's read). */
  forBusinessUser(tenantId: string, businessUserId: string): Promise<BusinessUserSeat[]> {
    return this.seats.forBusinessUser(tenantId, businessUserId);
  }

  /** Every mapping of the tenant, e.g. to report how many a tenant deletion removes. */
  countOfTenant(tenantId: string): Promise<number> {
    return this.seats.countOfTenant(tenantId);
  }

  /** Joins the caller's unit of work, if there is one (e.g. an app's deletion counting its seats). */
  countByApp(tenantId: string, appId: string): Promise<number> {
    return this.seats.countOfApp(tenantId, appId);
  }

  /** The tenant's mappings counted per app and status. */
  countsByAppAndStatus(tenantId: string): Promise<SeatCount[]> {
    return this.seats.countsByAppAndStatus(tenantId);
  }

  mappingsOfApp(tenantId: string, appId: string): Promise<AppSeatMapping[]> {
    return this.seats.mappingsOfApp(tenantId, appId);
  }

  /** One mapping of the tenant, or null (another tenant's is not found either). */
  find(tenantId: string, seatId: string): Promise<SeatRecord | null> {
    return this.seats.find(tenantId, seatId);
  }

  /**
   * The sessions module's sign-out (a reason) and restore (null) of a seat: a login reads the mark
   * with the mapping it already reads. Joins the caller's unit of work.
   */
  setSignedOut(tenantId: string, seatId: string, reason: string | null): Promise<SeatRecord> {
    return this.seats.setSignedOut(tenantId, seatId, reason);
  }

  /** The tenant's mappings with their sign-out marks, for the sessions view and the automatic sign-out. */
  sessionsOf(
    tenantId: string,
    filter: { appId?: string; businessUserId?: string; ids?: string[]; autoSignedOut?: string },
  ): Promise<SeatSession[]> {
    return this.seats.sessionsOf(tenantId, filter);
  }

  /**
   * The automatic sign-out's mark (the cause, or null once restored; `only`: clear only that
   * cause's). Answers whether the mapping changed. Joins the caller's unit of work.
   */
  setAutoSignedOut(tenantId: string, seatId: string, cause: string | null, only?: string): Promise<boolean> {
    return this.seats.setAutoSignedOut(tenantId, seatId, cause, only);
  }

  /** Every app with mapped seats across tenants, with the seats: what the presence poller asks TCCC about. */
  mappedSeatsByApp(): Promise<{ tenantId: string; appId: string; seatUserIds: string[] }[]> {
    return this.seats.mappedSeatsByApp();
  }

  /** The tenant's business users (mapped in any of its apps) that have no seat in this app yet. */
  businessUsersWithoutSeatIn(tenantId: string, appId: string): Promise<string[]> {
    return this.seats.businessUsersWithoutSeatIn(tenantId, appId);
  }
}
