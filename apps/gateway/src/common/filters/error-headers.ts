// The response headers an error's code and typed details call for: Retry-After (RFC 9110) on
// every refusal that says when to come back, and the RateLimit fields of the login limits. The
// switch names every code, so a new code does not compile until someone decides its headers.
import type { ErrorCode, ErrorDetails } from '@seatgate/contracts';
import { rateLimitHeaders } from '../../modules/limits/rate-limit-headers';
import type { DomainError, DomainErrorOf } from '../errors/domain.error';

function retryAfter(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'Retry-After': String(seconds) };
}

function rateLimited(details: ErrorDetails<'rate_limited'> | undefined): Record<string, string> {
  if (!details) return {};
  const limit = details.rateLimit;
  if (!limit) return retryAfter(details.retryAfter);
  const current = {
    scope: details.scope,
    limit: limit.policies.find((policy) => policy.scope === details.scope)?.limit ?? 0,
    remaining: limit.remaining,
    resetSeconds: limit.resetSeconds,
  };
  return rateLimitHeaders(limit.policies, limit.windowSeconds, current, details.retryAfter);
}

/** Narrows an error to its code's details: the filter's one switch over codes. */
export function errorHeaders(error: DomainError): Record<string, string> {
  const code: ErrorCode = error.code;
  switch (code) {
    case 'too_many_requests':
    case 'upstream_rate_limited':
    case 'upstream_unavailable':
    case 'database_unavailable':
      return retryAfter((error as DomainErrorOf<typeof code>).details?.retryAfterSeconds);
    case 'rate_limited':
      return rateLimited((error as DomainErrorOf<'rate_limited'>).details);
    case 'validation_failed':
    case 'invalid_json':
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
    case 'forbidden':
    case 'account_disabled':
    case 'seat_not_mapped':
    case 'tenant_suspended':
    case 'app_disabled':
    case 'origin_not_allowed':
    case 'password_change_required':
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
    case 'conflict':
    case 'app_ambiguous':
    case 'seat_signed_out':
    case 'seat_missing_upstream':
    case 'ticket_used':
    case 'ticket_expired':
    case 'method_not_allowed':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'import_rejected':
    case 'app_check_failed':
    case 'bulk_limit_exceeded':
    case 'internal_error':
    case 'upstream_credentials_rejected':
    case 'upstream_app_not_found':
    case 'upstream_error':
    case 'upstream_permission_denied':
    case 'upstream_account_disabled':
    case 'upstream_licences_exhausted':
    case 'upstream_package_expired':
    case 'licences_insufficient':
    case 'skill_group_not_found':
    case 'skill_group_name_taken':
    case 'skill_group_not_empty':
    case 'scim_token_not_found':
    case 'reconcile_plan_stale':
    case 'reconcile_running':
    case 'jwks_unreachable':
    case 'shutting_down':
      return {};
    default: {
      const unhandled: never = code;
      throw new Error(`no header rule for error code ${String(unhandled)}`);
    }
  }
}
