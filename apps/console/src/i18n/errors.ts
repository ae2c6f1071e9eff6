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
 * showing under ours. Every code is named, so a new code does not build until it is decided.
 */
function showsServerMessage(code: ErrorCode): boolean {
  switch (code) {
    case 'validation_failed':
    case 'import_rejected':
    case 'conflict':
    case 'forbidden':
      return true;
    case 'invalid_json':
    case 'bulk_limit_exceeded':
    case 'unauthenticated':
    case 'invalid_credentials':
    case 'session_expired':
    case 'token_missing':
    case 'token_malformed':
    case 'token_expired':
    case 'token_not_yet_valid':
    case 'token_lifetime_too_long':
    case 'bad_signature':
    case 'unknown_key':
    case 'key_revoked':
    case 'wrong_audience':
    case 'algorithm_not_allowed':
    case 'metrics_token_invalid':
    case 'account_disabled':
    case 'seat_not_mapped':
    case 'tenant_suspended':
    case 'app_disabled':
    case 'origin_not_allowed':
    case 'not_found':
    case 'tenant_not_found':
    case 'app_not_found':
    case 'seat_not_found':
    case 'user_not_found':
    case 'key_not_found':
    case 'login_not_found':
    case 'tenant_slug_taken':
    case 'sdk_app_id_taken':
    case 'seat_user_taken':
    case 'business_user_taken':
    case 'email_taken':
    case 'app_ambiguous':
    case 'seat_missing_upstream':
    case 'ticket_used':
    case 'ticket_expired':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'too_many_requests':
    case 'rate_limited':
    case 'upstream_rate_limited':
    case 'internal_error':
    case 'upstream_credentials_rejected':
    case 'upstream_app_not_found':
    case 'upstream_error':
    case 'app_check_failed':
    case 'jwks_unreachable':
    case 'database_unavailable':
    case 'shutting_down':
    case 'upstream_unavailable':
      return false;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

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
      detail: codedDetail(error, dictionary) ?? (showsServerMessage(error.code) ? error.message : null),
      requestId: error.requestId,
    };
  }
  if (error instanceof NetworkError) {
    return { message: dictionary.messages['error.network'], detail: null, requestId: null };
  }
  return { message: dictionary.messages['error.unexpected'], detail: null, requestId: null };
}
