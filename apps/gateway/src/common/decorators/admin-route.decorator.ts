// One decorator per admin route: the JWT guard plus OpenAPI metadata; and @Ctx(), which refuses
// to run where that guard did not.
import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { AdminJwtGuard } from '../guards/admin-jwt.guard';
import type { AdminActor, RequestContext, RequestMeta } from '../context/request-context';

export function AdminRoute(summary: string): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(AdminJwtGuard), ApiBearerAuth(), ApiOperation({ summary }));
}

export function requestMeta(request: Request & { id?: unknown }): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id ?? ''),
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
  };
}

export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const request = host.switchToHttp().getRequest<Request & { id?: unknown; user?: AdminActor }>();
  if (!request.user || request.user.type !== 'admin') {
    throw new Error('@Ctx() used on a route without @AdminRoute()');
  }
  return { ...requestMeta(request), actor: request.user };
});

export const Meta = createParamDecorator((_: unknown, host: ExecutionContext): RequestMeta =>
  requestMeta(host.switchToHttp().getRequest()),
);
