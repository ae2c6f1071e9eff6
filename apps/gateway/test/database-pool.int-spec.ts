// A connection pool that runs dry is the database being unavailable for a moment: 503
// database_unavailable with Retry-After, never a 500, whether a plain query waited too long for a
// connection or a transaction could not start (or finish) in its time.
import { Client } from 'pg';
import { bearer, login, PLATFORM_ADMIN, startTestApp, testEnv, type TestApp } from './support/app';
import { createTestDatabase } from './support/database';

describe('database pool exhaustion', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    const db = await createTestDatabase();
    t = await startTestApp({ db, env: testEnv(db.url, { DATABASE_POOL_SIZE: '1' }) });
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
    await t.db.drop();
  });

  it('answers 503 database_unavailable, writes nothing, and recovers', async () => {
    // The one connection is taken by a write whose audit append waits on a lock held outside the
    // app for longer than a transaction may last; every other request waits for the pool.
    const locker = new Client({ connectionString: t.db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_chain_heads IN ACCESS EXCLUSIVE MODE');
    const release = new Promise((resolve) => setTimeout(resolve, 8_000)).then(() => locker.query('ROLLBACK'));
    let responses: {
      status: number;
      body: { code?: string; requestId?: string };
      headers: Record<string, string>;
    }[];
    try {
      responses = await Promise.all([
        ...Array.from({ length: 4 }, (_, index) =>
          t.http
            .post('/api/admin/tenants')
            .set(bearer(token))
            .send({ slug: `dry-pool-${index}`, name: 'Dry pool' }),
        ),
        ...Array.from({ length: 2 }, () => t.http.get('/api/admin/tenants').set(bearer(token))),
      ]);
    } finally {
      await release;
      await locker.end();
    }
    const summary = responses.map((response) => `${response.status} ${String(response.body.code)}`);
    process.stdout.write(`[pool] answers with the pool dry: ${summary.join(', ')}\n`);
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(503));
    for (const response of responses) {
      expect(response.body).toMatchObject({ code: 'database_unavailable', requestId: expect.any(String) });
      expect(response.headers['retry-after']).toBe('5');
    }
    const written = await t.sql.query(`SELECT count(*)::int AS n FROM tenants WHERE slug LIKE 'dry-pool-%'`);
    expect(written.rows[0].n).toBe(0);
    await t.http.get('/api/admin/tenants').set(bearer(token)).expect(200);
  }, 60_000);
});
