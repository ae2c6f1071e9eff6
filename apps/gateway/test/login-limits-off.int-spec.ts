// SEATGATE_LOGIN_LIMITS=off switches the per-user, tenant and IP login limits off, while every login
// still takes a slot of its account's upstream quota, in the same one-call admission.
import { bearer } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type EmulatedTestApp,
} from './support/business';

describe('login limits switched off', () => {
  let stack: EmulatedTestApp;

  beforeAll(async () => {
    stack = await startAppWithEmulator({ env: { SEATGATE_LOGIN_LIMITS: 'off' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('admits past the user limit, without RateLimit headers, and still counts the upstream quota', async () => {
    const { t } = stack;
    const tenant = await businessTenant(t, stack.root, stack.emulator, {
      settings: { rateLimits: { perUserPerMinute: 1, perTenantPerMinute: 1, perIpPerMinute: 1 } },
    });
    await mapSeat(t, stack.root, tenant.tenantId, 'u1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
    for (let i = 0; i < 3; i += 1) {
      const response = await t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(tenant, 'u1')))
        .send({})
        .expect(201);
      expect(response.headers['ratelimit']).toBeUndefined();
    }
    const counters = await t.sql.query<{ kind: string; points: number }>(
      `SELECT split_part(key, ':', 1) AS kind, sum(points)::int AS points FROM rate_limits
       WHERE key LIKE 'login:%' OR key LIKE 'upstream:%' GROUP BY 1`,
    );
    // no login counter at all; every login took an upstream slot (a grant that came back after its
    // second had closed is given up and taken again, so a loaded machine may count one more)
    expect(counters.rows.map((row) => row.kind)).toEqual(['upstream']);
    expect(counters.rows[0]!.points).toBeGreaterThanOrEqual(3);
  });
});
