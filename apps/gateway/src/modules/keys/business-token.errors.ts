// Why a business token was refused, as one precise code. What the strategy learns along the way
// (kid, tenant, key, user) is kept on the request so that the guard can audit the refusal in the
// right chain; the token itself is never kept, logged or audited.
import type { ErrorCode } from '@seatgate/contracts';
import { DomainError } from '../../common/errors/domain.error';
import type { ResolvedBusinessKey } from './business-key.resolver';

export const BUSINESS_AUTH_DENIALS = [
  'token_missing',
  'token_malformed',
  'token_expired',
  'token_not_yet_valid',
  'token_lifetime_too_long',
  'bad_signature',
  'unknown_key',
  'key_revoked',
  'wrong_audience',
  'algorithm_not_allowed',
  'tenant_suspended',
] as const satisfies readonly ErrorCode[];
export type BusinessAuthDenial = (typeof BUSINESS_AUTH_DENIALS)[number];

export function isBusinessAuthDenial(error: unknown): error is DomainError & { code: BusinessAuthDenial } {
  return error instanceof DomainError && (BUSINESS_AUTH_DENIALS as readonly string[]).includes(error.code);
}

export function denial(code: BusinessAuthDenial, message: string): DomainError {
  return new DomainError(code, message);
}

/**
 * jsonwebtoken's verdicts as denial codes. It checks the signature before the times, so an
 * expired or not-yet-valid token did carry a good signature. Anything that is not a verdict on
 * the token (a database outage while looking up the key) is returned unchanged.
 */
export function toBusinessAuthError(error: unknown): unknown {
  if (error instanceof DomainError || !(error instanceof Error)) return error;
  // by name: passport-jwt's copy of jsonwebtoken throws them, not necessarily ours
  switch (error.name) {
    case 'TokenExpiredError':
      return denial('token_expired', 'the token has expired');
    case 'NotBeforeError':
      return denial('token_not_yet_valid', 'the token is not valid yet');
    case 'JsonWebTokenError':
      if (error.message === 'invalid signature')
        return denial('bad_signature', "the token's signature does not match its key");
      if (/algorithm|secretOrPublicKey/i.test(error.message))
        return denial('algorithm_not_allowed', "the token's algorithm does not fit its key");
      return denial('token_malformed', 'the token is not a well-formed JWT');
    default:
      return error;
  }
}

/** What is known about the caller so far, for the audit of a refusal. */
export interface BusinessAuthAttempt {
  kid: string | null;
  tenantId: string | null;
  keyId: string | null;
  /** set only once the signature has been verified */
  businessUserId: string | null;
  key: ResolvedBusinessKey | null;
}

const ATTEMPT = Symbol('seatgate.businessAuthAttempt');
type WithAttempt = { [ATTEMPT]?: BusinessAuthAttempt };

export function beginBusinessAuthAttempt(request: object): BusinessAuthAttempt {
  const attempt: BusinessAuthAttempt = {
    kid: null,
    tenantId: null,
    keyId: null,
    businessUserId: null,
    key: null,
  };
  (request as WithAttempt)[ATTEMPT] = attempt;
  return attempt;
}

export function businessAuthAttempt(request: object): BusinessAuthAttempt {
  const attempt = (request as WithAttempt)[ATTEMPT];
  if (!attempt) throw new Error('the business-jwt strategy ran without BusinessJwtGuard');
  return attempt;
}
