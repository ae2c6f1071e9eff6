// The seat_mappings table, which only the seats module queries: lists, CRUD, clash checks, bulk
// import, and the counts and per-app mappings that SeatDirectory hands to other modules. Writes
// join the caller's unit of work; a seat or business user mapped twice in one app is a domain
// error, told apart by the unique index hit.
import { Injectable } from '@nestjs/common';
import type { KeysetCursor } from '../../common/pagination/cursor';
import type { AppStatus, Prisma, SeatStatus } from '../../generated/prisma/client';
import { translateViolations, type ConstraintViolation } from '../../prisma/constraint-violation';
import { PgPool, prepared } from '../../database/pg-pool';
import { Database } from '../../prisma/database';
import { seatErrors } from './seats.errors';

const withApp = { app: { select: { sdkAppId: true } } } satisfies Prisma.SeatMappingInclude;
export type SeatRecord = Prisma.SeatMappingGetPayload<{ include: typeof withApp }>;

export interface SeatFilter {
  appId?: string;
  status?: SeatStatus;
  q?: string;
}

export interface NewSeat {
  tenantId: string;
  appId: string;
  businessUserId: string;
  seatUserId: string;
  displayName: string | null;
}

/** A business user's mapping as a login reads it, with what the login needs of its app. */
export interface BusinessUserSeat {
  seatUserId: string;
  displayName: string | null;
  status: SeatStatus;
  app: {
    id: string;
    tenantId: string;
    sdkAppId: number;
    status: AppStatus;
    region: string | null;
    secretIdEnc: string;
    secretKeyEnc: string;
  };
}

const FIND_SEATS = prepared<
  [tenantId: string, businessUserId: string],
  {
    seatUserId: string;
    displayName: string | null;
    status: SeatStatus;
    appId: string;
    appTenantId: string;
    sdkAppId: string;
    appStatus: AppStatus;
    region: string | null;
    secretIdEnc: string;
    secretKeyEnc: string;
  }
>(
  'seats_for_business_user',
  `SELECT m.seat_user_id AS "seatUserId", m.display_name AS "displayName", m.status::text AS status,
          a.id AS "appId", a.tenant_id AS "appTenantId", a.sdk_app_id::text AS "sdkAppId",
          a.status::text AS "appStatus", a.region, a.secret_id_enc AS "secretIdEnc",
          a.secret_key_enc AS "secretKeyEnc"
   FROM seat_mappings m JOIN tccc_apps a ON a.id = m.app_id
   WHERE m.tenant_id = $1 AND m.business_user_id = $2
   ORDER BY m.created_at, m.id`,
);

function seatClash(violation: ConstraintViolation): Error | null {
  if (violation.kind !== 'unique') return null;
  switch (violation.constraint) {
    case 'seat_mappings_app_id_seat_user_id_key':
      return seatErrors.seatUserTaken();
    case 'seat_mappings_app_id_business_user_id_key':
      return seatErrors.businessUserTaken();
    default:
      return null;
  }
}

@Injectable()
export class SeatsRepository {
  constructor(
    private readonly db: Database,
    private readonly pool: PgPool,
  ) {}

  /**
   * Every mapping of one business user in one tenant, with what a login needs of its app: the login
   * hot path's read, one named prepared statement on the shared pool.
   */
  async forBusinessUser(tenantId: string, businessUserId: string): Promise<BusinessUserSeat[]> {
    const rows = await this.pool.run(FIND_SEATS, [tenantId, businessUserId]);
    return rows.map((row) => ({
      seatUserId: row.seatUserId,
      displayName: row.displayName,
      status: row.status,
      app: {
        id: row.appId,
        tenantId: row.appTenantId,
        sdkAppId: Number(row.sdkAppId),
        status: row.appStatus,
        region: row.region,
        secretIdEnc: row.secretIdEnc,
        secretKeyEnc: row.secretKeyEnc,
      },
    }));
  }

  private where(tenantId: string, filter: SeatFilter): Prisma.SeatMappingWhereInput {
    return {
      tenantId,
      appId: filter.appId,
      status: filter.status,
      ...(filter.q
        ? {
            OR: [
              { businessUserId: { contains: filter.q, mode: 'insensitive' } },
              { seatUserId: { contains: filter.q, mode: 'insensitive' } },
              { displayName: { contains: filter.q, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  list(
    tenantId: string,
    filter: SeatFilter,
    cursor: KeysetCursor | null,
    take: number,
  ): Promise<SeatRecord[]> {
    const after: Prisma.SeatMappingWhereInput = cursor
      ? {
          OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
        }
      : {};
    return this.db.client.seatMapping.findMany({
      where: { AND: [this.where(tenantId, filter), after] },
      include: withApp,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  find(tenantId: string, seatId: string): Promise<SeatRecord | null> {
    return this.db.client.seatMapping.findFirst({ where: { id: seatId, tenantId }, include: withApp });
  }

  create(data: NewSeat): Promise<SeatRecord> {
    return translateViolations(
      () => this.db.client.seatMapping.create({ data, include: withApp }),
      seatClash,
    );
  }

  update(
    tenantId: string,
    seatId: string,
    data: { seatUserId?: string; displayName?: string | null; status?: SeatStatus },
  ): Promise<SeatRecord> {
    return translateViolations(
      () => this.db.client.seatMapping.update({ where: { id: seatId, tenantId }, data, include: withApp }),
      seatClash,
    );
  }

  async delete(tenantId: string, seatId: string): Promise<void> {
    await this.db.client.seatMapping.delete({ where: { id: seatId, tenantId } });
  }

  /** Mappings in these apps that hold any of these seats or business users. */
  findClashes(
    tenantId: string,
    appId: string,
    seatUserIds: string[],
    businessUserIds: string[],
  ): Promise<{ businessUserId: string; seatUserId: string }[]> {
    return this.db.client.seatMapping.findMany({
      where: {
        tenantId,
        appId,
        OR: [{ seatUserId: { in: seatUserIds } }, { businessUserId: { in: businessUserIds } }],
      },
      select: { businessUserId: true, seatUserId: true },
    });
  }

  /**
   * Bulk insert for imports: one statement per 10 000 rows, arrays unnested server-side. A clash
   * with a stored mapping fails as seat_user_taken or business_user_taken.
   */
  async createMany(
    tenantId: string,
    rows: (Omit<NewSeat, 'tenantId'> & { status: SeatStatus })[],
  ): Promise<number> {
    let created = 0;
    for (let start = 0; start < rows.length; start += 10_000) {
      const chunk = rows.slice(start, start + 10_000);
      created += await translateViolations(() => this.insertChunk(tenantId, chunk), seatClash);
    }
    return created;
  }

  private insertChunk(
    tenantId: string,
    chunk: (Omit<NewSeat, 'tenantId'> & { status: SeatStatus })[],
  ): Promise<number> {
    return this.db.client.$executeRaw`
        INSERT INTO seat_mappings (id, tenant_id, app_id, business_user_id, seat_user_id, display_name, status, created_at, updated_at)
        SELECT gen_random_uuid(), ${tenantId}::uuid, app_id, business_user_id, seat_user_id, display_name, status::"SeatStatus", now(), now()
        FROM unnest(
          ${chunk.map((row) => row.appId)}::uuid[],
          ${chunk.map((row) => row.businessUserId)}::text[],
          ${chunk.map((row) => row.seatUserId)}::text[],
          ${chunk.map((row) => row.displayName)}::text[],
          ${chunk.map((row) => row.status)}::text[]
        ) AS input(app_id, business_user_id, seat_user_id, display_name, status)`;
  }

  countOfTenant(tenantId: string): Promise<number> {
    return this.db.client.seatMapping.count({ where: { tenantId } });
  }

  countOfApp(tenantId: string, appId: string): Promise<number> {
    return this.db.client.seatMapping.count({ where: { tenantId, appId } });
  }

  async countsByAppAndStatus(
    tenantId: string,
  ): Promise<{ appId: string; status: SeatStatus; count: number }[]> {
    const groups = await this.db.client.seatMapping.groupBy({
      by: ['appId', 'status'],
      where: { tenantId },
      _count: { _all: true },
    });
    return groups.map((group) => ({ appId: group.appId, status: group.status, count: group._count._all }));
  }

  mappingsOfApp(
    tenantId: string,
    appId: string,
  ): Promise<{ id: string; seatUserId: string; businessUserId: string }[]> {
    return this.db.client.seatMapping.findMany({
      where: { tenantId, appId },
      select: { id: true, seatUserId: true, businessUserId: true },
    });
  }
}
