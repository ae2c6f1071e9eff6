// The one-call admission (limits/admission.ts) on the real stores: the Lua script on Redis and
// rate_limit_admit on PostgreSQL must both behave as the reference model below (check every
// counter, then count in all or none), for random sequences of attempts; and a login that meets a
// full upstream second waits, asks again with one call, and counts its login limits once.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { AdmissionCounter, AdmissionOutcome, AdmissionRequest } from '../src/modules/limits/admission';
import { LoginLimiter } from '../src/modules/limits/login-limiter';
import { RateLimitStore } from '../src/modules/limits/rate-limit.store';
import { UpstreamQuota } from '../src/modules/limits/upstream-quota';
import { startTestApp, testEnv, type TestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/database';

const REDIS_URL = process.env.REDIS_URL;
const backends: Array<{ backend: 'postgres' | 'redis'; env: Record<string, string> }> = [
  { backend: 'postgres', env: {} },
  ...(REDIS_URL ? [{ backend: 'redis' as const, env: { REDIS_URL } }] : []),
];

const WINDOW_MS = 60_000;

/** The reference: counts within one window (the sequences run far shorter than a window). */
function model(counts: Map<string, number>, request: AdmissionRequest): AdmissionOutcome {
  const used = request.counters.map((counter) => counts.get(counter.key) ?? 0);
  const refused = request.counters.findIndex((counter, i) => used[i]! >= counter.limit);
  if (refused >= 0) return { kind: 'refused', index: refused, state: { used: used[refused]!, resetMs: 0 } };
  const { upstream } = request;
  const upstreamKeys = upstream ? [upstream.key, ...(upstream.carryKey ? [upstream.carryKey] : [])] : [];
  if (upstream && upstreamKeys.some((key) => (counts.get(key) ?? 0) >= upstream.limit))
    return { kind: 'full' };
  for (const key of [...request.counters.map((counter) => counter.key), ...upstreamKeys])
    counts.set(key, (counts.get(key) ?? 0) + 1);
  return { kind: 'granted', counters: used.map((value) => ({ used: value + 1, resetMs: 0 })) };
}

/** The outcome without the times, which the model does not predict. */
function shape(outcome: AdmissionOutcome): unknown {
  switch (outcome.kind) {
    case 'granted':
      return { kind: 'granted', used: outcome.counters.map((state) => state.used) };
    case 'refused':
      return { kind: 'refused', index: outcome.index, used: outcome.state.used };
    case 'full':
      return { kind: 'full' };
  }
}

describe.each(backends)('one-call admission on $backend', ({ env }) => {
  let db: TestDatabase;
  let app: TestApp;
  let store: RateLimitStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ db, env: testEnv(db.url, env) });
    store = app.app.get(RateLimitStore);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('behaves as the model: checks every counter, then counts in all or none', async () => {
    const attempt = fc.record({
      counters: fc.subarray([0, 1, 2], { minLength: 0 }),
      limits: fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)),
      upstream: fc.boolean(),
      /** the slot of second 1 carried into second 2, or second 2's own */
      second: fc.constantFrom('1', '1+2', '2'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(attempt, { minLength: 1, maxLength: 25 }),
        fc.nat(3),
        async (attempts, upLimit) => {
          const run = randomUUID();
          const counts = new Map<string, number>();
          for (const entry of attempts) {
            const counters: AdmissionCounter[] = entry.counters.map((i) => ({
              key: `login:model:${run}:${i}`,
              limit: entry.limits[i]!,
            }));
            const request: AdmissionRequest = {
              now: Date.now(),
              windowMs: WINDOW_MS,
              counters,
              upstream: entry.upstream
                ? {
                    key: `upstream:${run}:${entry.second === '2' ? 2 : 1}`,
                    limit: upLimit,
                    ttlMs: WINDOW_MS,
                    ...(entry.second === '1+2' ? { carryKey: `upstream:${run}:2` } : {}),
                  }
                : null,
            };
            const actual = await store.admit(request);
            expect(shape(actual)).toEqual(shape(model(counts, request)));
            if (actual.kind === 'granted')
              for (const state of actual.counters) {
                expect(state.resetMs).toBeGreaterThan(0);
                expect(state.resetMs).toBeLessThanOrEqual(WINDOW_MS);
              }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('admits exactly a quota of concurrent attempts on shared counters', async () => {
    const run = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.admit({
          now: Date.now(),
          windowMs: WINDOW_MS,
          counters: [
            { key: `login:race:${run}:user:${i % 4}`, limit: 1_000 },
            { key: `login:race:${run}:tenant`, limit: 15 },
          ],
          upstream: { key: `upstream:${run}:race`, limit: 12, ttlMs: WINDOW_MS },
        }),
      ),
    );
    // the upstream counter (12) binds before the tenant's (15); the others meet a full second
    expect(outcomes.filter((outcome) => outcome.kind === 'granted')).toHaveLength(12);
    expect(outcomes.filter((outcome) => outcome.kind === 'full')).toHaveLength(28);
    const after = await store.admit({
      now: Date.now(),
      windowMs: WINDOW_MS,
      counters: [{ key: `login:race:${run}:tenant`, limit: 15 }],
      upstream: null,
    });
    expect(shape(after)).toEqual({ kind: 'granted', used: [13] });
  });

  it('a slot granted late in its second takes one of the next second too, and needs room there', async () => {
    const quota = app.app.get(UpstreamQuota);
    const account = `acct-${randomUUID()}`;
    const second = Math.floor(Date.now() / 1000);
    const early = second * 1000;
    const admit = (counter: ReturnType<UpstreamQuota['counter']>) =>
      store.admit({ now: Date.now(), windowMs: WINDOW_MS, counters: [], upstream: counter });
    // the carry starts carryMs (500) before the second ends
    expect(quota.counter(account, second, 20, early + 499).carryKey).toBeUndefined();
    const late = quota.counter(account, second, 20, early + 500);
    expect(late.carryKey).toBe(quota.counter(account, second + 1).key);

    expect((await admit(late)).kind).toBe('granted');
    // the next second has 19 slots left of 20
    const next = [];
    for (let i = 0; i < 20; i += 1) next.push((await admit(quota.counter(account, second + 1))).kind);
    expect(next.filter((kind) => kind === 'granted')).toHaveLength(19);
    expect(next.at(-1)).toBe('full');
    // now full, it refuses a late slot of the second before, which counts nowhere
    expect((await admit(quota.counter(account, second, 20, early + 900))).kind).toBe('full');
    expect((await admit(quota.counter(account, second, 20, early))).kind).toBe('granted');
    const rest = [];
    for (let i = 0; i < 19; i += 1) rest.push((await admit(quota.counter(account, second))).kind);
    expect(rest.filter((kind) => kind === 'granted')).toHaveLength(18);
  });

  it('a login meeting a full upstream second waits, asks again in one call, and counts once', async () => {
    const limiter = app.app.get(LoginLimiter);
    const quota = app.app.get(UpstreamQuota);
    const account = `acct-${randomUUID()}`;
    const tenantId = randomUUID();
    const limits = { perUserPerMinute: 5, perTenantPerMinute: 100, perIpPerMinute: 100 };
    // fill the account's current second (20 slots) so that the login must wait for the next one
    let filled = 0;
    let second = Math.floor(Date.now() / 1000);
    while (filled < 20) {
      second = Math.floor(Date.now() / 1000);
      const outcome = await store.admit({
        now: Date.now(),
        windowMs: WINDOW_MS,
        counters: [],
        upstream: quota.counter(account, second),
      });
      if (Math.floor(Date.now() / 1000) !== second) {
        filled = 0; // crossed into a new second: fill that one instead
        continue;
      }
      if (outcome.kind === 'granted') filled += 1;
    }
    const decision = await limiter.admit(
      { tenantId, businessUserId: 'waiter', ip: '198.51.100.9', limits },
      { accountKey: account, maxWaitMs: 2_500 },
    );
    expect(decision.allowed).toBe(true);
    expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(second);
    const seen = await limiter.peek({ tenantId, businessUserId: 'waiter', ip: '198.51.100.9', limits });
    expect(seen.usage.map((state) => [state.scope, state.used])).toEqual([
      ['user', 1],
      ['ip', 1],
      ['tenant', 1],
    ]);
  });
});
