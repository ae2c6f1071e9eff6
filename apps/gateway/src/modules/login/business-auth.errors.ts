// Why a business token was refused, as one precise code, with what was learned about the caller
// before the refusal (kid, tenant, key, user): the audit of the refusal goes to that tenant's chain.
// The token itself is never kept, logged or audited.
import type { ErrorCode } from '@seatgate/contracts';
import { DomainError } from '../../common/errors/domain.error';

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

/** What is known about a caller when its token is refused. */
export interface BusinessAuthSubject {
  kid: string | null;
  tenantId: string | null;
  keyId: string | null;
  /** set only once the signature has been verified */
  businessUserId: string | null;
}

export const NO_SUBJECT: BusinessAuthSubject = Object.freeze({
  kid: null,
  tenantId: null,
  keyId: null,
  businessUserId: null,
});

export class BusinessAuthDenied extends DomainError {
  declare readonly code: BusinessAuthDenial;

  constructor(
    code: BusinessAuthDenial,
    message: string,
    readonly subject: BusinessAuthSubject,
  ) {
    super(code, message);
  }
}

export function denial(
  code: BusinessAuthDenial,
  message: string,
  subject: BusinessAuthSubject = NO_SUBJECT,
): BusinessAuthDenied {
  return new BusinessAuthDenied(code, message, subject);
}

/**
 * jsonwebtoken's verdicts as denial codes. It checks the signature before the times, so an
 * expired or not-yet-valid token did carry a good signature. Anything that is not a verdict on
 * the token is returned unchanged.
 */
export function toBusinessAuthError(error: unknown, subject: BusinessAuthSubject): unknown {
  if (error instanceof DomainError || !(error instanceof Error)) return error;
  switch (error.name) {
    case 'TokenExpiredError':
      return denial('token_expired', 'the token has expired', subject);
    case 'NotBeforeError':
      return denial('token_not_yet_valid', 'the token is not valid yet', subject);
    case 'JsonWebTokenError':
      if (error.message === 'invalid signature')
        return denial('bad_signature', "the token's signature does not match its key", subject);
      if (/algorithm|secretOrPublicKey/i.test(error.message))
        return denial('algorithm_not_allowed', "the token's algorithm does not fit its key", subject);
      return denial('token_malformed', 'the token is not a well-formed JWT', subject);
    default:
      return error;
  }
}
