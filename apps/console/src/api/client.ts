// The one way the console talks to the gateway: same-origin requests under /api, the access token
// in memory only (never in storage), one refresh attempt on 401 through the httpOnly `sg_refresh`
// cookie, and every failure turned into a typed ApiError (or NetworkError when nothing answered).
import {
  fallbackCode,
  isErrorCode,
  type ErrorBody,
  type ErrorCode,
  type ErrorDetails,
  type LoginResponse,
} from '@seatgate/contracts';

export { isErrorCode };

/**
 * An answer from the gateway in its error shape `{ code, message, details?, requestId }`; narrow
 * it with `isApiError(error, code)` to read that code's details with their type.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails<ErrorCode> | undefined,
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

/** An ApiError of one code, with that code's details. */
export type ApiErrorOf<C extends ErrorCode> = ApiError & {
  readonly code: C;
  readonly details: ErrorDetails<C> | undefined;
};

export function isApiError<C extends ErrorCode>(error: unknown, code: C): error is ApiErrorOf<C> {
  return error instanceof ApiError && error.code === code;
}

/** The gateway could not be reached (offline, proxy down, or a non-gateway 502/503/504 page). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  query?: QueryParams;
  /** sent as JSON */
  json?: unknown;
  /** sent as-is with `contentType` (e.g. a CSV import) */
  body?: string | Blob;
  contentType?: string;
  signal?: AbortSignal;
}

// ---- session ---------------------------------------------------------------------------------

const REFRESH_LOCK = 'seatgate.console.refresh';

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const expiryListeners = new Set<() => void>();

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** Called when the session ended on the server side and could not be refreshed. */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

function expireSession(): void {
  if (accessToken === null) return;
  accessToken = null;
  for (const listener of expiryListeners) listener();
}

/**
 * Trades the refresh cookie for a new access token. Concurrent callers share one attempt, so a
 * burst of 401s after a token expired costs one refresh, not one per request.
 *
 * Tabs take turns too: the gateway rotates the refresh token on every use and treats a rotated
 * token presented again as theft, ending the session (there is no grace window). Two tabs
 * refreshing with the same cookie at once would do exactly that, so each refresh holds a Web Lock
 * shared by every tab of this origin; the tab that waited sends the cookie the first one received.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const exchange = async (): Promise<boolean> => {
        const response = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
        if (!response.ok) return false;
        const body = (await response.json()) as LoginResponse;
        accessToken = body.accessToken;
        return true;
      };
      // navigator.locks exists in every browser the console supports on https and localhost
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request(REFRESH_LOCK, exchange) : await exchange();
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// ---- requests --------------------------------------------------------------------------------

function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function send(method: string, url: string, options: RequestOptions): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json' });
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers.set('Content-Type', options.contentType ?? 'application/octet-stream');
    body = options.body;
  }
  return fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
}

async function toError(response: Response): Promise<Error> {
  const text = await response.text().catch(() => '');
  let parsed: Partial<ErrorBody> | null = null;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object') parsed = value as Partial<ErrorBody>;
  } catch {
    parsed = null;
  }
  if (!parsed && [502, 503, 504].includes(response.status)) {
    return new NetworkError(`the gateway did not answer (HTTP ${response.status})`);
  }
  // an answer without a code (a proxy's page) is named by the same table the gateway uses
  const code = isErrorCode(parsed?.code) ? parsed.code : fallbackCode(response.status);
  return new ApiError(
    response.status,
    code,
    typeof parsed?.message === 'string' ? parsed.message : `HTTP ${response.status}`,
    parsed?.details,
    typeof parsed?.requestId === 'string' ? parsed.requestId : null,
  );
}

/** Sends a request; on 401 refreshes the session once and retries, else ends the session. */
async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const url = buildUrl(path, options.query);
  const isAuthCall = path.startsWith('/api/auth/login') || path.startsWith('/api/auth/refresh');
  let response: Response;
  try {
    response = await send(method, url, options);
    if (response.status === 401 && !isAuthCall) {
      if (await refreshSession()) response = await send(method, url, options);
      if (response.status === 401) expireSession();
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) throw await toError(response);
  return response;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await request(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface Download {
  blob: Blob;
  filename: string;
}

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    json<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: QueryParams) =>
    json<T>('POST', path, { json: body, query }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { json: body }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { json: body }),
  delete: (path: string) => json<void>('DELETE', path),
  /** a raw body (CSV) with its content type */
  upload: <T>(path: string, body: string | Blob, contentType: string, query?: QueryParams) =>
    json<T>('POST', path, { body, contentType, query }),
  /** a file the gateway streams (CSV exports); authenticated, so it cannot be a plain link */
  download: async (path: string, query: QueryParams, fallbackName: string): Promise<Download> => {
    const response = await request('GET', path, { query });
    return { blob: await response.blob(), filename: filenameOf(response, fallbackName) };
  },
};
