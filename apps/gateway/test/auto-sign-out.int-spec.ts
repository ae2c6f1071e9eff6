// Automatic sign-out (issue 16) on real PostgreSQL and the TCCC emulator through the unmodified
// SDK: a suspension signs the tenant's online seats out as a durable job that survives a gateway
// restart in the middle and finishes exactly once; resuming restores exactly those seats (not one
// an admin signed out by hand); an offboarding step claimed by a replica that died is finished by
// another, which signs the leaver's workstation out; a disabled or deleted mapping's seat is
// signed out and an enabled one restored. And the presence poller: one replica at a time records
// status changes, and another takes over when it stops.
import type { SessionList } from '@seatgate/contracts';
import PgBoss from 'pg-boss';
import { PresencePoller } from '../src/modules/sessions/presence-poller';
import { TcccService } from '../src/modules/tccc/tccc.service';
import {
  bearer,
  createAdmin,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  testEnv,
  type TestApp,
} from './support/app';
import {
  businessTenant,
  mapSeat,
  startTestEmulator,
  type BusinessTenant,
  type Emulator,
} from './support/business';
import { createTestDatabase, type TestDatabase } from './support/database';

type Job = { status: string; kind: string; counts: Record<string, number> };

describe('automatic sign-out and the presence poller', () => {
  let emulator: Emulator;
  let db: TestDatabase;
  const databases: TestDatabase[] = [];
  let env: Record<string, string>;
  const running: TestApp[] = [];
  const tokens = new Map<TestApp, string>();

  async function gateway(overrides: Record<string, string> = {}): Promise<TestApp> {
    const t = await startTestApp({ db, env: { ...env, ...overrides } });
    running.push(t);
    return t;
  }
  async function stop(t: TestApp): Promise<void> {
    running.splice(running.indexOf(t), 1);
    await t.close();
  }
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
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  async function jobsOf(t: TestApp, tenantId: string): Promise<(Job & { id: string })[]> {
    const answer = await t.http
      .get(`/api/admin/tenants/${tenantId}/jobs`)
      .set(bearer(await rootOf(t)))
      .expect(200);
    return answer.body as (Job & { id: string })[];
  }
  async function job(t: TestApp, tenantId: string, jobId: string): Promise<Job> {
    const answer = await t.http
      .get(`/api/admin/tenants/${tenantId}/jobs/${jobId}`)
      .set(bearer(await rootOf(t)))
      .expect(200);
    return answer.body as Job;
  }
  const finished = (t: TestApp, tenantId: string, jobId: string, timeoutMs = 30_000) =>
    until(
      () => job(t, tenantId, jobId),
      (value) => value.status !== 'running',
      timeoutMs,
    );
  const calls = (action: string, sdkAppId: number, field: 'accepted' | 'limited' = 'accepted') =>
    emulator.state.countersView({ action, sdkAppId }).rows.reduce((sum, row) => sum + row[field], 0);
  const perSecondMax = (action: string, sdkAppId: number) =>
    Math.max(0, ...emulator.state.countersView({ action, sdkAppId }).rows.map((row) => row.accepted));
  async function audit(t: TestApp, tenantId: string, action: string) {
    return (
      await t.sql.query<{ target_id: string; details: Record<string, unknown> }>(
        `SELECT target_id, details FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY seq`,
        [tenantId, action],
      )
    ).rows;
  }
  /** An open workstation of the seat (the emulator's agent script connection). */
  function workstation(sdkAppId: number, seat: string) {
    const events: string[] = [];
    let closed = false;
    const release = emulator.state.presence.connect({
      sessionId: `tab-${sdkAppId}-${seat}`,
      sdkAppId,
      seat,
      push: (message) => events.push(message.event),
      close: () => {
        closed = true;
      },
    });
    return { events, release, closed: () => closed };
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
    db = await createTestDatabase();
    databases.push(db);
    env = testEnv(db.url, {
      TCCC_ENDPOINT_OVERRIDE: emulator.url,
      TCCC_TIMEOUT_SECONDS: '5',
      SEATGATE_JOBS_POLL_SECONDS: '0.5',
      // long enough for any step here under load (a step run twice would call TCCC twice)
      SEATGATE_JOBS_STEP_EXPIRE_SECONDS: '30',
      SEATGATE_JOBS_MAINTENANCE_SECONDS: '1',
      SEATGATE_JOBS_STEP_RETRY_SECONDS: '1',
      // one step at a time, so that a restart falls between steps of one job
      SEATGATE_JOBS_CONCURRENCY: '1',
      DATABASE_POOL_SIZE: '10',
    });
  });
  afterAll(async () => {
    for (const t of [...running]) await t.close();
    for (const database of databases) await database.drop();
    await emulator?.stop();
  });

  it('a suspension signs out the online seats as a job across a restart, once; resuming restores exactly those', async () => {
    const first = await gateway();
    const root = await rootOf(first);
    // 200 seats online, 1 offline with an open workstation, 40 offline, 1 signed out by hand
    const online = Array.from({ length: 200 }, (_, i) => `on-${i}@corp.test`);
    const offline = Array.from({ length: 40 }, (_, i) => `off-${i}@corp.test`);
    const tenant = await businessTenant(first, root, emulator, {
      staff: [...online, ...offline, 'tab@corp.test', 'hand@corp.test'],
    });
    const sdkAppId = tenant.apps[0]!.sdkAppId;
    const seatIds = new Map<string, string>();
    for (const [i, mail] of [...online, ...offline, 'tab@corp.test', 'hand@corp.test'].entries())
      seatIds.set(mail, (await mapSeat(first, root, tenant.tenantId, `user-${i}`, sdkAppId, mail)).id);
    for (const mail of [...online, 'hand@corp.test']) emulator.state.setStaffStatus(sdkAppId, mail, 'free');
    const tab = workstation(sdkAppId, 'tab@corp.test');
    const onlineTab = workstation(sdkAppId, 'on-0@corp.test');
    const admin = await createAdmin(first, root, 'tenant_admin', [tenant.tenantId]);
    await first.http
      .post(`/api/admin/tenants/${tenant.tenantId}/seats/${seatIds.get('hand@corp.test')}/sign-out`)
      .set(bearer(admin.token))
      .send({ reason: 'by hand' })
      .expect(200);
    emulator.state.clearCounters();

    await first.http.post(`/api/admin/tenants/${tenant.tenantId}/suspend`).set(bearer(root)).expect(200);
    const [signOut] = await jobsOf(first, tenant.tenantId);
    expect(signOut).toMatchObject({ kind: 'sign_out', status: 'running' });
    // 241 lines (the seat signed out by hand is not one): 13 steps of 20, one at a time; the
    // gateway restarts midway (SIGTERM's path: the step in flight finishes)
    await until(
      () => job(first, tenant.tenantId, signOut!.id),
      (value) => (value.counts.signed_out ?? 0) >= 50,
      30_000,
    );
    await stop(first);
    const midway = await job(await gateway(), tenant.tenantId, signOut!.id);
    expect(midway.status).toBe('running');
    expect(midway.counts.pending).toBeGreaterThan(0);
    const second = running[running.length - 1]!;
    const done = await finished(second, tenant.tenantId, signOut!.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      counts: { signed_out: 201, skipped: 40, failed: 0, pending: 0 },
    });

    // exactly once: each online seat signed out once in TCCC and audited once with the cause
    for (const mail of [...online, 'tab@corp.test'])
      expect(emulator.state.presence.isForcedOffline(sdkAppId, mail)).toBe(true);
    for (const mail of offline) expect(emulator.state.presence.isForcedOffline(sdkAppId, mail)).toBe(false);
    expect(tab.closed()).toBe(true);
    expect(onlineTab.events).toContain('kickedOut');
    expect(calls('ForceMemberOffline', sdkAppId)).toBe(201);
    expect(calls('ForceMemberOffline', sdkAppId, 'limited')).toBe(0);
    // the background lane: at most 20 − 2 a second
    expect(perSecondMax('ForceMemberOffline', sdkAppId)).toBeLessThanOrEqual(18);
    const signedOut = await audit(second, tenant.tenantId, 'seat.signed_out');
    const automatic = signedOut.filter((row) => row.details.cause === 'tenant_suspended');
    expect(automatic).toHaveLength(201);
    expect(new Set(automatic.map((row) => row.target_id)).size).toBe(201);
    expect(automatic[0]!.details).toMatchObject({ jobId: signOut!.id, sdkAppId });
    const marked = await second.sql.query(
      `SELECT count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1 AND auto_signed_out = 'tenant_suspended'`,
      [tenant.tenantId],
    );
    expect(marked.rows[0].n).toBe(201);

    // while suspended, an admin signs one of those seats out by hand: it stays signed out
    const secondRoot = await rootOf(second);
    await second.http
      .post(`/api/admin/tenants/${tenant.tenantId}/seats/${seatIds.get('on-1@corp.test')}/sign-out`)
      .set(bearer(secondRoot))
      .send({ reason: 'left the company' })
      .expect(200);
    emulator.state.clearCounters();
    await second.http
      .post(`/api/admin/tenants/${tenant.tenantId}/resume`)
      .set(bearer(secondRoot))
      .expect(200);
    const restore = (await jobsOf(second, tenant.tenantId)).find((entry) => entry.kind === 'restore')!;
    expect(await finished(second, tenant.tenantId, restore.id)).toMatchObject({
      status: 'succeeded',
      counts: { restored: 200, skipped: 1, pending: 0 },
    });
    expect(calls('RestoreMemberOnline', sdkAppId)).toBe(200);
    for (const mail of ['on-0@corp.test', 'on-199@corp.test', 'tab@corp.test'])
      expect(emulator.state.presence.isForcedOffline(sdkAppId, mail)).toBe(false);
    for (const mail of ['on-1@corp.test', 'hand@corp.test'])
      expect(emulator.state.presence.isForcedOffline(sdkAppId, mail)).toBe(true);
    const restored = (await audit(second, tenant.tenantId, 'seat.restored')).filter(
      (row) => row.details.cause === 'tenant_suspended',
    );
    expect(restored).toHaveLength(200);
    const left = await second.sql.query(
      `SELECT count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1 AND auto_signed_out IS NOT NULL`,
      [tenant.tenantId],
    );
    expect(left.rows[0].n).toBe(0);
    tab.release();
    onlineTab.release();
    await stop(second);
  });

  it('an offboarding step claimed by a replica that died is finished by another, which signs the leaver out', async () => {
    db = await createTestDatabase();
    databases.push(db);
    env = { ...env, DATABASE_URL: db.url };
    // its steps expire soon: the one the dead replica claims is handed on within seconds
    const starter = await gateway({ SEATGATE_JOBS_WORK: 'false', SEATGATE_JOBS_STEP_EXPIRE_SECONDS: '3' });
    const root = await rootOf(starter);
    const tenant = await businessTenant(starter, root, emulator, { staff: ['leaver@corp.test'] });
    const sdkAppId = tenant.apps[0]!.sdkAppId;
    await mapSeat(starter, root, tenant.tenantId, 'leaver', sdkAppId, 'leaver@corp.test');
    emulator.state.setStaffStatus(sdkAppId, 'leaver@corp.test', 'busy');
    const tab = workstation(sdkAppId, 'leaver@corp.test');
    emulator.state.clearCounters();
    const started = await starter.http
      .post(`/api/admin/tenants/${tenant.tenantId}/business-users/leaver/offboard`)
      .set(bearer(root))
      .send({ deleteAdopted: true })
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
    await stop(starter);

    const survivor = await gateway();
    expect(await finished(survivor, tenant.tenantId, started.body.jobId)).toMatchObject({
      status: 'succeeded',
      counts: { deleted: 1, pending: 0 },
    });
    expect(tab.events).toContain('kickedOut');
    expect(tab.closed()).toBe(true);
    expect(calls('ForceMemberOffline', sdkAppId)).toBe(1);
    expect(emulator.state.directory.staffOf(sdkAppId, 'leaver@corp.test')).toBeUndefined();
    expect(await audit(survivor, tenant.tenantId, 'seat.signed_out')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ cause: 'offboarded' }) }),
    ]);
    tab.release();
    await stop(survivor);
  });

  describe('mappings', () => {
    let t: TestApp;
    let root: string;
    let tenant: BusinessTenant;
    let sdkAppId: number;

    beforeAll(async () => {
      t = await gateway();
      root = await rootOf(t);
      tenant = await businessTenant(t, root, emulator, {
        staff: ['d1@corp.test', 'd2@corp.test', 'd3@corp.test', 'x1@corp.test'],
      });
      sdkAppId = tenant.apps[0]!.sdkAppId;
    });

    const latestJob = async (kind: string) => {
      const found = (await jobsOf(t, tenant.tenantId)).find((entry) => entry.kind === kind)!;
      return { id: found.id, ...(await finished(t, tenant.tenantId, found.id)) };
    };

    it('a disabled mapping’s online seat is signed out; enabled again, restored', async () => {
      const seat = await mapSeat(t, root, tenant.tenantId, 'd1', sdkAppId, 'd1@corp.test');
      emulator.state.setStaffStatus(sdkAppId, 'd1@corp.test', 'free');
      await t.http
        .patch(`/api/admin/tenants/${tenant.tenantId}/seats/${seat.id}`)
        .set(bearer(root))
        .send({ status: 'disabled' })
        .expect(200);
      expect(await latestJob('sign_out')).toMatchObject({ status: 'succeeded', counts: { signed_out: 1 } });
      expect(emulator.state.presence.isForcedOffline(sdkAppId, 'd1@corp.test')).toBe(true);
      const autoSignedOut = async () =>
        (
          (await t.http.get(`/api/admin/tenants/${tenant.tenantId}/sessions`).set(bearer(root)).expect(200))
            .body as SessionList
        ).items.find((item) => item.seatId === seat.id)?.autoSignedOut;
      // the sessions view says why the seat is signed out
      expect(await autoSignedOut()).toBe('mapping_disabled');
      await t.http
        .patch(`/api/admin/tenants/${tenant.tenantId}/seats/${seat.id}`)
        .set(bearer(root))
        .send({ status: 'enabled' })
        .expect(200);
      expect(await latestJob('restore')).toMatchObject({ status: 'succeeded', counts: { restored: 1 } });
      expect(emulator.state.presence.isForcedOffline(sdkAppId, 'd1@corp.test')).toBe(false);
      expect(await autoSignedOut()).toBeNull();
      const causes = [
        ...(await audit(t, tenant.tenantId, 'seat.signed_out')),
        ...(await audit(t, tenant.tenantId, 'seat.restored')),
      ].map((row) => [row.target_id, row.details.cause]);
      expect(causes).toEqual([
        [seat.id, 'mapping_disabled'],
        [seat.id, 'mapping_disabled'],
      ]);
    });

    it('bulk disable and delete sign out online seats only; an offline seat is skipped', async () => {
      const d2 = await mapSeat(t, root, tenant.tenantId, 'd2', sdkAppId, 'd2@corp.test');
      const d3 = await mapSeat(t, root, tenant.tenantId, 'd3', sdkAppId, 'd3@corp.test');
      emulator.state.setStaffStatus(sdkAppId, 'd2@corp.test', 'busy');
      await t.http
        .post(`/api/admin/tenants/${tenant.tenantId}/seats/bulk`)
        .set(bearer(root))
        .send({ action: 'disable', ids: [d2.id, d3.id] })
        .expect(200);
      expect(await latestJob('sign_out')).toMatchObject({
        status: 'succeeded',
        counts: { signed_out: 1, skipped: 1 },
      });
      expect(emulator.state.presence.isForcedOffline(sdkAppId, 'd2@corp.test')).toBe(true);
      expect(emulator.state.presence.isForcedOffline(sdkAppId, 'd3@corp.test')).toBe(false);

      const x1 = await mapSeat(t, root, tenant.tenantId, 'x1', sdkAppId, 'x1@corp.test');
      const tab = workstation(sdkAppId, 'x1@corp.test');
      await t.http
        .delete(`/api/admin/tenants/${tenant.tenantId}/seats/${x1.id}`)
        .set(bearer(root))
        .expect(204);
      const deleted = await latestJob('sign_out');
      expect(deleted).toMatchObject({ status: 'succeeded', counts: { signed_out: 1 } });
      expect(tab.closed()).toBe(true);
      expect((await audit(t, tenant.tenantId, 'seat.signed_out')).at(-1)).toMatchObject({
        target_id: x1.id,
        details: { cause: 'mapping_deleted', seatUserId: 'x1@corp.test' },
      });
      tab.release();
    });
  });

  it('the presence poller: one replica at a time records changes in the background lane; another takes over', async () => {
    db = await createTestDatabase();
    databases.push(db);
    env = { ...env, DATABASE_URL: db.url };
    const a = await gateway({ SEATGATE_PRESENCE_POLL_SECONDS: '1' });
    const b = await gateway({ SEATGATE_PRESENCE_POLL_SECONDS: '1' });
    const root = await rootOf(a);
    const tenant = await businessTenant(a, root, emulator, { staff: ['p1@corp.test', 'p2@corp.test'] });
    const app = tenant.apps[0]!;
    await mapSeat(a, root, tenant.tenantId, 'p1', app.sdkAppId, 'p1@corp.test');
    await mapSeat(a, root, tenant.tenantId, 'p2', app.sdkAppId, 'p2@corp.test');
    let reader = a;
    const events = async () =>
      (
        await reader.sql.query<{ seat_user_id: string; status: string }>(
          `SELECT seat_user_id, status FROM presence_events WHERE tenant_id = $1 ORDER BY id`,
          [tenant.tenantId],
        )
      ).rows;
    emulator.state.setStaffStatus(app.sdkAppId, 'p1@corp.test', 'free');
    await until(events, (rows) => rows.length >= 2, 10_000);
    emulator.state.setStaffStatus(app.sdkAppId, 'p1@corp.test', 'rest', 'lunch');
    await until(events, (rows) => rows.length >= 3, 10_000);
    expect(await events()).toEqual([
      { seat_user_id: 'p1@corp.test', status: 'free' },
      { seat_user_id: 'p2@corp.test', status: 'offline' },
      { seat_user_id: 'p1@corp.test', status: 'rest' },
    ]);
    const pollers = [a, b].map((t) => t.app.get(PresencePoller));
    expect(pollers.filter((poller) => poller.isLeader)).toHaveLength(1);
    const [leader, follower] = pollers[0]!.isLeader ? [a, b] : [b, a];
    expect(follower.app.get(PresencePoller).rounds).toBe(0);
    // the lower lane: its calls counted on DescribeStaffStatusMetrics' counter, never the logins'
    expect(calls('DescribeStaffStatusMetrics', app.sdkAppId, 'limited')).toBe(0);

    // the leader stops: the other takes over and sees the next change
    reader = follower;
    await stop(leader);
    emulator.state.setStaffStatus(app.sdkAppId, 'p2@corp.test', 'busy');
    await until(events, (rows) => rows.length >= 4, 10_000);
    expect(follower.app.get(PresencePoller).isLeader).toBe(true);
    expect((await events()).at(-1)).toEqual({ seat_user_id: 'p2@corp.test', status: 'busy' });

    // TCCC failing the poller's calls: more rounds than the circuit's threshold fail, yet the app's
    // circuit stays closed (logins' own calls decide it), and polling goes on once TCCC is back
    const poller = follower.app.get(PresencePoller);
    const threshold = follower.config.tcccCircuit.failureThreshold;
    emulator.state.setFault({
      action: 'DescribeStaffStatusMetrics',
      sdkAppId: app.sdkAppId,
      outage: 'refuse',
    });
    const from = poller.rounds;
    await until(
      async () => poller.rounds,
      (rounds) => rounds >= from + threshold + 1,
      (threshold + 5) * 1500,
    );
    expect(follower.app.get(TcccService).circuitState(app.id)).toBe('closed');
    emulator.state.clearFaults();
    emulator.state.setStaffStatus(app.sdkAppId, 'p2@corp.test', 'free');
    await until(events, (rows) => rows.length >= 5, 10_000);
    await stop(follower);
  });
});
