// Login rate limits per business user, per tenant and per client IP, with the quotas taken from
// the tenant's settings on every call. Windows are fixed windows of 60 s (each starts at the first
// request of its key, as rate-limiter-flexible's do, whose keys they share) on the shared store, so
// every gateway process counts into the same windows. A login checks them together with its
// upstream quota slot in one store call (`admit`): all are counted, or none.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AdmissionOutcome } from './admission';
import {
  ceilSeconds,
  mostConstrained,
  rateLimitHeaders,
  type LimitScope,
  type ScopeState,
} from './rate-limit-headers';
import { RateLimitStore } from './rate-limit.store';
import { UpstreamQuota, type SlotAttempt } from './upstream-quota';

export type { LimitScope } from './rate-limit-headers';

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
  | {
      allowed: false;
      scope: LimitScope;
      retryAfterSeconds: number;
      /** every limit that applied (the refusal's RateLimit-Policy), for the refusal's details */
      policies: { scope: LimitScope; limit: number }[];
      /** the RateLimit headers this refusal's details derive into (the filter's errorHeaders) */
      headers: Record<string, string>;
      /** its audit event was written by the admission's own statement (refusalAudit, PostgreSQL) */
      audited?: boolean;
    };

export interface LimitUsage extends ScopeState {
  /** requests counted in the current window */
  used: number;
}

/** What a login would meet now, without counting it: the decision, and every scope's usage. */
export type LimitPeek = LimitDecision & { usage: LimitUsage[] };

export const LOGIN_WINDOW_SECONDS = 60;

/** Most specific first: the scope a refusal names when several are at their quota. */
const CONSUME_ORDER: readonly LimitScope[] = ['user', 'ip', 'tenant'];
/** The order of RateLimit-Policy members. */
const POLICY_ORDER: readonly LimitScope[] = ['user', 'tenant', 'ip'];
/** Limiters are cached per (scope, quota); tenants use few distinct quotas, but bound it anyway. */
const MAX_CACHED_LIMITERS = 256;

export interface ScopeCheck {
  scope: LimitScope;
  limit: number;
  key: string;
}

/** The upstream quota slot a login needs: the account's key and how long it may wait for one. */
export interface UpstreamNeed {
  accountKey: string;
  maxWaitMs: number;
  /** the account's quota when Tencent raised it (tenant setting upstreamQuotaPerSecond) */
  perSecond?: number;
}

@Injectable()
export class LoginLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly store: RateLimitStore,
    private readonly quota: UpstreamQuota,
  ) {}

  /**
   * Admits one login, or refuses it: its login limits (null when they are switched off) and a slot
   * of its account's upstream quota, checked and counted together in one store call, so that a
   * refusal counts nowhere. While the account's current second is full nothing is counted and the
   * login waits in the account's line (UpstreamQuota) for the next second, then asks again with one
   * call; it throws UpstreamQuotaExceeded when no slot comes within `maxWaitMs`.
   */
  /** True when a refusal's audit event can be written by the admission itself (see `admit`). */
  get auditsRefusals(): boolean {
    return this.store.backend === 'postgres';
  }

  /**
   * `refusal`: the audit event of a refusal by the login limits, with `placeholder` standing for
   * the refusing scope; where the store can (auditsRefusals), the admission's own statement writes
   * it, and the decision says so (`audited`).
   */
  async admit(
    input: LoginLimitInput | null,
    upstream: UpstreamNeed,
    refusal?: { content: string; placeholder: string },
  ): Promise<LimitDecision> {
    const checks = input ? this.checks(input) : [];
    const refusalAudit =
      refusal && checks.length > 0 ? { ...refusal, scopes: checks.map((check) => check.scope) } : undefined;
    let admitted: LimitDecision | null = null;
    const { value } = await this.quota.acquireWith(
      upstream.accountKey,
      upstream.maxWaitMs,
      async (second, now, regrant): Promise<SlotAttempt<LimitDecision>> => {
        // a regrant: the login limits were counted with the slot that came back too late
        const counted = regrant ? [] : checks;
        const outcome = await this.store.admit({
          now,
          windowMs: LOGIN_WINDOW_SECONDS * 1000,
          counters: counted.map(counterOf),
          upstream: this.quota.counter(upstream.accountKey, second, upstream.perSecond, now),
          ...(regrant || !refusalAudit ? {} : { refusalAudit }),
        });
        if (outcome.kind === 'full') return { kind: 'full' };
        if (regrant && admitted) return { kind: 'granted', value: admitted };
        const decision: LimitDecision = input ? decisionOf(checks, outcome) : { allowed: true, headers: {} };
        admitted = decision;
        return decision.allowed ? { kind: 'granted', value: decision } : { kind: 'settled', value: decision };
      },
      upstream.perSecond,
    );
    return value;
  }

  /**
   * Counts one login attempt against each limit, or refuses it; a refused attempt counts nowhere.
   * One store call checks every scope and counts in all or none (admission.ts), atomically across
   * processes, so no scope ever admits more than its quota and a raised quota admits at once.
   * Logins use `admit`, which adds the upstream slot to the same call.
   */
  async consume(input: LoginLimitInput): Promise<LimitDecision> {
    const checks = this.checks(input);
    const outcome = await this.store.admit({
      now: Date.now(),
      windowMs: LOGIN_WINDOW_SECONDS * 1000,
      counters: checks.map(counterOf),
      upstream: null,
    });
    return decisionOf(checks, outcome);
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
    if (!refusing)
      return {
        allowed: true,
        headers: rateLimitHeaders(policies(checks), LOGIN_WINDOW_SECONDS, mostConstrained(usage)),
        usage,
      };
    const retryAfterSeconds = Math.max(1, refusing.resetSeconds);
    return {
      allowed: false,
      scope: refusing.scope,
      retryAfterSeconds,
      policies: policies(checks).map(({ scope, limit }) => ({ scope, limit })),
      headers: rateLimitHeaders(policies(checks), LOGIN_WINDOW_SECONDS, refusing, retryAfterSeconds),
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
}

/** The store key of a scope's counter: the one rate-limiter-flexible reads in `peek`. */
function counterOf(check: ScopeCheck): { key: string; limit: number } {
  return { key: `login:${check.scope}:${check.key}`, limit: check.limit };
}

/** The decision, with its RateLimit headers, for an admission of the login counters `checks`. */
export function decisionOf(checks: readonly ScopeCheck[], outcome: AdmissionOutcome): LimitDecision {
  const policy = policies(checks);
  switch (outcome.kind) {
    case 'granted': {
      const states = checks.map((check, i): ScopeState => {
        const state = outcome.counters[i];
        if (!state) throw new Error('rate-limit store: a counter is missing from the admission');
        return {
          scope: check.scope,
          limit: check.limit,
          remaining: Math.max(0, check.limit - state.used),
          resetSeconds: ceilSeconds(state.resetMs),
        };
      });
      return {
        allowed: true,
        headers: rateLimitHeaders(policy, LOGIN_WINDOW_SECONDS, mostConstrained(states)),
      };
    }
    case 'refused': {
      const check = checks[outcome.index];
      if (!check) throw new Error('rate-limit store: refused by an unknown counter');
      const retryAfterSeconds = ceilSeconds(outcome.state.resetMs, 1);
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
        policies: policy.map(({ scope, limit }) => ({ scope, limit })),
        headers: rateLimitHeaders(policy, LOGIN_WINDOW_SECONDS, current, retryAfterSeconds),
        ...(outcome.audited ? { audited: true } : {}),
      };
    }
    case 'full':
      throw new Error('rate-limit store: an upstream verdict for an admission without upstream');
  }
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
