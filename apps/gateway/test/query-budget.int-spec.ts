// Query budgets of the login path, counted at the wire: PostgreSQL and Redis are reached through
// counting proxies (support/wire-counter.ts), so that a budget cannot drift from what the code does.
// A test fails when someone adds a round trip to a login, a redemption or a refusal.
import { bearer, type TestApp } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type BusinessTenant,
  type EmulatedTestApp,
} from './support/business';
import { countPostgres, countRedis, type WireCounter } from './support/wire-counter';

const REDIS_URL = process.env.REDIS_URL;

describe.each([
  ['without Redis', false],
  ['with Redis', true],
] as const)('query budget of the login path, %s', (_label, withRedis) => {
  let stack: EmulatedTestApp;
  let t: TestApp;
  let pg: WireCounter;
  let redis: WireCounter | null = null;
  let tenant: BusinessTenant;

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
    // warm: the first login prepares statements and fills caches
    await t.http.post('/api/v1/login').set(bearer(businessToken(tenant, 'u1'))).send({}).expect(201);
  });
  afterAll(async () => {
    await stack?.close();
    await pg?.close();
    await redis?.close();
  });

  function measure() {
    pg.reset();
    redis?.reset();
    return () => ({ pg: pg.counts(), redis: redis?.counts() ?? null });
  }

  it('a login', async () => {
    const done = measure();
    await t.http.post('/api/v1/login').set(bearer(businessToken(tenant, 'u1'))).send({}).expect(201);
    const { pg: p, redis: r } = done();
    process.stdout.write(
      `[budget] login ${_label}: ${p.roundTrips} PostgreSQL round trips (${p.statements} statements), ${r?.roundTrips ?? 0} Redis calls\n${p.seen.join('\n')}\n${r?.seen.join(' ') ?? ''}\n`,
    );
  });

  it('a redemption', async () => {
    const issued = await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'u1')))
      .send({})
      .expect(201);
    const done = measure();
    await t.http.get(new URL(issued.body.loginUrl as string).pathname).expect(302);
    const { pg: p, redis: r } = done();
    process.stdout.write(
      `[budget] redemption ${_label}: ${p.roundTrips} round trips, ${r?.roundTrips ?? 0} Redis\n${p.seen.join('\n')}\n`,
    );
  });

  it('a refused login (unmapped seat)', async () => {
    const done = measure();
    await t.http.post('/api/v1/login').set(bearer(businessToken(tenant, 'nobody'))).send({}).expect(403);
    const { pg: p, redis: r } = done();
    process.stdout.write(
      `[budget] refused ${_label}: ${p.roundTrips} round trips, ${r?.roundTrips ?? 0} Redis\n${p.seen.join('\n')}\n`,
    );
  });
});
