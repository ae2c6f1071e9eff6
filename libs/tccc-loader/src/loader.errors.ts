// How a load fails. Every failure reaches the host as one SeatgateLoaderError whose `code` is a
// small, stable set to branch on; the gateway's own code, status and request id ride along
// untouched for support tickets and logs.
import type { Tccc } from './tccc.types';

export type LoaderErrorCode =
  /** The gateway refused the business token (401), or `getToken` itself failed. */
  | 'auth_failed'
  /** The token is fine but this user has no usable seat (403 seat_not_mapped, any 409). */
  | 'seat_not_mapped'
  /** The tenant, app or user is blocked by the gateway (any other 403). */
  | 'access_denied'
  /** Too many logins (429); `retryAfter` says how many seconds to wait when the server told us. */
  | 'rate_limited'
  /** The gateway or TCCC behind it is failing (5xx). Try later. */
  | 'upstream_unavailable'
  /** The one-time login URL would not load as a script: already used, expired or unreachable. */
  | 'ticket_used'
  /** The SDK reported `tokenExpired` and every allowed retry was spent. */
  | 'token_expired'
  /** The gateway could not be reached at all (DNS, TLS, CORS, offline). */
  | 'network'
  /** Nothing settled within `timeoutMs`. */
  | 'timeout'
  /** The answer was not Seatgate's contract: a wrong gateway URL (404), a 400, a malformed body. */
  | 'gateway_error'
  /** This page already loads the SDK with other options; a second SDK is never loaded. */
  | 'options_conflict'
  /**
   * This seat's workstation is open in another tab of this browser profile. `focusOther()` asks
   * that tab to come forward; `takeOver()` (policy `ask`) moves the workstation here.
   */
  | 'workstation_open_elsewhere'
  /**
   * An administrator signed the seat out (the gateway's `seat_signed_out`, or the SDK's sign-out
   * event); `reason` says why. Never retried: the seat stays out until an administrator restores it.
   */
  | 'signed_out';

export interface LoaderErrorFields {
  /** HTTP status of the gateway's answer, when there was one. */
  status?: number;
  /** The gateway's own error code (`token_expired`, `tenant_suspended`, …), verbatim. */
  serverCode?: string;
  requestId?: string;
  /** Seconds to wait before trying again (rate_limited, sometimes upstream_unavailable). */
  retryAfter?: number;
  /** The gateway's `details`, verbatim. */
  details?: unknown;
  /** Seatgate's id for the login this failure belongs to, once one was issued. */
  loginId?: string;
  /** signed_out: why, as the gateway (`details.reason`) or the SDK (`ForceMemberOffline`) said. */
  reason?: string;
  cause?: unknown;
}

export class SeatgateLoaderError extends Error {
  declare readonly code: LoaderErrorCode;
  declare readonly status?: number;
  declare readonly serverCode?: string;
  declare readonly requestId?: string;
  declare readonly retryAfter?: number;
  declare readonly details?: unknown;
  declare readonly loginId?: string;
  declare readonly reason?: string;
  /** workstation_open_elsewhere under policy `ask`: unloads the other tab's workstation and loads it here. */
  declare readonly takeOver?: () => Promise<Tccc>;
  /** workstation_open_elsewhere: asks the tab holding the workstation to come forward. */
  declare readonly focusOther?: () => void;

  constructor(code: LoaderErrorCode, message: string, fields: LoaderErrorFields = {}) {
    super(message);
    // Plain assignment keeps the IIFE free of class-field helpers; `cause` comes along with the rest.
    Object.assign(this, fields, { name: 'SeatgateLoaderError', code });
  }
}

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * Seconds until a retry is welcome: `Retry-After` (seconds or HTTP date), then the `t=`/`reset=`
 * parameter of `RateLimit`, then a numeric `details.retryAfter`. Undefined when nobody said.
 * Cross-origin, the headers are readable only if the gateway lists them in
 * `Access-Control-Expose-Headers`.
 */
export function parseRetryAfter(
  headers: HeaderSource,
  details?: unknown,
  now = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return +retryAfter;
    const at = Date.parse(retryAfter);
    if (at === at) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const window = /(?:^|[\s;,])(?:t|reset)=(\d+)/.exec(headers.get('ratelimit') ?? '');
  if (window) return +window[1];
  const fromDetails = (details as { retryAfter?: unknown } | null | undefined)?.retryAfter;
  return typeof fromDetails === 'number' && fromDetails >= 0 ? Math.ceil(fromDetails) : undefined;
}

/** Maps a non-2xx login answer to the loader's codes; unknown server codes follow their status. */
export function errorFromResponse(status: number, body: unknown, headers: HeaderSource): SeatgateLoaderError {
  const b = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const serverCode = typeof b.code === 'string' ? b.code : undefined;
  const reason = (b.details as { reason?: unknown } | undefined)?.reason;
  const code: LoaderErrorCode =
    serverCode === 'seat_signed_out'
      ? 'signed_out'
      : status === 401
        ? 'auth_failed'
        : status === 403
          ? serverCode === 'seat_not_mapped'
            ? 'seat_not_mapped'
            : 'access_denied'
          : status === 409
            ? 'seat_not_mapped'
            : status === 410
              ? 'ticket_used'
              : status === 429
                ? 'rate_limited'
                : status >= 500
                  ? 'upstream_unavailable'
                  : 'gateway_error';
  return new SeatgateLoaderError(
    code,
    typeof b.message === 'string' ? b.message : `Gateway answered ${status}`,
    {
      status,
      serverCode,
      requestId: typeof b.requestId === 'string' ? b.requestId : (headers.get('x-request-id') ?? undefined),
      retryAfter: parseRetryAfter(headers, b.details),
      details: b.details,
      reason: typeof reason === 'string' ? reason : undefined,
    },
  );
}
