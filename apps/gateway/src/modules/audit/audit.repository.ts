// Audit storage. Appends lock only their own chain's head row, so chains never wait on each other.
// Chain heads are created with their chain (a tenant, or the platform's by the migration); an
// append that finds none creates it, for chains that predate that rule.
import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditOutcome } from '@seatgate/contracts';
import { randomUUID } from 'node:crypto';
import type { KeysetCursor } from '../../common/pagination/cursor';
import { PgPool, prepared } from '../../database/pg-pool';
import type { Prisma } from '../../generated/prisma/client';
import { Database } from '../../prisma/database';
import { PrismaService } from '../../prisma/prisma.service';
import { AUDIT_APPEND_CTES } from './audit-append.sql';
import { GENESIS_HASH, HASH_VERSION_V1, eventHash, type ChainedEvent } from './audit-chain';

export interface AuditFilter {
  /** null: every tenant and the platform chain */
  tenantIds: string[] | null;
  tenantId?: string;
  actor?: string;
  actionPrefix?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
}

export interface AuditDayCount {
  /** UTC calendar date, YYYY-MM-DD */
  day: string;
  action: string;
  /** details.reason, when the event carries one */
  reason: string | null;
  count: number;
}

export type NewAuditEvent = Omit<
  ChainedEvent,
  'id' | 'seq' | 'prevHash' | 'hash' | 'details' | 'hashVersion'
> & {
  details: Prisma.InputJsonValue;
};

/** One standalone event (hash version 2) in one statement; `appended` is 0 when its chain has no head. */
const APPEND_ALONE = prepared<[content: string], { appended: number }>(
  'audit_append_alone',
  `WITH RECURSIVE audit_content AS (SELECT 1::bigint AS n, $1::text AS content)${AUDIT_APPEND_CTES}
   SELECT count(*)::int AS appended FROM audit_event`,
);

@Injectable()
export class AuditRepository {
  constructor(
    private readonly db: Database,
    /** for what must not join a unit of work: the fallback that opens an old chain on its own */
    private readonly prisma: PrismaService,
    private readonly pool: PgPool,
  ) {}

  /** Creates a chain's head (genesis) if it has none; inside the unit of work that creates the chain. */
  async openChain(chainId: string): Promise<void> {
    await this.db.client
      .$executeRaw`INSERT INTO audit_chain_heads (chain_id, seq, hash) VALUES (${chainId}, 0, ${GENESIS_HASH}) ON CONFLICT (chain_id) DO NOTHING`;
  }

  /** Creates a chain's head outside any transaction (the fallback for chains that predate heads). */
  async openChainAlone(chainId: string): Promise<void> {
    await this.prisma
      .$executeRaw`INSERT INTO audit_chain_heads (chain_id, seq, hash) VALUES (${chainId}, 0, ${GENESIS_HASH}) ON CONFLICT (chain_id) DO NOTHING`;
  }

  /** Appends an event given by its version-2 content, on its own: false when its chain has no head. */
  async appendAlone(content: string): Promise<boolean> {
    const [row] = await this.pool.run(APPEND_ALONE, [content]);
    return (row?.appended ?? 0) === 1;
  }

  /** Version 1, inside the caller's unit of work (admin changes): the head stays locked until commit. */
  async append(event: NewAuditEvent): Promise<ChainedEvent> {
    const tx = this.db.client;
    const lockHead = () =>
      tx.$queryRaw<
        { seq: bigint; hash: string }[]
      >`SELECT seq, hash FROM audit_chain_heads WHERE chain_id = ${event.chainId} FOR UPDATE`;
    let heads = await lockHead();
    if (heads.length === 0) {
      await this.openChain(event.chainId);
      heads = await lockHead();
    }
    const head = heads[0] ?? { seq: 0n, hash: GENESIS_HASH };
    const unhashed = { ...event, id: randomUUID(), seq: head.seq + 1n, prevHash: head.hash };
    const chained: ChainedEvent = { ...unhashed, hash: eventHash(unhashed), hashVersion: HASH_VERSION_V1 };
    await tx.auditEvent.create({ data: { ...chained, details: event.details } });
    await tx.auditChainHead.update({
      where: { chainId: event.chainId },
      data: { seq: chained.seq, hash: chained.hash },
    });
    return chained;
  }

  private where(filter: AuditFilter): Prisma.AuditEventWhereInput {
    const and: Prisma.AuditEventWhereInput[] = [];
    if (filter.tenantIds !== null) and.push({ tenantId: { in: filter.tenantIds } });
    if (filter.tenantId) and.push({ tenantId: filter.tenantId });
    if (filter.actor) {
      and.push({
        OR: [{ actorId: filter.actor }, { actorDisplay: { contains: filter.actor, mode: 'insensitive' } }],
      });
    }
    if (filter.actionPrefix) and.push({ action: { startsWith: filter.actionPrefix } });
    if (filter.action) and.push({ action: filter.action });
    if (filter.outcome) and.push({ outcome: filter.outcome });
    if (filter.from) and.push({ occurredAt: { gte: filter.from } });
    if (filter.to) and.push({ occurredAt: { lte: filter.to } });
    return { AND: and };
  }

  /** Newest first, keyset-paginated on (occurredAt, id). */
  async list(filter: AuditFilter, cursor: KeysetCursor | null, limit: number): Promise<ChainedEvent[]> {
    const after: Prisma.AuditEventWhereInput = cursor
      ? {
          OR: [{ occurredAt: { lt: cursor.at } }, { occurredAt: cursor.at, id: { lt: cursor.id } }],
        }
      : {};
    const rows = await this.db.client.auditEvent.findMany({
      where: { AND: [this.where(filter), after] },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows;
  }

  async chainIds(tenantIds: string[] | null): Promise<string[]> {
    const heads = await this.db.client.auditChainHead.findMany({
      select: { chainId: true },
      orderBy: { chainId: 'asc' },
    });
    return heads.map((head) => head.chainId).filter((id) => tenantIds === null || tenantIds.includes(id));
  }

  async head(chainId: string): Promise<{ seq: bigint; hash: string } | null> {
    return this.db.client.auditChainHead.findUnique({
      where: { chainId },
      select: { seq: true, hash: true },
    });
  }

  async *chain(chainId: string, batchSize = 1000): AsyncGenerator<ChainedEvent> {
    let afterSeq = -1n;
    for (;;) {
      const rows = await this.db.client.auditEvent.findMany({
        where: { chainId, seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
        take: batchSize,
      });
      for (const row of rows) yield row;
      if (rows.length < batchSize) return;
      afterSeq = rows[rows.length - 1]!.seq;
    }
  }

  /**
   * The tenant's events with these actions since `from`, counted per UTC day, action and
   * details.reason, in one aggregate over the (tenant_id, occurred_at) index. Days and `from` are
   * UTC whatever the session's TimeZone (the driver adapter sends a Date without its offset, hence
   * the ISO string).
   */
  /** Whether the tenant's trail holds any event with one of these actions (one indexed probe). */
  async hasAny(tenantId: string, actions: readonly AuditAction[]): Promise<boolean> {
    const found = await this.db.client.auditEvent.findFirst({
      where: { tenantId, action: { in: [...actions] } },
      select: { id: true },
    });
    return found !== null;
  }

  countsPerDay(
    tenantId: string,
    from: Date,
    actions: readonly AuditAction[],
    timeZone: string,
  ): Promise<AuditDayCount[]> {
    return this.db.client.$queryRaw<AuditDayCount[]>`
      SELECT to_char(date_trunc('day', occurred_at AT TIME ZONE ${timeZone}::text), 'YYYY-MM-DD') AS day,
             action,
             details->>'reason' AS reason,
             count(*)::int AS count
      FROM audit_events
      WHERE tenant_id = ${tenantId}::uuid
        AND occurred_at >= ${from.toISOString()}::timestamptz
        AND action = ANY(${[...actions]}::text[])
      GROUP BY 1, 2, 3`;
  }

  lastLogins(tenantId: string, businessUserIds: string[]): Promise<LastLogin[]> {
    return this.db.client.$queryRaw<LastLogin[]>`
      SELECT DISTINCT ON (actor_id) actor_id AS "businessUserId", target_id AS "loginId",
             occurred_at AS "at", ip, user_agent AS "userAgent"
      FROM audit_events
      WHERE tenant_id = ${tenantId}::uuid AND action = 'login.issued'
        AND actor_id = ANY(${businessUserIds}::text[])
      ORDER BY actor_id, occurred_at DESC`;
  }
}

/** A business user's last issued login, as its audit event recorded it. */
export interface LastLogin {
  businessUserId: string;
  loginId: string;
  at: Date;
  ip: string | null;
  userAgent: string | null;
}
