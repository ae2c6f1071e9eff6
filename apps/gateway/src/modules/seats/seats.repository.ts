// The seat_mappings table, which only the seats module queries: lists, CRUD, clash checks, bulk
// import, and the counts and per-app mappings that SeatDirectory hands to other modules. Writes
// join the caller's unit of work; a seat or business user mapped twice in one app is a domain
// error, told apart by the unique index hit.
import { Injectable } from '@nestjs/common';
import type { SeatSortKey } from '@seatgate/contracts';
import type { KeysetCursor } from '../../common/pagination/cursor';
import type { SortCursor, SortOrder } from '../../common/pagination/sort-cursor';
import { Prisma, type AppStatus, type SeatOrigin, type SeatStatus } from '../../generated/prisma/client';
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
  origin: SeatOrigin;
  staffNumber: string | null;
  phone: string | null;
  role: number | null;
  skillGroups: string[];
  offlineRequiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  sdkAppId: bigint;
  signedOutAt: Date | null;
  signedOutReason: string | null;
  autoSignedOut: string | null;
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

/** A mapping made by the seat lifecycle: created in TCCC by Seatgate, or adopted, with its attributes. */
export interface LifecycleSeat extends NewSeat {
  origin: SeatOrigin;
  staffNumber: string | null;
  phone: string | null;
  role: number | null;
  skillGroups: string[];
}

/** A mapping as the reconcile plan reads it. */
export interface ReconcileMapping {
  id: string;
  businessUserId: string;
  seatUserId: string;
  displayName: string | null;
  status: SeatStatus;
  origin: SeatOrigin;
  staffNumber: string | null;
  phone: string | null;
  role: number | null;
  skillGroups: string[];
  offlineRequiredAt: Date | null;
}

/** A business user's mapping as a login reads it, with what the login needs of its app. */
export interface BusinessUserSeat {
  seatUserId: string;
  displayName: string | null;
  status: SeatStatus;
  /** why an admin signed the seat out, while it is signed out */
  signedOutReason: string | null;
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
    signedOutReason: string | null;
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
          m.signed_out_reason AS "signedOutReason", a.id AS "appId", a.tenant_id AS "appTenantId", a.sdk_app_id::text AS "sdkAppId",
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
      signedOutReason: row.signedOutReason,
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
             m.origin::text AS origin, m.staff_number AS "staffNumber", m.phone, m.role::int AS role,
             m.skill_groups AS "skillGroups", m.offline_required_at AS "offlineRequiredAt",
             m.created_at AS "createdAt", m.updated_at AS "updatedAt", a.sdk_app_id AS "sdkAppId",
             m.signed_out_at AS "signedOutAt", m.signed_out_reason AS "signedOutReason",
             m.auto_signed_out AS "autoSignedOut"
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

  /**
   * The mapping of an app that holds a seat or a business user, to name a conflict (after the
   * failed write's transaction has ended: a unique violation aborts it).
   */
  holderInApp(
    tenantId: string,
    appId: string,
    by: { seatUserId: string } | { businessUserId: string },
  ): Promise<{ businessUserId: string; seatUserId: string } | null> {
    return this.db.client.seatMapping.findFirst({
      where: { tenantId, appId, ...by },
      select: { businessUserId: true, seatUserId: true },
    });
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
    data: {
      seatUserId?: string;
      displayName?: string | null;
      status?: SeatStatus;
      staffNumber?: string;
      phone?: string;
      skillGroups?: string[];
    },
  ): Promise<SeatRecord> {
    return translateViolations(
      () => this.db.client.seatMapping.update({ where: { id: seatId, tenantId }, data, include: withApp }),
      seatClash,
    );
  }

  /** Marks the mapping signed out (a reason) or restored (null); joins the caller's unit of work. */
  setSignedOut(tenantId: string, seatId: string, reason: string | null): Promise<SeatRecord> {
    return this.db.client.seatMapping.update({
      where: { id: seatId, tenantId },
      data: { signedOutAt: reason === null ? null : new Date(), signedOutReason: reason },
      include: withApp,
    });
  }

  /**
   * Every mapping of the tenant (optionally of one app or business user, or these ids), for the
   * sessions view and the automatic sign-out.
   */
  sessionsOf(
    tenantId: string,
    filter: { appId?: string; businessUserId?: string; ids?: string[]; autoSignedOut?: string },
  ): Promise<
    {
      id: string;
      appId: string;
      seatUserId: string;
      businessUserId: string;
      displayName: string | null;
      status: SeatStatus;
      signedOutAt: Date | null;
      signedOutReason: string | null;
      autoSignedOut: string | null;
    }[]
  > {
    return this.db.client.seatMapping.findMany({
      where: {
        tenantId,
        appId: filter.appId,
        businessUserId: filter.businessUserId,
        ...(filter.ids ? { id: { in: filter.ids } } : {}),
        ...(filter.autoSignedOut ? { autoSignedOut: filter.autoSignedOut } : {}),
      },
      select: {
        id: true,
        appId: true,
        seatUserId: true,
        businessUserId: true,
        displayName: true,
        status: true,
        signedOutAt: true,
        signedOutReason: true,
        autoSignedOut: true,
      },
      orderBy: [{ businessUserId: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * Sets the automatic sign-out's cause (null clears it; `only` clears it only while it is that
   * cause). Answers whether the mapping was changed (false: gone, or another cause). Joins the
   * caller's unit of work.
   */
  async setAutoSignedOut(
    tenantId: string,
    seatId: string,
    cause: string | null,
    only?: string,
  ): Promise<boolean> {
    const changed = await this.db.client.$executeRaw`
      UPDATE seat_mappings SET auto_signed_out = ${cause}
      WHERE tenant_id = ${tenantId}::uuid AND id = ${seatId}::uuid
        AND (${only ?? null}::text IS NULL OR auto_signed_out = ${only ?? null}::text)`;
    return changed > 0;
  }

  /** Every app with mapped seats, across tenants, with their seats (the presence poller's round). */
  async mappedSeatsByApp(): Promise<{ tenantId: string; appId: string; seatUserIds: string[] }[]> {
    return this.db.client.$queryRaw<{ tenantId: string; appId: string; seatUserIds: string[] }[]>`
      SELECT tenant_id AS "tenantId", app_id AS "appId", array_agg(seat_user_id ORDER BY seat_user_id) AS "seatUserIds"
      FROM seat_mappings GROUP BY tenant_id, app_id ORDER BY tenant_id, app_id`;
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

  /**
   * Inserts these mappings of one tenant, skipping any that clash with a stored one (a seat or
   * business user mapped meanwhile); answers the business users whose mapping it inserted.
   */
  async insertLifecycle(tenantId: string, rows: Omit<LifecycleSeat, 'tenantId'>[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await this.db.client.$queryRaw<{ businessUserId: string }[]>`
      INSERT INTO seat_mappings (id, tenant_id, app_id, business_user_id, seat_user_id, display_name, status,
                                 origin, staff_number, phone, role, skill_groups, created_at, updated_at)
      SELECT gen_random_uuid(), ${tenantId}::uuid, app_id, business_user_id, seat_user_id, display_name,
             'enabled'::"SeatStatus", origin::"SeatOrigin", staff_number, phone, role,
             ARRAY(SELECT jsonb_array_elements_text(skill_groups::jsonb)), now(), now()
      FROM unnest(
        ${rows.map((row) => row.appId)}::uuid[],
        ${rows.map((row) => row.businessUserId)}::text[],
        ${rows.map((row) => row.seatUserId)}::text[],
        ${rows.map((row) => row.displayName)}::text[],
        ${rows.map((row) => row.origin)}::text[],
        ${rows.map((row) => row.staffNumber)}::text[],
        ${rows.map((row) => row.phone)}::text[],
        ${rows.map((row) => row.role)}::smallint[],
        ${rows.map((row) => JSON.stringify(row.skillGroups))}::text[]
      ) AS input(app_id, business_user_id, seat_user_id, display_name, origin, staff_number, phone, role, skill_groups)
      ON CONFLICT DO NOTHING
      RETURNING business_user_id AS "businessUserId"`;
    const done = new Set(inserted.map((row) => row.businessUserId));
    await this.recordProvisioned(
      tenantId,
      rows.filter((row) => row.origin === 'provisioned' && done.has(row.businessUserId)),
    );
    return done;
  }

  /**
   * Remembers seats Seatgate created in TCCC (the provisioned_seats ledger), so that the reconcile
   * plan still knows them once their mapping is removed by hand.
   */
  async recordProvisioned(
    tenantId: string,
    seats: { appId: string; seatUserId: string; businessUserId: string }[],
  ): Promise<void> {
    if (seats.length === 0) return;
    await this.db.client.$executeRaw`
      INSERT INTO provisioned_seats (tenant_id, app_id, seat_user_id, business_user_id)
      SELECT ${tenantId}::uuid, app_id, lower(seat_user_id), business_user_id
      FROM unnest(
        ${seats.map((seat) => seat.appId)}::uuid[],
        ${seats.map((seat) => seat.seatUserId)}::text[],
        ${seats.map((seat) => seat.businessUserId)}::text[]
      ) AS input(app_id, seat_user_id, business_user_id)
      ON CONFLICT (app_id, seat_user_id) DO UPDATE SET business_user_id = EXCLUDED.business_user_id`;
  }

  /** Forgets a seat TCCC no longer has (deleted by offboarding or the reconcile plan). */
  async forgetProvisioned(tenantId: string, appId: string, seatUserId: string): Promise<void> {
    await this.db.client.$executeRaw`
      DELETE FROM provisioned_seats
      WHERE tenant_id = ${tenantId}::uuid AND app_id = ${appId}::uuid AND seat_user_id = lower(${seatUserId})`;
  }

  /** The seats Seatgate created in this app, by lower-case seat id → business user. */
  async provisionedOfApp(tenantId: string, appId: string): Promise<Map<string, string>> {
    const rows = await this.db.client.$queryRaw<{ seatUserId: string; businessUserId: string }[]>`
      SELECT seat_user_id AS "seatUserId", business_user_id AS "businessUserId" FROM provisioned_seats
      WHERE tenant_id = ${tenantId}::uuid AND app_id = ${appId}::uuid`;
    return new Map(rows.map((row) => [row.seatUserId, row.businessUserId]));
  }

  /** Every mapping of one app with what the reconcile plan compares and a re-created seat needs. */
  reconcileMappings(tenantId: string, appId: string): Promise<ReconcileMapping[]> {
    return this.db.client.seatMapping.findMany({
      where: { tenantId, appId },
      select: {
        id: true,
        businessUserId: true,
        seatUserId: true,
        displayName: true,
        status: true,
        origin: true,
        staffNumber: true,
        phone: true,
        role: true,
        skillGroups: true,
        offlineRequiredAt: true,
      },
      orderBy: { seatUserId: 'asc' },
    });
  }

  /** One mapping as the reconcile job reads it before acting on its line. */
  reconcileMapping(tenantId: string, seatId: string): Promise<ReconcileMapping | null> {
    return this.db.client.seatMapping.findFirst({
      where: { tenantId, id: seatId },
      select: {
        id: true,
        businessUserId: true,
        seatUserId: true,
        displayName: true,
        status: true,
        origin: true,
        staffNumber: true,
        phone: true,
        role: true,
        skillGroups: true,
        offlineRequiredAt: true,
      },
    });
  }

  /** Is this seat mapped in the app (any business user, any status)? */
  async seatMapped(tenantId: string, appId: string, seatUserId: string): Promise<boolean> {
    const rows = await this.db.client.$queryRaw<{ one: number }[]>`
      SELECT 1 AS one FROM seat_mappings
      WHERE tenant_id = ${tenantId}::uuid AND app_id = ${appId}::uuid AND lower(seat_user_id) = lower(${seatUserId})
      LIMIT 1`;
    return rows.length > 0;
  }

  /** The mapping's seat is now one Seatgate created (the reconcile plan re-created it in TCCC). */
  async markProvisioned(
    tenantId: string,
    seat: { id: string; appId: string; seatUserId: string; businessUserId: string },
  ): Promise<boolean> {
    const changed = await this.db.client.$executeRaw`
      UPDATE seat_mappings SET origin = 'provisioned'::"SeatOrigin", updated_at = now()
      WHERE tenant_id = ${tenantId}::uuid AND id = ${seat.id}::uuid`;
    await this.recordProvisioned(tenantId, [seat]);
    return changed === 1;
  }

  /** Deletes the mapping if it is still there and still disabled: true when this call deleted it. */
  async deleteIfDisabled(tenantId: string, seatId: string): Promise<boolean> {
    const deleted = await this.db.client.$executeRaw`
      DELETE FROM seat_mappings
      WHERE tenant_id = ${tenantId}::uuid AND id = ${seatId}::uuid AND status = 'disabled'::"SeatStatus"`;
    return deleted === 1;
  }

  /** Every mapping of one business user in the tenant, in any app. */
  ofBusinessUser(tenantId: string, businessUserId: string): Promise<SeatRecord[]> {
    return this.db.client.seatMapping.findMany({
      where: { tenantId, businessUserId },
      include: withApp,
      orderBy: { createdAt: 'asc' },
    });
  }

  /** Disables these mappings of the tenant (whatever their status); answers how many exist. */
  disableAll(tenantId: string, ids: string[]): Promise<number> {
    return this.db.client.$executeRaw`
      UPDATE seat_mappings SET status = 'disabled'::"SeatStatus", updated_at = now()
      WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`;
  }

  /** Records that the seat must go offline, once: true when this call recorded it. */
  async markOfflineRequired(tenantId: string, seatId: string): Promise<boolean> {
    const changed = await this.db.client.$executeRaw`
      UPDATE seat_mappings SET offline_required_at = now()
      WHERE tenant_id = ${tenantId}::uuid AND id = ${seatId}::uuid AND offline_required_at IS NULL`;
    return changed === 1;
  }

  /** Deletes the mapping if it is still there: true when this call deleted it. */
  async deleteIfExists(tenantId: string, seatId: string): Promise<boolean> {
    const deleted = await this.db.client.$executeRaw`
      DELETE FROM seat_mappings WHERE tenant_id = ${tenantId}::uuid AND id = ${seatId}::uuid`;
    return deleted === 1;
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
