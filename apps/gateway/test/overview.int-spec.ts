// The tenant overview on a real database and the TCCC emulator: logins issued, redeemed and denied
// through the real login API are counted per UTC day from the audit trail; seats are counted per
// app and, when asked, compared with what TCCC lists; readable by whoever may read the tenant.
import type { OverviewView } from '@seatgate/contracts';
import { bearer, createAdmin, createTcccApp, createTenant, type TestApp } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type EmulatedTestApp,
  type BusinessTenant,
  type Emulator,
} from './support/business';

const utcDate = (msAgo = 0) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

describe('tenant overview', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;
  let tenant: BusinessTenant;
  /** an app whose credentials TCCC (the emulator) does not know */
  let brokenAppId: string;

  const loginAs = (user: string) =>
    t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, user)))
      .send({});

  const overview = async (query: string, token = root): Promise<OverviewView> => {
    const response = await t.http
      .get(`/api/admin/tenants/${tenant.tenantId}/overview${query}`)
      .set(bearer(token))
      .expect(200);
    return response.body as OverviewView;
  };

  beforeAll(async () => {
    stack = await startAppWithEmulator();
    ({ t, emulator, root } = stack);

    // one app TCCC knows (3 seats), two users may log in twice a minute each
    tenant = await businessTenant(t, root, emulator, {
      staff: ['agent1@corp.test', 'agent2@corp.test', 'agent3@corp.test'],
      settings: { rateLimits: { perUserPerMinute: 2 } },
    });
    const sdkAppId = tenant.apps[0]!.sdkAppId;
    await mapSeat(t, root, tenant.tenantId, 'crm-user-1', sdkAppId, 'agent1@corp.test');
    await mapSeat(t, root, tenant.tenantId, 'crm-user-2', sdkAppId, 'agent2@corp.test');
    const gone = await mapSeat(t, root, tenant.tenantId, 'crm-user-3', sdkAppId, 'gone@corp.test');
    await t.http
      .patch(`/api/admin/tenants/${tenant.tenantId}/seats/${gone.id}`)
      .set(bearer(root))
      .send({ status: 'disabled' })
      .expect(200);
    brokenAppId = (await createTcccApp(t, root, tenant.tenantId, { label: 'Unknown upstream' })).id;

    // 3 issued (one of them redeemed, then replayed), 1 rate-limited, 1 unmapped user, 1 disabled seat
    const first = await loginAs('crm-user-1').expect(201);
    await loginAs('crm-user-1').expect(201);
    expect((await loginAs('crm-user-1').expect(429)).body.code).toBe('rate_limited');
    const other = await loginAs('crm-user-2').expect(201);
    expect((await loginAs('nobody').expect(403)).body.code).toBe('seat_not_mapped');
    expect((await loginAs('crm-user-3').expect(403)).body.code).toBe('seat_not_mapped');
    const path = new URL(first.body.loginUrl as string).pathname;
    await t.http.get(path).expect(302);
    await t.http.get(path).expect(410);

    // crm-user-2's login happened three days ago (UTC): the chain no longer verifies, which this
    // file does not look at; the overview only reads occurred_at
    await t.sql.query(
      `UPDATE audit_events SET occurred_at = occurred_at - interval '3 days'
       WHERE tenant_id = $1 AND action = 'login.issued' AND target_id = $2`,
      [tenant.tenantId, other.body.loginId],
    );
  });

  afterAll(() => stack?.close());

  it('counts logins per UTC day, with totals and denial reasons', async () => {
    const body = await overview('');
    expect(body.period).toEqual({ days: 14, from: utcDate(13 * DAY_MS), to: utcDate(), timeZone: 'UTC' });
    expect(body.daily).toHaveLength(14);
    expect(body.daily.map((day) => day.date)).toEqual(
      Array.from({ length: 14 }, (_, i) => utcDate((13 - i) * DAY_MS)),
    );
    const today = body.daily[13]!;
    expect(today).toEqual({
      date: utcDate(),
      issued: 2,
      redeemed: 1,
      denied: 3,
      rateLimited: 1,
      replayed: 1,
      lateUse: 0,
    });
    expect(body.daily[10]).toMatchObject({ date: utcDate(3 * DAY_MS), issued: 1, denied: 0 });
    const quiet = body.daily.filter((_, i) => i !== 13 && i !== 10);
    expect(quiet.every((day) => day.issued + day.redeemed + day.denied + day.replayed === 0)).toBe(true);
    expect(body.totals).toEqual({
      issued: 3,
      redeemed: 1,
      denied: 3,
      rateLimited: 1,
      replayed: 1,
      lateUse: 0,
    });
    expect(body.denialReasons).toEqual([
      { reason: 'seat_not_mapped', count: 2 },
      { reason: 'rate_limited', count: 1 },
    ]);
  });

  it("a tenant's setup checklist: what is done, from the tenant's own records", async () => {
    const steps = (body: OverviewView) => Object.fromEntries(body.setup.steps.map((s) => [s.step, s.done]));
    // a new tenant: nothing done, in the order it is done
    const fresh = await createTenant(t, root);
    const empty = (await t.http.get(`/api/admin/tenants/${fresh.id}/overview`).set(bearer(root)).expect(200))
      .body as OverviewView;
    expect(empty.setup.steps.map((s) => s.step)).toEqual([
      'app_tested',
      'seats_mapped',
      'signing_key',
      'allowed_origins',
      'first_login',
    ]);
    expect(empty.setup).toMatchObject({ complete: false });
    expect(Object.values(steps(empty))).toEqual([false, false, false, false, false]);
    // an app saved without checking its credentials is not a tested app
    await createTcccApp(t, root, fresh.id);
    const skipped = (
      await t.http.get(`/api/admin/tenants/${fresh.id}/overview`).set(bearer(root)).expect(200)
    ).body as OverviewView;
    expect(steps(skipped).app_tested).toBe(false);

    // the business tenant: an app TCCC accepted, seats, a key and a redeemed login (14 days ago
    // or more would count too: "first login" is ever, not in the period); no origins yet
    const before = await overview('?days=1');
    expect(steps(before)).toEqual({
      app_tested: true,
      seats_mapped: true,
      signing_key: true,
      allowed_origins: false,
      first_login: true,
    });
    await t.http
      .patch(`/api/admin/tenants/${tenant.tenantId}`)
      .set(bearer(root))
      .send({ settings: { rateLimits: { perUserPerMinute: 2 }, allowedOrigins: ['https://crm.corp.test'] } })
      .expect(200);
    const after = await overview('');
    expect(after.setup.complete).toBe(true);
    expect(after.setup.steps.every((s) => s.done)).toBe(true);
  });

  it('counts per day of the zone asked for, and refuses what is not an IANA zone', async () => {
    const tz = 'Pacific/Kiritimati'; // UTC+14: its today is never UTC's yesterday
    const body = await overview(`?days=3&timeZone=${encodeURIComponent(tz)}`);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
    expect(body.period).toMatchObject({ days: 3, to: today, timeZone: tz });
    expect(body.daily.map((day) => day.date)).toHaveLength(3);
    // the logins of a moment ago are today's there too; the one of three days ago is outside
    expect(body.daily[2]).toMatchObject({ date: today, issued: 2, redeemed: 1, denied: 3 });
    expect(body.totals).toMatchObject({ issued: 2, redeemed: 1, denied: 3 });
    for (const bad of ['+08:00', 'Mars/Olympus', "UTC'; SELECT 1; --"]) {
      const refused = await t.http
        .get(`/api/admin/tenants/${tenant.tenantId}/overview?timeZone=${encodeURIComponent(bad)}`)
        .set(bearer(root));
      expect(refused.status).toBe(400);
      expect(refused.body.details.issues[0]).toMatchObject({ path: 'timeZone', code: 'time_zone' });
    }
  });

  it('counts only the days asked for', async () => {
    const body = await overview('?days=2');
    expect(body.period).toMatchObject({ days: 2, from: utcDate(DAY_MS), to: utcDate() });
    expect(body.daily.map((day) => day.date)).toEqual([utcDate(DAY_MS), utcDate()]);
    expect(body.totals).toMatchObject({ issued: 2, redeemed: 1, denied: 3, rateLimited: 1 });
  });

  it('counts mapped seats per app, without asking TCCC unless told to', async () => {
    const before = emulator.state.countersView().rows.filter((row) => row.action === 'DescribeStaffInfoList');
    const body = await overview('');
    const after = emulator.state.countersView().rows.filter((row) => row.action === 'DescribeStaffInfoList');
    expect(after).toEqual(before);
    expect(body.seats).toEqual({
      mapped: { enabled: 2, disabled: 1 },
      upstreamCheckedAt: null,
      apps: [
        {
          appId: tenant.apps[0]!.id,
          sdkAppId: tenant.apps[0]!.sdkAppId,
          label: 'App 0',
          status: 'enabled',
          mapped: { enabled: 2, disabled: 1 },
          upstream: null,
        },
        expect.objectContaining({
          appId: brokenAppId,
          mapped: { enabled: 0, disabled: 0 },
          upstream: null,
        }),
      ],
    });
  });

  it("with upstream=true compares with TCCC's seats; one app failing upstream fails only its entry", async () => {
    const body = await overview('?upstream=true');
    expect(body.seats.upstreamCheckedAt).toEqual(expect.any(String));
    const [known, broken] = body.seats.apps;
    // agent3 is free to map; gone@corp.test is mapped (disabled) but TCCC does not list it
    expect(known!.upstream).toEqual({ ok: true, staff: 3, unmapped: 1, missingUpstream: 1 });
    expect(broken!.appId).toBe(brokenAppId);
    expect(broken!.upstream).toEqual({
      ok: false,
      code: expect.stringMatching(/^upstream_/),
      message: expect.any(String),
    });
    // the login counts are there all the same
    expect(body.totals.issued).toBe(3);
  });

  it('is readable by whoever may read the tenant; another tenant is not found', async () => {
    const own = await createAdmin(t, root, 'tenant_admin', [tenant.tenantId]);
    const auditor = await createAdmin(t, root, 'auditor', [tenant.tenantId]);
    const stranger = await createAdmin(t, root, 'tenant_admin', [
      (await businessTenant(t, root, emulator)).tenantId,
    ]);
    expect((await overview('', own.token)).totals.issued).toBe(3);
    expect((await overview('', auditor.token)).totals.issued).toBe(3);
    const hidden = await t.http
      .get(`/api/admin/tenants/${tenant.tenantId}/overview`)
      .set(bearer(stranger.token))
      .expect(404);
    expect(hidden.body).toMatchObject({ code: 'tenant_not_found' });
    expect(JSON.stringify(hidden.body)).not.toContain('issued');
    await t.http
      .get(`/api/admin/tenants/00000000-0000-4000-8000-000000000000/overview`)
      .set(bearer(root))
      .expect(404);
    await t.http.get(`/api/admin/tenants/${tenant.tenantId}/overview`).expect(401);
  });

  it.each(['days=0', 'days=91', 'days=1.5', 'days=many', 'upstream=yes'])(
    'refuses %s with 400',
    async (query) => {
      const response = await t.http
        .get(`/api/admin/tenants/${tenant.tenantId}/overview?${query}`)
        .set(bearer(root))
        .expect(400);
      expect(response.body.code).toBe('validation_failed');
    },
  );
});
