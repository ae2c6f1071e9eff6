import { ceilSeconds, mostConstrained, rateLimitHeaders, type ScopeState } from './rate-limit-headers';

describe('rate limits: header formatting', () => {
  const user: ScopeState = { scope: 'user', limit: 10, remaining: 3, resetSeconds: 42 };
  const tenant: ScopeState = { scope: 'tenant', limit: 600, remaining: 500, resetSeconds: 12 };
  const ip: ScopeState = { scope: 'ip', limit: 60, remaining: 3, resetSeconds: 50 };

  it('writes the draft-10 structured-field lists', () => {
    expect(rateLimitHeaders([user, tenant, ip], 60, user)).toEqual({
      'RateLimit-Policy': '"user";q=10;w=60, "tenant";q=600;w=60, "ip";q=60;w=60',
      RateLimit: '"user";r=3;t=42',
    });
  });

  it('adds Retry-After on a refusal', () => {
    const refused = { ...user, remaining: 0 };
    expect(rateLimitHeaders([user, tenant], 60, refused, 42)).toEqual({
      'RateLimit-Policy': '"user";q=10;w=60, "tenant";q=600;w=60',
      RateLimit: '"user";r=0;t=42',
      'Retry-After': '42',
    });
  });

  it('reports the scope with the fewest units left, then the longest wait', () => {
    expect(mostConstrained([tenant, user]).scope).toBe('user');
    expect(mostConstrained([user, tenant, ip]).scope).toBe('ip');
    expect(() => mostConstrained([])).toThrow();
  });

  it('rounds delays up to whole seconds', () => {
    expect(ceilSeconds(0)).toBe(0);
    expect(ceilSeconds(0, 1)).toBe(1);
    expect(ceilSeconds(1)).toBe(1);
    expect(ceilSeconds(59_001)).toBe(60);
    expect(ceilSeconds(-5)).toBe(0);
  });
});
