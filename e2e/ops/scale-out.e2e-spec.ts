// Horizontal scale: two built gateway processes behind a round-robin proxy, one PostgreSQL (and
// Redis when REDIS_URL is set). Nothing that correctness depends on lives in a gateway's memory:
// logins and redemptions work through either, single use and every rate limit hold across both,
// and changes made through one (a revoked key, a master-key rotation) are honoured by the other.
import { generateMasterKey } from '@seatgate/crypto';
import {
  adminCall,
  adminToken,
  createMigratedDatabase,
  sharedEnv,
  startGateway,
  type E2eDatabase,
  type GatewayProcess,
} from '../support/gateway-process';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { ACCOUNT, emulatedTenant, revokeFirstKey } from '../support/stack';

const METRICS_TOKEN = 'scale-out-metrics-token-01';
const OPEN_LIMITS = { perUserPerMinute: 1000, perTenantPerMinute: 100_000, perIpPerMinute: 100_000 };
const K1 = `k1:${generateMasterKey()}`;
const K2 = `k2:${generateMasterKey()}`;

describe('two gateways behind a round-robin proxy', () => {
  let emulator: EmulatorProcess;
  let db: E2eDatabase;
  let gateways: GatewayProcess[];
  let proxy: RoundRobinProxy;
  let root: string;
  let nextSdkAppId = 1400700000 + (process.pid % 1000) * 100;

  // one configuration for every replica (the admin JWT secret included); only the keyring changes
  let baseEnv: Record<string, string>;
  const envWith = (masterKeys: string) => ({ ...baseEnv, SEATGATE_MASTER_KEYS: masterKeys });

  beforeAll(async () => {
    // in a process of its own, so that the test's load cannot stall TCCC's clock (emulator-process.ts)
    emulator = await startEmulatorProcess({ accounts: [{ ...ACCOUNT, apps: [] }] });
    db = await createMigratedDatabase();
    baseEnv = sharedEnv(db.url, {
      TCCC_ENDPOINT_OVERRIDE: emulator.url,
      // two trusted hops: the round-robin proxy, and in front of it the X-Forwarded-For each request
      // carries, standing in for an edge proxy (so requests can come from distinct client addresses)
      SEATGATE_TRUST_PROXY: '2',
      SEATGATE_METRICS_TOKEN: METRICS_TOKEN,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    });
    gateways = [await startGateway(envWith(K1)), await startGateway(envWith(K1))];
    proxy = await startRoundRobinProxy(gateways.map((gateway) => gateway.url));
    root = await adminToken(gateways[0]!);
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all((gateways ?? []).map((gateway) => gateway.stop()));
    await db?.drop();
    await emulator?.stop();
  });

  const tenant = (users: number, rateLimits: Record<string, number> = OPEN_LIMITS) =>
    emulatedTenant(gateways[0]!, root, emulator, { sdkAppId: (nextSdkAppId += 1), users, rateLimits });

  const login = (base: string, token: string, ip = '198.51.100.1') =>
    fetch(`${base}/api/v1/login`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'X-Forwarded-For': ip,
      },
      body: '{}',
    });
  const issue = async (base: string, token: string) => {
    const response = await login(base, token);
    expect(response.status).toBe(201);
    return new URL(((await response.json()) as { loginUrl: string }).loginUrl).pathname;
  };
  const redeem = (base: string, path: string) =>
    fetch(`${base}${path}`, { redirect: 'manual' }).then((response) => response.status);
  const counter = async (gateway: GatewayProcess, name: string, tenantId: string) => {
    const text = await (
      await fetch(`${gateway.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{tenant="${tenantId}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  const statuses = (responses: Promise<Response>[]) =>
    Promise.all(responses).then((list) => list.map((response) => response.status));
  const count = (list: number[], status: number) => list.filter((value) => value === status).length;

  it('serves logins and redemptions through either gateway', async () => {
    const t = await tenant(10);
    const paths = [];
    for (let i = 0; i < 10; i += 1) paths.push(await issue(proxy.url, t.token(i)));
    for (const path of paths) expect(await redeem(proxy.url, path)).toBe(302);
    for (const gateway of gateways) {
      expect(proxy.served.get(gateway.url)).toBeGreaterThan(0);
      expect(await counter(gateway, 'seatgate_logins_issued_total', t.tenantId)).toBe(5);
      expect(await counter(gateway, 'seatgate_logins_redeemed_total', t.tenantId)).toBe(5);
    }
  });

  it('a login URL issued by one gateway redeems once, through any of them', async () => {
    const t = await tenant(1);
    const path = await issue(gateways[0]!.url, t.token(0));
    expect(await redeem(gateways[1]!.url, path)).toBe(302);
    expect(await redeem(gateways[0]!.url, path)).toBe(410);
    expect(await redeem(gateways[1]!.url, path)).toBe(410);
    expect(await redeem(proxy.url, path)).toBe(410);
  });

  it('holds the per-user, per-tenant and per-IP limits across both gateways', async () => {
    const perUser = await tenant(1, { ...OPEN_LIMITS, perUserPerMinute: 7 });
    const user = await statuses(Array.from({ length: 24 }, () => login(proxy.url, perUser.token(0))));
    expect([count(user, 201), count(user, 429)]).toEqual([7, 17]);

    const perTenant = await tenant(24, { ...OPEN_LIMITS, perTenantPerMinute: 9 });
    const byTenant = await statuses(
      Array.from({ length: 24 }, (_, i) => login(proxy.url, perTenant.token(i), `198.51.100.${i + 10}`)),
    );
    expect([count(byTenant, 201), count(byTenant, 429)]).toEqual([9, 15]);

    const perIp = await tenant(24, { ...OPEN_LIMITS, perIpPerMinute: 5 });
    const byIp = await statuses(
      Array.from({ length: 24 }, (_, i) => login(proxy.url, perIp.token(i), '203.0.113.7')),
    );
    expect([count(byIp, 201), count(byIp, 429)]).toEqual([5, 19]);
    // another address is still admitted
    expect((await login(proxy.url, perIp.token(23), '203.0.113.8')).status).toBe(201);
    // and both gateways took part in refusing
    const refusedBy = await Promise.all(
      gateways.map(async (gateway) => {
        const text = await (
          await fetch(`${gateway.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
        ).text();
        return Number(
          text
            .split('\n')
            .find((l) => l.startsWith('seatgate_rate_limit_denials_total{scope="ip"}'))
            ?.split(' ')
            .pop() ?? 0,
        );
      }),
    );
    expect(refusedBy.every((n) => n > 0)).toBe(true);
  });

  it('never lets the pair exceed 20 TCCC calls per second for one Tencent Cloud account', async () => {
    await emulator.admin('DELETE', '/counters');
    const t = await tenant(100);
    const burst = await statuses(Array.from({ length: 100 }, (_, i) => login(proxy.url, t.token(i))));
    const rows = await emulator.counters({ action: 'CreateSDKLoginToken', secretId: ACCOUNT.secretId });
    const perSecond = new Map<number, number>();
    for (const row of rows)
      perSecond.set(row.second, (perSecond.get(row.second) ?? 0) + row.accepted + row.limited);
    expect(perSecond.size).toBeGreaterThan(0);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
    expect(rows.reduce((sum, row) => sum + row.limited, 0)).toBe(0);
    // what was not admitted in time was refused by Seatgate, never by TCCC
    expect(count(burst, 201) + count(burst, 429)).toBe(100);
    expect(count(burst, 201)).toBeGreaterThanOrEqual(20);
  });

  it('a signing key revoked through one gateway is refused by the other at once', async () => {
    const t = await tenant(1);
    expect((await login(gateways[1]!.url, t.token(0))).status).toBe(201);
    await revokeFirstKey(gateways[0]!, root, t.tenantId);
    const refused = await login(gateways[1]!.url, t.token(0));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('key_revoked');
  });

  it('honours a master-key rotation done through one gateway on the other', async () => {
    const t = await tenant(2);
    expect((await login(proxy.url, t.token(0))).status).toBe(201);

    // 1. every gateway learns the new key k2 (newest first), one at a time, the proxy serving throughout
    for (let i = 0; i < gateways.length; i += 1) {
      const replacement = await startGateway(envWith(`${K2},${K1}`));
      proxy.setTargets([...gateways.filter((_, j) => j !== i).map((g) => g.url), replacement.url]);
      expect(await gateways[i]!.stop()).toBe(0);
      gateways[i] = replacement;
      expect((await login(proxy.url, t.token(0))).status).toBe(201);
    }
    proxy.setTargets(gateways.map((gateway) => gateway.url));

    // 2. the rotation, through the first gateway
    const before = await adminCall<{ envelopes: Record<string, Record<string, number>> }>(
      gateways[1]!,
      root,
      'GET',
      '/api/admin/master-keys',
    );
    expect(before.envelopes.appCredentials?.k1).toBeGreaterThan(0);
    const report = await adminCall<{
      primaryKeyId: string;
      appCredentials: { rewrapped: number };
      signingKeys: { rewrapped: number };
      failed: unknown[];
    }>(gateways[0]!, root, 'POST', '/api/admin/master-keys/rotate');
    expect(report.primaryKeyId).toBe('k2');
    expect(report.failed).toEqual([]);
    expect(report.appCredentials.rewrapped).toBeGreaterThan(0);
    expect(report.signingKeys.rewrapped).toBeGreaterThan(0);

    // 3. the other gateway sees it at once: status, logins with the re-wrapped credentials and key
    const after = await adminCall<{
      envelopes: Record<string, Record<string, number>>;
      olderKeysInUse: boolean;
    }>(gateways[1]!, root, 'GET', '/api/admin/master-keys');
    expect(after.olderKeysInUse).toBe(false);
    expect(after.envelopes.appCredentials?.k1 ?? 0).toBe(0);
    expect((await login(gateways[1]!.url, t.token(1))).status).toBe(201);

    // 4. k1 retired: a gateway that no longer has it still serves every tenant
    const k2Only = await startGateway(envWith(K2));
    try {
      const path = await issue(k2Only.url, t.token(0));
      expect(await redeem(gateways[0]!.url, path)).toBe(302);
    } finally {
      expect(await k2Only.stop()).toBe(0);
    }
  });
});
