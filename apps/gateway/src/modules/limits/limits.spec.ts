// Unit specs of the limiter maths: header arithmetic, the per-IP failure windows and the sign-in throttle's counters,
// with their stores strictly stubbed (the sign-in counters on rate-limiter-flexible's in-memory
// limiter, whose windows the Redis and PostgreSQL ones share).
import fc from 'fast-check';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { BusinessAuthFailures } from './business-auth-failures';
import { ceilSeconds, mostConstrained, type ScopeState } from './rate-limit-headers';
import { RateLimitStore } from './rate-limit.store';
import { SignInThrottle, type SignInScope } from './sign-in-throttle';
import { newTestService } from '../../../test/support/unit';

describe('rate-limit header maths', () => {
  it('ceilSeconds: the least whole number of seconds covering the delay, never below min', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 5 }),
        (ms, min) => {
          const seconds = ceilSeconds(ms, min);
          expect(Number.isInteger(seconds)).toBe(true);
          expect(seconds).toBeGreaterThanOrEqual(min);
          expect(seconds * 1000).toBeGreaterThanOrEqual(ms);
          // least: one second less would not cover it (unless min holds it up)
          if (seconds > min) expect((seconds - 1) * 1000).toBeLessThan(ms);
        },
      ),
    );
  });

  it('mostConstrained: one of the states, none with fewer units left, the longest wait among equals', () => {
    const state = fc.record({
      scope: fc.constantFrom('user' as const, 'tenant' as const, 'ip' as const),
      limit: fc.integer({ min: 0, max: 1000 }),
      remaining: fc.integer({ min: 0, max: 20 }),
      resetSeconds: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 6 }), (states: ScopeState[]) => {
        const chosen = mostConstrained(states);
        expect(states).toContain(chosen);
        for (const other of states) {
          expect(other.remaining).toBeGreaterThanOrEqual(chosen.remaining);
          if (other.remaining === chosen.remaining)
            expect(other.resetSeconds).toBeLessThanOrEqual(chosen.resetSeconds);
        }
      }),
    );
  });
});

describe('BusinessAuthFailures: fixed windows per address', () => {
  const WINDOW_MS = 10_000;

  function failures(limit: number) {
    const { sut, mock } = newTestService(BusinessAuthFailures, {
      provide: [[AppConfig, { businessAuthFailures: { perIp: limit, windowSeconds: WINDOW_MS / 1000 } }]],
    });
    const audit = mock(AuditService);
    audit.record.mockResolvedValue();
    return { sut, audit };
  }

  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  // a stream of attempts: which address, how long after the previous one, and whether it fails
  const attempts = fc.array(
    fc.record({
      ip: fc.constantFrom('203.0.113.1', '::ffff:203.0.113.1', '198.51.100.2'),
      gapMs: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 0, max: 25_000 }),
      ),
      fails: fc.boolean(),
    }),
    { maxLength: 80 },
  );

  it('never admits more than `limit` failures in a window; refuses exactly when the window is spent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), attempts, async (limit, stream) => {
        const { sut, audit } = failures(limit);
        // the model: per address, the window that began with its first attempt after the last ended
        const windows = new Map<string, { endsAt: number; failures: number; refused: number }>();
        let refusedTotal = 0;
        let unauditedTotal = 0;
        let now = 0;
        for (const attempt of stream) {
          now += attempt.gapMs;
          const address = attempt.ip.replace('::ffff:', '');
          let window = windows.get(address);
          if (!window || window.endsAt <= now) {
            window = { endsAt: now + WINDOW_MS, failures: 0, refused: 0 };
            windows.set(address, window);
          }
          const admission = sut.admit(attempt.ip, now);
          if (window.failures >= limit) {
            expect(admission).toEqual({
              admitted: false,
              retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
            });
            refusedTotal += 1;
            continue;
          }
          if (!admission.admitted) throw new Error(`refused with ${window.failures} of ${limit} failures`);
          if (attempt.fails) {
            window.failures += 1;
            // audited one by one up to the limit, which sequential attempts never pass
            expect(admission.fail()).toBe(window.failures <= limit);
            if (window.failures > limit) unauditedTotal += 1;
          }
          admission.done();
          expect(window.failures).toBeLessThanOrEqual(limit);
        }
        // every refusal is in one summary event per address and window, none lost
        await jest.runAllTimersAsync();
        await sut.onModuleDestroy();
        const summarised = audit.record.mock.calls.map(
          ([input]) => input.details as { refused: number; unaudited: number },
        );
        expect(summarised.reduce((sum, details) => sum + details.refused, 0)).toBe(refusedTotal);
        expect(summarised.reduce((sum, details) => sum + details.unaudited, 0)).toBe(unauditedTotal);
        for (const details of summarised) expect(details.refused + details.unaudited).toBeGreaterThan(0);
      }),
      { numRuns: 80 },
    );
  });

  it('a refused address is admitted again at the instant its Retry-After has passed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: WINDOW_MS - 1 }),
        (limit, later) => {
          const { sut } = failures(limit);
          for (let i = 0; i < limit; i += 1) {
            const admission = sut.admit('203.0.113.9', 0);
            if (!admission.admitted) throw new Error('admitted expected');
            admission.fail();
            admission.done();
          }
          const refusal = sut.admit('203.0.113.9', later);
          if (refusal.admitted) throw new Error('refusal expected');
          expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_MS / 1000);
          expect(sut.admit('203.0.113.9', later + refusal.retryAfterSeconds * 1000).admitted).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('SignInThrottle: counters reserved all together, or not at all', () => {
  const LIMITS: Record<SignInScope, number> = { source: 5, ip: 30, account: 10 };

  function throttle() {
    const { sut } = newTestService(SignInThrottle, {
      // its constructor asks the store for four limiters: rate-limiter-flexible's in-memory ones,
      // whose windows and counting are those of the Redis and PostgreSQL limiters it gets in production
      beforeConstruct: (mock) =>
        mock(RateLimitStore).limiter.mockImplementation(
          (shape) =>
            new RateLimiterMemory({
              keyPrefix: shape.keyPrefix,
              points: shape.points,
              duration: shape.durationSeconds,
            }),
        ),
    });
    return sut;
  }

  const attempts = fc.array(
    fc.record({
      // one account typed two ways, and enough accounts to fill an address's 30
      email: fc.constantFrom(
        'ann@corp.test',
        ' Ann@Corp.test ',
        ...['bob', 'cy', 'dee', 'eve', 'fay', 'gus'].map((name) => `${name}@corp.test`),
      ),
      ip: fc.constantFrom('203.0.113.1', '203.0.113.2', null),
    }),
    // long enough to reach every ceiling: 5 per source, 10 per account, 30 per address
    { minLength: 60, maxLength: 160 },
  );

  it('grants exactly while every counter that applies has room; a refusal counts in no other counter', async () => {
    await fc.assert(
      // every n-th attempt that is granted succeeds (0: none does, so the account ceiling is reached)
      fc.asyncProperty(attempts, fc.constantFrom(0, 0, 4, 13), async (stream, successEvery) => {
        const sut = throttle();
        const used = new Map<string, number>();
        const count = (key: string) => used.get(key) ?? 0;
        const add = (key: string, delta: number) => used.set(key, count(key) + delta);
        const known = new Set<string>();
        const refusedOnce = new Set<string>();
        for (const [index, attempt] of stream.entries()) {
          const account = attempt.email.trim().toLowerCase();
          const source = `${account}|${attempt.ip}`;
          const applies: Array<[SignInScope, string]> = [
            ['source', `source:${source}`],
            ['ip', `ip:${attempt.ip}`],
            ...(known.has(source)
              ? []
              : ([['account', `account:${account}`]] as Array<[SignInScope, string]>)),
          ];
          const full = applies.find(([scope, key]) => count(key) >= LIMITS[scope]);
          const reservation = await sut.reserve(attempt.email, attempt.ip);
          if (full) {
            const [scope, key] = full;
            expect(reservation).toMatchObject({ allowed: false, scope, firstRefusal: !refusedOnce.has(key) });
            if (reservation.allowed) return;
            expect(reservation.retryAfterSeconds).toBeGreaterThanOrEqual(1);
            expect(reservation.retryAfterSeconds).toBeLessThanOrEqual(scope === 'account' ? 60 : 900);
            refusedOnce.add(key);
            continue;
          }
          expect(reservation.allowed).toBe(true);
          if (!reservation.allowed) return;
          for (const [, key] of applies) add(key, 1);
          for (const [scope, key] of applies) expect(count(key)).toBeLessThanOrEqual(LIMITS[scope]);
          if (successEvery > 0 && index % successEvery === successEvery - 1) {
            await sut.succeeded(reservation.keys);
            // the source is forgiven, the others give this attempt back, and the source is known
            used.set(`source:${source}`, 0);
            refusedOnce.delete(`source:${source}`);
            for (const [scope, key] of applies) if (scope !== 'source') add(key, -1);
            known.add(source);
          }
        }
      }),
      // long streams shrink slowly: a failure reports what it has after a few seconds
      { numRuns: 40, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: true },
    );
  });
});
