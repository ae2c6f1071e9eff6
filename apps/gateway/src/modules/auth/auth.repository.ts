import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../prisma/prisma.service';
import type { Prisma } from '../../generated/prisma/client';

const withUser = {
  adminUser: { include: { tenants: { select: { tenantId: true } } } },
} satisfies Prisma.AdminSessionInclude;
export type SessionRecord = Prisma.AdminSessionGetPayload<{ include: typeof withUser }>;

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  createSession(
    tx: Tx,
    adminUserId: string,
    refreshTokenHash: string,
    expiresAt: Date,
  ): Promise<{ id: string }> {
    return tx.adminSession.create({
      data: { adminUserId, refreshTokenHash, expiresAt },
      select: { id: true },
    });
  }

  findSession(id: string): Promise<SessionRecord | null> {
    return this.prisma.adminSession.findUnique({ where: { id }, include: withUser });
  }

  findSessionByRefreshHash(refreshTokenHash: string): Promise<SessionRecord | null> {
    return this.prisma.adminSession.findUnique({ where: { refreshTokenHash }, include: withUser });
  }

  /** Swaps the refresh token only if it is still the presented one (a replayed token loses). */
  async rotateRefresh(id: string, oldHash: string, newHash: string, expiresAt: Date): Promise<boolean> {
    const result = await this.prisma.adminSession.updateMany({
      where: { id, refreshTokenHash: oldHash, revokedAt: null },
      data: { refreshTokenHash: newHash, expiresAt },
    });
    return result.count === 1;
  }

  async revokeSession(tx: Tx, id: string): Promise<void> {
    await tx.adminSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  async revokeAllFor(tx: Tx, adminUserId: string): Promise<void> {
    await tx.adminSession.updateMany({
      where: { adminUserId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
}
