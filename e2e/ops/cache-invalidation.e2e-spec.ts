// Per-process login caches across replicas: two built gateways on one PostgreSQL. Each admin change
// that can affect a login is refused by the gateway that made it at once and by the other within
// 1 s (PostgreSQL NOTIFY from the change's transaction, one LISTEN connection per process). When a
// gateway's LISTEN connection is cut, it serves no cached data it might not hear about. Every case
// first warms both gateways' caches with a successful login, so a missed invalidation would show.
import { startEmulator } from '@seatgate/ccc-emulator';
import {
  adminCall,
  adminToken,
  createMigratedDatabase,
  sharedEnv,
  startGateway,
  type E2eDatabase,
  type GatewayProcess,
} from '../support/gateway-process';
import { ACCOUNT, emulatedTenant, revokeFirstKey, type Emulator } from '../support/stack';

const OPEN_LIMITS = { perUserPerMinute: 1000, perTenantPerMinute: 100_000, perIpPerMinute: 100_000 };
const WITHIN_MS = 1_000;
const POLL_MS = 50;

describe('login caches of two gateways', () => {
  let emulator: Emulator;
  let db: E2eDatabase;
  let gateways: GatewayProcess[];
  let root: string;
  let nextSdkAppId = 1400800000 + (process.pid % 1000) * 100;
  const figures: string[] = [];

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
    process.stdout.write(`[cache-invalidation]\n${figures.join('\n')}\n`);
    await Promise.all((gateways ?? []).map((gateway) => gateway.stop()));
    await db?.drop();
    await emulator?.stop();
  });

  const tenant = () =>
    emulatedTenant(gateways[0]!, root, emulator, {
      sdkAppId: (nextSdkAppId += 1),
      users: 1,
      rateLimits: OPEN_LIMITS,
    });
  type Tenant = Awaited<ReturnType<typeof tenant>>;

  const login = async (gateway: GatewayProcess, token: string) => {
    const response = await fetch(`${gateway.url}/api/v1/login`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = (await response.json()) as { code?: string };
    return { status: response.status, code: body.code ?? null };
  };

  /** Both gateways log user-0 in, so both hold its key, tenant, seat, app and credentials. */
  const warm = async (t: Tenant) => {
    for (const gateway of gateways) expect(await login(gateway, t.token(0))).toMatchObject({ status: 201 });
  };

  /** How long until `gateway` refuses with `code`; fails after WITHIN_MS. */
  const refusedWithin = async (gateway: GatewayProcess, token: string, code: string) => {
    const started = performance.now();
    for (;;) {
      const answer = await login(gateway, token);
      const elapsed = performance.now() - started;
      if (answer.code === code) return elapsed;
      if (answer.status !== 201) throw new Error(`refused with ${answer.code}, not ${code}`);
      if (elapsed > WITHIN_MS) throw new Error(`still served after ${Math.round(elapsed)} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  const changeIsRefusedEverywhere = async (
    name: string,
    change: (t: Tenant) => Promise<unknown>,
    code: string,
  ) => {
    const t = await tenant();
    await warm(t);
    await change(t);
    // the gateway that made the change: the very next login
    expect(await login(gateways[0]!, t.token(0))).toMatchObject({ code });
    const other = await refusedWithin(gateways[1]!, t.token(0), code);
    figures.push(`${name}: refused by the other gateway after ${other.toFixed(1)} ms (${code})`);
    expect(other).toBeLessThan(WITHIN_MS);
  };

  it('a revoked signing key', async () => {
    await changeIsRefusedEverywhere(
      'key revoked',
      async (t) => {
        await revokeFirstKey(gateways[0]!, root, t.tenantId);
      },
      'key_revoked',
    );
  });

  it('a suspended tenant', async () => {
    await changeIsRefusedEverywhere(
      'tenant suspended',
      (t) => adminCall(gateways[0]!, root, 'POST', `/api/admin/tenants/${t.tenantId}/suspend`),
      'tenant_suspended',
    );
  });

  it('a disabled seat mapping', async () => {
    await changeIsRefusedEverywhere(
      'seat disabled',
      async (t) => {
        const seats = await adminCall<{ items: { id: string }[] }>(
          gateways[0]!,
          root,
          'GET',
          `/api/admin/tenants/${t.tenantId}/seats`,
        );
        await adminCall(
          gateways[0]!,
          root,
          'PATCH',
          `/api/admin/tenants/${t.tenantId}/seats/${seats.items[0]!.id}`,
          {
            status: 'disabled',
          },
        );
      },
      'seat_not_mapped',
    );
  });

  it('a disabled app', async () => {
    await changeIsRefusedEverywhere(
      'app disabled',
      (t) =>
        adminCall(gateways[0]!, root, 'PATCH', `/api/admin/tenants/${t.tenantId}/apps/${t.appId}`, {
          status: 'disabled',
        }),
      'app_disabled',
    );
  });

  it('rotated credentials', async () => {
    // credentials TCCC does not know: a gateway still using the old ones would be let through
    await changeIsRefusedEverywhere(
      'credentials rotated',
      (t) =>
        adminCall(gateways[0]!, root, 'PUT', `/api/admin/tenants/${t.tenantId}/apps/${t.appId}/credentials`, {
          secretId: 'AKIDrotatedawayfromtheaccount01',
          secretKey: 'rotated-away-secret-key-0000001',
          skipCheck: true,
        }),
      'upstream_credentials_rejected',
    );
  });

  it('serves nothing stale after its LISTEN connection is cut', async () => {
    const t = await tenant();
    await warm(t);
    // revoke the key behind every gateway's back and cut both listeners before that commits: the
    // change's notification reaches no one (a dying backend delivers nothing), so only dropping the
    // caches with the connection keeps the revoked key out
    await db.sql.query('BEGIN');
    await db.sql.query(`UPDATE signing_keys SET revoked_at = now(), secret_enc = NULL WHERE tenant_id = $1`, [
      t.tenantId,
    ]);
    const cut = await db.sql.query<{ pid: number }>(
      `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity
       WHERE datname = current_database() AND query = 'LISTEN seatgate_cache'`,
    );
    await db.sql.query('COMMIT');
    expect(cut.rowCount).toBe(2);
    for (const gateway of gateways)
      expect(await login(gateway, t.token(0))).toMatchObject({ status: 401, code: 'key_revoked' });

    // and once the listeners are back, changes are heard again
    const deadline = Date.now() + 10_000;
    for (;;) {
      const listening = await db.sql.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN seatgate_cache'`,
      );
      if (listening.rowCount === 2) break;
      if (Date.now() > deadline) throw new Error('the LISTEN connections did not come back');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await changeIsRefusedEverywhere(
      'tenant suspended after the LISTEN connections came back',
      (other) => adminCall(gateways[0]!, root, 'POST', `/api/admin/tenants/${other.tenantId}/suspend`),
      'tenant_suspended',
    );
  });
});
