// passport-jwt strategy `business-jwt`: the Bearer token's header kid selects the key (see
// BusinessKeyResolver), jsonwebtoken verifies signature and times with that one key (a KeyObject,
// so an HS token can never be checked against a public key), then the claims are checked.
// Refusals are turned into codes and audited by BusinessJwtGuard, which every route uses.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS } from '@seatgate/contracts';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { BusinessActor } from '../../common/context/business-context';
import { BusinessKeyResolver } from './business-key.resolver';
import { businessActorFromClaims } from './business-token.claims';
import { businessAuthAttempt } from './business-token.errors';
import { BUSINESS_TOKEN_ALGORITHMS } from './key-material';

export const BUSINESS_JWT_STRATEGY = 'business-jwt';

@Injectable()
export class BusinessJwtStrategy extends PassportStrategy(Strategy, BUSINESS_JWT_STRATEGY) {
  constructor(resolver: BusinessKeyResolver) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      passReqToCallback: true,
      secretOrKeyProvider: (
        request: Request,
        rawToken: string,
        done: (error: unknown, key?: Buffer) => void,
      ) => {
        Promise.resolve()
          .then(() => resolver.resolve(rawToken, businessAuthAttempt(request)))
          .then(
            // jsonwebtoken takes KeyObjects; passport-jwt's types only know strings and Buffers
            (resolved) => done(null, resolved.key as unknown as Buffer),
            (error: unknown) => done(error),
          );
      },
      // the resolver has already pinned the one algorithm of the token's key; this is a backstop
      algorithms: BUSINESS_TOKEN_ALGORITHMS,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: BUSINESS_TOKEN_CLOCK_TOLERANCE_SECONDS },
    });
  }

  validate(request: Request, payload: unknown): BusinessActor {
    const attempt = businessAuthAttempt(request);
    if (!attempt.key) throw new Error('business-jwt: a token verified without a resolved key');
    return businessActorFromClaims(payload, attempt.key, attempt, Math.floor(Date.now() / 1000));
  }
}
