// Login rate limits per business user, per tenant and per client IP, with the quotas taken from
// the tenant's settings on every call. Windows are rate-limiter-flexible's fixed windows of 60 s
// (each starts at the first request of its key) on the shared store, so every gateway process
// counts into the same windows.
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import {
  ceilSeconds,
  mostConstrained,
  rateLimitHeaders,
  type LimitScope,
  type ScopeState,
} from './rate-limit-headers';
import { RateLimitStore } from './rate-limit.store';

export type { LimitScope } from './rate-limit-headers';
export { LoginRateLimited } from './limits.errors';

export interface LoginLimits {
  perUserPerMinute: number;
  perTenantPerMinute: number;
  perIpPerMinute: number;
}

export interface LoginLimitInput {
  tenantId: string;
  businessUserId: string;
  /** the client's address as Express reports it; null skips the IP limit */
  ip: string | null;
  limits: LoginLimits;
}

export type LimitDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; scope: LimitScope; retryAfterSeconds: number; headers: Record<string, string> };

export interface LimitUsage extends ScopeState {
  /** requests counted in the current window */
  used: number;
}

/** What a login would meet now, without counting it: the decision, and every scope's usage. */
export type LimitPeek = LimitDecision & { usage: LimitUsage[] };

export const LOGIN_WINDOW_SECONDS = 60;

/** Most specific first: a flood from one user or one address stops before the shared tenant pool. */
const CONSUME_ORDER: readonly LimitScope[] = ['user', 'ip', 'tenant'];
/** The order of RateLimit-Policy members. */
const POLICY_ORDER: readonly LimitScope[] = ['user', 'tenant', 'ip'];
/** A refund this close to the end of its window is skipped; see `refund`. */
const REFUND_MARGIN_MS = 1_000;
/** Limiters are cached per (scope, quota); tenants use few distinct quotas, but bound it anyway. */
const MAX_CACHED_LIMITERS = 256;

interface ScopeCheck {
  scope: LimitScope;
  limit: number;
  key: string;
}

interface Taken {
  check: ScopeCheck;
  /** when the window of this key ends, by this process's clock */
  windowEndsAt: number;
}

@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger('LoginLimiter');
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly store: RateLimitStore) {}

  /**
   * Counts one login attempt against each limit, or refuses it; a refused attempt counts nowhere.
   *
   * How: consume user, then ip, then tenant, each an atomic increment on the store; at the first
   * scope that refuses, give back (`reward`) every point this attempt took, the refusing scope's
   * included, so the counters hold admitted logins only and a raised quota admits at once.
   * Races: a scope admits only when its own atomic increment stays within the quota, and admitted
   * points are never given back, so no scope ever admits more than its quota, across processes.
   * The price is conservative: between an attempt's increment and its refund, a concurrent attempt
   * can see that point and be refused although the slot ends up unused. The alternative (check all
   * three, then consume) would need a multi-key script of our own instead of the library's atomic
   * operations, and still be racy across the separate store calls.
   */
  async consume(input: LoginLimitInput): Promise<LimitDecision> {
    const checks = this.checks(input);
    const taken: Taken[] = [];
    const states: ScopeState[] = [];
    for (const check of checks) {
      const limiter = this.limiterFor(check);
      try {
        const result = await limiter.consume(check.key);
        taken.push({ check, windowEndsAt: Date.now() + result.msBeforeNext });
        states.push(stateOf(check, result));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) {
          await this.refund(taken);
          throw rejection;
        }
        await this.refund([...taken, { check, windowEndsAt: Date.now() + rejection.msBeforeNext }]);
        const retryAfterSeconds = ceilSeconds(rejection.msBeforeNext, 1);
        const current = {
          scope: check.scope,
          limit: check.limit,
          remaining: 0,
          resetSeconds: retryAfterSeconds,
        };
        return {
          allowed: false,
          scope: check.scope,
          retryAfterSeconds,
          headers: rateLimitHeaders(policies(checks), LOGIN_WINDOW_SECONDS, current, retryAfterSeconds),
        };
      }
    }
    return {
      allowed: true,
      headers: rateLimitHeaders(policies(checks), LOGIN_WINDOW_SECONDS, mostConstrained(states)),
    };
  }

  /** The decision `consume` would make now (barring concurrent logins), counting nothing. */
  async peek(input: LoginLimitInput): Promise<LimitPeek> {
    const checks = this.checks(input);
    const usage = await Promise.all(
      checks.map(async (check): Promise<LimitUsage> => {
        const result = await this.limiterFor(check).get(check.key);
        const used = Math.max(0, result?.consumedPoints ?? 0);
        const resetSeconds =
          result && result.msBeforeNext >= 0 ? ceilSeconds(result.msBeforeNext) : LOGIN_WINDOW_SECONDS;
        return {
          scope: check.scope,
          limit: check.limit,
          used,
          remaining: Math.max(0, check.limit - used),
          resetSeconds,
        };
      }),
    );
    const refusing = usage.find((state) => state.used >= state.limit);
    const headersFor = (current: ScopeState, retryAfterSeconds?: number) =>
      rateLimitHeaders(policies(checks), LOGIN_WINDOW_SECONDS, current, retryAfterSeconds);
    if (!refusing) return { allowed: true, headers: headersFor(mostConstrained(usage)), usage };
    const retryAfterSeconds = Math.max(1, refusing.resetSeconds);
    return {
      allowed: false,
      scope: refusing.scope,
      retryAfterSeconds,
      headers: headersFor(refusing, retryAfterSeconds),
      usage,
    };
  }

  private checks(input: LoginLimitInput): ScopeCheck[] {
    const { tenantId, businessUserId, ip, limits } = input;
    const tenant = keyPart(tenantId);
    const candidates: Array<ScopeCheck | null> = CONSUME_ORDER.map((scope) => {
      switch (scope) {
        case 'user':
          // hashed: business user ids (often e-mail addresses) have no business in the counter store
          return {
            scope,
            limit: quota(limits.perUserPerMinute, 'perUserPerMinute'),
            key: `${tenant}:${digest(businessUserId)}`,
          };
        case 'ip':
          return ip === null
            ? null
            : {
                scope,
                limit: quota(limits.perIpPerMinute, 'perIpPerMinute'),
                key: `${tenant}:${keyPart(normalizeIp(ip))}`,
              };
        case 'tenant':
          return { scope, limit: quota(limits.perTenantPerMinute, 'perTenantPerMinute'), key: tenant };
      }
    });
    return candidates.filter((check): check is ScopeCheck => check !== null);
  }

  /**
   * One limiter per (scope, quota). The stored key does not include the quota, so a changed quota
   * applies to the window already running: lowering it below what was used refuses at once,
   * raising it admits at once.
   */
  private limiterFor(check: ScopeCheck): RateLimiterAbstract {
    const id = `${check.scope}:${check.limit}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      if (this.limiters.size >= MAX_CACHED_LIMITERS) this.limiters.clear();
      limiter = this.store.limiter({
        keyPrefix: `login:${check.scope}`,
        points: check.limit,
        durationSeconds: LOGIN_WINDOW_SECONDS,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /**
   * Gives back one point per entry. Skipped within REFUND_MARGIN_MS of the window's end: a refund
   * that lands after the window expired would start the next window at -1 and let one extra login
   * through; a skipped refund only over-counts until the window ends. A failed refund is logged and
   * likewise errs on the strict side.
   */
  private async refund(taken: readonly Taken[]): Promise<void> {
    const now = Date.now();
    await Promise.all(
      taken
        .filter((entry) => entry.windowEndsAt - now > REFUND_MARGIN_MS)
        .map((entry) =>
          this.limiterFor(entry.check)
            .reward(entry.check.key, 1)
            .catch((error: unknown) =>
              this.logger.warn(
                { err: error, scope: entry.check.scope },
                'could not refund a login rate-limit point',
              ),
            ),
        ),
    );
  }
}

function stateOf(check: ScopeCheck, result: RateLimiterRes): ScopeState {
  return {
    scope: check.scope,
    limit: check.limit,
    remaining: Math.max(0, check.limit - result.consumedPoints),
    resetSeconds: ceilSeconds(result.msBeforeNext),
  };
}

function policies(checks: readonly ScopeCheck[]): ScopeCheck[] {
  return [...checks].sort((a, b) => POLICY_ORDER.indexOf(a.scope) - POLICY_ORDER.indexOf(b.scope));
}

function quota(value: number, name: keyof LoginLimits): number {
  // 0 is allowed and refuses every login; validation of tenant settings belongs to the tenant module
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`rate limit ${name} must be a non-negative integer, got ${value}`);
  return value;
}

const digest = (value: string): string =>
  createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 32);

/** Short, plain values stay readable in the store; anything else is hashed (keys are ≤ 255 chars). */
function keyPart(value: string): string {
  return /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : `#${digest(value)}`;
}

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) counts as `203.0.113.7`. */
function normalizeIp(ip: string): string {
  const lower = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  return mapped?.[1] ?? lower;
}
