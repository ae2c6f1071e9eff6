// The admin_users table and its tenant links (admin_user_tenants), which only the users module
// queries; sign-in reads accounts through AdminUserDirectory.
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
    data: { email: string; passwordHash: string; role: AdminRole; allTenants: boolean; tenantIds: string[] },
  ): Promise<AdminUserRecord> {
    return tx.adminUser.create({
      data: {
        email: data.email,
        passwordHash: data.passwordHash,
        role: data.role,
        allTenants: data.allTenants,
        tenants: { create: data.tenantIds.map((tenantId) => ({ tenantId })) },
      },
      include: withTenants,
    });
  }

  /**
   * Applies a change. `endSessions` bumps the session epoch in the same statement, so that every
   * session the admin holds (its access tokens and refresh cookies) is refused from the commit on,
   * on every gateway process: each request and each refresh compares the epochs in the database.
   */
  async update(
    tx: Tx,
    id: string,
    data: {
      passwordHash?: string;
      role?: AdminRole;
      allTenants?: boolean;
      tenantIds?: string[];
      disabled?: boolean;
      endSessions: boolean;
    },
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
        allTenants: data.allTenants,
        disabled: data.disabled,
        ...(data.endSessions ? { sessionEpoch: { increment: 1 } } : {}),
      },
      include: withTenants,
    });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.adminUser.delete({ where: { id } });
  }

  async recordSuccess(tx: Tx, id: string): Promise<void> {
    await tx.adminUser.update({
      where: { id },
      data: { lastLoginAt: new Date() },
    });
  }
}
