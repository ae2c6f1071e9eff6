// CORS of the browser-facing routes: the union of every tenant's allowedOrigins, cached briefly,
// applied by the rule in origin-policy.ts; the middleware covers every browser-facing path that
// login-http.ts does not answer itself (a wrong gateway path must answer a readable 404, not a
// CORS failure).
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TenantsService } from '../tenants/tenants.service';
import { corsHeaders, originOf } from './origin-policy';

const CACHE_MS = 10_000;

@Injectable()
export class KnownOrigins {
  private cached: { origins: Set<string>; at: number } | null = null;

  constructor(private readonly tenants: TenantsService) {}

  /** The CORS headers of an answer to this origin (a preflight's too, when `preflight`). */
  async corsHeaders(origin: string | undefined, preflight: boolean): Promise<Record<string, string>> {
    if (!origin) return corsHeaders(origin, EMPTY, preflight);
    return corsHeaders(origin, await this.origins().catch(() => EMPTY), preflight);
  }

  private async origins(): Promise<ReadonlySet<string>> {
    if (!this.cached || Date.now() - this.cached.at > CACHE_MS) {
      this.cached = { origins: new Set(await this.tenants.allAllowedOrigins()), at: Date.now() };
    }
    return this.cached.origins;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

@Injectable()
export class LoginCorsMiddleware implements NestMiddleware {
  constructor(private readonly known: KnownOrigins) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const preflight = req.method === 'OPTIONS';
    res.set(await this.known.corsHeaders(originOf(req.headers), preflight));
    if (preflight) {
      res.status(204).end();
      return;
    }
    next();
  }
}
