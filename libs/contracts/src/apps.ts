import { z } from 'zod';

export const APP_KINDS = ['call_center', 'desk'] as const;
export type AppKind = (typeof APP_KINDS)[number];

/** TCCC numbers call-center applications 140…, customer-service desks 160…. */
export function defaultAppKind(sdkAppId: number): AppKind {
  return String(sdkAppId).startsWith('160') ? 'desk' : 'call_center';
}

export const sdkAppIdSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const secretId = z
  .string()
  .trim()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9]+$/, 'letters and digits only');
const secretKey = z.string().trim().min(8).max(128);

export const credentialsSchema = z.object({ secretId, secretKey }).strict();
export type Credentials = z.infer<typeof credentialsSchema>;

export const appCreateSchema = z
  .object({
    sdkAppId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    label: z.string().trim().min(1).max(200),
    kind: z.enum(APP_KINDS).optional(),
    region: z.string().trim().min(1).max(64).optional(),
    secretId,
    secretKey,
  })
  .strict();
export type AppCreate = z.infer<typeof appCreateSchema>;

export const appUpdateSchema = z
  .object({
    label: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(APP_KINDS).optional(),
    region: z.string().trim().min(1).max(64).nullable().optional(),
    status: z.enum(['enabled', 'disabled']).optional(),
  })
  .strict();
export type AppUpdate = z.infer<typeof appUpdateSchema>;

export interface AppView {
  id: string;
  tenantId: string;
  sdkAppId: number;
  label: string;
  kind: AppKind;
  region: string | null;
  status: 'enabled' | 'disabled';
  secretIdMasked: string;
  credentialsUpdatedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** POST …/apps/:appId/test: whether TCCC accepts the stored credentials (DescribeStaffInfoList). */
export type AppConnectionTest =
  { ok: true; staffCount: number } | { ok: false; code: string; message: string };

/**
 * GET …/apps/:appId/staff filters: `q` matches a seat's account, name, staff number or mapped
 * business user (case-insensitive); `state` keeps only mapped or only unmapped seats.
 */
export const appStaffQuery = z.object({
  q: z.string().trim().max(200).optional(),
  state: z.enum(['mapped', 'unmapped']).optional(),
});
export type AppStaffQuery = z.infer<typeof appStaffQuery>;

/** GET …/apps/:appId/staff: the app's TCCC seats, marked mapped or not, and mappings TCCC lacks. */
export interface AppStaffView {
  sdkAppId: number;
  /** seats TCCC lists for the app, before the filters */
  total: number;
  /** of those, seats no business user is mapped to */
  unmappedTotal: number;
  staff: {
    mail: string;
    name: string | null;
    staffNumber: string | null;
    state: 'mapped' | 'unmapped';
    businessUserId: string | null;
    seatId: string | null;
  }[];
  /** mapped seats that TCCC does not list */
  missingUpstream: { seatId: string; seatUserId: string; businessUserId: string }[];
}

/**
 * GET …/apps/:appId/staff/auto-map?by=email|staffNumber: for each unmapped TCCC seat, the tenant's
 * business user (one mapped in another of its apps, without a seat in this one) whose id equals the
 * seat's email (case-insensitive) or staff number. Ambiguous matches are left out. Applying the
 * proposals is a CSV import of them (all or nothing, checked first).
 */
export const appAutoMapQuery = z.object({ by: z.enum(['email', 'staffNumber']) });
export type AppAutoMapQuery = z.infer<typeof appAutoMapQuery>;

export interface AppAutoMapPreview {
  sdkAppId: number;
  by: AppAutoMapQuery['by'];
  /** unmapped TCCC seats considered */
  unmapped: number;
  proposals: {
    seatUserId: string;
    name: string | null;
    staffNumber: string | null;
    businessUserId: string;
  }[];
}
