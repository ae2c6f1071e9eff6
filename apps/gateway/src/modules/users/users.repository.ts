import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../prisma/prisma.service';
import type { AdminRole, Prisma } from '../../generated/prisma/client';

const withTenants = { tenants: { select: { tenantId: true } } } satisfies Prisma.AdminUserInclude;
export type AdminUserRecord = Prisma.AdminUserGetPayload<{ include: typeof withTenants }>;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByEmail(email: string): Promise<AdminUserRecord | null> {
    return this.prisma.adminUser.findUnique({ where: { email }, include: withTenants });
  }

  findById(id: string, tx: Tx = this.prisma): Promise<AdminUserRecord | null> {
    return tx.adminUser.findUnique({ where: { id }, include: withTenants });
  }

  count(): Promise<number> {
    return this.prisma.adminUser.count();
  }

  async list(q: string | undefined, skip: number, take: number): Promise<[AdminUserRecord[], number]> {
    const where: Prisma.AdminUserWhereInput = q ? { email: { contains: q, mode: 'insensitive' } } : {};
    return Promise.all([
      this.prisma.adminUser.findMany({ where, include: withTenants, orderBy: { email: 'asc' }, skip, take }),
      this.prisma.adminUser.count({ where }),
    ]);
  }

  create(
    tx: Tx,
    data: { email: string; passwordHash: string; role: AdminRole; tenantIds: string[] },
  ): Promise<AdminUserRecord> {
    return tx.adminUser.create({
      data: {
        email: data.email,
        passwordHash: data.passwordHash,
        role: data.role,
        tenants: { create: data.tenantIds.map((tenantId) => ({ tenantId })) },
      },
      include: withTenants,
    });
  }

  async update(
    tx: Tx,
    id: string,
    data: { passwordHash?: string; role?: AdminRole; tenantIds?: string[]; disabled?: boolean },
  ): Promise<AdminUserRecord> {
    if (data.tenantIds) {
      await tx.adminUserTenant.deleteMany({ where: { adminUserId: id } });
      await tx.adminUserTenant.createMany({
        data: data.tenantIds.map((tenantId) => ({ adminUserId: id, tenantId })),
      });
    }
    return tx.adminUser.update({
      where: { id },
      data: {
        passwordHash: data.passwordHash,
        role: data.role,
        disabled: data.disabled,
        // a new password or re-enabling clears a lockout
        ...(data.passwordHash || data.disabled === false ? { failedLogins: 0, lockedUntil: null } : {}),
      },
      include: withTenants,
    });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.adminUser.delete({ where: { id } });
  }

  async existingTenantIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.tenant.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** One failed attempt; returns the new count, locking the account when it reaches the limit. */
  async recordFailure(
    tx: Tx,
    id: string,
    limit: number,
    lockUntil: Date,
  ): Promise<{ failedLogins: number; locked: boolean }> {
    const user = await tx.adminUser.update({ where: { id }, data: { failedLogins: { increment: 1 } } });
    if (user.failedLogins >= limit) {
      await tx.adminUser.update({ where: { id }, data: { lockedUntil: lockUntil, failedLogins: 0 } });
      return { failedLogins: user.failedLogins, locked: true };
    }
    return { failedLogins: user.failedLogins, locked: false };
  }

  async recordSuccess(tx: Tx, id: string): Promise<void> {
    await tx.adminUser.update({
      where: { id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() },
    });
  }
}
