// Business-user authentication for /api/v1/* and /loginTCCC: runs the `business-jwt` strategy and
// turns every refusal into a 401 (403 for a suspended tenant) with a code saying why, audited as
// login.denied in the tenant's chain when the kid named a key, else in the platform chain.
// Failures are limited per client IP before anything is looked up or written: past the limit an
// attempt is refused with 429 at once, and only counted into a summary (see BusinessAuthFailures).
import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt } from 'passport-jwt';
import { AuditService } from '../../modules/audit/audit.service';
import { BusinessAuthFailures } from '../../modules/limits/business-auth-failures';
import { MetricsService } from '../../modules/metrics/metrics.service';
import {
  beginBusinessAuthAttempt,
  denial,
  isBusinessAuthDenial,
  toBusinessAuthError,
  type BusinessAuthAttempt,
} from '../../modules/keys/business-token.errors';
import type { BusinessActor } from '../context/business-context';
import { requestMeta } from '../decorators/admin-route.decorator';
import { DomainError } from '../errors/domain.error';

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

@Injectable()
export class BusinessJwtGuard extends AuthGuard('business-jwt') {
  constructor(
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    private readonly failures: BusinessAuthFailures,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const admission = this.failures.admit(request.ip);
    if (!admission.admitted) {
      this.metrics.loginDenied(null, 'too_many_requests');
      throw new DomainError(
        'too_many_requests',
        `too many failed authentications from this address; retry in ${admission.retryAfterSeconds} s`,
        { retryAfterSeconds: admission.retryAfterSeconds },
        { 'Retry-After': String(admission.retryAfterSeconds) },
      );
    }
    const attempt = beginBusinessAuthAttempt(request);
    try {
      if (!bearerToken(request))
        throw denial('token_missing', 'send a business token as "Authorization: Bearer <jwt>"');
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (isBusinessAuthDenial(error)) {
        if (admission.fail()) await this.recordDenial(request, attempt, error);
        else this.metrics.loginDenied(attempt.tenantId, error.code);
      }
      throw error;
    } finally {
      admission.done();
    }
  }

  override handleRequest<TUser = BusinessActor>(error: unknown, user: unknown, info: unknown): TUser {
    if (error) throw toBusinessAuthError(error);
    if (!user) throw toBusinessAuthError(info);
    return user as TUser;
  }

  private async recordDenial(
    request: Request,
    attempt: BusinessAuthAttempt,
    error: DomainError,
  ): Promise<void> {
    await this.audit.record({
      tenantId: attempt.tenantId,
      actor: attempt.businessUserId
        ? { type: 'business_user', id: attempt.businessUserId, display: attempt.businessUserId }
        : { type: 'anonymous', id: null, display: null },
      action: 'login.denied',
      target: attempt.keyId ? { type: 'signing_key', id: attempt.keyId } : undefined,
      outcome: 'denied',
      meta: requestMeta(request),
      details: { reason: error.code, kid: attempt.kid },
    });
    this.metrics.loginDenied(attempt.tenantId, error.code);
  }
}
