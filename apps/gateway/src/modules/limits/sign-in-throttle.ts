// Throttling of admin sign-ins (OWASP Authentication Cheat Sheet), on the shared rate-limit store so
// that every gateway process counts together. A sign-in reserves one attempt in each counter that
// applies, atomically and before its password is verified, so parallel tries cannot overrun a limit;
// a success gives its attempt back, so only failures count. Three counters:
//   source  (account, client IP): 5 per 15 min. The back-off a guesser meets; it binds only the
//           guesser's own address, so a stranger who knows an admin's email cannot lock out the admin,
//           who signs in from elsewhere. Cleared by a success from that address.
//   ip      (client IP, any account): 30 per 15 min, against spraying many accounts from one address.
//   account (all sources): 10 per minute, a ceiling against guessing from many addresses. It is a
//           slowdown, never a lockout: its window is a minute, and an address this account has signed
//           in from in the last 30 days is not held to it (only to its own source counter).
// The account is named by a hash of the email as typed (known or not), so an unknown email meets
// exactly the same counters, answers and delays as a real one: nothing tells which emails exist.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ceilSeconds } from './rate-limit-headers';
import { RateLimitStore } from './rate-limit.store';

export type SignInScope = 'source' | 'ip' | 'account';

const LIMITS: Record<SignInScope, { points: number; durationSeconds: number }> = {
  source: { points: 5, durationSeconds: 15 * 60 },
  ip: { points: 30, durationSeconds: 15 * 60 },
  account: { points: 10, durationSeconds: 60 },
};
const KNOWN_SOURCE_SECONDS = 30 * 24 * 3600;

export type SignInReservation =
  | { allowed: true; keys: ReservedKeys }
  | {
      allowed: false;
      scope: SignInScope;
      retryAfterSeconds: number;
      /** the first refusal of this counter's window (audit it once, not once per attempt) */
      firstRefusal: boolean;
    };

/** What a granted attempt holds, to give back on success. */
export interface ReservedKeys {
  source: string;
  ip: string;
  account: string | null;
  known: string;
}

const digest = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 32);

@Injectable()
export class SignInThrottle {
  private readonly limiters: Record<SignInScope, RateLimiterAbstract>;
  private readonly knownSources: RateLimiterAbstract;

  constructor(store: RateLimitStore) {
    this.limiters = {
      source: store.limiter({ keyPrefix: 'signin_src', ...LIMITS.source }),
      ip: store.limiter({ keyPrefix: 'signin_ip', ...LIMITS.ip }),
      account: store.limiter({ keyPrefix: 'signin_acct', ...LIMITS.account }),
    };
    this.knownSources = store.limiter({
      keyPrefix: 'signin_known',
      points: 1,
      durationSeconds: KNOWN_SOURCE_SECONDS,
    });
  }

  /** Reserves one attempt for `email` from `ip` in every counter that applies, or says which refused. */
  async reserve(email: string, ip: string | null): Promise<SignInReservation> {
    const account = digest(email.trim().toLowerCase());
    const address = digest(ip ?? 'unknown');
    const keys: ReservedKeys = {
      source: `${account}:${address}`,
      ip: address,
      account,
      known: `${account}:${address}`,
    };
    const known = (await this.knownSources.get(keys.known)) !== null;
    const order: [SignInScope, string][] = [
      ['source', keys.source],
      ['ip', keys.ip],
      ...(known ? [] : ([['account', keys.account]] as [SignInScope, string][])),
    ];
    const taken: [SignInScope, string][] = [];
    for (const [scope, key] of order) {
      try {
        await this.limiters[scope].consume(key);
        taken.push([scope, key]);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // the narrower counters already passed give their attempt back: no password was tried
        await Promise.all(taken.map(([s, k]) => this.limiters[s].reward(k, 1)));
        return {
          allowed: false,
          scope,
          retryAfterSeconds: ceilSeconds(rejection.msBeforeNext, 1),
          firstRefusal: rejection.consumedPoints === LIMITS[scope].points + 1,
        };
      }
    }
    return { allowed: true, keys: { ...keys, account: known ? null : keys.account } };
  }

  /** The password was right: the attempt does not count, the source's failures are forgiven. */
  async succeeded(keys: ReservedKeys): Promise<void> {
    await Promise.all([
      this.limiters.source.delete(keys.source),
      this.limiters.ip.reward(keys.ip, 1),
      keys.account ? this.limiters.account.reward(keys.account, 1) : Promise.resolve(),
      this.knownSources.set(keys.known, 1, KNOWN_SOURCE_SECONDS),
    ]);
  }
}
