// The one origin policy of the browser-facing routes (/api/v1/*, /loginTCCC). A request without an
// Origin header (a server) passes; a browser's origin must be in its tenant's `allowedOrigins`.
// The same rule is written once more in SQL, for the statement that redeems a ticket
// (ORIGIN_REFUSED_SQL); test/origin-policy.int-spec.ts holds the two to the same answers.
// CORS: a preflight carries no token, so it is answered for any origin some tenant lists (see
// login-cors.ts); the real request is then checked against its own tenant's list (403
// origin_not_allowed).
import type { TenantSettings } from '@seatgate/contracts';
import type { IncomingHttpHeaders } from 'node:http';

/** A tenant's settings allow this browser origin; no origin (a server) always passes. */
export function originAllowed(settings: TenantSettings, origin: string | undefined | null): boolean {
  return !origin || (settings.allowedOrigins ?? []).includes(origin);
}

/** SQL: true when `origin` (text, may be NULL) is refused by `settings` (jsonb). Same rule as above. */
export const ORIGIN_REFUSED_SQL = (settings: string, origin: string): string =>
  `(${origin} IS NOT NULL AND NOT coalesce(
     jsonb_typeof(${settings}->'allowedOrigins') = 'array' AND (${settings}->'allowedOrigins') ? ${origin},
     false))`;

/** The Origin header, when it is one non-empty string (an empty one names no origin). */
export const originOf = (headers: IncomingHttpHeaders): string | undefined =>
  typeof headers.origin === 'string' && headers.origin !== '' ? headers.origin : undefined;

/** The CORS headers of an answer to `origin`, given the origins some tenant lists. */
export function corsHeaders(
  origin: string | undefined,
  known: ReadonlySet<string>,
  preflight: boolean,
): Record<string, string> {
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (!origin || !known.has(origin)) return headers;
  headers['Access-Control-Allow-Origin'] = origin;
  headers['Access-Control-Expose-Headers'] = 'Retry-After, RateLimit, RateLimit-Policy, X-Request-Id';
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = 'GET, POST';
    headers['Access-Control-Allow-Headers'] = 'Authorization, Content-Type, X-Request-Id';
    headers['Access-Control-Max-Age'] = '600';
  }
  return headers;
}
