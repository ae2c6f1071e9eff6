// The seat_mappings table, which only the seats module queries: lists, CRUD, clash checks, bulk
// import, and the counts and per-app mappings that SeatDirectory hands to other modules.
import { Injectable } from '@nestjs/common';
import type { KeysetCursor } from '../../common/pagination/cursor';
import type { Prisma, SeatStatus } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma/prisma.service';

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

@Injectable()
export class SeatsRepository {
  constructor(private readonly prisma: PrismaService) {}

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
    return this.prisma.seatMapping.findMany({
      where: { AND: [this.where(tenantId, filter), after] },
      include: withApp,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  find(tenantId: string, seatId: string, tx: Tx = this.prisma): Promise<SeatRecord | null> {
    return tx.seatMapping.findFirst({ where: { id: seatId, tenantId }, include: withApp });
  }

  create(tx: Tx, data: NewSeat): Promise<SeatRecord> {
    return tx.seatMapping.create({ data, include: withApp });
  }

  update(
    tx: Tx,
    tenantId: string,
    seatId: string,
    data: { seatUserId?: string; displayName?: string | null; status?: SeatStatus },
  ): Promise<SeatRecord> {
    return tx.seatMapping.update({ where: { id: seatId, tenantId }, data, include: withApp });
  }

  async delete(tx: Tx, tenantId: string, seatId: string): Promise<void> {
    await tx.seatMapping.delete({ where: { id: seatId, tenantId } });
  }

  /** Mappings in these apps that hold any of these seats or business users. */
  findClashes(
    tenantId: string,
    appId: string,
    seatUserIds: string[],
    businessUserIds: string[],
  ): Promise<{ businessUserId: string; seatUserId: string }[]> {
    return this.prisma.seatMapping.findMany({
      where: {
        tenantId,
        appId,
        OR: [{ seatUserId: { in: seatUserIds } }, { businessUserId: { in: businessUserIds } }],
      },
      select: { businessUserId: true, seatUserId: true },
    });
  }

  /** Bulk insert for imports: one statement per 10 000 rows, arrays unnested server-side. */
  async createMany(
    tx: Tx,
    tenantId: string,
    rows: (Omit<NewSeat, 'tenantId'> & { status: SeatStatus })[],
  ): Promise<number> {
    let created = 0;
    for (let start = 0; start < rows.length; start += 10_000) {
      const chunk = rows.slice(start, start + 10_000);
      created += await tx.$executeRaw`
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
    return created;
  }

  countOfTenant(tenantId: string, tx: Tx = this.prisma): Promise<number> {
    return tx.seatMapping.count({ where: { tenantId } });
  }

  countOfApp(tenantId: string, appId: string, tx: Tx = this.prisma): Promise<number> {
    return tx.seatMapping.count({ where: { tenantId, appId } });
  }

  async countsByAppAndStatus(
    tenantId: string,
  ): Promise<{ appId: string; status: SeatStatus; count: number }[]> {
    const groups = await this.prisma.seatMapping.groupBy({
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
    return this.prisma.seatMapping.findMany({
      where: { tenantId, appId },
      select: { id: true, seatUserId: true, businessUserId: true },
    });
  }
}
