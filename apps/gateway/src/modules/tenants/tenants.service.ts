// Tenants: platform admins create and delete them; their admins read and edit their own.
import { Injectable } from '@nestjs/common';
import type { Page, TenantCreate, TenantListQuery, TenantUpdate, TenantView } from '@seatgate/contracts';
import { adminEvent } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import {
  assertPlatformAdmin,
  assertTenantRead,
  assertTenantWrite,
  readableTenantIds,
} from '../../common/context/tenant-access';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { SeatDirectory } from '../seats/seat-directory';
import { tenantSettings } from './tenant-settings';
import { TenantStatusEvents } from './tenant-status-events';
import { tenantErrors } from './tenants.errors';
import { TenantsRepository, type Tenant } from './tenants.repository';

export type { Tenant } from './tenants.repository';

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
    private readonly uow: UnitOfWork,
    private readonly apps: AppDirectory,
    private readonly seats: SeatDirectory,
    private readonly statusEvents: TenantStatusEvents,
  ) {}

  /** Joins the caller's unit of work, if there is one (a deletion counts what it removes). */
  private async counts(tenantId: string): Promise<{ apps: number; seats: number }> {
    const [apps, seats] = await Promise.all([
      this.apps.countOfTenant(tenantId),
      this.seats.countOfTenant(tenantId),
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

  /** Every browser origin some tenant allows (CORS preflights carry no token, so no tenant). */
  allAllowedOrigins(): Promise<string[]> {
    return this.tenants.allAllowedOrigins();
  }

  /** The tenant, or tenant_not_found: also for tenants the caller may not see. */
  /**
   * A tenant for a caller that is not an admin and authorised itself (a SCIM token names its
   * tenant); null when there is none.
   */
  lookup(tenantId: string): Promise<Tenant | null> {
    return this.tenants.find(tenantId);
  }

  async require(ctx: RequestContext, tenantId: string, access: 'read' | 'write'): Promise<Tenant> {
    if (access === 'write') assertTenantWrite(ctx, tenantId);
    else assertTenantRead(ctx, tenantId);
    const tenant = await this.tenants.find(tenantId);
    if (!tenant) throw tenantErrors.notFound();
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
    const tenant = await this.uow.run(async () => {
      const created = await this.tenants.create({
        slug: input.slug,
        name: input.name,
        settings: input.settings ?? {},
      });
      await this.audit.openChain(created.id);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId: created.id,
          action: 'tenant.created',
          target: { type: 'tenant', id: created.id },
          details: { slug: created.slug, name: created.name, settings: input.settings ?? {} },
        }),
      );
      return created;
    });
    return toTenantView(tenant);
  }

  async update(ctx: RequestContext, tenantId: string, input: TenantUpdate): Promise<TenantView> {
    const tenant = await this.uow.run(async () => {
      const current = await this.require(ctx, tenantId, 'write');
      const quota = input.settings?.upstreamQuotaPerSecond;
      // an account's quota is shared by every tenant on it: raised only by who knows what Tencent granted
      if (quota !== undefined && quota !== tenantSettings(current).upstreamQuotaPerSecond)
        assertPlatformAdmin(ctx);
      const settings = input.settings ? { ...tenantSettings(current), ...input.settings } : undefined;
      const updated = await this.tenants.update(tenantId, { name: input.name, settings });
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'tenant.updated',
          target: { type: 'tenant', id: tenantId },
          details: { changes: input },
        }),
      );
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
    const tenant = await this.uow.run(async () => {
      const current = await this.require(ctx, tenantId, 'write');
      const updated = current.status === status ? current : await this.tenants.update(tenantId, { status });
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: status === 'suspended' ? 'tenant.suspended' : 'tenant.resumed',
          target: { type: 'tenant', id: tenantId },
          details: { previous: current.status },
        }),
      );
      return updated;
    });
    // after the commit: the suspension's sign-out (or the resume's restore) starts as a durable job
    await this.statusEvents.changed(ctx, tenantId, status);
    return toTenantView(tenant);
  }

  async delete(ctx: RequestContext, tenantId: string): Promise<void> {
    assertTenantRead(ctx, tenantId);
    assertPlatformAdmin(ctx);
    await this.uow.run(async () => {
      const tenant = await this.require(ctx, tenantId, 'write');
      const counts = await this.counts(tenantId);
      await this.tenants.delete(tenantId);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'tenant.deleted',
          target: { type: 'tenant', id: tenantId },
          details: {
            slug: tenant.slug,
            appsDeleted: counts.apps,
            seatsDeleted: counts.seats,
            credentials: 'destroyed',
          },
        }),
      );
    });
  }
}
