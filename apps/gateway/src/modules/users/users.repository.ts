// The admin_users table and its tenant links (admin_user_tenants), which only the users module
// queries; sign-in reads accounts through AdminUserDirectory. Writes join the caller's unit of
// work; a taken email is a domain error.
import { Injectable } from '@nestjs/common';
import type { AdminRole, Prisma } from '../../generated/prisma/client';
import { translateViolations } from '../../prisma/constraint-violation';
import { Database } from '../../prisma/database';
import { userErrors } from './users.errors';

const withTenants = { tenants: { select: { tenantId: true } } } satisfies Prisma.AdminUserInclude;
export type AdminUserRecord = Prisma.AdminUserGetPayload<{ include: typeof withTenants }>;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  findByEmail(email: string): Promise<AdminUserRecord | null> {
    return this.db.client.adminUser.findUnique({ where: { email }, include: withTenants });
  }

  findById(id: string): Promise<AdminUserRecord | null> {
    return this.db.client.adminUser.findUnique({ where: { id }, include: withTenants });
  }

  count(): Promise<number> {
    return this.db.client.adminUser.count();
  }

  async list(q: string | undefined, skip: number, take: number): Promise<[AdminUserRecord[], number]> {
    const where: Prisma.AdminUserWhereInput = q ? { email: { contains: q, mode: 'insensitive' } } : {};
    return Promise.all([
      this.db.client.adminUser.findMany({
        where,
        include: withTenants,
        orderBy: { email: 'asc' },
        skip,
        take,
      }),
      this.db.client.adminUser.count({ where }),
    ]);
  }

  create(data: {
    email: string;
    passwordHash: string;
    role: AdminRole;
    allTenants: boolean;
    tenantIds: string[];
    mustChangePassword: boolean;
  }): Promise<AdminUserRecord> {
    return translateViolations(
      () =>
        this.db.client.adminUser.create({
          data: {
            email: data.email,
            passwordHash: data.passwordHash,
            role: data.role,
            allTenants: data.allTenants,
            mustChangePassword: data.mustChangePassword,
            tenants: { create: data.tenantIds.map((tenantId) => ({ tenantId })) },
          },
          include: withTenants,
        }),
      (violation) =>
        violation.kind === 'unique' && violation.constraint === 'admin_users_email_key'
          ? userErrors.emailTaken()
          : null,
    );
  }

  /**
   * Applies a change. `endSessions` bumps the session epoch in the same statement, so that every
   * session the admin holds (its access tokens and refresh cookies) is refused from the commit on,
   * on every gateway process: each request and each refresh compares the epochs in the database.
   */
  async update(
    id: string,
    data: {
      passwordHash?: string;
      role?: AdminRole;
      allTenants?: boolean;
      tenantIds?: string[];
      disabled?: boolean;
      mustChangePassword?: boolean;
      endSessions: boolean;
    },
  ): Promise<AdminUserRecord> {
    // the links and the account change together, joining the caller's unit of work if there is one
    return this.db.transaction(async () => {
      const tx = this.db.client;
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
          mustChangePassword: data.mustChangePassword,
          ...(data.endSessions ? { sessionEpoch: { increment: 1 } } : {}),
        },
        include: withTenants,
      });
    });
  }

  /**
   * The admin's own new password: the obligation to choose one ends, and so does every session
   * the admin holds (the caller opens a new one for the admin in the same unit of work).
   */
  async setOwnPassword(id: string, passwordHash: string): Promise<AdminUserRecord> {
    return this.db.client.adminUser.update({
      where: { id },
      data: { passwordHash, mustChangePassword: false, sessionEpoch: { increment: 1 } },
      include: withTenants,
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.client.adminUser.delete({ where: { id } });
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db.client.adminUser.update({
      where: { id },
      data: { lastLoginAt: new Date() },
    });
  }
}
