// The tenants table, which only the tenants module queries (deleting a tenant cascades to the
// rows other modules own: apps, seat mappings, signing keys, admin links). Writes join the caller's
// unit of work; a taken slug is a domain error.
import { Injectable } from '@nestjs/common';
import type { Prisma, Tenant as TenantRow, TenantStatus } from '../../generated/prisma/client';
import { translateViolations } from '../../prisma/constraint-violation';
import { Database } from '../../prisma/database';
import { tenantErrors } from './tenants.errors';

/** A tenant as stored. */
export type Tenant = TenantRow;
export type { TenantStatus };
/** Settings as stored (validated by tenantSettingsSchema on the way in). */
export type TenantSettingsJson = Prisma.InputJsonValue;

@Injectable()
export class TenantsRepository {
  constructor(private readonly db: Database) {}

  /** `visible` null: every tenant; otherwise only these ids. */
  async list(
    visible: string[] | null,
    filter: { q?: string; status?: TenantStatus },
    skip: number,
    take: number,
  ): Promise<[Tenant[], number]> {
    const where: Prisma.TenantWhereInput = {
      AND: [
        visible === null ? {} : { id: { in: visible } },
        filter.q
          ? {
              OR: [
                { slug: { contains: filter.q, mode: 'insensitive' } },
                { name: { contains: filter.q, mode: 'insensitive' } },
              ],
            }
          : {},
        filter.status ? { status: filter.status } : {},
      ],
    };
    return Promise.all([
      this.db.client.tenant.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.db.client.tenant.count({ where }),
    ]);
  }

  find(tenantId: string): Promise<Tenant | null> {
    return this.db.client.tenant.findUnique({ where: { id: tenantId } });
  }

  create(data: { slug: string; name: string; settings: TenantSettingsJson }): Promise<Tenant> {
    return translateViolations(
      () => this.db.client.tenant.create({ data }),
      (violation) =>
        violation.kind === 'unique' && violation.constraint === 'tenants_slug_key'
          ? tenantErrors.slugTaken(data.slug)
          : null,
    );
  }

  update(
    tenantId: string,
    data: { name?: string; settings?: TenantSettingsJson; status?: TenantStatus },
  ): Promise<Tenant> {
    return this.db.client.tenant.update({ where: { id: tenantId }, data });
  }

  /** Cascades to apps (and with them their encrypted credentials), seat mappings and admin links. */
  async delete(tenantId: string): Promise<void> {
    await this.db.client.tenant.delete({ where: { id: tenantId } });
  }

  async existingIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.client.tenant.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** The names of those of these tenants that exist, in one query. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.client.tenant.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Every allowed browser origin of every tenant (for CORS preflights, which carry no token). */
  async allAllowedOrigins(): Promise<string[]> {
    const rows = await this.db.client.$queryRaw<{ origin: string }[]>`
      SELECT DISTINCT jsonb_array_elements_text(settings->'allowedOrigins') AS origin
      FROM tenants WHERE jsonb_typeof(settings->'allowedOrigins') = 'array'`;
    return rows.map((row) => row.origin);
  }
}
