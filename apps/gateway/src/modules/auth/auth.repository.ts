// Admin sessions (admin_sessions) and the refresh tokens they rotated away (admin_refresh_rotations).
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { Database } from '../../prisma/database';

const withUser = {
  adminUser: { include: { tenants: { select: { tenantId: true } } } },
} satisfies Prisma.AdminSessionInclude;
export type SessionRecord = Prisma.AdminSessionGetPayload<{ include: typeof withUser }>;

/** How a presented refresh token relates to its session. */
export type RefreshLookup =
  | { kind: 'current'; session: SessionRecord }
  /** a token this session already rotated away: reuse */
  | { kind: 'rotated'; session: SessionRecord }
  | { kind: 'unknown' };

@Injectable()
export class AuthRepository {
  constructor(private readonly db: Database) {}

  createSession(
    adminUserId: string,
    userEpoch: number,
    refreshTokenHash: string,
    expiresAt: Date,
  ): Promise<{ id: string }> {
    return this.db.client.adminSession.create({
      data: { adminUserId, userEpoch, refreshTokenHash, expiresAt },
      select: { id: true },
    });
  }

  findSession(id: string): Promise<SessionRecord | null> {
    return this.db.client.adminSession.findUnique({ where: { id }, include: withUser });
  }

  /** The session `sessionId` if `refreshTokenHash` is its current or one of its rotated tokens. */
  async findByRefresh(sessionId: string, refreshTokenHash: string): Promise<RefreshLookup> {
    const current = await this.db.client.adminSession.findUnique({
      where: { refreshTokenHash },
      include: withUser,
    });
    if (current)
      return current.id === sessionId ? { kind: 'current', session: current } : { kind: 'unknown' };
    const rotated = await this.db.client.adminRefreshRotation.findUnique({
      where: { tokenHash: refreshTokenHash },
      select: { session: { include: withUser } },
    });
    if (rotated && rotated.session.id === sessionId) return { kind: 'rotated', session: rotated.session };
    return { kind: 'unknown' };
  }

  /**
   * Swaps the refresh token only if it is still the presented one, and files the old one as rotated
   * in the same transaction: a concurrent presentation of the old token either wins this swap or,
   * once it is committed, finds the old token among the rotated ones (reuse). There is no moment in
   * which the old token is neither.
   */
  rotateRefresh(id: string, oldHash: string, newHash: string, expiresAt: Date): Promise<boolean> {
    return this.db.transaction(async () => {
      const tx = this.db.client;
      const result = await tx.adminSession.updateMany({
        where: { id, refreshTokenHash: oldHash, revokedAt: null },
        data: { refreshTokenHash: newHash, expiresAt },
      });
      if (result.count !== 1) return false;
      await tx.adminRefreshRotation.create({ data: { tokenHash: oldHash, sessionId: id } });
      return true;
    });
  }

  /** Ends a session; true if it was still live. */
  async revokeSession(id: string): Promise<boolean> {
    const result = await this.db.client.adminSession.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return result.count === 1;
  }

  /** Deletes sessions (and their rotated tokens) that ended more than `olderThan` ago. */
  async deleteEnded(olderThan: Date): Promise<number> {
    const result = await this.db.client.adminSession.deleteMany({
      where: { OR: [{ expiresAt: { lt: olderThan } }, { revokedAt: { lt: olderThan } }] },
    });
    return result.count;
  }
}
