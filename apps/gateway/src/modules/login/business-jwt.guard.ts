// The Nest face of BusinessAuthenticator, for the business routes Nest routes (see login-http.ts
// for the two it does not): the verified caller is kept on the request for @BusinessCtx().
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { BusinessContext } from '../../common/context/business-context';
import { requestMeta } from '../../common/context/request-meta';
import { BusinessAuthenticator } from './business-authenticator';

const CONTEXT = Symbol('seatgate.businessContext');
type WithContext = Request & { [CONTEXT]?: BusinessContext; user?: unknown };

@Injectable()
export class BusinessJwtGuard implements CanActivate {
  constructor(private readonly authenticator: BusinessAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WithContext>();
    const authorization = request.headers.authorization;
    const ctx = await this.authenticator.authenticate(authorization, requestMeta(request));
    request[CONTEXT] = ctx;
    request.user = ctx.actor;
    return true;
  }
}

/** The caller BusinessJwtGuard verified for this request; an error where it did not run. */
export function businessContextOf(request: object): BusinessContext {
  const ctx = (request as WithContext)[CONTEXT];
  if (!ctx) throw new Error('@BusinessCtx() used on a route without @BusinessRoute()');
  return ctx;
}
