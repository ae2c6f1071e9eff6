// Sessions (issue 16) on a real database and the TCCC emulator through the unmodified SDK: an
// admin's sign-out (ForceMemberOffline) and restore, refused logins in every process meanwhile,
// the multi-tab policy in the login answer, and the sessions view (presence joined with the last
// login, filtered, cached, in its own upstream quota so that logins keep theirs).
import type { SessionList } from '@seatgate/contracts';
import { CacheInvalidation } from '../src/modules/cache/cache-invalidation.service';
import { upstreamQuotaKey } from '../src/modules/limits/upstream-quota';
import { bearer, createAdmin, startTestApp, type TestApp } from './support/app';
import {
  ACCOUNT,
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type BusinessTenant,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

describe('sessions', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  /** a second gateway process on the same database */
  let other: TestApp;
  let root: string;
  let tenant: BusinessTenant;
  let sdkAppId: number;
  let seat1: string;
  let seat2: string;
  let admin: { token: string };
  let auditor: { token: string };

  const loginAs = (app: TestApp, user: string) =>
    app.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, user)))
      .set('User-Agent', 'crm-test/1.0')
      .send({});
  const sessions = async (query = '', token = admin.token): Promise<SessionList> =>
    (
      await t.http
        .get(`/api/admin/tenants/${tenant.tenantId}/sessions${query}`)
        .set(bearer(token))
        .expect(200)
    ).body as SessionList;
  const auditOf = async (action: string) =>
    (
      await t.sql.query<{ details: Record<string, unknown>; actor_id: string; target_id: string }>(
        `SELECT details, actor_id, target_id FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY seq`,
        [tenant.tenantId, action],
      )
    ).rows;

  beforeAll(async () => {
    stack = await startAppWithEmulator();
    ({ t, emulator, root } = stack);
    other = await startTestApp({ db: t.db, env: t.env });
    tenant = await businessTenant(t, root, emulator, { staff: ['agent1@corp.test', 'agent2@corp.test'] });
    sdkAppId = tenant.apps[0]!.sdkAppId;
    seat1 = (await mapSeat(t, root, tenant.tenantId, 'crm-user-1', sdkAppId, 'agent1@corp.test')).id;
    seat2 = (await mapSeat(t, root, tenant.tenantId, 'crm-user-2', sdkAppId, 'agent2@corp.test')).id;
    admin = await createAdmin(t, root, 'tenant_admin', [tenant.tenantId]);
    auditor = await createAdmin(t, root, 'auditor', [tenant.tenantId]);
  });

  afterAll(async () => {
    await other?.close();
    await stack?.close();
  });

  it('answers the tenant multi-tab policy with every login: ask by default, then as set', async () => {
    expect((await loginAs(t, 'crm-user-1').expect(201)).body.multiTab).toBe('ask');
    await t.http
      .patch(`/api/admin/tenants/${tenant.tenantId}`)
      .set(bearer(admin.token))
      .send({ settings: { multiTab: 'takeOver' } })
      .expect(200);
    expect((await loginAs(t, 'crm-user-1').expect(201)).body.multiTab).toBe('takeOver');
    const refused = await t.http
      .patch(`/api/admin/tenants/${tenant.tenantId}`)
      .set(bearer(admin.token))
      .send({ settings: { multiTab: 'kick' } })
      .expect(400);
    expect(refused.body.code).toBe('validation_failed');
    const document = (await t.http.get('/api/docs-json').expect(200)).body;
    const answer = document.paths['/api/v1/login'].post.responses['201'].content['application/json'].schema;
    expect(answer.properties.multiTab.enum).toEqual(['refuse', 'ask', 'takeOver']);
  });

  it('signs a seat out: TCCC closes its workstation, every process refuses its logins with the reason, until restored', async () => {
    // an open workstation of agent1 (the emulator's agent script connection)
    const pushed: { event: string }[] = [];
    let closed = false;
    const release = emulator.state.presence.connect({
      sessionId: 'tab-1',
      sdkAppId,
      seat: 'agent1@corp.test',
      push: (message) => pushed.push(message),
      close: () => {
        closed = true;
      },
    });
    // the other process has the seat cached
    await loginAs(other, 'crm-user-1').expect(201);
    const invalidation = other.app.get(CacheInvalidation);
    const before = invalidation.generation;

    const reason = 'Laptop reported lost (ticket 4711)';
    const signedOut = await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/seats/${seat1}/sign-out`)
      .set(bearer(admin.token))
      .send({ reason })
      .expect(200);
    expect(signedOut.body).toMatchObject({ seatId: seat1, signedOut: { reason } });
    expect(emulator.state.presence.isForcedOffline(sdkAppId, 'agent1@corp.test')).toBe(true);
    expect(pushed.map((message) => message.event)).toContain('kickedOut');
    expect(closed).toBe(true);
    release();

    // this process at once; the other once the change's NOTIFY reached it
    const here = await loginAs(t, 'crm-user-1').expect(403);
    expect(here.body).toMatchObject({ code: 'seat_signed_out', details: { reason } });
    const deadline = Date.now() + 5_000;
    while (invalidation.generation === before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const there = await loginAs(other, 'crm-user-1').expect(403);
    expect(there.body).toMatchObject({ code: 'seat_signed_out', details: { reason } });
    // the other seat is untouched
    await loginAs(t, 'crm-user-2').expect(201);

    const denials = (await auditOf('login.denied')).filter((row) => row.details.reason === 'seat_signed_out');
    expect(denials).toHaveLength(2);
    expect(denials[0]!.details.signedOutReason).toBe(reason);
    const [event] = await auditOf('seat.signed_out');
    expect(event).toMatchObject({
      target_id: seat1,
      details: { reason, sdkAppId, seatUserId: 'agent1@corp.test', businessUserId: 'crm-user-1' },
    });

    const restored = await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/seats/${seat1}/restore`)
      .set(bearer(admin.token))
      .send({ reason: 'Laptop found' })
      .expect(200);
    expect(restored.body).toEqual({ seatId: seat1, signedOut: null });
    expect(emulator.state.presence.isForcedOffline(sdkAppId, 'agent1@corp.test')).toBe(false);
    await loginAs(t, 'crm-user-1').expect(201);
    expect(await auditOf('seat.restored')).toEqual([
      expect.objectContaining({
        target_id: seat1,
        details: expect.objectContaining({ reason: 'Laptop found' }),
      }),
    ]);
  });

  it('refuses a sign-out without a reason, by an auditor, or of another tenant’s seat, and changes nothing', async () => {
    const path = `/api/admin/tenants/${tenant.tenantId}/seats/${seat2}/sign-out`;
    expect((await t.http.post(path).set(bearer(admin.token)).send({}).expect(400)).body.code).toBe(
      'validation_failed',
    );
    expect(
      (await t.http.post(path).set(bearer(admin.token)).send({ reason: '   ' }).expect(400)).body.code,
    ).toBe('validation_failed');
    expect(
      (
        await t.http
          .post(path)
          .set(bearer(admin.token))
          .send({ reason: 'x'.repeat(501) })
          .expect(400)
      ).body.code,
    ).toBe('validation_failed');
    await t.http.post(path).set(bearer(auditor.token)).send({ reason: 'no' }).expect(403);
    await t.http.post(path).send({ reason: 'no' }).expect(401);
    await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/seats/${seat2}/restore`)
      .set(bearer(auditor.token))
      .send({ reason: 'no' })
      .expect(403);
    const stranger = await businessTenant(t, root, emulator, { staff: ['agent9@corp.test'] });
    await t.http
      .post(`/api/admin/tenants/${stranger.tenantId}/seats/${seat2}/sign-out`)
      .set(bearer(root))
      .send({ reason: 'wrong tenant' })
      .expect(404);
    await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/seats/not-an-id/sign-out`)
      .set(bearer(admin.token))
      .send({ reason: 'bad id' })
      .expect(404);
    expect(emulator.state.presence.isForcedOffline(sdkAppId, 'agent2@corp.test')).toBe(false);
    await loginAs(t, 'crm-user-2').expect(201);
  });

  it('marks and audits nothing when TCCC refuses the sign-out (seat unknown upstream)', async () => {
    const unknown = await mapSeat(t, root, tenant.tenantId, 'crm-user-9', sdkAppId, 'not-in-tccc@corp.test');
    const refused = await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/seats/${unknown.id}/sign-out`)
      .set(bearer(admin.token))
      .send({ reason: 'gone' })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'seat_missing_upstream', details: { sdkAppId } });
    expect(await auditOf('seat.signed_out')).toHaveLength(1); // the earlier test's only
    const row = await t.sql.query(`SELECT signed_out_at FROM seat_mappings WHERE id = $1`, [unknown.id]);
    expect(row.rows[0].signed_out_at).toBeNull();
    await t.http
      .delete(`/api/admin/tenants/${tenant.tenantId}/seats/${unknown.id}`)
      .set(bearer(root))
      .expect(204);
  });

  it('lists each seat with its TCCC status, clients and last login, filtered; readable by auditors', async () => {
    emulator.state.setStaffStatus(sdkAppId, 'agent2@corp.test', 'free');
    const release = emulator.state.presence.connect({
      sessionId: 'tab-2',
      sdkAppId,
      seat: 'agent2@corp.test',
      push: () => undefined,
      close: () => undefined,
    });
    try {
      const issued = await loginAs(t, 'crm-user-2').expect(201);
      const list = await sessions('', auditor.token);
      expect(list.upstream).toEqual([{ appId: tenant.apps[0]!.id, sdkAppId, ok: true, code: null }]);
      const row2 = list.items.find((item) => item.seatId === seat2)!;
      expect(row2).toMatchObject({
        businessUserId: 'crm-user-2',
        seatUserId: 'agent2@corp.test',
        signedOut: null,
        presence: { status: 'free', clients: ['Web'] },
        lastLogin: { loginId: issued.body.loginId, businessUserId: 'crm-user-2', userAgent: 'crm-test/1.0' },
      });
      expect(row2.presence!.onlineSince).not.toBeNull();
      expect(row2.lastLogin!.ip).toBeTruthy();
      const row1 = list.items.find((item) => item.seatId === seat1)!;
      expect(row1.presence).toMatchObject({ status: 'offline', clients: [] });

      expect((await sessions('?status=free')).items.map((item) => item.seatId)).toEqual([seat2]);
      expect((await sessions('?user=USER-1')).items.map((item) => item.seatId)).toEqual([seat1]);
      expect(
        (await sessions(`?appId=${tenant.apps[0]!.id}&user=agent2`)).items.map((item) => item.seatId),
      ).toEqual([seat2]);
      const bad = await t.http
        .get(`/api/admin/tenants/${tenant.tenantId}/sessions?status=dancing`)
        .set(bearer(admin.token))
        .expect(400);
      expect(bad.body.code).toBe('validation_failed');
    } finally {
      release();
    }
  });

  it('pages the seats on the server: one page at a time, with the total, filters applied first', async () => {
    const all = await sessions('?pageSize=200');
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(2);
    const pages: string[] = [];
    for (let page = 1; page <= all.total; page += 1) {
      const one = await sessions(`?pageSize=1&page=${page}`);
      expect(one).toMatchObject({ total: all.total, page, pageSize: 1 });
      pages.push(...one.items.map((item) => item.seatId));
    }
    expect(pages).toEqual(all.items.map((item) => item.seatId));
    expect((await sessions(`?pageSize=1&page=${all.total + 1}`)).items).toEqual([]);
    const filtered = await sessions('?user=crm-user-2&pageSize=1');
    expect(filtered).toMatchObject({ total: 1, items: [expect.objectContaining({ seatId: seat2 })] });
    for (const bad of ['?pageSize=201', '?page=0', '?pageSize=x'])
      expect(
        (
          await t.http
            .get(`/api/admin/tenants/${tenant.tenantId}/sessions${bad}`)
            .set(bearer(admin.token))
            .expect(400)
        ).body.code,
      ).toBe('validation_failed');
  });

  it('asks TCCC once per app within the cache time, in its own quota: logins keep every slot of theirs', async () => {
    // a tenant of its own: nothing cached for its app yet
    const busy = await businessTenant(t, root, emulator, {
      staff: Array.from({ length: 20 }, (_, i) => `busy${i}@corp.test`),
    });
    const busyApp = busy.apps[0]!.sdkAppId;
    for (let i = 0; i < 20; i += 1)
      await mapSeat(t, root, busy.tenantId, `busy-user-${i}`, busyApp, `busy${i}@corp.test`);
    const account = upstreamQuotaKey(ACCOUNT.secretId, 'CreateSDKLoginToken');
    const points = async (pattern: string) =>
      (
        await t.sql.query<{ n: number }>(
          `SELECT coalesce(sum(points), 0)::int AS n FROM rate_limits WHERE key ~ $1`,
          [pattern],
        )
      ).rows[0]!.n;
    const loginSlots = `^upstream:${account}:[0-9]+$`;
    const viewSlots = `^upstream:${account}:DescribeStaffStatusMetrics:[0-9]+$`;
    emulator.state.clearCounters();
    const [loginBefore, viewBefore] = [await points(loginSlots), await points(viewSlots)];

    // three views at once: one DescribeStaffStatusMetrics call, in that action's own quota
    const view = (app: TestApp) =>
      app.http.get(`/api/admin/tenants/${busy.tenantId}/sessions`).set(bearer(root)).expect(200);
    const views = await Promise.all([view(t), view(t), view(t)]);
    for (const answer of views) expect((answer.body as SessionList).items).toHaveLength(20);
    const metricsCalls = () => emulator.state.countersView({ action: 'DescribeStaffStatusMetrics' }).rows;
    expect(metricsCalls().map((row) => [row.sdkAppId, row.accepted])).toEqual([[busyApp, 1]]);
    // one slot of the view's own quota: a point in its second, and one in the next too when it was
    // granted late in its second (the carry, upstream-quota.ts); none of the logins' quota
    expect([viewBefore + 1, viewBefore + 2]).toContain(await points(viewSlots));
    expect(await points(loginSlots)).toBe(loginBefore);

    // 20 logins (TCCC's CreateSDKLoginToken quota for one second) while the other process's view
    // (no cached answer there) asks TCCC: every login is issued and TCCC refuses nothing
    const logins = Array.from({ length: 20 }, (_, i) =>
      t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(busy, `busy-user-${i}`)))
        .send({}),
    );
    const answers = await Promise.all([...logins, view(other), view(other)]);
    expect(answers.slice(0, 20).map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(metricsCalls().reduce((sum, row) => sum + row.accepted, 0)).toBe(2);
    expect(emulator.state.countersView().rows.every((row) => row.limited === 0)).toBe(true);
  });

  describe('presence history and usage', () => {
    let usageTenant: BusinessTenant;
    let usageApp: { id: string; sdkAppId: number };
    let seatA: string;
    const path = (rest: string) => `/api/admin/tenants/${usageTenant.tenantId}${rest}`;
    const DAY_MS = 86_400_000;
    const midnight = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
    const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

    beforeAll(async () => {
      usageTenant = await businessTenant(t, root, emulator, { staff: ['a@usage.test', 'b@usage.test'] });
      usageApp = usageTenant.apps[0]!;
      seatA = (await mapSeat(t, root, usageTenant.tenantId, 'usage-a', usageApp.sdkAppId, 'a@usage.test')).id;
      await mapSeat(t, root, usageTenant.tenantId, 'usage-b', usageApp.sdkAppId, 'b@usage.test');
    });

    it('keeps each status change seen while polling, once, newest first', async () => {
      emulator.state.setStaffStatus(usageApp.sdkAppId, 'a@usage.test', 'free');
      await t.http.get(path('/sessions')).set(bearer(root)).expect(200);
      emulator.state.setStaffStatus(usageApp.sdkAppId, 'a@usage.test', 'rest', 'lunch');
      // the other process has no cached answer: it asks TCCC and sees the change
      await other.http.get(path('/sessions')).set(bearer(root)).expect(200);
      // nothing changed since: nothing more is shortRetention
      await t.http.get(path('/sessions')).set(bearer(root)).expect(200);
      await other.http.get(path('/sessions')).set(bearer(root)).expect(200);

      const history = await t.http
        .get(path(`/sessions/${seatA}/history`))
        .set(bearer(root))
        .expect(200);
      // an auditor of another tenant: not found
      await t.http
        .get(path(`/sessions/${seatA}/history`))
        .set(bearer(auditor.token))
        .expect(404);
      expect(history.body.items.map((item: { status: string }) => item.status)).toEqual(['rest', 'free']);
      expect(history.body.retentionDays).toBe(30);
      const rows = await t.sql.query(
        `SELECT seat_user_id, status FROM presence_events WHERE tenant_id = $1 ORDER BY id`,
        [usageTenant.tenantId],
      );
      expect(rows.rows).toEqual([
        { seat_user_id: 'a@usage.test', status: 'free' },
        { seat_user_id: 'b@usage.test', status: 'offline' },
        { seat_user_id: 'a@usage.test', status: 'rest' },
      ]);
      const bad = await t.http
        .get(path(`/sessions/${seatA}/history?days=0`))
        .set(bearer(root))
        .expect(400);
      expect(bad.body.code).toBe('validation_failed');
      // a day before Seatgate, down to year 0000 (which PostgreSQL takes for no date), is refused
      for (const to of ['0000-01-01', '1999-12-31']) {
        const early = await t.http
          .get(path(`/usage?to=${to}`))
          .set(bearer(root))
          .expect(400);
        expect(early.body.code).toBe('validation_failed');
      }
    });

    it('counts online hours per seat and day (UTC, the tenant’s zone, or the one asked), logins per day and refusals by reason; exports them as CSV', async () => {
      await t.sql.query(`DELETE FROM presence_events WHERE tenant_id = $1`, [usageTenant.tenantId]);
      // b: free from 22:00 two days ago, busy at 23:30, offline at 01:00 yesterday: 2 h and 1 h
      const events: [string, number][] = [
        ['free', midnight - DAY_MS - 2 * 3_600_000],
        ['busy', midnight - DAY_MS - 1_800_000],
        ['offline', midnight - DAY_MS + 3_600_000],
      ];
      for (const [status, at] of events)
        await t.sql.query(
          `INSERT INTO presence_events (tenant_id, app_id, seat_user_id, status, at) VALUES ($1, $2, 'b@usage.test', $3, $4)`,
          [usageTenant.tenantId, usageApp.id, status, new Date(at)],
        );
      const loginAsUsage = (user: string) =>
        t.http
          .post('/api/v1/login')
          .set(bearer(businessToken(usageTenant, user)))
          .send({});
      await loginAsUsage('usage-a').expect(201);
      await loginAsUsage('usage-b').expect(201);
      await loginAsUsage('nobody').expect(403);

      const usage = await t.http.get(path('/usage?days=3')).set(bearer(auditor.token)).expect(404);
      expect(usage.body.code).toBe('tenant_not_found');
      const view = (await t.http.get(path('/usage?days=3&perDay=true')).set(bearer(root)).expect(200)).body;
      // each seat over the period, without asking for its days
      const brief = (await t.http.get(path('/usage?days=3')).set(bearer(root)).expect(200)).body;
      expect(brief.seats).toBeUndefined();
      expect(brief.seatTotals).toEqual([
        {
          appId: usageApp.id,
          sdkAppId: usageApp.sdkAppId,
          seatUserId: 'b@usage.test',
          businessUserId: 'usage-b',
          onlineHours: 3,
          daysOnline: 2,
        },
      ]);
      expect(view.seatTotals).toEqual(brief.seatTotals);
      expect(view.period).toEqual({
        from: isoDate(midnight - 2 * DAY_MS),
        to: isoDate(midnight),
        timeZone: 'UTC',
      });
      expect(view.days).toEqual([
        { date: isoDate(midnight - 2 * DAY_MS), logins: 0, refusals: {}, onlineHours: 2 },
        { date: isoDate(midnight - DAY_MS), logins: 0, refusals: {}, onlineHours: 1 },
        { date: isoDate(midnight), logins: 2, refusals: { seat_not_mapped: 1 }, onlineHours: 0 },
      ]);
      expect(view.seats).toEqual([
        {
          date: isoDate(midnight - 2 * DAY_MS),
          appId: usageApp.id,
          sdkAppId: usageApp.sdkAppId,
          seatUserId: 'b@usage.test',
          businessUserId: 'usage-b',
          onlineHours: 2,
        },
        {
          date: isoDate(midnight - DAY_MS),
          appId: usageApp.id,
          sdkAppId: usageApp.sdkAppId,
          seatUserId: 'b@usage.test',
          businessUserId: 'usage-b',
          onlineHours: 1,
        },
      ]);

      const csv = await t.http
        .get(path('/usage/export?days=3'))
        .set(bearer(root))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const bytes = csv.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
      expect(lines[0]).toBe('date,metric,sdkAppId,seatUserId,businessUserId,reason,value');
      expect(lines).toContain(`${isoDate(midnight)},logins,,,,,2`);
      expect(lines).toContain(`${isoDate(midnight)},refusals,,,,seat_not_mapped,1`);
      expect(lines).toContain(
        `${isoDate(midnight - 2 * DAY_MS)},online_hours,${usageApp.sdkAppId},b@usage.test,usage-b,,2`,
      );
      await t.http.get(path('/usage?days=91')).set(bearer(root)).expect(400);
      const badDate = await t.http.get(path('/usage?to=2026-02-30')).set(bearer(root)).expect(400);
      expect(badDate.body.code).toBe('validation_failed');
      await t.http.get(path('/usage?timeZone=Mars/Olympus')).set(bearer(root)).expect(400);

      // the tenant's time zone decides the days: 22:00–01:00 UTC is 06:00–09:00 in Shanghai, one day
      await t.http
        .patch(`/api/admin/tenants/${usageTenant.tenantId}`)
        .set(bearer(root))
        .send({ settings: { timeZone: 'Asia/Shanghai' } })
        .expect(200);
      const zoned = (
        await t.http
          .get(path(`/usage?days=3&to=${isoDate(midnight)}&perDay=true`))
          .set(bearer(root))
          .expect(200)
      ).body;
      expect(zoned.period).toEqual({
        from: isoDate(midnight - 2 * DAY_MS),
        to: isoDate(midnight),
        timeZone: 'Asia/Shanghai',
      });
      expect(zoned.days.map((day: { onlineHours: number }) => day.onlineHours)).toEqual([0, 3, 0]);
      expect(zoned.seats).toEqual([
        expect.objectContaining({
          date: isoDate(midnight - DAY_MS),
          seatUserId: 'b@usage.test',
          onlineHours: 3,
        }),
      ]);
      // a zone asked for explicitly wins over the tenant's
      const utc = (
        await t.http
          .get(path(`/usage?days=3&to=${isoDate(midnight)}&timeZone=UTC`))
          .set(bearer(root))
          .expect(200)
      ).body;
      expect(utc.days.map((day: { onlineHours: number }) => day.onlineHours)).toEqual([2, 1, 0]);
    });

    it('deletes history past each tenant’s retention, and only that', async () => {
      // a tenant of its own: the usage test's events (22:00 two days ago) are past two days' retention late in the day
      const shortRetention = await businessTenant(t, root, emulator, { staff: ['old@usage.test'] });
      const insert = (tenantRow: BusinessTenant, seatUserId: string, ageMs: number) =>
        t.sql.query(
          `INSERT INTO presence_events (tenant_id, app_id, seat_user_id, status, at) VALUES ($1, $2, $3, 'free', $4)`,
          [tenantRow.tenantId, tenantRow.apps[0]!.id, seatUserId, new Date(Date.now() - ageMs)],
        );
      await insert(shortRetention, 'old@usage.test', 3 * DAY_MS);
      await insert(shortRetention, 'recent@usage.test', DAY_MS);
      await insert(tenant, 'old@usage.test', 3 * DAY_MS);
      await t.http
        .patch(`/api/admin/tenants/${shortRetention.tenantId}`)
        .set(bearer(root))
        .send({ settings: { presenceRetentionDays: 2 } })
        .expect(200);
      const { SessionsService } = await import('../src/modules/sessions/sessions.service');
      expect(await t.app.get(SessionsService).sweepHistory()).toBe(1);
      const left = await t.sql.query(
        `SELECT tenant_id, seat_user_id FROM presence_events WHERE seat_user_id IN ('old@usage.test', 'recent@usage.test') ORDER BY seat_user_id`,
      );
      expect(left.rows).toEqual([
        { tenant_id: tenant.tenantId, seat_user_id: 'old@usage.test' },
        { tenant_id: shortRetention.tenantId, seat_user_id: 'recent@usage.test' },
      ]);
      await t.http
        .patch(`/api/admin/tenants/${shortRetention.tenantId}`)
        .set(bearer(root))
        .send({ settings: { presenceRetentionDays: 0 } })
        .expect(400);
    });
  });
});
