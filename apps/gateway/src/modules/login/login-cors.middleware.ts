// CORS for the browser-facing routes (/api/v1/*, /loginTCCC). A preflight carries no token, so it
// is answered for any origin some tenant lists; the real request is then checked against its own
// tenant's list by LoginService (403 origin_not_allowed). The union is cached briefly.
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LoginRepository } from './login.repository';

const CACHE_MS = 10_000;

@Injectable()
export class LoginCorsMiddleware implements NestMiddleware {
  private cached: { origins: Set<string>; at: number } | null = null;

  constructor(private readonly logins: LoginRepository) {}

  private async knownOrigins(): Promise<Set<string>> {
    if (!this.cached || Date.now() - this.cached.at > CACHE_MS) {
      this.cached = { origins: new Set(await this.logins.allAllowedOrigins()), at: Date.now() };
    }
    return this.cached.origins;
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (origin && (await this.knownOrigins().catch(() => new Set<string>())).has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader(
        'Access-Control-Expose-Headers',
        'Retry-After, RateLimit, RateLimit-Policy, X-Request-Id',
      );
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id');
        res.setHeader('Access-Control-Max-Age', '600');
      }
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  }
}
