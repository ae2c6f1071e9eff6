import { z } from 'zod';
import { tenantProvisioningSchema } from './lifecycle';
import { scimSettingsSchema } from './scim';
import { isTimeZone, TIME_ZONE_MESSAGE } from './overview';
import { pageQuery } from './pagination';

export const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const rateLimitsSchema = z
  .object({
    perUserPerMinute: z.number().int().min(1).max(100_000),
    perTenantPerMinute: z.number().int().min(1).max(1_000_000),
    perIpPerMinute: z.number().int().min(1).max(100_000),
  })
  .partial()
  .strict();

const origin = z
  .string()
  .max(255)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'an origin is scheme://host[:port], without a path');

export const tenantSettingsSchema = z
  .object({
    rateLimits: rateLimitsSchema.optional(),
    allowedOrigins: z.array(origin).max(50).optional(),
    /**
     * CreateSDKLoginToken calls per second that Tencent allows this tenant's Tencent Cloud accounts
     * (TCCC's documented 20 when unset; Tencent raises it on request). Platform admins only.
     */
    upstreamQuotaPerSecond: z.number().int().min(1).max(10_000).optional(),
    /** the `aud` business tokens must carry; "seatgate" when unset */
    tokenAudience: z.string().trim().min(1).max(200).optional(),
    /** seats Seatgate creates in TCCC: seat-id rule, role and skill groups, per tenant and app */
    provisioning: tenantProvisioningSchema.optional(),
    /**
     * the IANA zone whose days the tenant's overview and audit dates follow (Asia/Shanghai, the
     * usual case); unset: the viewer's browser zone
     */
    timeZone: z.string().trim().max(64).refine(isTimeZone, TIME_ZONE_MESSAGE).optional(),
    /**
     * What the loader does when a second tab of one browser profile opens the seat's workstation:
     * refuse it, ask the user (the default), or take the workstation over.
     */
    multiTab: z.enum(['refuse', 'ask', 'takeOver']).optional(),
    /** days of presence history (status changes seen) kept for the sessions view and usage; 30 when unset */
    presenceRetentionDays: z.number().int().min(1).max(400).optional(),
    /** SCIM 2.0 from the tenant's identity provider: on or off, the app, provisioning, mapping */
    scim: scimSettingsSchema.optional(),
  })
  .strict();
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const DEFAULT_RATE_LIMITS = {
  perUserPerMinute: 10,
  perTenantPerMinute: 600,
  perIpPerMinute: 60,
} as const;
export const DEFAULT_TOKEN_AUDIENCE = 'seatgate';
export type MultiTabPolicy = NonNullable<TenantSettings['multiTab']>;
export const DEFAULT_MULTI_TAB: MultiTabPolicy = 'ask';
export const DEFAULT_PRESENCE_RETENTION_DAYS = 30;

export const tenantCreateSchema = z
  .object({
    slug: z.string().regex(TENANT_SLUG, 'lowercase letters, digits and dashes, 2 to 63 characters'),
    name: z.string().trim().min(1).max(200),
    settings: tenantSettingsSchema.optional(),
  })
  .strict();
export type TenantCreate = z.infer<typeof tenantCreateSchema>;

export const tenantUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    settings: tenantSettingsSchema.optional(),
  })
  .strict();
export type TenantUpdate = z.infer<typeof tenantUpdateSchema>;

export const tenantListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['active', 'suspended']).optional(),
});
export type TenantListQuery = z.infer<typeof tenantListQuery>;

export interface TenantView {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  settings: TenantSettings;
  createdAt: string;
  updatedAt: string;
}
