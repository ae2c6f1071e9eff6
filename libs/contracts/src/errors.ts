// Every machine-readable error code Seatgate answers with, and its HTTP status. The gateway's
// exception filter maps codes through this table only; clients (console, loader) switch on codes.
import type { ImportProblem, ValidationIssue } from './issues';

export const ERROR_STATUS = {
  // 400
  validation_failed: 400,
  invalid_json: 400,
  bulk_limit_exceeded: 400,
  // 401
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  // business-user tokens (POST /api/v1/login)
  token_missing: 401,
  token_malformed: 401,
  token_expired: 401,
  token_not_yet_valid: 401,
  token_lifetime_too_long: 401,
  bad_signature: 401,
  unknown_key: 401,
  key_revoked: 401,
  wrong_audience: 401,
  algorithm_not_allowed: 401,
  // GET /metrics on the main port
  metrics_token_invalid: 401,
  // 403
  forbidden: 403,
  account_disabled: 403,
  password_change_required: 403,
  seat_not_mapped: 403,
  seat_signed_out: 403,
  tenant_suspended: 403,
  app_disabled: 403,
  origin_not_allowed: 403,
  // 404
  not_found: 404,
  tenant_not_found: 404,
  app_not_found: 404,
  seat_not_found: 404,
  user_not_found: 404,
  key_not_found: 404,
  login_not_found: 404,
  /** TCCC has no skill group with this id in the app (InvalidParameterValue.SkillGroupError) */
  skill_group_not_found: 404,
  scim_token_not_found: 404,
  // 409
  tenant_slug_taken: 409,
  sdk_app_id_taken: 409,
  seat_user_taken: 409,
  business_user_taken: 409,
  email_taken: 409,
  conflict: 409,
  app_ambiguous: 409,
  seat_missing_upstream: 409,
  /** TCCC: the app's seat licences are used up (LimitExceeded.InsufficientLicense, CreateStaff's LimitExceeded) */
  upstream_licences_exhausted: 409,
  /** TCCC: every licence purchase of the app has ended (LimitExceeded.BasePackageExpired) */
  upstream_package_expired: 409,
  /** a provisioning job refused before it started: it needs more seats than the licences left */
  licences_insufficient: 409,
  /** TCCC: the app has a skill group of this name (InvalidParameterValue.SkillGroupExist) */
  skill_group_name_taken: 409,
  /** TCCC refuses to delete a skill group that still has seats bound (ResourceUnavailable) */
  skill_group_not_empty: 409,
  /** a reconcile plan applied after TCCC or the mappings changed: preview it again */
  reconcile_plan_stale: 409,
  /** a reconcile job of this app is still running: one at a time */
  reconcile_running: 409,
  /** only GET redeems a login URL: a HEAD (a link preview, a scanner) would use it up unseen */
  method_not_allowed: 405,
  // 410: a one-time login URL that cannot be used again
  ticket_used: 410,
  ticket_expired: 410,
  // 413, 415, 422
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_rejected: 422,
  app_check_failed: 422,
  // 429
  too_many_requests: 429,
  rate_limited: 429,
  upstream_rate_limited: 429,
  // 500, 503
  internal_error: 500,
  upstream_credentials_rejected: 502,
  upstream_app_not_found: 502,
  /** CAM: the credentials are valid but lack permission for this action (AuthFailure.UnauthorizedOperation) */
  upstream_permission_denied: 502,
  /** the Tencent Cloud account is disabled, e.g. in arrears (OperationDenied.UinDisabled) */
  upstream_account_disabled: 502,
  upstream_error: 502,
  jwks_unreachable: 502,
  database_unavailable: 503,
  shutting_down: 503,
  upstream_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/**
 * The code for an answer that carries none (a proxy's page, a framework's own refusal): one table
 * for the gateway's exception filter and the console's client. A 422 without a code is a refused
 * request body like a 400 (the gateway's coded 422s, import_rejected and app_check_failed, always say
 * so themselves).
 */
export const FALLBACK_CODE_BY_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_requests',
};

/** The code for an uncoded answer with this status: from the table, else by its class. */
export function fallbackCode(status: number): ErrorCode {
  return FALLBACK_CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'validation_failed');
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, value);
}

// ---- details, per code --------------------------------------------------------------------

/** What TCCC said, for support: its error code and request id, and the app it was about. */
export interface UpstreamDetails {
  upstreamCode?: string;
  upstreamRequestId?: string;
  sdkAppId: number;
}

/**
 * Credentials refused on save (create or rotation): TCCC's answer, as the code the same failure
 * has elsewhere (`reason`), and TCCC's own code. Saving anyway takes `skipCheck: true`.
 */
export interface AppCheckFailedDetails extends UpstreamDetails {
  reason:
    | 'upstream_credentials_rejected'
    | 'upstream_app_not_found'
    | 'upstream_permission_denied'
    | 'upstream_account_disabled'
    | 'upstream_error';
}

/**
 * An app's seat licences as TCCC counts them (DescribeCCCBuyInfoList and the staff count):
 * `purchased` still valid, `used` by seats in TCCC, `available` = purchased − used (never below 0).
 */
export interface LicenceCounts {
  purchased: number;
  used: number;
  available: number;
}

/** How long to wait before retrying; the gateway also sends it as Retry-After. */
export interface RetryDetails {
  retryAfterSeconds: number;
}

export type LimitScopeName = 'user' | 'tenant' | 'ip';

/**
 * The `details` each code may carry; a code not listed carries none. The gateway's errors are
 * typed by this map, and clients read details through `errorDetails` without casting.
 */
export interface ErrorDetailsMap {
  validation_failed: { issues: ValidationIssue[]; missing?: string[] };
  /** `errors` in English for API clients; `problems`, the same as codes, for the console */
  import_rejected: { errors: { line: number; reason: string }[]; rows?: number; problems?: ImportProblem[] };
  bulk_limit_exceeded: { limit: number; matched: number };
  conflict: { kids: string[] };
  app_ambiguous: { sdkAppIds: number[] };
  /** who holds the seat in this app (absent when the holder went meanwhile) */
  seat_user_taken: { seatUserId: string; businessUserId?: string };
  /** the seat the business user already has in this app (absent when it went meanwhile) */
  business_user_taken: { businessUserId: string; seatUserId?: string };
  /** the reason the admin gave when signing the seat out */
  seat_signed_out: { reason: string };
  too_many_requests: RetryDetails;
  rate_limited: {
    scope: LimitScopeName;
    retryAfter: number;
    /** the limits that applied, for the RateLimit-Policy and RateLimit headers */
    rateLimit?: {
      policies: { scope: LimitScopeName; limit: number }[];
      windowSeconds: number;
      remaining: number;
      resetSeconds: number;
    };
  };
  upstream_rate_limited: Partial<UpstreamDetails> & RetryDetails;
  upstream_unavailable: Partial<UpstreamDetails> & RetryDetails & { circuit?: 'open' };
  seat_missing_upstream: UpstreamDetails;
  upstream_credentials_rejected: UpstreamDetails;
  upstream_app_not_found: UpstreamDetails;
  upstream_error: UpstreamDetails;
  upstream_permission_denied: UpstreamDetails & { action: string };
  upstream_account_disabled: UpstreamDetails;
  upstream_licences_exhausted: UpstreamDetails & Partial<LicenceCounts>;
  upstream_package_expired: UpstreamDetails & Partial<LicenceCounts>;
  skill_group_not_found: Partial<UpstreamDetails> & { skillGroupId?: number };
  skill_group_name_taken: Partial<UpstreamDetails>;
  skill_group_not_empty: Partial<UpstreamDetails> & { skillGroupId?: number };
  licences_insufficient: LicenceCounts & { sdkAppId: number; requested: number };
  reconcile_plan_stale: { fingerprint: string; unknownLines?: string[] };
  reconcile_running: { jobId: string };
  app_check_failed: AppCheckFailedDetails;
  jwks_unreachable: { jwksUrl: string };
  database_unavailable: RetryDetails;
}

export type ErrorDetails<C extends ErrorCode> = C extends keyof ErrorDetailsMap ? ErrorDetailsMap[C] : never;

export interface ErrorBody<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  details?: ErrorDetails<C>;
  requestId: string;
}
