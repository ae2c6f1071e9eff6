// One decorator per admin route: the JWT guard, the least role that may call the route (in route
// metadata and in the OpenAPI document) and the operation summary; and @Ctx(), which refuses to run
// where that guard did not. The role is documentation and a promise, not the check: every service
// method still checks access on its first line, where the tenant is known.
import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOperation } from '@nestjs/swagger';
import type { AdminRole } from '@seatgate/contracts';
import type { Request } from 'express';
import { AdminJwtGuard, BEFORE_PASSWORD_CHANGE } from '../guards/admin-jwt.guard';
import type { AdminActor, RequestContext, RequestMeta } from '../context/request-context';
import { requestMeta } from '../context/request-meta';

/** Route metadata key holding the route's AdminRouteOptions['role']. */
export const ADMIN_ROLE = 'seatgate:admin-role';
/** The OpenAPI extension carrying the same role. */
export const ADMIN_ROLE_EXTENSION = 'x-seatgate-role';

export interface AdminRouteOptions {
  /**
   * The least role that may call the route: `auditor` (any admin; reads, within the tenants the
   * admin sees), `tenant_admin` (changes within its tenants) or `platform_admin`.
   */
  role: AdminRole;
  summary: string;
  /**
   * The route serves an admin who must still replace a password another admin set (its own
   * session: me, logout, the password change); every other admin route answers
   * password_change_required until then.
   */
  beforePasswordChange?: true;
}

export function AdminRoute({
  role,
  summary,
  beforePasswordChange,
}: AdminRouteOptions): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ADMIN_ROLE, role),
    SetMetadata(BEFORE_PASSWORD_CHANGE, beforePasswordChange === true),
    UseGuards(AdminJwtGuard),
    ApiBearerAuth(),
    ApiOperation({ summary, description: `Least role: ${role}.` }),
    ApiExtension(ADMIN_ROLE_EXTENSION, role),
  );
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
