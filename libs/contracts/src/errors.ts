// Every machine-readable error code Seatgate answers with, and its HTTP status. The gateway's
// exception filter maps codes through this table only; clients (console, loader) switch on codes.

export const ERROR_STATUS = {
  // 400
  validation_failed: 400,
  invalid_json: 400,
  // 401
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  // 403
  forbidden: 403,
  account_locked: 403,
  account_disabled: 403,
  // 404
  not_found: 404,
  tenant_not_found: 404,
  app_not_found: 404,
  seat_not_found: 404,
  user_not_found: 404,
  // 409
  tenant_slug_taken: 409,
  sdk_app_id_taken: 409,
  seat_user_taken: 409,
  business_user_taken: 409,
  email_taken: 409,
  conflict: 409,
  // 413, 415, 422
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_rejected: 422,
  // 429
  too_many_requests: 429,
  // 500, 503
  internal_error: 500,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId: string;
}
