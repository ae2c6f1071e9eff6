// Query budgets of the login path, counted at the wire: PostgreSQL and Redis are reached through
// counting proxies (support/wire-counter.ts), so that a budget cannot drift from what the code does.
// A test fails when someone adds a round trip to a login, a redemption or a refusal; the failure
// message lists the SQL (or Redis commands) seen.
//
// The budgets are the ceilings the code meets today. Issue 12's targets (a login ≤ 2 PostgreSQL round
// trips + 1 Redis call, ≤ 3 without Redis; a redemption 1; a refusal ≤ 1) are in TARGET, and every
// budget meets its target (the first test compares them).
import jwt from 'jsonwebtoken';
import { bearer, type TestApp } from './support/app';
import {
  ACCOUNT,
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type BusinessTenant,
  type EmulatedTestApp,
} from './support/business';
import { countPostgres, countRedis, type WireCounter, type WireCounts } from './support/wire-counter';

const REDIS_URL = process.env.REDIS_URL;

interface Budget {
  /** PostgreSQL round trips (Sync or simple Query messages) */
  pg: number;
  /** PostgreSQL statements executed (Execute or simple Query messages) */
  statements: number;
  redis: number;
}

type Path = 'login' | 'redemption' | 'unmapped' | 'badToken' | 'limited';

export const TARGET: Record<'withoutRedis' | 'withRedis', Record<Path, Omit<Budget, 'statements'>>> = {
  withoutRedis: {
    login: { pg: 3, redis: 0 },
    redemption: { pg: 1, redis: 0 },
    unmapped: { pg: 1, redis: 0 },
    badToken: { pg: 1, redis: 0 },
    limited: { pg: 1, redis: 0 },
  },
  withRedis: {
    login: { pg: 2, redis: 1 },
    redemption: { pg: 1, redis: 0 },
    unmapped: { pg: 1, redis: 0 },
    badToken: { pg: 1, redis: 0 },
    limited: { pg: 1, redis: 1 },
  },
};

// After warm-up the key with its tenant, the seat with its app and the credentials come from the
// per-process caches (modules/cache): what is left is the one limits call (one Lua script with
// Redis, one rate_limit_admit statement without) and the one write.
const BUDGET: Record<'withoutRedis' | 'withRedis', Record<Path, Budget>> = {
  withoutRedis: {
    login: { pg: 2, statements: 2, redis: 0 },
    redemption: { pg: 1, statements: 1, redis: 0 },
    unmapped: { pg: 1, statements: 1, redis: 0 },
    badToken: { pg: 1, statements: 1, redis: 0 },
    limited: { pg: 1, statements: 1, redis: 0 },
  },
  withRedis: {
    login: { pg: 1, statements: 1, redis: 1 },
    redemption: { pg: 1, statements: 1, redis: 0 },
    unmapped: { pg: 1, statements: 1, redis: 0 },
    badToken: { pg: 1, statements: 1, redis: 0 },
    limited: { pg: 1, statements: 1, redis: 1 },
  },
};

/** A read of what the login caches hold, in the SQL seen on the wire. */
const LOGIN_READ = /\b(signing_keys|tenants|seat_mappings|tccc_apps)\b/;

function describeCounts(label: string, pg: WireCounts, redis: WireCounts | null): string {
  return [
    `${label}: ${pg.roundTrips} PostgreSQL round trips (${pg.executions} statements executed, ${pg.statements} parsed), ${redis?.roundTrips ?? 0} Redis calls`,
    ...pg.seen.map((sql) => `  pg> ${sql.replace(/\s+/g, ' ').slice(0, 300)}`),
    ...(redis?.seen ?? []).map((command) => `  redis> ${command}`),
  ].join('\n');
}

describe.each([
  ['without Redis', false],
  ['with Redis', true],
] as const)('query budget of the login path, %s', (label, withRedis) => {
  const budgets = BUDGET[withRedis ? 'withRedis' : 'withoutRedis'];
  const targets = TARGET[withRedis ? 'withRedis' : 'withoutRedis'];
  let stack: EmulatedTestApp;
  let t: TestApp;
  let pg: WireCounter;
  let redis: WireCounter | null = null;
  let tenant: BusinessTenant;
  let limited: BusinessTenant;

  beforeAll(async () => {
    if (withRedis && !REDIS_URL) throw new Error('REDIS_URL is required for the Redis budget');
    const { createTestDatabase } = await import('./support/database');
    const db = await createTestDatabase();
    const proxied = await countPostgres(db.url);
    pg = proxied.counter;
    const env: Record<string, string> = { DATABASE_URL: proxied.url };
    if (withRedis) {
      const redisProxy = await countRedis(REDIS_URL!);
      redis = redisProxy.counter;
      env.REDIS_URL = redisProxy.url;
    }
    stack = await startAppWithEmulator({ env, db });
    t = stack.t;
    tenant = await businessTenant(t, stack.root, stack.emulator);
    await mapSeat(t, stack.root, tenant.tenantId, 'u1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
    limited = await businessTenant(t, stack.root, stack.emulator, {
      settings: { rateLimits: { perUserPerMinute: 1, perTenantPerMinute: 100, perIpPerMinute: 100 } },
    });
    await mapSeat(t, stack.root, limited.tenantId, 'u1', limited.apps[0]!.sdkAppId, 'agent1@corp.test');
    // warm: the first requests prepare statements and fill caches; the limited user spends its quota
    await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'u1')))
      .send({})
      .expect(201);
    await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'nobody')))
      .send({})
      .expect(403);
    await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(limited, 'u1')))
      .send({})
      .expect(201);
    await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(limited, 'u1')))
      .send({})
      .expect(429);
  });
  afterAll(async () => {
    await stack?.close();
    await pg?.close();
    await redis?.close();
  });

  /** Runs `request` with fresh counters and checks them against the path's budget. */
  async function within(
    path: Path,
    request: () => Promise<unknown>,
  ): Promise<{ pg: WireCounts; redis: WireCounts | null }> {
    pg.reset();
    redis?.reset();
    await request();
    const p = pg.counts();
    const r = redis?.counts() ?? null;
    const budget = budgets[path];
    const report = describeCounts(`${path} ${label}`, p, r);
    process.stdout.write(`[budget] ${report}\n`);
    const over = [
      p.roundTrips > budget.pg ? `${p.roundTrips} PostgreSQL round trips > ${budget.pg}` : null,
      p.executions > budget.statements ? `${p.executions} statements > ${budget.statements}` : null,
      (r?.roundTrips ?? 0) > budget.redis ? `${r?.roundTrips ?? 0} Redis calls > ${budget.redis}` : null,
    ].filter((line): line is string => line !== null);
    if (over.length > 0) throw new Error(`over budget: ${over.join(', ')}\n${report}`);
    return { pg: p, redis: r };
  }

  /**
   * The limits part of a login (user, IP, tenant and the upstream quota) is exactly one store call:
   * one Lua script with Redis, one PostgreSQL round trip (rate_limit_admit) without.
   */
  function expectOneLimitsCall(counts: { pg: WireCounts; redis: WireCounts | null }): void {
    const limitStatements = counts.pg.seen.filter((sql) => /rate.limit/i.test(sql));
    if (withRedis) {
      expect(counts.redis?.seen).toEqual(['EVALSHA']);
      expect(limitStatements).toEqual([]);
    } else {
      expect(limitStatements).toHaveLength(1);
    }
  }

  it("every budget meets issue 12's target", () => {
    for (const path of Object.keys(budgets) as Path[]) {
      expect(budgets[path].pg).toBeLessThanOrEqual(targets[path].pg);
      expect(budgets[path].redis).toBeLessThanOrEqual(targets[path].redis);
    }
  });

  it('a login', async () => {
    const counts = await within('login', () =>
      t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(tenant, 'u1')))
        .send({})
        .expect(201),
    );
    expectOneLimitsCall(counts);
  });

  it('a warm login reads no key, tenant, seat or app', async () => {
    pg.reset();
    await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'u1')))
      .send({})
      .expect(201);
    const reads = pg.counts().seen.filter((sql) => LOGIN_READ.test(sql));
    expect(reads).toEqual([]);
  });

  it('a redemption', async () => {
    const issued = await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'u1')))
      .send({})
      .expect(201);
    await within('redemption', () =>
      t.http.get(new URL(issued.body.loginUrl as string).pathname).expect(302),
    );
  });

  it('a refused login: unmapped seat', async () => {
    await within('unmapped', () =>
      t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(tenant, 'nobody')))
        .send({})
        .expect(403),
    );
  });

  it('a refused login: bad signature', async () => {
    const forged = jwt.sign({}, 'not-the-secret', {
      algorithm: 'HS256',
      keyid: tenant.kid,
      subject: 'u1',
      audience: 'seatgate',
      expiresIn: 300,
    });
    await within('badToken', () => t.http.post('/api/v1/login').set(bearer(forged)).send({}).expect(401));
  });

  it('a refused login: rate limited', async () => {
    const counts = await within('limited', () =>
      t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(limited, 'u1')))
        .send({})
        .expect(429),
    );
    expectOneLimitsCall(counts);
    // the refusal is audited in its tenant's chain (by the limits statement itself without Redis),
    // with the scope that refused it, and the chain still verifies
    const { rows } = await t.sql.query<{ details: { reason: string; scope: string } }>(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'login.denied' ORDER BY seq DESC LIMIT 1`,
      [limited.tenantId],
    );
    expect(rows[0]?.details).toMatchObject({ reason: 'rate_limited', scope: 'user' });
    const verify = await t.http
      .get(`/api/admin/audit/verify?tenantId=${limited.tenantId}`)
      .set(bearer(stack.root))
      .expect(200);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it("logins of one tenant that arrive together share the chain's statements, and the chain holds", async () => {
    const staff = Array.from({ length: 24 }, (_, i) => `agent${i}@corp.test`);
    const busy = await businessTenant(t, stack.root, stack.emulator, {
      staff,
      settings: {
        rateLimits: { perUserPerMinute: 100, perTenantPerMinute: 1_000, perIpPerMinute: 1_000 },
        upstreamQuotaPerSecond: 1_000,
      },
    });
    stack.emulator.state.counters.setAccountQuota(ACCOUNT.secretId, 1_000);
    try {
      for (const [i, mail] of staff.entries())
        await mapSeat(t, stack.root, busy.tenantId, `u${i}`, busy.apps[0]!.sdkAppId, mail);
      // warm: each user's seat in the cache
      for (const i of staff.keys())
        await t.http
          .post('/api/v1/login')
          .set(bearer(businessToken(busy, `u${i}`)))
          .send({})
          .expect(201);
      pg.reset();
      const answers = await Promise.all(
        staff.map((_, i) =>
          t.http
            .post('/api/v1/login')
            .set(bearer(businessToken(busy, `u${i}`)))
            .send({}),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(staff.map(() => 201));
      // alone, each login is its limits statement (without Redis) and its write: fewer when shared
      const { executions } = pg.counts();
      const alone = staff.length * (withRedis ? 1 : 2);
      process.stdout.write(
        `[budget] ${staff.length} logins of one tenant: ${executions} statements (${alone} alone)\n`,
      );
      expect(executions).toBeLessThan(alone);
      const { rows } = await t.sql.query<{ n: number; seqs: number }>(
        `SELECT count(*)::int AS n, (max(seq) - min(seq) + 1)::int AS seqs
         FROM audit_events WHERE tenant_id = $1 AND action = 'login.issued'`,
        [busy.tenantId],
      );
      expect(rows[0]).toEqual({ n: 2 * staff.length, seqs: 2 * staff.length });
      const verify = await t.http
        .get(`/api/admin/audit/verify?tenantId=${busy.tenantId}`)
        .set(bearer(stack.root))
        .expect(200);
      expect(verify.body).toMatchObject({ ok: true });
      // every one of them redeems once
      for (const answer of answers) {
        const ticket = new URL(answer.body.loginUrl as string).pathname;
        await t.http.get(ticket).expect(302);
      }
    } finally {
      stack.emulator.state.counters.setAccountQuota(ACCOUNT.secretId, null);
    }
  });
});
