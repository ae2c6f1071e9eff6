// The response headers that tell a client about its login limits, following the IETF httpapi
// draft "RateLimit header fields for HTTP", draft-ietf-httpapi-ratelimit-headers-10 (September
// 2025), whose two fields are Structured Field Lists (RFC 9651):
//   RateLimit-Policy: "user";q=10;w=60, "tenant";q=600;w=60, "ip";q=60;w=60
//   RateLimit: "user";r=3;t=42
// q = quota, w = window (seconds), r = remaining quota units, t = seconds until the quota resets.
// Only the most constrained policy is reported in RateLimit (the draft allows one or several).
// Retry-After (RFC 9110, delay-seconds) accompanies every denial.

export type LimitScope = 'user' | 'tenant' | 'ip';

export interface ScopeState {
  scope: LimitScope;
  /** the configured quota for the window */
  limit: number;
  /** quota units left in the current window (never negative) */
  remaining: number;
  /** whole seconds until the current window ends */
  resetSeconds: number;
}

/** Whole seconds, rounded up, never below `min` (a Retry-After of 0 invites an immediate retry). */
export function ceilSeconds(ms: number, min = 0): number {
  return Math.max(min, Math.ceil(Math.max(0, ms) / 1000));
}

/** The scope a client should watch: fewest units left, then the longest wait. */
export function mostConstrained(states: readonly ScopeState[]): ScopeState {
  const [first, ...rest] = states;
  if (!first) throw new Error('no rate-limit scope to report');
  return rest.reduce(
    (best, state) =>
      state.remaining < best.remaining ||
      (state.remaining === best.remaining && state.resetSeconds > best.resetSeconds)
        ? state
        : best,
    first,
  );
}

/**
 * The headers for one decision: every policy that applied, the scope to report in RateLimit, and
 * Retry-After when the request was refused.
 */
export function rateLimitHeaders(
  policies: readonly Pick<ScopeState, 'scope' | 'limit'>[],
  windowSeconds: number,
  current: ScopeState,
  retryAfterSeconds?: number,
): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': policies
      .map((policy) => `"${policy.scope}";q=${policy.limit};w=${windowSeconds}`)
      .join(', '),
    RateLimit: `"${current.scope}";r=${current.remaining};t=${current.resetSeconds}`,
  };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  return headers;
}
