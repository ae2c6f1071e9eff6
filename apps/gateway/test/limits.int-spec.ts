// Rate limits as two gateway processes see them: two Nest apps on one database (and one Redis,
// when REDIS_URL is set) must together admit exactly each limit, and together never make more
// than 20 upstream calls per wall-clock second for one Tencent Cloud account. The PostgreSQL store
// always runs; the Redis store runs only when REDIS_URL names one (the run prints which ran).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoginLimiter, type LimitDecision, type LoginLimits } from '../src/modules/limits/login-limiter';
import { RateLimitStore } from '../src/modules/limits/rate-limit.store';
import { SignInThrottle } from '../src/modules/limits/sign-in-throttle';
import { UpstreamQuota, UpstreamQuotaExceeded } from '../src/modules/limits/upstream-quota';
import { createTestDatabase, type TestDatabase } from './support/database';
import { startTestApp, testEnv, type TestApp } from './support/app';

const REDIS_URL = process.env.REDIS_URL;
const backends: Array<{ backend: 'postgres' | 'redis'; env: Record<string, string> }> = [
  { backend: 'postgres', env: {} },
  ...(REDIS_URL ? [{ backend: 'redis' as const, env: { REDIS_URL } }] : []),
];

beforeAll(() => {
  const ran = backends.map((entry) => entry.backend).join(' and ');
  console.info(
    `rate limits: stores exercised: ${ran}${REDIS_URL ? '' : ' (REDIS_URL unset: no Redis cases)'}`,
  );
});

const wide: LoginLimits = { perUserPerMinute: 1000, perTenantPerMinute: 1000, perIpPerMinute: 1000 };

describe.each(backends)('rate limits on $backend', ({ backend, env }) => {
  let db: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  /** one limiter per "gateway process", alternately */
  let limiters: [LoginLimiter, LoginLimiter];
  let quotas: [UpstreamQuota, UpstreamQuota];

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestApp({ db, env: testEnv(db.url, env) });
    second = await startTestApp({ db, env: first.env });
    limiters = [first.app.get(LoginLimiter), second.app.get(LoginLimiter)];
    quotas = [first.app.get(UpstreamQuota), second.app.get(UpstreamQuota)];
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await db?.drop();
  });

  const input = (
    tenantId: string,
    businessUserId: string,
    limits: LoginLimits,
    ip: string | null = '203.0.113.7',
  ) => ({
    tenantId,
    businessUserId,
    ip,
    limits,
  });

  it(`counts in ${backend}, shared by both processes`, async () => {
    expect(first.app.get(RateLimitStore).backend).toBe(backend);
    expect(second.app.get(RateLimitStore).backend).toBe(backend);
    const tenantId = randomUUID();
    await limiters[0].consume(input(tenantId, 'probe', wide));
    const rows = await first.sql.query(`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE $1`, [
      `%${tenantId}%`,
    ]);
    expect(rows.rows[0].n).toBe(backend === 'postgres' ? 3 : 0);
    const seen = await limiters[1].peek(input(tenantId, 'probe', wide));
    expect(seen.usage.map((state) => [state.scope, state.used])).toEqual([
      ['user', 1],
      ['ip', 1],
      ['tenant', 1],
    ]);
  });

  it.each([
    [
      'user',
      { ...wide, perUserPerMinute: 10 },
      (i: number) => ({ user: 'same-user', ip: `198.51.100.${i}` }),
    ],
    ['ip', { ...wide, perIpPerMinute: 10 }, (i: number) => ({ user: `user-${i}`, ip: '198.51.100.1' })],
    [
      'tenant',
      { ...wide, perTenantPerMinute: 10 },
      (i: number) => ({ user: `user-${i}`, ip: `198.51.100.${i}` }),
    ],
  ] as const)(
    'two processes under one %s limit of 10 admit exactly 10 of 30 concurrent logins',
    async (scope, limits, who) => {
      const tenantId = randomUUID();
      const decisions = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          limiters[i % 2].consume(input(tenantId, who(i).user, limits, who(i).ip)),
        ),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
      for (const decision of decisions.filter(
        (d): d is Extract<LimitDecision, { allowed: false }> => !d.allowed,
      )) {
        expect(decision.scope).toBe(scope);
      }
      // the 20 refusals took nothing anywhere: the tenant counted exactly the 10 admitted logins
      const after = await limiters[0].peek(input(tenantId, who(0).user, limits, who(0).ip));
      expect(after.usage.find((state) => state.scope === 'tenant')?.used).toBe(10);
    },
  );

  it('a refusal consumes nothing from the other limits', async () => {
    const tenantId = randomUUID();
    const limits = { perUserPerMinute: 2, perTenantPerMinute: 5, perIpPerMinute: 60 };
    const attempts: boolean[] = [];
    for (let i = 0; i < 4; i += 1) {
      attempts.push((await limiters[i % 2].consume(input(tenantId, 'user-a', limits))).allowed);
    }
    expect(attempts).toEqual([true, true, false, false]);
    for (const user of ['user-b', 'user-c', 'user-d']) {
      expect((await limiters[1].consume(input(tenantId, user, limits))).allowed).toBe(true);
    }
    const sixth = await limiters[0].consume(input(tenantId, 'user-e', limits));
    expect(sixth).toMatchObject({ allowed: false, scope: 'tenant' });
    // user-e's refusal by the tenant limit did not count against user-e either
    const peek = await limiters[0].peek(input(tenantId, 'user-e', limits));
    expect(peek.usage.find((state) => state.scope === 'user')?.used).toBe(0);

    // an IP refusal leaves the user and tenant counters alone
    const other = randomUUID();
    const byIp = { perUserPerMinute: 5, perTenantPerMinute: 5, perIpPerMinute: 1 };
    expect((await limiters[0].consume(input(other, 'u1', byIp, '192.0.2.1'))).allowed).toBe(true);
    expect(await limiters[1].consume(input(other, 'u2', byIp, '::ffff:192.0.2.1'))).toMatchObject({
      allowed: false,
      scope: 'ip',
    });
    const state = await limiters[1].peek(input(other, 'u2', byIp, '192.0.2.2'));
    expect(state.usage.map((entry) => [entry.scope, entry.used])).toEqual([
      ['user', 0],
      ['ip', 0],
      ['tenant', 1],
    ]);
  });

  it('answers Retry-After and the RateLimit headers', async () => {
    const tenantId = randomUUID();
    const limits = { perUserPerMinute: 2, perTenantPerMinute: 600, perIpPerMinute: 60 };
    const allowed = await limiters[0].consume(input(tenantId, 'alice', limits));
    expect(allowed.allowed).toBe(true);
    expect(allowed.headers['RateLimit-Policy']).toBe('"user";q=2;w=60, "tenant";q=600;w=60, "ip";q=60;w=60');
    expect(allowed.headers.RateLimit).toMatch(/^"user";r=1;t=(60|59)$/);
    expect(allowed.headers['Retry-After']).toBeUndefined();
    await limiters[1].consume(input(tenantId, 'alice', limits));

    const denied = await limiters[1].consume(input(tenantId, 'alice', limits));
    if (denied.allowed) throw new Error('expected a refusal');
    expect(denied.scope).toBe('user');
    expect(denied.retryAfterSeconds).toBeGreaterThan(0);
    expect(denied.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(denied.headers['Retry-After']).toBe(String(denied.retryAfterSeconds));
    expect(denied.headers.RateLimit).toBe(`"user";r=0;t=${denied.retryAfterSeconds}`);
    expect(denied.headers['RateLimit-Policy']).toBe(allowed.headers['RateLimit-Policy']);

    // without a client address there is no IP policy
    const anonymous = await limiters[0].consume(input(randomUUID(), 'bob', limits, null));
    expect(anonymous.headers['RateLimit-Policy']).toBe('"user";q=2;w=60, "tenant";q=600;w=60');
  });

  it('applies a changed limit to the running window', async () => {
    const tenantId = randomUUID();
    const at = (perUserPerMinute: number) => input(tenantId, 'carol', { ...wide, perUserPerMinute });
    expect((await limiters[0].consume(at(2))).allowed).toBe(true);
    expect((await limiters[1].consume(at(2))).allowed).toBe(true);
    expect((await limiters[0].consume(at(2))).allowed).toBe(false);
    expect((await limiters[1].consume(at(3))).allowed).toBe(true); // raised
    expect((await limiters[0].consume(at(3))).allowed).toBe(false);
    expect((await limiters[1].consume(at(1))).allowed).toBe(false); // lowered below what was used
    expect((await limiters[0].consume(at(0))).allowed).toBe(false);
    expect((await limiters[1].consume(at(4))).allowed).toBe(true);
  });

  it('peek tells which limit would refuse, counting nothing', async () => {
    const tenantId = randomUUID();
    const limits = { perUserPerMinute: 1, perTenantPerMinute: 600, perIpPerMinute: 60 };
    const fresh = await limiters[0].peek(input(tenantId, 'dave', limits));
    expect(fresh).toMatchObject({ allowed: true });
    expect(fresh.usage.every((state) => state.used === 0)).toBe(true);
    await limiters[0].consume(input(tenantId, 'dave', limits));
    for (let i = 0; i < 3; i += 1) {
      const peek = await limiters[i % 2].peek(input(tenantId, 'dave', limits));
      expect(peek).toMatchObject({ allowed: false, scope: 'user' });
      if (!peek.allowed) expect(peek.headers['Retry-After']).toBe(String(peek.retryAfterSeconds));
      expect(peek.usage.find((state) => state.scope === 'tenant')?.used).toBe(1);
    }
  });

  it('rejects limits that are not non-negative integers', async () => {
    await expect(
      limiters[0].consume(input(randomUUID(), 'erin', { ...wide, perTenantPerMinute: 1.5 })),
    ).rejects.toThrow(RangeError);
  });

  describe('upstream quota', () => {
    const perSecond = (grants: number[]) => {
      const counts = new Map<number, number>();
      for (const at of grants)
        counts.set(Math.floor(at / 1000), (counts.get(Math.floor(at / 1000)) ?? 0) + 1);
      return Math.max(0, ...counts.values());
    };

    it('holds a burst of 60 across both processes to 20 per wall-clock second', async () => {
      const account = `acct-${randomUUID()}`;
      const started = Date.now();
      const grants = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const { waitedMs } = await quotas[i % 2].acquire(account, 5_000);
          expect(waitedMs).toBeGreaterThanOrEqual(0);
          return Date.now();
        }),
      );
      expect(grants).toHaveLength(60);
      expect(perSecond(grants)).toBeLessThanOrEqual(20);
      expect(Math.max(...grants) - started).toBeLessThan(3_200);
    });

    it('refuses what cannot be granted within a short wait', async () => {
      const account = `acct-${randomUUID()}`;
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          quotas[i % 2].acquire(account, 200).then(
            () => ({ grantedAt: Date.now() }),
            (error: unknown) => ({ error }),
          ),
        ),
      );
      const granted = outcomes.flatMap((outcome) => ('grantedAt' in outcome ? [outcome.grantedAt] : []));
      const refused = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
      expect(refused.length).toBeGreaterThanOrEqual(20);
      expect(granted.length).toBeGreaterThan(0);
      expect(perSecond(granted)).toBeLessThanOrEqual(20);
      for (const error of refused) {
        expect(error).toBeInstanceOf(UpstreamQuotaExceeded);
        expect((error as UpstreamQuotaExceeded).retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect((error as UpstreamQuotaExceeded).code).toBe('upstream_rate_limited');
      }
    });

    it('windows are wall-clock seconds: a second burst in the same second waits for the next', async () => {
      const account = `acct-${randomUUID()}`;
      await sleep(1_000 - (Date.now() % 1_000) + 300); // 0.3 s into a second
      const second = Math.floor(Date.now() / 1000);
      const burst = () =>
        Promise.all(
          Array.from({ length: 20 }, (_, i) => quotas[i % 2].acquire(account, 2_000).then(() => Date.now())),
        );
      const early = await burst();
      await sleep(Math.max(0, second * 1000 + 500 - Date.now())); // 0.5 s into the same second
      const late = await burst();
      expect(early.every((at) => Math.floor(at / 1000) === second)).toBe(true);
      expect(late.every((at) => Math.floor(at / 1000) === second + 1)).toBe(true);
    });

    it('holds an account whose quota Tencent raised to its own quota, across both processes', async () => {
      const account = `acct-${randomUUID()}`;
      const grants = await Promise.all(
        Array.from({ length: 90 }, (_, i) =>
          quotas[i % 2].acquire(account, 5_000, 45).then(() => Date.now()),
        ),
      );
      expect(grants).toHaveLength(90);
      expect(perSecond(grants)).toBeLessThanOrEqual(45);
      expect(perSecond(grants)).toBeGreaterThan(20);
    });

    it('gives each account its own budget', async () => {
      const [a, b] = [`acct-${randomUUID()}`, `acct-${randomUUID()}`];
      await sleep(1_000 - (Date.now() % 1_000) + 20); // start early in a second
      const second = Math.floor(Date.now() / 1000);
      const grants = await Promise.all(
        [a, b].flatMap((account) =>
          Array.from({ length: 20 }, (_, i) => quotas[i % 2].acquire(account, 500).then(() => Date.now())),
        ),
      );
      expect(grants.every((at) => Math.floor(at / 1000) === second)).toBe(true);
      await expect(quotas[0].acquire(a, 0)).rejects.toBeInstanceOf(UpstreamQuotaExceeded);
    });

    it('a job (background lane) leaves two slots of every second to foreground callers of the account', async () => {
      const account = `acct-${randomUUID()}`;
      await sleep(1_000 - (Date.now() % 1_000) + 20); // start early in a second
      const second = Math.floor(Date.now() / 1000);
      const background = Array.from({ length: 40 }, (_, i) =>
        quotas[i % 2].acquireBackground(account, 5_000).then(() => Date.now()),
      );
      await sleep(200); // the jobs have taken what they may of this second
      // two foreground callers, on either process, find their slot without waiting (maxWaitMs 0)
      await Promise.all([quotas[0].acquire(account, 0), quotas[1].acquire(account, 0)]);
      // and that is the second's 20: a third would have to wait
      await expect(quotas[0].acquire(account, 0)).rejects.toBeInstanceOf(UpstreamQuotaExceeded);
      const grants = await Promise.all(background);
      expect(grants.filter((at) => Math.floor(at / 1000) === second)).toHaveLength(18);
      expect(grants.filter((at) => Math.floor(at / 1000) === second + 1)).toHaveLength(18);
    });
  });

  describe('admin sign-in throttle', () => {
    const throttles = () => [first.app.get(SignInThrottle), second.app.get(SignInThrottle)] as const;

    it('admits exactly 5 parallel attempts per account and source across both processes', async () => {
      const email = `${randomUUID()}@throttle.test`;
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) => throttles()[i % 2].reserve(email, '198.51.100.7')),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
      const refused = decisions.flatMap((decision) => (decision.allowed ? [] : [decision]));
      expect(refused.every((decision) => decision.scope === 'source')).toBe(true);
      expect(refused.filter((decision) => decision.firstRefusal)).toHaveLength(1);
      // another source is not held back by this one's failures
      expect((await throttles()[0].reserve(email, '198.51.100.8')).allowed).toBe(true);
    });

    it('a success forgives the source and exempts it from the account ceiling', async () => {
      const email = `${randomUUID()}@throttle.test`;
      const [a, b] = throttles();
      for (let i = 0; i < 4; i += 1) expect((await a.reserve(email, '198.51.100.20')).allowed).toBe(true);
      const granted = await b.reserve(email, '198.51.100.20');
      if (!granted.allowed) throw new Error('the fifth attempt should be granted');
      await b.succeeded(granted.keys);
      // the 4 failures count towards the account's ceiling (10 a minute); 6 more from 6 other
      // addresses fill it...
      for (let i = 0; i < 6; i += 1) {
        expect((await a.reserve(email, `198.51.100.${100 + i}`)).allowed).toBe(true);
      }
      const slowed = await b.reserve(email, '198.51.100.200');
      expect(slowed).toMatchObject({ allowed: false, scope: 'account' });
      // ...but the address that signed in is not held to it, and its own count starts again
      for (let i = 0; i < 5; i += 1) expect((await a.reserve(email, '198.51.100.20')).allowed).toBe(true);
      expect(await a.reserve(email, '198.51.100.20')).toMatchObject({ allowed: false, scope: 'source' });
    });
  });

  if (backend === 'postgres') {
    it('sweeps expired counters from PostgreSQL', async () => {
      const now = Date.now();
      await first.sql.query(`INSERT INTO rate_limits (key, points, expire) VALUES ($1, 1, $2), ($3, 1, $4)`, [
        `sweep-test:old:${now}`,
        now - 1_000,
        `sweep-test:live:${now}`,
        now + 60_000,
      ]);
      expect(await first.app.get(RateLimitStore).sweepExpired()).toBeGreaterThanOrEqual(1);
      const left = await first.sql.query(`SELECT key FROM rate_limits WHERE key LIKE $1 ORDER BY key`, [
        `sweep-test:%:${now}`,
      ]);
      expect(left.rows.map((row: { key: string }) => row.key)).toEqual([`sweep-test:live:${now}`]);
    });
  }
});
