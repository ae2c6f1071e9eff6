// The process that makes an admin change must refuse what it revoked at once, not when its own
// NOTIFY comes back: every state-changing request that is not a business user's login drops this
// process's login caches when it ends (success or failure; admin changes are rare).
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { finalize, type Observable } from 'rxjs';
import { CacheInvalidation } from './cache-invalidation.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class CacheDropInterceptor implements NestInterceptor {
  constructor(private readonly invalidation: CacheInvalidation) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: { type?: unknown } }>();
    if (SAFE_METHODS.has(request.method) || request.user?.type === 'business_user') return next.handle();
    return next.handle().pipe(finalize(() => this.invalidation.dropAll()));
  }
}
