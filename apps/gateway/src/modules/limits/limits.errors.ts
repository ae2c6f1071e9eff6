// Refusals of the limits module, as domain errors the exception filter turns into 429s (with
// Retry-After from the details). A login refused by one of its tenant's limits is the login slice's
// error (login.errors.ts), built from LoginLimiter's refusal.
import { DomainError } from '../../common/errors/domain.error';

/** No CreateSDKLoginToken slot for this Tencent Cloud account within the caller's wait. */
export class UpstreamQuotaExceeded extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'upstream_rate_limited',
      'too many logins for this Tencent Cloud account right now; retry shortly',
      { retryAfterSeconds },
    );
    this.name = 'UpstreamQuotaExceeded';
  }
}
