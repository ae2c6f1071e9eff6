// Audit storage. Appends lock only their own chain's head row, so chains never wait on each other.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma/prisma.service';
import { GENESIS_HASH, eventHash, type ChainedEvent } from './audit-chain';

export interface AuditFilter {
  /** null: every tenant and the platform chain */
  tenantIds: string[] | null;
  tenantId?: string;
  actor?: string;
  actionPrefix?: string;
  from?: Date;
  to?: Date;
}

export interface AuditCursor {
  occurredAt: Date;
  id: string;
}

export type NewAuditEvent = Omit<ChainedEvent, 'id' | 'seq' | 'prevHash' | 'hash' | 'details'> & {
  details: Prisma.InputJsonValue;
};

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async append(tx: Tx, event: NewAuditEvent): Promise<ChainedEvent> {
    await tx.$executeRaw`INSERT INTO audit_chain_heads (chain_id, seq, hash) VALUES (${event.chainId}, 0, ${GENESIS_HASH}) ON CONFLICT (chain_id) DO NOTHING`;
    const heads = await tx.$queryRaw<
      { seq: bigint; hash: string }[]
    >`SELECT seq, hash FROM audit_chain_heads WHERE chain_id = ${event.chainId} FOR UPDATE`;
    const head = heads[0] ?? { seq: 0n, hash: GENESIS_HASH };
    const unhashed = { ...event, id: randomUUID(), seq: head.seq + 1n, prevHash: head.hash };
    const chained: ChainedEvent = { ...unhashed, hash: eventHash(unhashed) };
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
    if (filter.from) and.push({ occurredAt: { gte: filter.from } });
    if (filter.to) and.push({ occurredAt: { lte: filter.to } });
    return { AND: and };
  }

  /** Newest first, keyset-paginated on (occurredAt, id). */
  async list(filter: AuditFilter, cursor: AuditCursor | null, limit: number): Promise<ChainedEvent[]> {
    const after: Prisma.AuditEventWhereInput = cursor
      ? {
          OR: [
            { occurredAt: { lt: cursor.occurredAt } },
            { occurredAt: cursor.occurredAt, id: { lt: cursor.id } },
          ],
        }
      : {};
    const rows = await this.prisma.auditEvent.findMany({
      where: { AND: [this.where(filter), after] },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows;
  }

  async chainIds(tenantIds: string[] | null): Promise<string[]> {
    const heads = await this.prisma.auditChainHead.findMany({
      select: { chainId: true },
      orderBy: { chainId: 'asc' },
    });
    return heads.map((head) => head.chainId).filter((id) => tenantIds === null || tenantIds.includes(id));
  }

  async head(chainId: string): Promise<{ seq: bigint; hash: string } | null> {
    return this.prisma.auditChainHead.findUnique({ where: { chainId }, select: { seq: true, hash: true } });
  }

  async *chain(chainId: string, batchSize = 1000): AsyncGenerator<ChainedEvent> {
    let afterSeq = -1n;
    for (;;) {
      const rows = await this.prisma.auditEvent.findMany({
        where: { chainId, seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
        take: batchSize,
      });
      for (const row of rows) yield row;
      if (rows.length < batchSize) return;
      afterSeq = rows[rows.length - 1]!.seq;
    }
  }
}
