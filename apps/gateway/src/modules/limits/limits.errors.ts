// Refusals of the limits module, as domain errors the exception filter turns into 429s with the
// rate-limit headers attached.
import { DomainError } from '../../common/errors/domain.error';
import type { LimitScope } from './rate-limit-headers';

/** No CreateSDKLoginToken slot for this Tencent Cloud account within the caller's wait. */
export class UpstreamQuotaExceeded extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'upstream_rate_limited',
      'too many logins for this Tencent Cloud account right now; retry shortly',
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
    this.name = 'UpstreamQuotaExceeded';
  }
}

/** A login refused by one of the tenant's limits; built from LoginLimiter's denied decision. */
export class LoginRateLimited extends DomainError {
  readonly scope: LimitScope;
  readonly retryAfterSeconds: number;

  constructor(decision: { scope: LimitScope; retryAfterSeconds: number; headers: Record<string, string> }) {
    super(
      'rate_limited',
      `too many logins (${decision.scope} limit); retry in ${decision.retryAfterSeconds} s`,
      { scope: decision.scope, retryAfterSeconds: decision.retryAfterSeconds },
      decision.headers,
    );
    this.name = 'LoginRateLimited';
    this.scope = decision.scope;
    this.retryAfterSeconds = decision.retryAfterSeconds;
  }
}
