// The tenants table, which only the tenants module queries (deleting a tenant cascades to the
// rows other modules own: apps, seat mappings, signing keys, admin links).
import { Injectable } from '@nestjs/common';
import type { Prisma, Tenant, TenantStatus } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma/prisma.service';

@Injectable()
export class TenantsRepository {
  constructor(private readonly prisma: PrismaService) {}

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
      this.prisma.tenant.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.tenant.count({ where }),
    ]);
  }

  find(tenantId: string, tx: Tx = this.prisma): Promise<Tenant | null> {
    return tx.tenant.findUnique({ where: { id: tenantId } });
  }

  create(tx: Tx, data: { slug: string; name: string; settings: Prisma.InputJsonValue }): Promise<Tenant> {
    return tx.tenant.create({ data });
  }

  update(
    tx: Tx,
    tenantId: string,
    data: { name?: string; settings?: Prisma.InputJsonValue; status?: TenantStatus },
  ): Promise<Tenant> {
    return tx.tenant.update({ where: { id: tenantId }, data });
  }

  /** Cascades to apps (and with them their encrypted credentials), seat mappings and admin links. */
  async delete(tx: Tx, tenantId: string): Promise<void> {
    await tx.tenant.delete({ where: { id: tenantId } });
  }

  async existingIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.tenant.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return rows.map((row) => row.id);
  }
}
