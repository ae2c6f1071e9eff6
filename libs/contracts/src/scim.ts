// SCIM 2.0 provisioning from a tenant's identity provider (issue 15): the tenant's settings (in
// tenant settings, `scim`), its bearer tokens and the SCIM page's status. The SCIM protocol itself
// (/scim/v2, RFC 7643/7644) answers in its own schema, not in these shapes.
import { z } from 'zod';
import { skillGroupTypeSchema } from './skill-groups';
import { text } from './text';

/** Where a SCIM user's seat id comes from: its primary email, or the tenant's seat-id rule. */
export const SCIM_SEAT_ID_SOURCES = ['primaryEmail', 'seatIdRule'] as const;
/** Which SCIM attribute names the seat: name.formatted (else displayName), or displayName first. */
export const SCIM_NAME_SOURCES = ['name.formatted', 'displayName'] as const;

export const scimSettingsSchema = z
  .object({
    /** the identity provider may call /scim/v2 with the tenant's tokens */
    enabled: z.boolean().optional(),
    /** the app new users' seats go to; unset: the tenant's first enabled app */
    appId: z.string().uuid().optional(),
    /** create new users' seats in TCCC (CreateStaff); false: the seat must exist and is adopted */
    provision: z.boolean().optional(),
    mapping: z
      .object({
        seatId: z.enum(SCIM_SEAT_ID_SOURCES).optional(),
        name: z.enum(SCIM_NAME_SOURCES).optional(),
      })
      .strict()
      .optional(),
    /** the type of skill groups the provider's groups create (0 phone when unset) */
    groupType: skillGroupTypeSchema.optional(),
    /** SCIM requests per minute for the tenant (600 when unset) */
    requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type ScimSettings = z.infer<typeof scimSettingsSchema>;

export const DEFAULT_SCIM_REQUESTS_PER_MINUTE = 600;

/** The settings with their defaults filled in. */
export interface ResolvedScimSettings {
  enabled: boolean;
  appId: string | null;
  provision: boolean;
  mapping: { seatId: (typeof SCIM_SEAT_ID_SOURCES)[number]; name: (typeof SCIM_NAME_SOURCES)[number] };
  groupType: number;
  requestsPerMinute: number;
}

export function resolveScimSettings(settings: ScimSettings | undefined): ResolvedScimSettings {
  return {
    enabled: settings?.enabled ?? false,
    appId: settings?.appId ?? null,
    provision: settings?.provision ?? true,
    mapping: {
      seatId: settings?.mapping?.seatId ?? 'primaryEmail',
      name: settings?.mapping?.name ?? 'name.formatted',
    },
    groupType: settings?.groupType ?? 0,
    requestsPerMinute: settings?.requestsPerMinute ?? DEFAULT_SCIM_REQUESTS_PER_MINUTE,
  };
}

export const scimTokenCreateSchema = z.object({ label: text().trim().min(1).max(100) }).strict();
export type ScimTokenCreate = z.infer<typeof scimTokenCreateSchema>;

export interface ScimTokenView {
  id: string;
  label: string;
  /** the token's first characters, to tell tokens apart */
  hint: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A new token: `token` is in this answer only, never again. */
export interface ScimTokenCreated extends ScimTokenView {
  token: string;
}

export interface ScimTokenList {
  items: ScimTokenView[];
}

export interface ScimStatusView {
  /** the base URL the identity provider calls (its "tenant URL") */
  endpoint: string;
  settings: ResolvedScimSettings;
  /** the app resolved for new users (the setting, else the first enabled app), null: none */
  effectiveAppId: string | null;
  users: { total: number; active: number };
  activeTokens: number;
  lastRequestAt: string | null;
  lastChangeAt: string | null;
}
