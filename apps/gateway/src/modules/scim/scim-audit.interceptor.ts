// Around every authenticated SCIM call: the tenant's rate limit first (a 429 in SCIM's shape), then
// one audit event per call, `scim.request`, with the SCIM token as its actor, the method, the
// resource and the answer's status (refusals included).
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { AuditService } from '../audit/audit.service';
import { ScimThrottle } from '../limits/scim-throttle';
import { scimActor, type ScimContext, type ScimRequest } from './scim-context';
import { scimErrors, toScimError } from './scim.errors';

@Injectable()
export class ScimAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly throttle: ScimThrottle,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const scim = request.scim;
    if (!scim) return next.handle();
    // Nest sets the status after interceptors: the route's @HttpCode, else 201 for POST
    const declared: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
    const status = typeof declared === 'number' ? declared : request.method === 'POST' ? 201 : 200;
    return from(this.run(scim, request, status, next));
  }

  private async run(scim: ScimContext, request: ScimRequest, status: number, next: CallHandler) {
    const record = (answered: number, scimType?: string) =>
      this.audit.record({
        tenantId: scim.tenant.id,
        actor: scimActor(scim),
        action: 'scim.request',
        target: { type: 'scim_resource', id: resourceId(request) },
        outcome: answered < 400 ? 'success' : answered === 429 || answered === 403 ? 'denied' : 'failure',
        meta: scim,
        details: {
          method: request.method,
          resource: resourceOf(request),
          status: answered,
          ...(scimType ? { scimType } : {}),
        },
      });
    const admission = await this.throttle.admit(scim.tenant.id, scim.settings.requestsPerMinute);
    if (!admission.allowed) {
      await record(429);
      throw scimErrors.rateLimited(admission.retryAfterSeconds);
    }
    try {
      const result: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await record(status);
      return result;
    } catch (error) {
      const scimError = toScimError(error);
      await record(scimError.status, scimError.scimType);
      throw error;
    }
  }
}

function resourceOf(request: ScimRequest): string {
  const path = request.path.replace(/^\/scim\/v2\/?/, '');
  return (path.split('/')[0] ?? '').slice(0, 40);
}

function resourceId(request: ScimRequest): string | null {
  const id = request.params?.['id'];
  return typeof id === 'string' ? id.slice(0, 80) : null;
}
