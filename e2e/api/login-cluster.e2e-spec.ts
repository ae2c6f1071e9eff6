// Two built gateway processes on one PostgreSQL (and Redis when REDIS_URL is set): single use,
// rate limits and the upstream quota hold across processes, not per process.
import { adminCall, type GatewayProcess } from '../support/gateway-process';
import type { EmulatorProcess } from '../support/emulator-process';
import { ACCOUNT, startStack, type Stack } from '../support/stack';

describe('two gateway processes', () => {
  let stack: Stack<EmulatorProcess>;

  beforeAll(async () => {
    // TCCC's seconds are counted by an emulator that the test's own load cannot stall
    stack = await startStack({ gateways: 2, emulatorProcess: true });
  });
  afterAll(() => stack?.stop());

  const loginVia = (gateway: GatewayProcess, token: string) =>
    fetch(`${gateway.url}/api/v1/login`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });

  it('200 concurrent redemptions of one ticket over both processes: exactly one 302 and 199 audited 410s', async () => {
    const t = await stack.tenant({ users: 1 });
    const issued = await loginVia(stack.gateways[0]!, t.token(0));
    expect(issued.status).toBe(201);
    const { loginUrl } = (await issued.json()) as { loginUrl: string };
    const path = new URL(loginUrl).pathname;
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${stack.gateways[i % 2]!.url}${path}`, { redirect: 'manual' }).then(
          (response) => response.status,
        ),
      ),
    );
    expect(statuses.filter((status) => status === 302)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(199);
    const audit = await stack.db.sql.query(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action IN ('login.redeemed', 'login.replay') GROUP BY action`,
      [t.tenantId],
    );
    expect(Object.fromEntries(audit.rows.map((row) => [row.action, row.n]))).toEqual({
      'login.redeemed': 1,
      'login.replay': 199,
    });
    const verify = await adminCall<{ ok: boolean }>(
      stack.gateways[1]!,
      stack.root,
      'GET',
      `/api/admin/audit/verify?tenantId=${t.tenantId}`,
    );
    expect(verify.ok).toBe(true);
  });

  it('under one per-user limit, both processes together admit exactly the limit', async () => {
    const t = await stack.tenant({
      users: 1,
      rateLimits: { perUserPerMinute: 7, perTenantPerMinute: 1000, perIpPerMinute: 1000 },
    });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        loginVia(stack.gateways[i % 2]!, t.token(0)).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(7);
    expect(statuses.filter((status) => status === 429)).toHaveLength(23);
  });

  it('a burst of 200 logins for one Tencent Cloud account never exceeds 20 TCCC calls per second', async () => {
    await stack.emulator.admin('DELETE', '/counters');
    const t = await stack.tenant({ users: 200 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        loginVia(stack.gateways[i % 2]!, t.token(i)).then((response) => response.status),
      ),
    );
    const rows = await stack.emulator.counters({ action: 'CreateSDKLoginToken', secretId: ACCOUNT.secretId });
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
