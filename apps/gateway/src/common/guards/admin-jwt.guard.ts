// Admin routes: a valid access token of a live session, and (unless the route is one of the
// session's own, see AdminRouteOptions.beforePasswordChange) an admin who is not still signing in
// with a password another admin set.
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { AdminActor } from '../context/request-context';
import { DomainError } from '../errors/domain.error';

/** Route metadata: the route answers an admin who must still change its password. */
export const BEFORE_PASSWORD_CHANGE = 'seatgate:before-password-change';

@Injectable()
export class AdminJwtGuard extends AuthGuard('admin-jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!(await super.canActivate(context))) return false;
    const actor = context.switchToHttp().getRequest<Request & { user?: AdminActor }>().user;
    const allowed = this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_PASSWORD_CHANGE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (actor?.passwordChangeRequired && !allowed) {
      throw new DomainError(
        'password_change_required',
        'another admin set this password: change it (POST /api/auth/password) before anything else',
      );
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new DomainError('unauthenticated', 'sign in to use the admin API');
    return user;
  }
}
