// Business-user authentication, for every business route (the Nest guard and login-http.ts alike):
// the Bearer token's header kid selects the key (BusinessKeyResolver), jsonwebtoken verifies the
// signature and times with that one key (a KeyObject, so an HS token can never be checked against
// a public key), then the claims are checked. Every refusal has a code; it is audited as
// login.denied in the tenant's chain when the kid named a key, else in the platform chain.
// Failures are limited per client IP before anything is looked up or written: past the limit an
// attempt is refused with 429 at once, and only counted into a summary (see BusinessAuthFailures).
import { Injectable } from '@nestjs/common';
import { BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS } from '@seatgate/contracts';
import { verify } from 'jsonwebtoken';
import type { BusinessContext } from '../../common/context/business-context';
import type { RequestMeta } from '../../common/context/request-context';
import { BusinessAuthFailures } from '../limits/business-auth-failures';
import {
  BusinessAuthDenied,
  denial,
  NO_SUBJECT,
  toBusinessAuthError,
  type BusinessAuthSubject,
} from './business-auth.errors';
import { BusinessKeyResolver } from './business-key.resolver';
import { businessActorFromClaims } from './business-token.claims';
import { LoginDenials } from './login-denials';
import { loginErrors } from './login.errors';

// as passport-jwt read it: "<scheme> <token>", the scheme case-insensitive
const AUTHORIZATION = /^(\S+)\s+(\S+)$/;

function bearerToken(authorization: string | undefined): string | null {
  const match = authorization === undefined ? null : AUTHORIZATION.exec(authorization);
  return match && match[1]!.toLowerCase() === 'bearer' ? match[2]! : null;
}

function tokenHeader(rawToken: string): { alg: string; kid: string } {
  const parts = rawToken.split('.');
  let header: unknown;
  try {
    if (parts.length !== 3) throw new Error('not three parts');
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  } catch {
    throw denial('token_malformed', 'the token is not a well-formed JWT');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header))
    throw denial('token_malformed', 'the token is not a well-formed JWT');
  const { alg, kid } = header as { alg?: unknown; kid?: unknown };
  if (typeof alg !== 'string') throw denial('token_malformed', "the token's header names no algorithm");
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 256)
    throw denial('unknown_key', "the token's header names no key (kid)");
  return { alg, kid };
}

@Injectable()
export class BusinessAuthenticator {
  constructor(
    private readonly resolver: BusinessKeyResolver,
    private readonly failures: BusinessAuthFailures,
    private readonly denials: LoginDenials,
  ) {}

  /** The verified caller of a request with this Authorization header, or a coded refusal. */
  async authenticate(authorization: string | undefined, meta: RequestMeta): Promise<BusinessContext> {
    const admission = this.failures.admit(meta.ip);
    if (!admission.admitted) {
      this.denials.count(null, 'too_many_requests');
      throw loginErrors.tooManyFailedAuthentications(admission.retryAfterSeconds);
    }
    try {
      return await this.verified(authorization, meta);
    } catch (error) {
      if (error instanceof BusinessAuthDenied) {
        const { subject } = error;
        if (admission.fail())
          await this.denials.record({
            tenantId: subject.tenantId,
            businessUserId: subject.businessUserId,
            keyId: subject.keyId,
            meta,
            code: error.code,
            details: { kid: subject.kid },
          });
        else this.denials.count(subject.tenantId, error.code);
      }
      throw error;
    } finally {
      admission.done();
    }
  }

  private async verified(authorization: string | undefined, meta: RequestMeta): Promise<BusinessContext> {
    const token = bearerToken(authorization);
    if (!token) throw denial('token_missing', 'send a business token as "Authorization: Bearer <jwt>"');
    const header = tokenHeader(token);
    const resolved = await this.resolver.resolve(header.kid, header.alg);
    const subject: BusinessAuthSubject = {
      ...NO_SUBJECT,
      kid: header.kid,
      tenantId: resolved.tenant.id,
      keyId: resolved.keyId,
    };
    let payload: unknown;
    try {
      payload = verify(token, resolved.key, {
        // the resolver has already pinned the one algorithm of the token's key; this is a backstop
        algorithms: [resolved.algorithm],
        clockTolerance: BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS,
      });
    } catch (error) {
      throw toBusinessAuthError(error, subject);
    }
    const actor = businessActorFromClaims(payload, resolved, Math.floor(Date.now() / 1000));
    return { ...meta, actor, tenant: resolved.tenant, settings: resolved.settings };
  }
}
