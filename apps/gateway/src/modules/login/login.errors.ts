// The refusals of a business login and of a redemption, as typed domain errors. Their HTTP status
// and headers (Retry-After, RateLimit) come from the exception filter, derived from the details.
import { domainError } from '../../common/errors/domain.error';
import { LOGIN_WINDOW_SECONDS, type LimitDecision } from '../limits/login-limiter';

type Refusal = Extract<LimitDecision, { allowed: false }>;

export const loginErrors = {
  tenantSuspended: () => domainError('tenant_suspended', 'this tenant is suspended'),
  originNotAllowed: (origin: string | undefined) =>
    domainError('origin_not_allowed', `the origin ${origin} is not allowed for this tenant`),
  seatNotMapped: (why: 'none' | 'disabled' | { tokenSdkAppId: number }) =>
    domainError(
      'seat_not_mapped',
      why === 'none'
        ? 'this user has no seat mapped in this tenant'
        : why === 'disabled'
          ? 'the seat mapping of this user is disabled'
          : `the token is limited to SDKAppID ${why.tokenSdkAppId}`,
    ),
  appAmbiguous: (sdkAppIds: number[]) =>
    domainError('app_ambiguous', 'this user has seats in several apps; choose one with sdkAppId', {
      sdkAppIds,
    }),
  /** an admin signed the seat out (ForceMemberOffline): refused until an admin restores it */
  seatSignedOut: (reason: string) =>
    domainError('seat_signed_out', 'an administrator signed this seat out', { reason }),
  appDisabled: () => domainError('app_disabled', 'this TCCC app is disabled'),
  rateLimited: (refusal: Refusal) =>
    domainError(
      'rate_limited',
      `too many logins (${refusal.scope} limit); retry in ${refusal.retryAfterSeconds} s`,
      {
        scope: refusal.scope,
        retryAfter: refusal.retryAfterSeconds,
        rateLimit: {
          policies: refusal.policies,
          windowSeconds: LOGIN_WINDOW_SECONDS,
          remaining: 0,
          resetSeconds: refusal.retryAfterSeconds,
        },
      },
    ),
  tooManyFailedAuthentications: (retryAfterSeconds: number) =>
    domainError(
      'too_many_requests',
      `too many failed authentications from this address; retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    ),
  loginNotFound: () => domainError('login_not_found', 'this login URL is not known'),
  ticketExpired: () => domainError('ticket_expired', 'this login URL has expired; ask for a new login'),
  /** a HEAD on a login URL: answered without using it up (only GET redeems) */
  headNotRedeemed: () =>
    domainError('method_not_allowed', 'a login URL is redeemed by GET only; HEAD does not use it up'),
  ticketUsed: () => domainError('ticket_used', 'this login URL was already used; ask for a new login'),
};
