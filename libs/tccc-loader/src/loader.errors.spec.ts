import fc from 'fast-check';
import {
  errorFromResponse,
  parseRetryAfter,
  SeatgateLoaderError,
  type LoaderErrorCode,
} from './loader.errors';

const headers = (values: Record<string, string> = {}) => new Headers(values);

const LOADER_CODES: readonly LoaderErrorCode[] = [
  'auth_failed',
  'seat_not_mapped',
  'access_denied',
  'rate_limited',
  'upstream_unavailable',
  'ticket_used',
  'token_expired',
  'network',
  'timeout',
  'gateway_error',
  'options_conflict',
];

describe('errorFromResponse', () => {
  it.each<[number, string, LoaderErrorCode]>([
    [401, 'token_expired', 'auth_failed'],
    [401, 'bad_signature', 'auth_failed'],
    [401, 'unknown_key', 'auth_failed'],
    [401, 'wrong_audience', 'auth_failed'],
    [401, 'invalid_token', 'auth_failed'],
    [401, 'some_future_401', 'auth_failed'],
    [403, 'seat_not_mapped', 'seat_not_mapped'],
    [403, 'tenant_suspended', 'access_denied'],
    [403, 'app_disabled', 'access_denied'],
    [403, 'some_future_403', 'access_denied'],
    [409, 'app_ambiguous', 'seat_not_mapped'],
    [409, 'seat_missing_upstream', 'seat_not_mapped'],
    [410, 'ticket_used', 'ticket_used'],
    [410, 'ticket_expired', 'ticket_used'],
    [429, 'rate_limited', 'rate_limited'],
    [500, 'internal', 'upstream_unavailable'],
    [502, 'upstream_credentials_rejected', 'upstream_unavailable'],
    [502, 'upstream_app_not_found', 'upstream_unavailable'],
    [503, 'upstream_unavailable', 'upstream_unavailable'],
    [504, 'gateway_timeout', 'upstream_unavailable'],
    [400, 'validation_failed', 'gateway_error'],
    [404, 'not_found', 'gateway_error'],
    [405, 'method_not_allowed', 'gateway_error'],
  ])('maps %i %s to %s and keeps what the server said', (status, serverCode, code) => {
    const details = { field: 'x' };
    const error = errorFromResponse(
      status,
      { code: serverCode, message: `m-${serverCode}`, details, requestId: 'req-1' },
      headers(),
    );
    expect(error).toBeInstanceOf(SeatgateLoaderError);
    expect(error).toMatchObject({
      code,
      status,
      serverCode,
      message: `m-${serverCode}`,
      requestId: 'req-1',
      details,
    });
  });

  it('describes a body that is not Seatgate JSON by its status', () => {
    const error = errorFromResponse(404, undefined, headers({ 'x-request-id': 'hdr-1' }));
    expect(error).toMatchObject({
      code: 'gateway_error',
      status: 404,
      serverCode: undefined,
      message: 'Gateway answered 404',
      requestId: 'hdr-1',
    });
  });

  it('reads retryAfter from a 429', () => {
    const error = errorFromResponse(
      429,
      { code: 'rate_limited', message: 'slow', requestId: 'r' },
      headers({
        'Retry-After': '30',
        RateLimit: '"login";r=0;t=30',
        'RateLimit-Policy': '"login";q=10;w=60',
      }),
    );
    expect(error.retryAfter).toBe(30);
  });

  it('always yields a known code and never throws, whatever the gateway answers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 599 }), fc.anything(), (status, body) => {
        const error = errorFromResponse(status, body, headers());
        expect(LOADER_CODES).toContain(error.code);
        expect(error.status).toBe(status);
        expect(typeof error.message).toBe('string');
      }),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (seconds) => {
        expect(parseRetryAfter(headers({ 'retry-after': ` ${seconds} ` }), undefined, now)).toBe(seconds);
      }),
    );
  });

  it('reads an HTTP date, rounding up, and never goes negative', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:42 GMT' }), undefined, now)).toBe(
      42,
    );
    expect(
      parseRetryAfter(headers({ 'retry-after': new Date(now + 1500).toUTCString() }), undefined, now - 400),
    ).toBe(2);
    expect(parseRetryAfter(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }), undefined, now)).toBe(
      0,
    );
  });

  it('falls back to the RateLimit header (structured t= or legacy reset=)', () => {
    expect(parseRetryAfter(headers({ ratelimit: '"default";r=0;t=12' }))).toBe(12);
    expect(parseRetryAfter(headers({ ratelimit: 'limit=10, remaining=0, reset=9' }))).toBe(9);
  });

  it('falls back to details.retryAfter, then to undefined', () => {
    expect(parseRetryAfter(headers(), { retryAfter: 4.2 })).toBe(5);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), { retryAfter: 'soon' })).toBeUndefined();
    expect(parseRetryAfter(headers(), null)).toBeUndefined();
  });
});
