// SCIM requests per tenant and minute (the tenant's settings.scim.requestsPerMinute), counted in the
// shared rate-limit store so that every gateway process counts together. An identity provider
// syncing thousands of users is held to the pace the tenant chose, and never starves the others.
import { Injectable } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ceilSeconds } from './rate-limit-headers';
import { RateLimitStore } from './rate-limit.store';

export type ScimAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

@Injectable()
export class ScimThrottle {
  /** one limiter per limit in use (a limiter's points are fixed when it is built) */
  private readonly limiters = new Map<number, RateLimiterAbstract>();

  constructor(private readonly store: RateLimitStore) {}

  async admit(tenantId: string, perMinute: number): Promise<ScimAdmission> {
    let limiter = this.limiters.get(perMinute);
    if (!limiter) {
      limiter = this.store.limiter({
        keyPrefix: `scim_${perMinute}`,
        points: perMinute,
        durationSeconds: 60,
      });
      this.limiters.set(perMinute, limiter);
    }
    try {
      await limiter.consume(tenantId);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: ceilSeconds(rejection.msBeforeNext, 1) };
    }
  }
}
