// What other modules may know about tenants without the tenants API's access checks: their names,
// for lists that show a tenant id (the audit trail, admin users), and a tenant's status for jobs. The tenants module owns the
// tenants table; other modules ask here instead of querying it.
import { Injectable } from '@nestjs/common';
import { TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantDirectory {
  constructor(private readonly tenants: TenantsRepository) {}

  /** Names by id, in one query, for those of these tenants that still exist. */
  namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return this.tenants.namesOf([...ids]);
  }

  /** A tenant's status (null: deleted), for work done without a caller (a job step). */
  async statusOf(tenantId: string): Promise<'active' | 'suspended' | null> {
    return (await this.tenants.find(tenantId))?.status ?? null;
  }
}
