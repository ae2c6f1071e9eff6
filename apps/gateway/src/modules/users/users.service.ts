// Admin accounts: platform admins manage them; every change is audited on the platform chain.
import { Injectable } from '@nestjs/common';
import type { AdminUserCreate, AdminUserUpdate, AdminUserView, Page, PageQuery } from '@seatgate/contracts';
import type { RequestContext, RequestMeta } from '../../common/context/request-context';
import { assertPlatformAdmin } from '../../common/context/tenant-access';
import { DomainError } from '../../common/errors/domain.error';
import { isUniqueViolation } from '../../prisma/prisma-errors';
import { PrismaService } from '../../prisma/prisma.service';
import { AuditService } from '../audit/audit.service';
import type { AuditActor } from '../audit/audit.types';
import { hashPassword } from './password';
import { UsersRepository, type AdminUserRecord } from './users.repository';

export function toUserView(user: AdminUserRecord): AdminUserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    tenantIds: user.tenants.map((link) => link.tenantId),
    disabled: user.disabled,
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

const adminActor = (ctx: RequestContext): AuditActor => ({
  type: 'admin',
  id: ctx.actor.id,
  display: ctx.actor.email,
});

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
  ) {}

  async list(ctx: RequestContext, query: PageQuery & { q?: string }): Promise<Page<AdminUserView>> {
    assertPlatformAdmin(ctx);
    const [items, total] = await this.users.list(query.q, (query.page - 1) * query.pageSize, query.pageSize);
    return { items: items.map(toUserView), total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<AdminUserView> {
    assertPlatformAdmin(ctx);
    return toUserView(await this.require(id));
  }

  private async require(id: string): Promise<AdminUserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('user_not_found', 'admin user not found');
    return user;
  }

  private async checkTenants(role: string, tenantIds: string[]): Promise<void> {
    if (role === 'platform_admin' && tenantIds.length > 0) {
      throw new DomainError(
        'validation_failed',
        'tenantIds: platform admins manage every tenant; leave tenantIds empty',
      );
    }
    if (role === 'tenant_admin' && tenantIds.length === 0) {
      throw new DomainError('validation_failed', 'tenantIds: a tenant admin needs at least one tenant');
    }
    const unique = [...new Set(tenantIds)];
    const existing = await this.users.existingTenantIds(unique);
    const missing = unique.filter((id) => !existing.includes(id));
    if (missing.length > 0)
      throw new DomainError('validation_failed', `tenantIds: unknown tenant ${missing[0]}`, { missing });
  }

  async create(ctx: RequestContext, input: AdminUserCreate): Promise<AdminUserView> {
    assertPlatformAdmin(ctx);
    await this.checkTenants(input.role, input.tenantIds);
    return this.createAccount(adminActor(ctx), ctx, input);
  }

  /** Also used by the bootstrap at start and by the CLI. */
  async createAccount(actor: AuditActor, meta: RequestMeta, input: AdminUserCreate): Promise<AdminUserView> {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.prisma.$transaction(async (tx) => {
        const created = await this.users.create(tx, {
          ...input,
          tenantIds: [...new Set(input.tenantIds)],
          passwordHash,
        });
        await this.audit.append(tx, {
          tenantId: null,
          actor,
          action: 'admin_user.created',
          target: { type: 'admin_user', id: created.id },
          meta,
          details: {
            email: created.email,
            role: created.role,
            tenantIds: input.tenantIds,
            password: 'changed',
          },
        });
        return created;
      });
      return toUserView(user);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('email_taken', 'an admin with this email already exists');
      throw error;
    }
  }

  async update(ctx: RequestContext, id: string, input: AdminUserUpdate): Promise<AdminUserView> {
    assertPlatformAdmin(ctx);
    const current = await this.require(id);
    const role = input.role ?? current.role;
    const tenantIds = input.tenantIds ?? current.tenants.map((link) => link.tenantId);
    await this.checkTenants(role, tenantIds);
    if (id === ctx.actor.id && (input.disabled === true || (input.role && input.role !== 'platform_admin'))) {
      throw new DomainError('conflict', 'you cannot disable or demote your own account');
    }
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    const user = await this.prisma.$transaction(async (tx) => {
      const updated = await this.users.update(tx, id, {
        passwordHash,
        role: input.role,
        tenantIds: input.tenantIds
          ? [...new Set(input.tenantIds)]
          : input.role === 'platform_admin'
            ? []
            : undefined,
        disabled: input.disabled,
      });
      await this.audit.append(tx, {
        tenantId: null,
        actor: adminActor(ctx),
        action: 'admin_user.updated',
        target: { type: 'admin_user', id },
        meta: ctx,
        details: { ...input, password: input.password ? 'changed' : undefined },
      });
      return updated;
    });
    return toUserView(user);
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    assertPlatformAdmin(ctx);
    if (id === ctx.actor.id) throw new DomainError('conflict', 'you cannot delete your own account');
    const current = await this.require(id);
    await this.prisma.$transaction(async (tx) => {
      await this.users.delete(tx, id);
      await this.audit.append(tx, {
        tenantId: null,
        actor: adminActor(ctx),
        action: 'admin_user.deleted',
        target: { type: 'admin_user', id },
        meta: ctx,
        details: { email: current.email },
      });
    });
  }
}
