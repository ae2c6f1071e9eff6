// Server errors in plain words: every ErrorCode has a sentence in each locale (the dictionaries
// are typed Record<ErrorCode, string>, so a new code fails the build until it is translated).
import type { ErrorCode } from '@seatgate/contracts';
import { ApiError, isApiError, NetworkError } from '../api/client';
import { fieldIssueText } from './issues';
import { interpolate, type Vars } from './index';
import type { Dictionary } from './en-US';

export interface HumanError {
  /** one sentence for the user */
  message: string;
  /** the gateway's own wording, when it adds something (which row, which field) */
  detail: string | null;
  requestId: string | null;
}

/**
 * Whether the server's message names the specific problem (which row, which field) and is worth
 * showing under ours. Every code is listed, so a new code does not build until it is decided.
 */
const SHOWS_SERVER_MESSAGE: Record<ErrorCode, boolean> = {
  validation_failed: true,
  import_rejected: true,
  conflict: true,
  forbidden: true,
  invalid_json: false,
  bulk_limit_exceeded: false,
  unauthenticated: false,
  invalid_credentials: false,
  session_expired: false,
  token_missing: false,
  token_malformed: false,
  token_expired: false,
  token_not_yet_valid: false,
  token_lifetime_too_long: false,
  bad_signature: false,
  unknown_key: false,
  key_revoked: false,
  wrong_audience: false,
  algorithm_not_allowed: false,
  metrics_token_invalid: false,
  account_disabled: false,
  password_change_required: false,
  seat_not_mapped: false,
  seat_signed_out: false,
  tenant_suspended: false,
  app_disabled: false,
  origin_not_allowed: false,
  not_found: false,
  tenant_not_found: false,
  app_not_found: false,
  seat_not_found: false,
  user_not_found: false,
  key_not_found: false,
  login_not_found: false,
  tenant_slug_taken: false,
  sdk_app_id_taken: false,
  seat_user_taken: false,
  business_user_taken: false,
  email_taken: false,
  app_ambiguous: false,
  seat_missing_upstream: false,
  ticket_used: false,
  ticket_expired: false,
  method_not_allowed: false,
  payload_too_large: false,
  unsupported_media_type: false,
  too_many_requests: false,
  rate_limited: false,
  upstream_rate_limited: false,
  internal_error: false,
  upstream_credentials_rejected: false,
  upstream_app_not_found: false,
  upstream_error: false,
  app_check_failed: false,
  jwks_unreachable: false,
  database_unavailable: false,
  shutting_down: false,
  upstream_unavailable: false,
  upstream_permission_denied: false,
  upstream_account_disabled: false,
  upstream_licences_exhausted: false,
  upstream_package_expired: false,
  licences_insufficient: false,
  skill_group_not_found: false,
  scim_token_not_found: false,
  skill_group_name_taken: false,
  skill_group_not_empty: false,
  reconcile_plan_stale: false,
  reconcile_running: false,
};

/** A refused value's issues in the admin's language (from their codes), when the answer has any. */
function codedDetail(error: ApiError, dictionary: Dictionary): string | null {
  if (!isApiError(error, 'validation_failed')) return null;
  // typed by the contract, but read from the wire: checked before use
  const issues = Array.isArray(error.details?.issues) ? error.details.issues : [];
  if (issues.length === 0) return null;
  return issues.map((issue) => fieldIssueText(dictionary, issue.path || undefined, issue)).join('; ');
}

export function describeError(error: unknown, dictionary: Dictionary, vars?: Vars): HumanError {
  if (error instanceof ApiError) {
    return {
      message: interpolate(dictionary.errors[error.code], vars),
      detail: codedDetail(error, dictionary) ?? (SHOWS_SERVER_MESSAGE[error.code] ? error.message : null),
      requestId: error.requestId,
    };
  }
  if (error instanceof NetworkError) {
    return { message: dictionary.messages['error.network'], detail: null, requestId: null };
  }
  return { message: dictionary.messages['error.unexpected'], detail: null, requestId: null };
}
