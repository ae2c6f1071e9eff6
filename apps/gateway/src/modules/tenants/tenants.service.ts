// Tenants: platform admins create and delete them; their admins read and edit their own.
import { Injectable } from '@nestjs/common';
import type { Page, TenantCreate, TenantListQuery, TenantUpdate, TenantView } from '@seatgate/contracts';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import {
  assertPlatformAdmin,
  assertTenantRead,
  assertTenantWrite,
  readableTenantIds,
} from '../../common/context/tenant-access';
import { DomainError } from '../../common/errors/domain.error';
import type { Tenant } from '../../generated/prisma/client';
import { isUniqueViolation } from '../../prisma/prisma-errors';
import { PrismaService, type Tx } from '../../prisma/prisma.service';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { SeatDirectory } from '../seats/seat-directory';
import { tenantSettings } from './tenant-settings';
import { TenantsRepository } from './tenants.repository';

// kept for modules/keys/business-token.claims.ts (login slice) until it imports tenant-settings
export { tenantSettings } from './tenant-settings';

export function toTenantView(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    status: tenant.status,
    settings: tenantSettings(tenant),
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
    private readonly apps: AppDirectory,
    private readonly seats: SeatDirectory,
  ) {}

  private async counts(tenantId: string, tx?: Tx): Promise<{ apps: number; seats: number }> {
    const [apps, seats] = await Promise.all([
      this.apps.countOfTenant(tenantId, tx),
      this.seats.countOfTenant(tenantId, tx),
    ]);
    return { apps, seats };
  }

  async list(ctx: RequestContext, query: TenantListQuery): Promise<Page<TenantView>> {
    const [items, total] = await this.tenants.list(
      readableTenantIds(ctx.actor),
      { q: query.q, status: query.status },
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: items.map(toTenantView), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Which of these ids name a tenant (for admin accounts' tenant links; the users module checks
   * that its caller is a platform admin).
   */
  existingIds(ids: string[]): Promise<string[]> {
    return this.tenants.existingIds(ids);
  }

  /** The tenant, or tenant_not_found: also for tenants the caller may not see. */
  async require(ctx: RequestContext, tenantId: string, access: 'read' | 'write', tx?: Tx): Promise<Tenant> {
    if (access === 'write') assertTenantWrite(ctx, tenantId);
    else assertTenantRead(ctx, tenantId);
    const tenant = await this.tenants.find(tenantId, tx);
    if (!tenant) throw new DomainError('tenant_not_found', 'tenant not found');
    return tenant;
  }

  async get(
    ctx: RequestContext,
    tenantId: string,
  ): Promise<TenantView & { counts: { apps: number; seats: number } }> {
    const tenant = await this.require(ctx, tenantId, 'read');
    return { ...toTenantView(tenant), counts: await this.counts(tenantId) };
  }

  async create(ctx: RequestContext, input: TenantCreate): Promise<TenantView> {
    assertPlatformAdmin(ctx);
    try {
      const tenant = await this.prisma.$transaction(async (tx) => {
        const created = await this.tenants.create(tx, {
          slug: input.slug,
          name: input.name,
          settings: input.settings ?? {},
        });
        await this.audit.openChain(tx, created.id);
        await this.audit.append(tx, {
          tenantId: created.id,
          actor: auditActor(ctx),
          action: 'tenant.created',
          target: { type: 'tenant', id: created.id },
          meta: ctx,
          details: { slug: created.slug, name: created.name, settings: input.settings ?? {} },
        });
        return created;
      });
      return toTenantView(tenant);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('tenant_slug_taken', `the slug "${input.slug}" is taken`);
      throw error;
    }
  }

  async update(ctx: RequestContext, tenantId: string, input: TenantUpdate): Promise<TenantView> {
    const tenant = await this.prisma.$transaction(async (tx) => {
      const current = await this.require(ctx, tenantId, 'write', tx);
      const settings = input.settings ? { ...tenantSettings(current), ...input.settings } : undefined;
      const updated = await this.tenants.update(tx, tenantId, { name: input.name, settings });
      await this.audit.append(tx, {
        tenantId,
        actor: auditActor(ctx),
        action: 'tenant.updated',
        target: { type: 'tenant', id: tenantId },
        meta: ctx,
        details: { changes: input },
      });
      return updated;
    });
    return toTenantView(tenant);
  }

  async setStatus(
    ctx: RequestContext,
    tenantId: string,
    status: 'active' | 'suspended',
  ): Promise<TenantView> {
    assertTenantRead(ctx, tenantId);
    assertPlatformAdmin(ctx);
    const tenant = await this.prisma.$transaction(async (tx) => {
      const current = await this.require(ctx, tenantId, 'write', tx);
      const updated =
        current.status === status ? current : await this.tenants.update(tx, tenantId, { status });
      await this.audit.append(tx, {
        tenantId,
        actor: auditActor(ctx),
        action: status === 'suspended' ? 'tenant.suspended' : 'tenant.resumed',
        target: { type: 'tenant', id: tenantId },
        meta: ctx,
        details: { previous: current.status },
      });
      return updated;
    });
    return toTenantView(tenant);
  }

  async delete(ctx: RequestContext, tenantId: string): Promise<void> {
    assertTenantRead(ctx, tenantId);
    assertPlatformAdmin(ctx);
    await this.prisma.$transaction(async (tx) => {
      const tenant = await this.require(ctx, tenantId, 'write', tx);
      const counts = await this.counts(tenantId, tx);
      await this.tenants.delete(tx, tenantId);
      await this.audit.append(tx, {
        tenantId,
        actor: auditActor(ctx),
        action: 'tenant.deleted',
        target: { type: 'tenant', id: tenantId },
        meta: ctx,
        details: {
          slug: tenant.slug,
          appsDeleted: counts.apps,
          seatsDeleted: counts.seats,
          credentials: 'destroyed',
        },
      });
    });
  }
}
