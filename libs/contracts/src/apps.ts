import { z } from 'zod';

export const APP_KINDS = ['call_center', 'desk'] as const;
export type AppKind = (typeof APP_KINDS)[number];

/**
 * A TCCC SDKAppID: ten digits, 140… for a call-center application and 160… for a customer-service
 * desk (TCCC's numbering; the emulator's seeds use 1400000001 and 1600000001).
 */
export const SDK_APP_ID_PATTERN = /^1[46]0\d{7}$/;
export const SDK_APP_ID_MESSAGE = 'an SDKAppID is 10 digits starting with 140 (call center) or 160 (desk)';

export function isTcccSdkAppId(value: number): boolean {
  return Number.isSafeInteger(value) && SDK_APP_ID_PATTERN.test(String(value));
}

/** The app's kind, from its SDKAppID's prefix: 160… is a desk, anything else (140…) a call center. */
export function defaultAppKind(sdkAppId: number): AppKind {
  return String(sdkAppId).startsWith('160') ? 'desk' : 'call_center';
}

export const sdkAppIdSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** The SDKAppID of an app being registered: the shape TCCC gives its applications, nothing else. */
export const tcccSdkAppIdSchema = z
  .number()
  .int()
  .refine(isTcccSdkAppId, {
    message: SDK_APP_ID_MESSAGE,
    params: { code: 'sdk_app_id_format' },
  });

/**
 * Tencent Cloud regions a TCCC API call may name (the X-TC-Region header; no region means TCCC's
 * nearest access point). TCCC's "Request Structure" page lists ap-guangzhou, ap-shanghai,
 * ap-beijing, ap-chengdu, ap-chongqing, ap-hongkong and ap-singapore among its endpoints; the rest
 * are Tencent Cloud's other public regions, which its common API template accepts.
 */
export const TCCC_REGIONS = [
  { id: 'ap-guangzhou', label: { 'zh-CN': '华南地区（广州）', 'en-US': 'South China (Guangzhou)' } },
  { id: 'ap-shanghai', label: { 'zh-CN': '华东地区（上海）', 'en-US': 'East China (Shanghai)' } },
  { id: 'ap-nanjing', label: { 'zh-CN': '华东地区（南京）', 'en-US': 'East China (Nanjing)' } },
  { id: 'ap-beijing', label: { 'zh-CN': '华北地区（北京）', 'en-US': 'North China (Beijing)' } },
  { id: 'ap-chengdu', label: { 'zh-CN': '西南地区（成都）', 'en-US': 'Southwest China (Chengdu)' } },
  { id: 'ap-chongqing', label: { 'zh-CN': '西南地区（重庆）', 'en-US': 'Southwest China (Chongqing)' } },
  { id: 'ap-hongkong', label: { 'zh-CN': '港澳台地区（中国香港）', 'en-US': 'Hong Kong, China' } },
  { id: 'ap-singapore', label: { 'zh-CN': '亚太东南（新加坡）', 'en-US': 'Southeast Asia (Singapore)' } },
  { id: 'ap-bangkok', label: { 'zh-CN': '亚太东南（曼谷）', 'en-US': 'Southeast Asia (Bangkok)' } },
  { id: 'ap-jakarta', label: { 'zh-CN': '亚太东南（雅加达）', 'en-US': 'Southeast Asia (Jakarta)' } },
  { id: 'ap-seoul', label: { 'zh-CN': '亚太东北（首尔）', 'en-US': 'Northeast Asia (Seoul)' } },
  { id: 'ap-tokyo', label: { 'zh-CN': '亚太东北（东京）', 'en-US': 'Northeast Asia (Tokyo)' } },
  { id: 'na-siliconvalley', label: { 'zh-CN': '美国西部（硅谷）', 'en-US': 'US West (Silicon Valley)' } },
  { id: 'na-ashburn', label: { 'zh-CN': '美国东部（弗吉尼亚）', 'en-US': 'US East (Virginia)' } },
  { id: 'eu-frankfurt', label: { 'zh-CN': '欧洲地区（法兰克福）', 'en-US': 'Europe (Frankfurt)' } },
  { id: 'sa-saopaulo', label: { 'zh-CN': '南美地区（圣保罗）', 'en-US': 'South America (São Paulo)' } },
] as const;
export type TcccRegion = (typeof TCCC_REGIONS)[number]['id'];
export const TCCC_REGION_IDS = TCCC_REGIONS.map((region) => region.id) as [TcccRegion, ...TcccRegion[]];

const region = z.enum(TCCC_REGION_IDS, {
  error: () => 'choose a Tencent Cloud region from the list (e.g. ap-guangzhou)',
});

const secretId = z
  .string()
  .trim()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9]+$/, 'letters and digits only');
const secretKey = z.string().trim().min(8).max(128);

/**
 * `skipCheck: true` saves credentials without asking TCCC whether they work (TCCC unreachable, or
 * an app being prepared); the app then carries a "not checked" warning until a test passes.
 */
const skipCheck = z.boolean().optional();

export const credentialsSchema = z.object({ secretId, secretKey }).strict();
export type Credentials = z.infer<typeof credentialsSchema>;

/** PUT …/apps/:appId/credentials: new credentials, checked against TCCC unless skipCheck. */
export const credentialsRotateSchema = z.object({ secretId, secretKey, skipCheck }).strict();
export type CredentialsRotate = z.infer<typeof credentialsRotateSchema>;

/**
 * POST …/apps. The kind follows from the SDKAppID; a client may still send it (older clients did),
 * but a kind that contradicts the prefix is refused rather than silently replaced.
 */
export const appCreateSchema = z
  .object({
    sdkAppId: tcccSdkAppIdSchema,
    label: z.string().trim().min(1).max(200),
    kind: z.enum(APP_KINDS).optional(),
    region: region.optional(),
    secretId,
    secretKey,
    skipCheck,
  })
  .strict()
  .superRefine((app, ctx) => {
    if (app.kind !== undefined && isTcccSdkAppId(app.sdkAppId) && app.kind !== defaultAppKind(app.sdkAppId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        params: { code: 'app_kind_prefix' },
        message: `an SDKAppID starting with ${String(app.sdkAppId).slice(0, 3)} is a ${defaultAppKind(app.sdkAppId)} app`,
      });
    }
  });
export type AppCreate = z.infer<typeof appCreateSchema>;

export const appUpdateSchema = z
  .object({
    label: z.string().trim().min(1).max(200).optional(),
    /** accepted for older clients; must be the kind the app's SDKAppID implies */
    kind: z.enum(APP_KINDS).optional(),
    region: region.nullable().optional(),
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
  /** the last check of the credentials against TCCC (on save or by Test connection); null: never */
  lastCheck: AppCheck | null;
  createdAt: string;
  updatedAt: string;
}

export const APP_CHECK_OUTCOMES = ['ok', 'failed', 'skipped'] as const;
export type AppCheckOutcome = (typeof APP_CHECK_OUTCOMES)[number];

/** ok: TCCC accepted the credentials; failed: it refused them (code); skipped: saved unchecked. */
export interface AppCheck {
  outcome: AppCheckOutcome;
  at: string;
  /** Seatgate's error code when failed (upstream_credentials_rejected, upstream_app_not_found, …) */
  code: string | null;
  /** TCCC's own error code when failed (AuthFailure.SecretIdNotFound, …) */
  upstreamCode: string | null;
}

/**
 * POST …/apps/:appId/test: whether TCCC accepts the stored credentials (DescribeStaffInfoList).
 * The outcome is also kept on the app (AppView.lastCheck).
 */
export type AppConnectionTest =
  { ok: true; staffCount: number } | { ok: false; code: string; message: string };

/**
 * GET …/apps/:appId/staff filters: `q` matches a seat's account, name, staff number or mapped
 * business user (case-insensitive); `state` keeps only mapped or only unmapped seats.
 */
export const appStaffQuery = z.object({
  q: z.string().trim().max(200).optional(),
  state: z.enum(['mapped', 'unmapped']).optional(),
  /** at most this many of the matching seats (a picker's first screen); `matched` counts them all */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** 'true': ask TCCC now rather than use the list read in the last STAFF_CACHE_SECONDS */
  refresh: z.enum(['true', 'false']).optional(),
});
export type AppStaffQuery = z.infer<typeof appStaffQuery>;

/** How long the gateway reuses an app's TCCC staff list (each read costs upstream quota). */
export const STAFF_CACHE_SECONDS = 30;

/** GET …/apps/:appId/staff/lookup?seatUserId=: does TCCC list this seat for the app? */
export const appStaffLookupQuery = z.object({ seatUserId: z.string().trim().min(1).max(128) });
export type AppStaffLookupQuery = z.infer<typeof appStaffLookupQuery>;

export interface AppStaffLookup {
  seatUserId: string;
  found: boolean;
  /** the seat as TCCC lists it, when found */
  member: AppStaffView['staff'][number] | null;
  /** when the staff list the answer comes from was read from TCCC */
  fetchedAt: string;
}

/** GET …/apps/:appId/staff: the app's TCCC seats, marked mapped or not, and mappings TCCC lacks. */
export interface AppStaffView {
  sdkAppId: number;
  /** seats TCCC lists for the app, before the filters */
  total: number;
  /** of those, seats no business user is mapped to */
  unmappedTotal: number;
  /** seats matching the filters (`staff` holds at most `limit` of them) */
  matched: number;
  /** when the staff list was read from TCCC (the gateway reuses it for STAFF_CACHE_SECONDS) */
  fetchedAt: string;
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
