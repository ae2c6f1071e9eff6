// What other modules may know about seat mappings: a business user's seats (a login), counts
// (tenants, apps, overview) and one app's mappings (apps' staff view, the overview's comparison
// with TCCC). The seats module owns the
// seat_mappings table; other modules ask here instead of querying it.
import { Injectable } from '@nestjs/common';
import type { SeatStatus } from '../../generated/prisma/client';
import { SeatsRepository, type BusinessUserSeat } from './seats.repository';

export type { BusinessUserSeat } from './seats.repository';

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

  /** The tenant's business users (mapped in any of its apps) that have no seat in this app yet. */
  businessUsersWithoutSeatIn(tenantId: string, appId: string): Promise<string[]> {
    return this.seats.businessUsersWithoutSeatIn(tenantId, appId);
  }
}
