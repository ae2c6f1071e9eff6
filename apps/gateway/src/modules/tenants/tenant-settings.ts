// A tenant's settings as stored (JSON, validated on write) read back as the typed contract; what
// other modules (login, business tokens) use to read them, rather than the tenants service.
import { tenantSettingsSchema, type TenantSettings } from '@seatgate/contracts';
import type { Tenant } from '../../generated/prisma/client';

export function tenantSettings(tenant: Pick<Tenant, 'settings'>): TenantSettings {
  const parsed = tenantSettingsSchema.safeParse(tenant.settings);
  return parsed.success ? parsed.data : {};
}
