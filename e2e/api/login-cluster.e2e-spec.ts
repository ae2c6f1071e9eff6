// Two built gateway processes on one PostgreSQL (and Redis when REDIS_URL is set): single use,
// rate limits and the upstream quota hold across processes, not per process.
import { startEmulator } from '@seatgate/ccc-emulator';
import jwt from 'jsonwebtoken';
import {
  adminCall,
  adminToken,
  createMigratedDatabase,
  sharedEnv,
  startGateway,
  type E2eDatabase,
  type GatewayProcess,
} from '../support/gateway-process';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const ACCOUNT = { secretId: 'AKIDe2eclusteraccount0001', secretKey: 'e2e-cluster-secret-key-0001' };

describe('two gateway processes', () => {
  let emulator: Emulator;
  let db: E2eDatabase;
  let gateways: GatewayProcess[];
  let root: string;
  let nextAppId = 1400700000;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: { accounts: [{ ...ACCOUNT, apps: [] }] } });
    db = await createMigratedDatabase();
    const env = sharedEnv(db.url, {
      TCCC_ENDPOINT_OVERRIDE: emulator.url,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    });
    gateways = [await startGateway(env), await startGateway(env)];
    root = await adminToken(gateways[0]!);
  });

  afterAll(async () => {
    await Promise.all((gateways ?? []).map((gateway) => gateway.stop()));
    await db?.drop();
    await emulator?.stop();
  });

  /** A tenant with one app on the emulator, `users` mapped seats, and a signing key. */
  async function tenant(users: number, rateLimits: Record<string, number>) {
    const slug = `e2e-${Math.random().toString(36).slice(2, 10)}`;
    const created = await adminCall<{ id: string }>(gateways[0]!, root, 'POST', '/api/admin/tenants', {
      slug,
      name: slug,
      settings: { rateLimits },
    });
    const sdkAppId = (nextAppId += 1);
    const staff = Array.from({ length: users }, (_, i) => ({ mail: `agent${i}@${slug}.test` }));
    emulator.state.addApp(ACCOUNT.secretId, { sdkAppId, staff });
    await adminCall(gateways[0]!, root, 'POST', `/api/admin/tenants/${created.id}/apps`, {
      sdkAppId,
      label: 'Main',
      ...ACCOUNT,
    });
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName',
      ...staff.map((member, i) => `user-${i},${sdkAppId},${member.mail},`),
    ].join('\n');
    const imported = await fetch(`${gateways[0]!.url}/api/admin/tenants/${created.id}/seats/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${root}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(imported.status).toBe(200);
    const key = await adminCall<{ kid: string; secret: string }>(
      gateways[0]!,
      root,
      'POST',
      `/api/admin/tenants/${created.id}/keys`,
      { type: 'hs256' },
    );
    const token = (user: number) =>
      jwt.sign({}, key.secret, {
        algorithm: 'HS256',
        keyid: key.kid,
        subject: `user-${user}`,
        audience: 'seatgate',
        expiresIn: 300,
      });
    return { tenantId: created.id, sdkAppId, token };
  }

  const loginVia = (gateway: GatewayProcess, token: string) =>
    fetch(`${gateway.url}/api/v1/login`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });

  it('200 concurrent redemptions of one ticket over both processes: exactly one 302 and 199 audited 410s', async () => {
    const t = await tenant(1, { perUserPerMinute: 100, perTenantPerMinute: 1000, perIpPerMinute: 1000 });
    const issued = await loginVia(gateways[0]!, t.token(0));
    expect(issued.status).toBe(201);
    const { loginUrl } = (await issued.json()) as { loginUrl: string };
    const path = new URL(loginUrl).pathname;
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${gateways[i % 2]!.url}${path}`, { redirect: 'manual' }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 302)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(199);
    const audit = await db.sql.query(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action IN ('login.redeemed', 'login.replay') GROUP BY action`,
      [t.tenantId],
    );
    expect(Object.fromEntries(audit.rows.map((row) => [row.action, row.n]))).toEqual({
      'login.redeemed': 1,
      'login.replay': 199,
    });
    const verify = await adminCall<{ ok: boolean }>(
      gateways[1]!,
      root,
      'GET',
      `/api/admin/audit/verify?tenantId=${t.tenantId}`,
    );
    expect(verify.ok).toBe(true);
  });

  it('under one per-user limit, both processes together admit exactly the limit', async () => {
    const t = await tenant(1, { perUserPerMinute: 7, perTenantPerMinute: 1000, perIpPerMinute: 1000 });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        loginVia(gateways[i % 2]!, t.token(0)).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(7);
    expect(statuses.filter((status) => status === 429)).toHaveLength(23);
  });

  it('a burst of 200 logins for one Tencent Cloud account never exceeds 20 TCCC calls per second', async () => {
    emulator.state.clearCounters();
    const t = await tenant(200, {
      perUserPerMinute: 100,
      perTenantPerMinute: 10_000,
      perIpPerMinute: 10_000,
    });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        loginVia(gateways[i % 2]!, t.token(i)).then((response) => response.status),
      ),
    );
    const rows = emulator.state
      .countersView({ action: 'CreateSDKLoginToken' })
      .rows.filter((row) => row.secretId === ACCOUNT.secretId);
    const perSecond = new Map<number, number>();
    for (const row of rows)
      perSecond.set(row.second, (perSecond.get(row.second) ?? 0) + row.accepted + row.limited);
    const busiest = Math.max(...perSecond.values());
    process.stdout.write(
      `[e2e] burst: ${statuses.filter((s) => s === 201).length} issued, ${statuses.filter((s) => s === 429).length} told to retry; busiest second ${busiest} calls\n`,
    );
    expect(busiest).toBeLessThanOrEqual(20);
    expect(rows.reduce((sum, row) => sum + row.limited, 0)).toBe(0);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((status) => status === 201 || status === 429)).toBe(true);
  });
});
