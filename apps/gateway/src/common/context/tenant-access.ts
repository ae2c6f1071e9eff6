// The access rules, in one place. Another tenant's record is "not found" (never "forbidden"),
// so a caller cannot learn that it exists; a read-only role gets 403 only where it may read.
import { DomainError } from '../errors/domain.error';
import type { AdminActor, RequestContext } from './request-context';

export function canReadTenant(actor: AdminActor, tenantId: string): boolean {
  return actor.allTenants || actor.tenantIds.includes(tenantId);
}

/** The tenant ids a list query may return; null means every tenant. */
export function readableTenantIds(actor: AdminActor): string[] | null {
  return actor.allTenants ? null : actor.tenantIds;
}

export function assertTenantRead(ctx: RequestContext, tenantId: string): void {
  if (!canReadTenant(ctx.actor, tenantId)) throw new DomainError('tenant_not_found', 'tenant not found');
}

export function assertTenantWrite(ctx: RequestContext, tenantId: string): void {
  assertTenantRead(ctx, tenantId);
  if (ctx.actor.role === 'auditor') throw new DomainError('forbidden', 'auditors have read-only access');
}

export function assertPlatformAdmin(ctx: RequestContext): void {
  if (ctx.actor.role !== 'platform_admin') {
    throw new DomainError('forbidden', 'only platform admins may do this');
  }
}
