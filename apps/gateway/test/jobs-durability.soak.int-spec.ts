// Durable jobs on real PostgreSQL and the emulator: a 5,000-user provisioning job survives a
// gateway restart in the middle and finishes exactly once; a step claimed by a replica that died
// is handed to another when it expires; logins during a job get their TCCC slot at once.
import PgBoss from 'pg-boss';
import { UpstreamQuota } from '../src/modules/limits/upstream-quota';
import {
  bearer,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  testEnv,
  type TestApp,
} from './support/app';
import {
  ACCOUNT,
  businessToken,
  emulatedSdkAppId,
  startTestEmulator,
  type Emulator,
} from './support/business';
import { createTestDatabase, type TestDatabase } from './support/database';

const sum = (rows: { accepted: number; limited: number }[], field: 'accepted' | 'limited') =>
  rows.reduce((total, row) => total + row[field], 0);

describe('durable jobs', () => {
  let emulator: Emulator;
  let db: TestDatabase;
  const databases: TestDatabase[] = [];
  let env: Record<string, string>;
  const running: TestApp[] = [];

  async function gateway(overrides: Record<string, string> = {}): Promise<TestApp> {
    const t = await startTestApp({ db, env: { ...env, ...overrides } });
    running.push(t);
    return t;
  }

  async function stop(t: TestApp): Promise<void> {
    running.splice(running.indexOf(t), 1);
    await t.close();
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
    db = await createTestDatabase();
    databases.push(db);
    env = testEnv(db.url, {
      TCCC_ENDPOINT_OVERRIDE: emulator.url,
      TCCC_TIMEOUT_SECONDS: '5',
      SEATGATE_JOBS_POLL_SECONDS: '0.5',
      SEATGATE_JOBS_STEP_EXPIRE_SECONDS: '3',
      SEATGATE_JOBS_MAINTENANCE_SECONDS: '1',
      SEATGATE_JOBS_CONCURRENCY: '6',
      DATABASE_POOL_SIZE: '10',
    });
  });
  afterAll(async () => {
    for (const t of [...running]) await t.close();
    for (const database of databases) await database.drop();
    await emulator?.stop();
  });

  async function tenantWithApp(t: TestApp, token: string, licences: number, staff: string[] = []) {
    const tenant = await createTenant(t, token);
    const sdkAppId = emulatedSdkAppId();
    const now = Math.floor(emulator.state.now() / 1000);
    emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId,
      licences: [{ num: licences, buyTime: now - 60, endTime: now + 86_400 }],
      staff: staff.map((mail) => ({ mail })),
    });
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(token))
      .send({ settings: { provisioning: { domain: `${tenant.slug}.example` } } })
      .expect(200);
    await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(token))
      .send({ sdkAppId, label: 'Bulk', ...ACCOUNT })
      .expect(201);
    return { tenantId: tenant.id, slug: tenant.slug, sdkAppId };
  }

  async function progress(t: TestApp, tenantId: string, jobId: string) {
    const job = await t.http.get(`/api/admin/tenants/${tenantId}/jobs/${jobId}`).set(bearer(await rootOf(t)));
    return job.body as { status: string; counts: Record<string, number> };
  }

  const tokens = new Map<TestApp, string>();
  async function rootOf(t: TestApp): Promise<string> {
    let token = tokens.get(t);
    if (!token) {
      token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
      tokens.set(t, token);
    }
    return token;
  }

  async function until<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs: number,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('a 5,000-user job with a gateway restart in the middle resumes and finishes exactly once', async () => {
    const first = await gateway();
    const root = await rootOf(first);
    // twenty agents already in TCCC and mapped, who log in while the job runs
    const agents = Array.from({ length: 20 }, (_, i) => `agent-${i}@corp.test`);
    const s = await tenantWithApp(first, root, 6_000, agents);
    for (const [i, mail] of agents.entries())
      await first.http
        .post(`/api/admin/tenants/${s.tenantId}/seats`)
        .set(bearer(root))
        .send({ businessUserId: `agent-${i}`, sdkAppId: s.sdkAppId, seatUserId: mail })
        .expect(201);
    const key = await first.http
      .post(`/api/admin/tenants/${s.tenantId}/keys`)
      .set(bearer(root))
      .send({ type: 'hs256' })
      .expect(201);
    emulator.state.clearCounters();

    const rows = Array.from({ length: 5_000 }, (_, i) => ({ businessUserId: `bulk-${i}` }));
    const started = await first.http
      .post(`/api/admin/tenants/${s.tenantId}/seats/provision`)
      .set(bearer(root))
      .send({ sdkAppId: s.sdkAppId, rows })
      .expect(202);
    const jobId = started.body.jobId as string;
    expect(started.body).toMatchObject({ total: 5_000, toCreate: 5_000, licences: { available: 5_980 } });

    // part of the way through, the gateway restarts (SIGTERM's path: app.close)
    await until(
      () => progress(first, s.tenantId, jobId),
      (job) => job.counts.created! >= 1_000,
      30_000,
    );
    await stop(first);
    const second = await gateway();
    const midway = await progress(second, s.tenantId, jobId);
    expect(midway.status).toBe('running');
    expect(midway.counts.created).toBeGreaterThanOrEqual(1_000);
    expect(midway.counts.created).toBeLessThan(5_000);

    // logins while the job runs: a second's worth at once, all answered, none refused by TCCC
    const loginsFrom = Math.floor(emulator.state.now() / 1000);
    const quota = second.app.get(UpstreamQuota);
    expect(quota.waits.foreground.grants).toBe(0);
    const logins = await Promise.all(
      agents.map((_, i) =>
        second.http
          .post('/api/v1/login')
          .set(bearer(businessToken({ kid: key.body.kid, secret: key.body.secret }, `agent-${i}`)))
          .send({}),
      ),
    );
    expect(logins.map((response) => response.status)).toEqual(agents.map(() => 201));

    const done = await until(
      () => progress(second, s.tenantId, jobId),
      (job) => job.status !== 'running',
      90_000,
    );
    expect(done).toMatchObject({
      status: 'succeeded',
      counts: { created: 5_000, adopted: 0, failed: 0, pending: 0 },
    });

    // exactly once: every seat once in TCCC and once mapped, the job ended once
    const app = emulator.state.directory.appOf(ACCOUNT.secretId, s.sdkAppId)!;
    expect(app.staff.filter((member) => member.mail.startsWith('bulk-'))).toHaveLength(5_000);
    const mapped = await second.sql.query(
      `SELECT count(*)::int AS n, count(DISTINCT seat_user_id)::int AS seats FROM seat_mappings
       WHERE tenant_id = $1 AND origin = 'provisioned'`,
      [s.tenantId],
    );
    expect(mapped.rows[0]).toEqual({ n: 5_000, seats: 5_000 });
    const finished = await second.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'job.finished'`,
      [s.tenantId],
    );
    expect(finished.rows[0].n).toBe(1);
    const provisionedEvents = await second.sql.query(
      `SELECT coalesce(sum(jsonb_array_length(details->'created')), 0)::int AS created
       FROM audit_events WHERE tenant_id = $1 AND action = 'seat.provisioned'`,
      [s.tenantId],
    );
    expect(provisionedEvents.rows[0].created).toBe(5_000);

    // the job stayed in its lane: at most 20 − 2 CreateStaff a second, never refused by TCCC;
    // 500 calls, plus at most one per step that was in flight at the restart
    const createStaff = emulator.state.countersView({ action: 'CreateStaff', sdkAppId: s.sdkAppId });
    expect(sum(createStaff.rows, 'limited')).toBe(0);
    expect(Math.max(...createStaff.rows.map((row) => row.accepted))).toBeLessThanOrEqual(18);
    expect(sum(createStaff.rows, 'accepted')).toBeGreaterThanOrEqual(500);
    expect(sum(createStaff.rows, 'accepted')).toBeLessThanOrEqual(500 + first.config.jobs.concurrency);
    // and the logins got their slots at once: counted in slots, each came in the second its login
    // first asked or (past that second's guard) the next, never later; TCCC refused none
    expect(quota.waits.foreground.grants).toBe(20);
    expect(quota.waits.foreground.maxSlotsWaited).toBeLessThanOrEqual(1);
    expect(quota.waits.background.grants).toBeGreaterThan(0);
    const tokenRows = emulator.state
      .countersView({ action: 'CreateSDKLoginToken', sdkAppId: s.sdkAppId })
      .rows.filter((row) => row.second >= loginsFrom);
    expect(sum(tokenRows, 'accepted')).toBe(20);
    expect(sum(tokenRows, 'limited')).toBe(0);
    await stop(second);
  });

  it('a step claimed by a replica that then died is handed to another when it expires', async () => {
    // a database of its own, so that the only steps queued are this job's
    db = await createTestDatabase();
    databases.push(db);
    env = { ...env, DATABASE_URL: db.url };
    // no worker here: the step is claimed by a bare pg-boss client that never finishes it
    const starter = await gateway({ SEATGATE_JOBS_WORK: 'false' });
    const root = await rootOf(starter);
    const s = await tenantWithApp(starter, root, 100);
    const started = await starter.http
      .post(`/api/admin/tenants/${s.tenantId}/seats/provision`)
      .set(bearer(root))
      .send({
        sdkAppId: s.sdkAppId,
        rows: Array.from({ length: 30 }, (_, i) => ({ businessUserId: `d-${i}` })),
      })
      .expect(202);
    const dead = new PgBoss({
      connectionString: db.url,
      max: 1,
      supervise: false,
      schedule: false,
      migrate: false,
    });
    dead.on('error', () => undefined);
    await dead.start();
    const [claimed] = await dead.fetch<{ jobId: string }>('seatgate-job-step');
    expect(claimed?.data.jobId).toBe(started.body.jobId);
    await dead.stop({ graceful: false, close: true, wait: true });

    const survivor = await gateway();
    const done = await until(
      () => progress(survivor, s.tenantId, started.body.jobId),
      (job) => job.status !== 'running',
      20_000,
    );
    expect(done).toMatchObject({ status: 'succeeded', counts: { created: 30, pending: 0 } });
    const retried = await survivor.sql.query(`SELECT state, retry_count FROM pgboss.job WHERE id = $1`, [
      claimed!.id,
    ]);
    expect(retried.rows[0]).toMatchObject({ state: 'completed', retry_count: 1 });
    await stop(starter);
    await stop(survivor);
  });
});
