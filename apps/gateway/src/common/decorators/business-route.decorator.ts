// One decorator per business-user route: the business JWT guard plus OpenAPI metadata; and
// @BusinessCtx(), which refuses to run where that guard did not.
import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { businessAuthAttempt } from '../../modules/keys/business-token.errors';
import type { BusinessActor, BusinessContext } from '../context/business-context';
import { BusinessJwtGuard } from '../guards/business-jwt.guard';
import { requestMeta } from '../context/request-meta';

export function BusinessRoute(summary: string): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(BusinessJwtGuard), ApiBearerAuth(), ApiOperation({ summary }));
}

export const BusinessCtx = createParamDecorator((_: unknown, host: ExecutionContext): BusinessContext => {
  const request = host.switchToHttp().getRequest<Request & { id?: unknown; user?: BusinessActor }>();
  if (!request.user || request.user.type !== 'business_user') {
    throw new Error('@BusinessCtx() used on a route without @BusinessRoute()');
  }
  const tenant = businessAuthAttempt(request).key?.tenant;
  if (!tenant || tenant.id !== request.user.tenantId)
    throw new Error('business token verified without its tenant');
  return { ...requestMeta(request), actor: request.user, tenant };
});
