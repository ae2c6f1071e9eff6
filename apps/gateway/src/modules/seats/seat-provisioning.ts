// What a seat Seatgate creates in TCCC looks like: the tenant's and app's defaults (tenant settings
// `provisioning`, the app's entry overriding the tenant's), the seat id from the seat-id rule, and
// CreateStaff's fields from a line's attributes and those defaults. Pure functions.
import {
  applySeatIdRule,
  DEFAULT_SEAT_ID_RULE,
  DEFAULT_SEAT_ROLE,
  seatUserIdSchema,
  type ProvisioningDefaults,
  type TenantSettings,
} from '@seatgate/contracts';
import type { NewStaff } from '../tccc/tccc.service';

export interface ResolvedDefaults {
  seatIdRule: string;
  domain: string | null;
  role: number;
  skillGroups: string[];
}

export function provisioningDefaults(settings: TenantSettings, sdkAppId: number): ResolvedDefaults {
  const tenant: ProvisioningDefaults = settings.provisioning ?? {};
  const app: ProvisioningDefaults = settings.provisioning?.apps?.[String(sdkAppId)] ?? {};
  return {
    seatIdRule: app.seatIdRule ?? tenant.seatIdRule ?? DEFAULT_SEAT_ID_RULE,
    domain: app.domain ?? tenant.domain ?? null,
    role: app.defaultRole ?? tenant.defaultRole ?? DEFAULT_SEAT_ROLE,
    skillGroups: app.defaultSkillGroups ?? tenant.defaultSkillGroups ?? [],
  };
}

/**
 * The seat id the rule gives this business user, or why it gives none (a rule naming {domain}
 * without a domain configured, or a result that is not a seat account).
 */
export function seatIdFromRule(
  defaults: ResolvedDefaults,
  tenantSlug: string,
  businessUserId: string,
): { seatUserId: string } | { problem: string } {
  const seatUserId = applySeatIdRule(defaults.seatIdRule, {
    businessUserId,
    tenantSlug,
    domain: defaults.domain,
  });
  if (seatUserId === null)
    return { problem: 'the seat-id rule uses {domain} but no domain is configured for this tenant or app' };
  const parsed = seatUserIdSchema.safeParse(seatUserId);
  return parsed.success
    ? { seatUserId }
    : { problem: `the seat-id rule gives "${seatUserId}", which is not a seat account` };
}

/** One line's provisioned attributes: the line's own, else the defaults. */
export interface SeatAttributes {
  businessUserId: string;
  seatUserId: string;
  displayName: string | null;
  staffNumber: string;
  phone: string | null;
  role: number;
  skillGroups: string[];
}

export function seatAttributes(
  line: {
    businessUserId: string;
    seatUserId: string;
    displayName?: string | null;
    staffNumber?: string;
    phone?: string;
    role?: number;
    skillGroups?: string[];
  },
  defaults: ResolvedDefaults,
): SeatAttributes {
  return {
    businessUserId: line.businessUserId,
    seatUserId: line.seatUserId,
    displayName: line.displayName ?? null,
    // CreateStaff requires a staff number: the business user id is the vendor's own, so a fair one
    staffNumber: line.staffNumber ?? line.businessUserId.slice(0, 64),
    phone: line.phone ?? null,
    role: line.role ?? defaults.role,
    skillGroups: line.skillGroups ?? defaults.skillGroups,
  };
}

export function newStaff(seat: SeatAttributes): NewStaff {
  return {
    mail: seat.seatUserId,
    name: seat.displayName ?? seat.businessUserId,
    staffNumber: seat.staffNumber,
    ...(seat.phone ? { phone: seat.phone } : {}),
    role: seat.role,
    skillGroups: seat.skillGroups,
  };
}
