import { domainError } from '../errors/domain.error';
import { errorHeaders } from './error-headers';

describe('errorHeaders', () => {
  it('derives Retry-After from the retry a refusal names', () => {
    expect(errorHeaders(domainError('too_many_requests', 'slow down', { retryAfterSeconds: 42 }))).toEqual({
      'Retry-After': '42',
    });
    expect(
      errorHeaders(
        domainError('upstream_unavailable', 'paused', { sdkAppId: 1, circuit: 'open', retryAfterSeconds: 7 }),
      ),
    ).toEqual({ 'Retry-After': '7' });
  });

  it('derives the RateLimit fields of a login refused by its limits', () => {
    const error = domainError('rate_limited', 'too many logins', {
      scope: 'user',
      retryAfter: 42,
      rateLimit: {
        policies: [
          { scope: 'user', limit: 10 },
          { scope: 'tenant', limit: 600 },
        ],
        windowSeconds: 60,
        remaining: 0,
        resetSeconds: 42,
      },
    });
    expect(errorHeaders(error)).toEqual({
      'RateLimit-Policy': '"user";q=10;w=60, "tenant";q=600;w=60',
      RateLimit: '"user";r=0;t=42',
      'Retry-After': '42',
    });
    expect(
      errorHeaders(domainError('rate_limited', 'too many logins', { scope: 'ip', retryAfter: 3 })),
    ).toEqual({
      'Retry-After': '3',
    });
  });

  it('adds nothing for errors that say nothing about retrying', () => {
    expect(errorHeaders(domainError('seat_not_found', 'seat mapping not found'))).toEqual({});
    expect(errorHeaders(domainError('too_many_requests', 'slow down'))).toEqual({});
  });
});
