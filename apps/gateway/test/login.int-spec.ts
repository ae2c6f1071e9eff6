// The main job, in process: business token → POST /api/v1/login → GET loginUrl → 302 to TCCC's
// SdkURL, once; every denial with its status, code and audit event. TCCC is the emulator, reached
// through TCCC_ENDPOINT_OVERRIDE by the official SDK.
import { bearer, type TestApp } from './support/app';
import {
  ACCOUNT,
  businessTenant,
  businessToken,
  emulatedSdkAppId,
  mapSeat,
  startAppWithEmulator,
  type EmulatedTestApp,
  type BusinessTenant,
  type Emulator,
} from './support/business';

describe('business login', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator();
    ({ t, emulator, root } = stack);
  });
  afterAll(() => stack?.close());
  afterEach(() => emulator.state.clearFaults());

  async function lastAudit(tenantId: string, action: string) {
    const rows = await t.sql.query(
      `SELECT * FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1`,
      [tenantId, action],
    );
    return rows.rows[0];
  }

  async function ready(options: Parameters<typeof businessTenant>[3] = {}) {
    const tenant = await businessTenant(t, root, emulator, options);
    await mapSeat(t, root, tenant.tenantId, 'crm-user-1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
    return tenant;
  }

  const post = (tenant: BusinessTenant, user = 'crm-user-1', body: object = {}) =>
    t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, user)))
      .send(body);

  it('issues a one-time login URL that redirects to the SdkURL exactly once', async () => {
    const tenant = await ready();
    const issued = await post(tenant).expect(201);
    expect(issued.body).toEqual({
      loginUrl: expect.stringMatching(/\/api\/v1\/tickets\/[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      loginId: expect.any(String),
      multiTab: 'ask',
    });
    expect(new Date(issued.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(8 * 60_000);
    const path = new URL(issued.body.loginUrl).pathname;
    const first = await t.http.get(path).expect(302);
    expect(first.headers.location).toContain(`${emulator.url}/tccc-agent-sdk/`);
    const second = await t.http.get(path).expect(410);
    expect(second.body.code).toBe('ticket_used');
    // neither the ticket nor TCCC's one-time SdkURL reaches the logs
    const logs = t.logs.join('\n');
    expect(logs).toContain('/api/v1/tickets/[redacted]');
    expect(logs).toContain('"location":"[redacted]"');
    expect(logs).not.toContain(path.split('/').pop());
    expect(logs).not.toContain(new URL(first.headers.location!).search.slice(1));
    // the SdkURL is erased at redemption, the ticket stored only as a hash
    const stored = await t.sql.query(
      `SELECT ticket_hash, sdk_url_enc, redeemed_at FROM login_tickets WHERE id = $1`,
      [issued.body.loginId],
    );
    expect(stored.rows[0].sdk_url_enc).toBeNull();
    expect(stored.rows[0].redeemed_at).not.toBeNull();
    expect(stored.rows[0].ticket_hash).not.toContain(path.split('/').pop());
    expect((await lastAudit(tenant.tenantId, 'login.issued')).details).toMatchObject({
      sdkAppId: tenant.apps[0]!.sdkAppId,
      seatUserId: 'agent1@corp.test',
    });
    expect(await lastAudit(tenant.tenantId, 'login.redeemed')).toBeDefined();
    const replay = await lastAudit(tenant.tenantId, 'login.replay');
    expect(replay).toMatchObject({ outcome: 'denied' });
    expect(replay.ip).toEqual(expect.any(String));
    // TCCC was asked with OnlyOnce
    const calls = emulator.state
      .countersView()
      .rows.filter(
        (row) => row.action === 'CreateSDKLoginToken' && row.sdkAppId === tenant.apps[0]!.sdkAppId,
      );
    expect(calls.reduce((sum, row) => sum + row.accepted, 0)).toBe(1);
  });

  it('answers the guide-compatible /loginTCCC with { SdkURL } on GET and POST', async () => {
    const tenant = await ready();
    for (const method of ['get', 'post'] as const) {
      const response = await t.http[method]('/loginTCCC')
        .set(bearer(businessToken(tenant, 'crm-user-1')))
        .expect(200);
      expect(Object.keys(response.body)).toEqual(['SdkURL']);
      await t.http.get(new URL(response.body.SdkURL).pathname).expect(302);
    }
  });

  it('a late use answers 410 ticket_expired, is audited and erases the SdkURL', async () => {
    const tenant = await ready();
    const issued = await post(tenant).expect(201);
    await t.sql.query(`UPDATE login_tickets SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      issued.body.loginId,
    ]);
    const late = await t.http.get(new URL(issued.body.loginUrl).pathname).expect(410);
    expect(late.body.code).toBe('ticket_expired');
    expect(await lastAudit(tenant.tenantId, 'login.late_use')).toBeDefined();
    const stored = await t.sql.query(`SELECT sdk_url_enc FROM login_tickets WHERE id = $1`, [
      issued.body.loginId,
    ]);
    expect(stored.rows[0].sdk_url_enc).toBeNull();
  });

  it('denies an unmapped user (403 seat_not_mapped) and a disabled mapping, audited', async () => {
    const tenant = await ready();
    const none = await post(tenant, 'nobody').expect(403);
    expect(none.body.code).toBe('seat_not_mapped');
    expect((await lastAudit(tenant.tenantId, 'login.denied')).details).toMatchObject({
      reason: 'seat_not_mapped',
    });
    const seat = await mapSeat(
      t,
      root,
      tenant.tenantId,
      'disabled-user',
      tenant.apps[0]!.sdkAppId,
      'agent2@corp.test',
    );
    await t.http
      .patch(`/api/admin/tenants/${tenant.tenantId}/seats/${seat.id}`)
      .set(bearer(root))
      .send({ status: 'disabled' })
      .expect(200);
    expect((await post(tenant, 'disabled-user').expect(403)).body.code).toBe('seat_not_mapped');
  });

  it('asks to choose when the user has seats in several apps (409 app_ambiguous), and honours the choice', async () => {
    const tenant = await ready({ apps: 2 });
    await mapSeat(t, root, tenant.tenantId, 'crm-user-1', tenant.apps[1]!.sdkAppId, 'agent1@corp.test');
    const ambiguous = await post(tenant).expect(409);
    expect(ambiguous.body.code).toBe('app_ambiguous');
    expect(ambiguous.body.details.sdkAppIds.sort()).toEqual(tenant.apps.map((app) => app.sdkAppId).sort());
    await post(tenant, 'crm-user-1', { sdkAppId: tenant.apps[1]!.sdkAppId }).expect(201);
    // a token limited to one app by its sdkAppId claim
    const claimed = businessToken(tenant, 'crm-user-1', { claims: { sdkAppId: tenant.apps[0]!.sdkAppId } });
    await t.http.post('/api/v1/login').set(bearer(claimed)).send({}).expect(201);
    const mismatch = await t.http
      .post('/api/v1/login')
      .set(bearer(claimed))
      .send({ sdkAppId: tenant.apps[1]!.sdkAppId })
      .expect(403);
    expect(mismatch.body.code).toBe('seat_not_mapped');
  });

  it('denies a suspended tenant and a disabled app', async () => {
    const tenant = await ready();
    await t.http
      .patch(`/api/admin/tenants/${tenant.tenantId}/apps/${tenant.apps[0]!.id}`)
      .set(bearer(root))
      .send({ status: 'disabled' })
      .expect(200);
    expect((await post(tenant).expect(403)).body.code).toBe('app_disabled');
    await t.http.post(`/api/admin/tenants/${tenant.tenantId}/suspend`).set(bearer(root)).expect(200);
    expect((await post(tenant).expect(403)).body.code).toBe('tenant_suspended');
    expect((await lastAudit(tenant.tenantId, 'login.denied')).details.reason).toBe('tenant_suspended');
  });

  it('rate-limits per user with Retry-After and RateLimit headers; a denial is audited', async () => {
    const tenant = await ready({
      settings: { rateLimits: { perUserPerMinute: 2, perTenantPerMinute: 100, perIpPerMinute: 100 } },
    });
    await post(tenant).expect(201);
    const ok = await post(tenant).expect(201);
    expect(ok.headers['ratelimit-policy']).toEqual(expect.any(String));
    const limited = await post(tenant).expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit']).toEqual(expect.any(String));
    expect((await lastAudit(tenant.tenantId, 'login.denied')).details).toMatchObject({
      reason: 'rate_limited',
      scope: 'user',
    });
  });

  it('maps upstream errors for people', async () => {
    // a seat that TCCC does not know
    const tenant = await ready();
    await mapSeat(t, root, tenant.tenantId, 'ghost', tenant.apps[0]!.sdkAppId, 'ghost@corp.test');
    expect((await post(tenant, 'ghost').expect(409)).body.code).toBe('seat_missing_upstream');

    // credentials TCCC rejects
    const badCreds = await ready();
    await t.http
      .put(`/api/admin/tenants/${badCreds.tenantId}/apps/${badCreds.apps[0]!.id}/credentials`)
      .set(bearer(root))
      .send({ secretId: 'AKIDunknownunknown0001', secretKey: 'not-the-right-key', skipCheck: true })
      .expect(200);
    const rejected = await post(badCreds).expect(502);
    expect(rejected.body.code).toBe('upstream_credentials_rejected');
    expect(JSON.stringify(rejected.body)).not.toContain('not-the-right-key');

    // an SDKAppID that this account does not own
    const foreign = await ready();
    const notOwned = emulatedSdkAppId();
    await t.http
      .post(`/api/admin/tenants/${foreign.tenantId}/apps`)
      .set(bearer(root))
      .send({ sdkAppId: notOwned, label: 'x', ...ACCOUNT, skipCheck: true })
      .expect(201);
    await mapSeat(t, root, foreign.tenantId, 'lost', notOwned, 'agent1@corp.test');
    expect((await post(foreign, 'lost').expect(502)).body.code).toBe('upstream_app_not_found');

    // TCCC's own rate limit
    emulator.state.setFault({
      action: 'CreateSDKLoginToken',
      sdkAppId: tenant.apps[0]!.sdkAppId,
      errorRate: 1,
      errorCode: 'RequestLimitExceeded',
    });
    const limited = await post(tenant).expect(429);
    expect(limited.body.code).toBe('upstream_rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();

    // InternalError → 503
    emulator.state.setFault({
      action: 'CreateSDKLoginToken',
      sdkAppId: tenant.apps[0]!.sdkAppId,
      errorRate: 1,
      errorCode: 'InternalError',
    });
    expect((await post(tenant).expect(503)).body.code).toBe('upstream_unavailable');
    const denied = await t.sql.query(
      `SELECT details->>'reason' AS reason FROM audit_events WHERE tenant_id = $1 AND action = 'login.denied'`,
      [tenant.tenantId],
    );
    expect(denied.rows.map((row) => row.reason)).toEqual(
      expect.arrayContaining(['seat_missing_upstream', 'upstream_rate_limited', 'upstream_unavailable']),
    );
  });

  it("opens one app's circuit after repeated failures and fails fast without calling TCCC", async () => {
    const broken = await ready();
    const healthy = await ready();
    emulator.state.setFault({
      action: 'CreateSDKLoginToken',
      sdkAppId: broken.apps[0]!.sdkAppId,
      outage: 'refuse',
    });
    for (let i = 0; i < 5; i += 1)
      expect((await post(broken).expect(503)).body.code).toBe('upstream_unavailable');
    const before = emulator.state
      .countersView()
      .rows.filter((row) => row.sdkAppId === broken.apps[0]!.sdkAppId).length;
    const fast = await post(broken).expect(503);
    expect(fast.body.details).toMatchObject({ circuit: 'open' });
    expect(Number(fast.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      emulator.state.countersView().rows.filter((row) => row.sdkAppId === broken.apps[0]!.sdkAppId).length,
    ).toBe(before);
    // another app is unaffected
    await post(healthy).expect(201);
  });

  it('explains what a login would do without calling TCCC', async () => {
    const tenant = await ready();
    const before = emulator.state.countersView().rows.length;
    const ok = await t.http
      .get('/api/v1/login/explain')
      .set(bearer(businessToken(tenant, 'crm-user-1')))
      .expect(200);
    expect(ok.body).toMatchObject({
      wouldIssue: true,
      seat: { sdkAppId: tenant.apps[0]!.sdkAppId, seatUserId: 'agent1@corp.test' },
      reasons: [],
    });
    const no = await t.http
      .get('/api/v1/login/explain')
      .set(bearer(businessToken(tenant, 'nobody')))
      .expect(200);
    expect(no.body.wouldIssue).toBe(false);
    expect(no.body.reasons.map((reason: { code: string }) => reason.code)).toContain('seat_not_mapped');
    expect(emulator.state.countersView().rows.length).toBe(before);
  });

  it("a token of tenant A never yields a login for tenant B's seat, even naming B's SDKAppID", async () => {
    const a = await ready();
    const b = await ready();
    // crm-user-1 exists in both tenants; A's token naming B's app finds no seat of A's there
    const response = await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(a, 'crm-user-1')))
      .send({ sdkAppId: b.apps[0]!.sdkAppId });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('seat_not_mapped');
    const onlyB = await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(a, 'crm-user-b-only')))
      .send({});
    expect(onlyB.status).toBe(403);
    const forged = businessToken({ kid: b.kid, secret: a.secret }, 'crm-user-1');
    expect((await t.http.post('/api/v1/login').set(bearer(forged)).send({})).status).toBe(401);
  });

  it('CORS: only origins the tenant lists get CORS headers; others are refused', async () => {
    const tenant = await ready({ settings: { allowedOrigins: ['https://crm.example.com'] } });
    const preflight = await t.http
      .options('/api/v1/login')
      .set('Origin', 'https://crm.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://crm.example.com');
    const stranger = await t.http
      .options('/api/v1/login')
      .set('Origin', 'https://evil.example.net')
      .expect(204);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await post(tenant).set('Origin', 'https://crm.example.com').expect(201);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://crm.example.com');
    const refused = await post(tenant).set('Origin', 'https://evil.example.net').expect(403);
    expect(refused.body.code).toBe('origin_not_allowed');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reaches the emulator through TCCC_ENDPOINT_OVERRIDE even with http_proxy in the environment', async () => {
    const tenant = await ready();
    const saved = { http_proxy: process.env.http_proxy, HTTP_PROXY: process.env.HTTP_PROXY };
    process.env.http_proxy = 'http://127.0.0.1:9';
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    try {
      await post(tenant).expect(201);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('tests an app connection and lists its TCCC seats as mapped, unmapped or missing upstream', async () => {
    const tenant = await businessTenant(t, root, emulator, { staff: ['a@corp.test', 'b@corp.test'] });
    const appPath = `/api/admin/tenants/${tenant.tenantId}/apps/${tenant.apps[0]!.id}`;
    expect((await t.http.post(`${appPath}/test`).set(bearer(root)).expect(200)).body).toEqual({
      ok: true,
      staffCount: 2,
    });
    await mapSeat(t, root, tenant.tenantId, 'user-a', tenant.apps[0]!.sdkAppId, 'a@corp.test');
    await mapSeat(t, root, tenant.tenantId, 'user-z', tenant.apps[0]!.sdkAppId, 'z@corp.test');
    const staff = await t.http.get(`${appPath}/staff`).set(bearer(root)).expect(200);
    expect(staff.body.staff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mail: 'a@corp.test', state: 'mapped', businessUserId: 'user-a' }),
        expect.objectContaining({ mail: 'b@corp.test', state: 'unmapped', businessUserId: null }),
      ]),
    );
    expect(staff.body.missingUpstream).toEqual([
      expect.objectContaining({ seatUserId: 'z@corp.test', businessUserId: 'user-z' }),
    ]);
    await t.http
      .put(`${appPath}/credentials`)
      .set(bearer(root))
      .send({ secretId: 'AKIDwrongwrongwrong01', secretKey: 'wrong-secret-key', skipCheck: true })
      .expect(200);
    const failed = await t.http.post(`${appPath}/test`).set(bearer(root)).expect(200);
    expect(failed.body).toEqual({
      ok: false,
      code: 'upstream_credentials_rejected',
      message: expect.stringContaining('rejected'),
    });
    expect((await lastAudit(tenant.tenantId, 'app.connection_tested')).outcome).toBe('failure');
  });

  it('when the audit insert fails, no login is issued', async () => {
    const tenant = await ready();
    await t.sql.query(`CREATE OR REPLACE FUNCTION refuse_login_audit() RETURNS trigger AS $$
      BEGIN IF NEW.action = 'login.issued' THEN RAISE EXCEPTION 'audit store unavailable'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await t.sql.query(
      `CREATE TRIGGER refuse_login_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_login_audit()`,
    );
    try {
      const response = await post(tenant);
      expect(response.status).toBe(500);
      expect(response.body.loginUrl).toBeUndefined();
    } finally {
      await t.sql.query(`DROP TRIGGER refuse_login_audit ON audit_events`);
    }
    const tickets = await t.sql.query(`SELECT count(*) FROM login_tickets WHERE tenant_id = $1`, [
      tenant.tenantId,
    ]);
    expect(Number(tickets.rows[0].count)).toBe(0);
  });
});
