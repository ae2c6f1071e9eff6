// /metrics on the main port: hidden without a token, 401 with a wrong one, and counters that move
// with what happened: HTTP answers by route pattern, logins issued/redeemed/denied by tenant and
// reason, rate-limit denials, TCCC calls by action and error code, and each app's circuit state.
import { bearer, type TestApp } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

const TOKEN = 'metrics-token-for-tests-0001';

/** The value of one sample, e.g. sample(text, 'seatgate_logins_issued_total', {tenant: id}). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const lines = text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
  const match = lines.find((line) =>
    Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)),
  );
  return match ? Number(match.slice(match.lastIndexOf(' ') + 1)) : 0;
}

describe('metrics', () => {
  let stack: EmulatedTestApp;
  let t: TestApp;
  let emulator: Emulator;
  let root: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator({
      env: { SEATGATE_METRICS_TOKEN: TOKEN, TCCC_CIRCUIT_FAILURE_THRESHOLD: '2' },
    });
    ({ t, emulator, root } = stack);
  });
  afterAll(() => stack?.close());

  const scrape = async () => {
    const response = await t.http.get('/metrics').set(bearer(TOKEN)).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return response.text;
  };

  it('answers only with the token', async () => {
    const missing = await t.http.get('/metrics').expect(401);
    expect(missing.body.code).toBe('metrics_token_invalid');
    await t.http
      .get('/metrics')
      .set(bearer(`${TOKEN}x`))
      .expect(401);
    const text = await scrape();
    expect(text).toContain('# TYPE seatgate_http_requests_total counter');
    expect(text).toContain('seatgate_process_');
    expect(text).not.toContain(TOKEN);
  });

  it('counts logins issued, redeemed and denied by tenant and reason, and HTTP answers by route', async () => {
    const tenant = await businessTenant(t, root, emulator, {
      settings: { rateLimits: { perUserPerMinute: 2, perTenantPerMinute: 100, perIpPerMinute: 100 } },
    });
    await mapSeat(t, root, tenant.tenantId, 'u1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
    const before = await scrape();
    const login = (user: string) =>
      t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(tenant, user)))
        .send({});

    const issued = await login('u1').expect(201);
    const path = new URL(issued.body.loginUrl).pathname;
    await t.http.get(path).expect(302);
    await t.http.get(path).expect(410);
    await login('nobody').expect(403); // seat_not_mapped
    await login('u1').expect(201);
    await login('u1').expect(429); // the third within the per-user limit of 2
    await t.http.post('/api/v1/login').set(bearer('not-a-jwt')).send({}).expect(401);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    const tenantLabel = { tenant: tenant.tenantId };
    expect(delta('seatgate_logins_issued_total', tenantLabel)).toBe(2);
    expect(delta('seatgate_logins_redeemed_total', tenantLabel)).toBe(1);
    expect(delta('seatgate_logins_denied_total', { ...tenantLabel, reason: 'ticket_used' })).toBe(1);
    expect(delta('seatgate_logins_denied_total', { ...tenantLabel, reason: 'seat_not_mapped' })).toBe(1);
    expect(delta('seatgate_logins_denied_total', { ...tenantLabel, reason: 'rate_limited' })).toBe(1);
    expect(delta('seatgate_logins_denied_total', { tenant: 'unknown', reason: 'token_malformed' })).toBe(1);
    expect(delta('seatgate_rate_limit_denials_total', { scope: 'user' })).toBe(1);
    expect(
      delta('seatgate_http_requests_total', {
        method: 'GET',
        route: '/api/v1/tickets/:ticket',
        status: '410',
      }),
    ).toBe(1);
    expect(
      delta('seatgate_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/login',
        status: '201',
      }),
    ).toBe(2);
    expect(
      delta('seatgate_upstream_request_duration_seconds_count', {
        action: 'CreateSDKLoginToken',
        outcome: 'ok',
      }),
    ).toBe(2);
    // the raw ticket never becomes a label
    expect(after).not.toContain(path.split('/').pop()!);
  });

  it('counts TCCC errors by code and shows the circuit opening for the failing app', async () => {
    const tenant = await businessTenant(t, root, emulator);
    const sdkAppId = tenant.apps[0]!.sdkAppId;
    await mapSeat(t, root, tenant.tenantId, 'u1', sdkAppId, 'agent1@corp.test');
    const before = await scrape();
    expect(sample(before, 'seatgate_upstream_circuit_state', { sdk_app_id: String(sdkAppId) })).toBe(0);

    emulator.state.setFault({
      action: 'CreateSDKLoginToken',
      sdkAppId,
      errorRate: 1,
      errorCode: 'InternalError',
    });
    try {
      const login = () =>
        t.http
          .post('/api/v1/login')
          .set(bearer(businessToken(tenant, 'u1')))
          .send({});
      await login().expect(503);
      await login().expect(503);
      const open = await login().expect(503); // the circuit is open now: no TCCC call
      expect(open.body.details).toMatchObject({ circuit: 'open' });
    } finally {
      emulator.state.clearFaults();
    }
    const after = await scrape();
    expect(
      sample(after, 'seatgate_upstream_errors_total', {
        action: 'CreateSDKLoginToken',
        code: 'InternalError',
      }) -
        sample(before, 'seatgate_upstream_errors_total', {
          action: 'CreateSDKLoginToken',
          code: 'InternalError',
        }),
    ).toBe(2);
    expect(sample(after, 'seatgate_upstream_circuit_state', { sdk_app_id: String(sdkAppId) })).toBe(2);
  });
});

describe('metrics without a token', () => {
  let stack: EmulatedTestApp;
  beforeAll(async () => {
    stack = await startAppWithEmulator();
  });
  afterAll(() => stack?.close());

  it('are not served on the main port at all', async () => {
    const response = await stack.t.http.get('/metrics').set(bearer(TOKEN)).expect(404);
    expect(response.body.code).toBe('not_found');
  });
});
