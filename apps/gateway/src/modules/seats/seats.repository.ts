// The seat_mappings table, which only the seats module queries: lists, CRUD, clash checks, bulk
// import, and the counts and per-app mappings that SeatDirectory hands to other modules. Writes
// join the caller's unit of work; a seat or business user mapped twice in one app is a domain
// error, told apart by the unique index hit.
import { Injectable } from '@nestjs/common';
import type { SeatSortKey } from '@seatgate/contracts';
import type { KeysetCursor } from '../../common/pagination/cursor';
import type { SortCursor, SortOrder } from '../../common/pagination/sort-cursor';
import { Prisma, type AppStatus, type SeatStatus } from '../../generated/prisma/client';
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

/** What a sorted page asks for: the sort, and where the page starts (after a cursor, or an offset). */
export interface SeatSortedSlice {
  sort: SeatSortKey;
  order: SortOrder;
  after: SortCursor | null;
  offset: number;
  take: number;
}

/** The mappings a bulk action applies to: chosen by id, or every one matching a filter. */
export type SeatSelection = { ids: string[] } | { filter: SeatFilter };

/**
 * Each sortable column as SQL (constants only: the sort key is whitelisted by the schema) and the
 * type a cursor's text value is cast back to. Null display names sort as empty text so that the
 * (value, id) row comparison of keyset pagination never meets a NULL.
 */
const SORT_COLUMNS: Record<SeatSortKey, { expr: string; cast: string }> = {
  businessUserId: { expr: 'm.business_user_id', cast: 'text' },
  seatUserId: { expr: 'm.seat_user_id', cast: 'text' },
  displayName: { expr: "COALESCE(m.display_name, '')", cast: 'text' },
  sdkAppId: { expr: 'a.sdk_app_id', cast: 'bigint' },
  status: { expr: 'm.status::text', cast: 'text' },
  createdAt: { expr: 'm.created_at', cast: 'timestamptz' },
  updatedAt: { expr: 'm.updated_at', cast: 'timestamptz' },
};

/** A row's sort value as the text a cursor carries (and SORT_COLUMNS casts back). */
export function seatSortValue(seat: SeatRecord, sort: SeatSortKey): string {
  switch (sort) {
    case 'businessUserId':
      return seat.businessUserId;
    case 'seatUserId':
      return seat.seatUserId;
    case 'displayName':
      return seat.displayName ?? '';
    case 'sdkAppId':
      return seat.app.sdkAppId.toString();
    case 'status':
      return seat.status;
    case 'createdAt':
      return seat.createdAt.toISOString();
    case 'updatedAt':
      return seat.updatedAt.toISOString();
  }
}

interface SeatRow {
  id: string;
  tenantId: string;
  appId: string;
  businessUserId: string;
  seatUserId: string;
  displayName: string | null;
  status: SeatStatus;
  createdAt: Date;
  updatedAt: Date;
  sdkAppId: bigint;
}

/** `q` as an ILIKE pattern matching it literally anywhere. */
const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

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

  /** The filter as SQL over `seat_mappings m`: one definition for the list, its count and bulk actions. */
  private filterSql(tenantId: string, filter: SeatFilter): Prisma.Sql {
    const parts = [Prisma.sql`m.tenant_id = ${tenantId}::uuid`];
    if (filter.appId) parts.push(Prisma.sql`m.app_id = ${filter.appId}::uuid`);
    if (filter.status) parts.push(Prisma.sql`m.status = ${filter.status}::"SeatStatus"`);
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      parts.push(
        Prisma.sql`(m.business_user_id ILIKE ${pattern} OR m.seat_user_id ILIKE ${pattern} OR m.display_name ILIKE ${pattern})`,
      );
    }
    return Prisma.join(parts, ' AND ');
  }

  private selectionSql(tenantId: string, selection: SeatSelection): Prisma.Sql {
    return 'ids' in selection
      ? Prisma.sql`m.tenant_id = ${tenantId}::uuid AND m.id = ANY(${selection.ids}::uuid[])`
      : this.filterSql(tenantId, selection.filter);
  }

  /**
   * One page in any whitelisted sort, ties broken by id in the same direction: after a keyset
   * cursor (strictly after its (value, id) pair), or at an offset (for jumping to a page).
   */
  async sorted(tenantId: string, filter: SeatFilter, slice: SeatSortedSlice): Promise<SeatRecord[]> {
    const column = SORT_COLUMNS[slice.sort];
    const expr = Prisma.raw(column.expr);
    const direction = Prisma.raw(slice.order === 'asc' ? 'ASC' : 'DESC');
    const after = slice.after
      ? Prisma.sql`AND (${expr}, m.id) ${Prisma.raw(slice.order === 'asc' ? '>' : '<')} (CAST(${slice.after.value} AS ${Prisma.raw(column.cast)}), ${slice.after.id}::uuid)`
      : Prisma.empty;
    const rows = await this.db.client.$queryRaw<SeatRow[]>`
      SELECT m.id, m.tenant_id AS "tenantId", m.app_id AS "appId", m.business_user_id AS "businessUserId",
             m.seat_user_id AS "seatUserId", m.display_name AS "displayName", m.status::text AS status,
             m.created_at AS "createdAt", m.updated_at AS "updatedAt", a.sdk_app_id AS "sdkAppId"
      FROM seat_mappings m JOIN tccc_apps a ON a.id = m.app_id
      WHERE ${this.filterSql(tenantId, filter)} ${after}
      ORDER BY ${expr} ${direction}, m.id ${direction}
      LIMIT ${slice.take} OFFSET ${slice.offset}`;
    return rows.map(({ sdkAppId, ...seat }) => ({ ...seat, app: { sdkAppId } }));
  }

  /** How many mappings match the filter (exact: see docs/seats-list.md for why no estimate). */
  async count(tenantId: string, filter: SeatFilter): Promise<number> {
    const [row] = await this.db.client.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM seat_mappings m WHERE ${this.filterSql(tenantId, filter)}`;
    return row?.count ?? 0;
  }

  /**
   * Locks the selected mappings for the caller's unit of work and returns their ids, at most
   * `limit + 1` of them (one more than allowed tells the caller the selection is too large).
   */
  async lockSelection(tenantId: string, selection: SeatSelection, limit: number): Promise<string[]> {
    const rows = await this.db.client.$queryRaw<{ id: string }[]>`
      SELECT m.id FROM seat_mappings m WHERE ${this.selectionSql(tenantId, selection)}
      ORDER BY m.id LIMIT ${limit + 1} FOR UPDATE`;
    return rows.map((row) => row.id);
  }

  countSelection(tenantId: string, selection: SeatSelection): Promise<number> {
    return 'ids' in selection
      ? this.db.client.seatMapping.count({ where: { tenantId, id: { in: selection.ids } } })
      : this.count(tenantId, selection.filter);
  }

  /** Sets the status of these mappings of the tenant; returns how many changed. */
  setStatusOfMany(tenantId: string, ids: string[], status: SeatStatus): Promise<number> {
    return this.db.client.$executeRaw`
      UPDATE seat_mappings SET status = ${status}::"SeatStatus", updated_at = now()
      WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[]) AND status <> ${status}::"SeatStatus"`;
  }

  /** Deletes these mappings of the tenant; returns how many were deleted. */
  deleteMany(tenantId: string, ids: string[]): Promise<number> {
    return this.db.client.$executeRaw`
      DELETE FROM seat_mappings WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`;
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

  async businessUsersWithoutSeatIn(tenantId: string, appId: string): Promise<string[]> {
    const rows = await this.db.client.$queryRaw<{ businessUserId: string }[]>`
      SELECT DISTINCT m.business_user_id AS "businessUserId" FROM seat_mappings m
      WHERE m.tenant_id = ${tenantId}::uuid AND NOT EXISTS (
        SELECT 1 FROM seat_mappings o
        WHERE o.tenant_id = m.tenant_id AND o.app_id = ${appId}::uuid AND o.business_user_id = m.business_user_id)
      ORDER BY 1`;
    return rows.map((row) => row.businessUserId);
  }
}
