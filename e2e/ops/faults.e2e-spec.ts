// Surviving faults, with built gateway processes: PostgreSQL restarted under load, the TCCC
// endpoint hanging or refusing connections, and SIGTERM in the middle of a burst.
import { startEmulator } from '@seatgate/ccc-emulator';
import { Client } from 'pg';
import {
  adminToken,
  createMigratedDatabase,
  sharedEnv,
  startGateway,
  type E2eDatabase,
  type GatewayProcess,
} from '../support/gateway-process';
import { startRestartablePostgres, type RestartablePostgres } from '../support/restartable-postgres';
import { ACCOUNT, emulatedTenant, type Emulator } from '../support/stack';

const OPEN_LIMITS = { perUserPerMinute: 1000, perTenantPerMinute: 100_000, perIpPerMinute: 100_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  code?: string;
  body: string;
  loginId?: string;
  ms: number;
  at: number;
}

async function login(gateway: GatewayProcess, token: string): Promise<Answer> {
  const started = Date.now();
  try {
    const response = await fetch(`${gateway.url}/api/v1/login`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(15_000),
    });
    const body = await response.text();
    const parsed = JSON.parse(body) as { code?: string; loginId?: string };
    return {
      status: response.status,
      code: parsed.code,
      loginId: parsed.loginId,
      body,
      ms: Date.now() - started,
      at: started,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return {
      status: 0,
      code: cause?.code ?? (error as Error).name,
      body: '',
      ms: Date.now() - started,
      at: started,
    };
  }
}

let nextSdkAppId = 1400900000 + (process.pid % 1000) * 10;

async function tenantOn(gateway: GatewayProcess, emulator: Emulator, users: number) {
  return emulatedTenant(gateway, await adminToken(gateway), emulator, {
    sdkAppId: (nextSdkAppId += 1),
    users,
    rateLimits: OPEN_LIMITS,
  });
}

describe('PostgreSQL restarted under load', () => {
  let pg: RestartablePostgres;
  let emulator: Emulator;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    pg = await startRestartablePostgres();
    emulator = await startEmulator({ port: 0, seed: { accounts: [{ ...ACCOUNT, apps: [] }] } });
    // no Redis: the rate limits live in PostgreSQL too, the harder case
    gateway = await startGateway(
      sharedEnv(pg.url, { TCCC_ENDPOINT_OVERRIDE: emulator.url, DATABASE_POOL_SIZE: '8' }),
    );
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await emulator?.stop();
    await pg?.close();
  });

  it('answers 503 database_unavailable while it is down, recovers by itself, and never issues a login without its ticket and audit event', async () => {
    const tenant = await tenantOn(gateway, emulator, 20);
    const answers: Answer[] = [];
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i += 1) {
        answers.push(await login(gateway, tenant.token((w + i) % 20)));
        await sleep(20);
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));

    await sleep(1_500);
    const stoppedAt = Date.now();
    await pg.stop();
    await sleep(3_000);
    const duringOutage = answers.filter(
      (answer) => answer.at > Date.now() - 2_500 && answer.at < Date.now() - 200,
    );
    const readyWhileDown = await fetch(`${gateway.url}/health/ready`);
    await pg.start();
    const restartedAt = Date.now();
    let recoveredAt: number | null = null;
    while (Date.now() - restartedAt < 20_000) {
      const recent = answers.filter((answer) => answer.at > restartedAt && answer.status === 201);
      if (recent.length > 0) {
        recoveredAt = Math.min(...recent.map((answer) => answer.at + answer.ms));
        break;
      }
      await sleep(100);
    }
    await sleep(1_500);
    running = false;
    await Promise.all(workers);

    // while it was down: only 503 database_unavailable, answered promptly, no stack traces
    expect(readyWhileDown.status).toBe(503);
    expect(duringOutage.length).toBeGreaterThan(10);
    for (const answer of duringOutage) {
      expect({ status: answer.status, code: answer.code }).toEqual({
        status: 503,
        code: 'database_unavailable',
      });
      expect(answer.ms).toBeLessThan(7_000);
    }
    // nothing else, ever: logins, or the database's refusal
    const unhandled = gateway
      .output()
      .split('\n')
      .filter((line) => line.includes('unhandled error'));
    expect(unhandled).toEqual([]);
    const kinds = new Set(answers.map((answer) => `${answer.status} ${answer.code ?? ''}`.trim()));
    expect([...kinds].sort()).toEqual(['201', '503 database_unavailable']);
    expect(answers.some((answer) => answer.body.includes('    at '))).toBe(false);
    // back by itself within seconds, without a restart of the gateway
    expect(recoveredAt).not.toBeNull();
    expect(recoveredAt! - restartedAt).toBeLessThan(10_000);
    expect(gateway.child.exitCode).toBeNull();
    expect(
      answers.filter((answer) => answer.at > recoveredAt! + 500).every((answer) => answer.status === 201),
    ).toBe(true);

    // every login the clients received has its ticket and its audit event, and vice versa
    const issued = answers.filter((answer) => answer.status === 201).map((answer) => answer.loginId!);
    expect(issued.filter((id) => id).length).toBe(issued.length);
    const sql = new Client({ connectionString: pg.url });
    await sql.connect();
    try {
      const tickets = await sql.query<{ id: string }>('SELECT id FROM login_tickets WHERE tenant_id = $1', [
        tenant.tenantId,
      ]);
      const events = await sql.query<{ target_id: string }>(
        `SELECT target_id FROM audit_events WHERE tenant_id = $1 AND action = 'login.issued'`,
        [tenant.tenantId],
      );
      const ticketIds = new Set(tickets.rows.map((row) => row.id));
      const auditedIds = new Set(events.rows.map((row) => row.target_id));
      for (const id of issued) {
        expect(ticketIds.has(id)).toBe(true);
        expect(auditedIds.has(id)).toBe(true);
      }
      expect([...ticketIds].every((id) => auditedIds.has(id))).toBe(true);
      expect(auditedIds.size).toBe(ticketIds.size);
    } finally {
      await sql.end();
    }
    const verify = await fetch(`${gateway.url}/api/admin/audit/verify?tenantId=${tenant.tenantId}`, {
      headers: { Authorization: `Bearer ${await adminToken(gateway)}` },
    });
    expect(((await verify.json()) as { ok: boolean }).ok).toBe(true);
    console.info(
      `[faults] postgres down ${restartedAt - stoppedAt} ms; first login ${recoveredAt! - restartedAt} ms after it was back; ${issued.length} logins, ${answers.length - issued.length} answered 503`,
    );
  });
});

describe('the TCCC endpoint hanging or refusing connections', () => {
  let emulator: Emulator;
  let db: E2eDatabase;
  let gateway: GatewayProcess;
  const TIMEOUT_S = 1;
  const OPEN_S = 2;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: { accounts: [{ ...ACCOUNT, apps: [] }] } });
    db = await createMigratedDatabase();
    gateway = await startGateway(
      sharedEnv(db.url, {
        TCCC_ENDPOINT_OVERRIDE: emulator.url,
        TCCC_TIMEOUT_SECONDS: String(TIMEOUT_S),
        TCCC_CIRCUIT_FAILURE_THRESHOLD: '3',
        TCCC_CIRCUIT_OPEN_SECONDS: String(OPEN_S),
        SEATGATE_METRICS_TOKEN: 'faults-metrics-token-0001',
      }),
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
    await emulator?.stop();
  });
  afterEach(() => emulator.state.clearFaults());

  // TCCC calls that reached the emulator for this app (admitted or refused by its quota)
  const calls = (sdkAppId: number) =>
    emulator.state
      .countersView({ action: 'CreateSDKLoginToken' })
      .rows.filter((row) => row.sdkAppId === sdkAppId)
      .reduce((sum, row) => sum + row.accepted + row.limited, 0);

  const circuitState = async (sdkAppId: number) => {
    const text = await (
      await fetch(`${gateway.url}/metrics`, {
        headers: { Authorization: 'Bearer faults-metrics-token-0001' },
      })
    ).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`seatgate_upstream_circuit_state{sdk_app_id="${sdkAppId}"}`));
    return line ? Number(line.split(' ').pop()) : null;
  };

  it.each(['hang', 'refuse'] as const)(
    'when it %ss: fast 503 upstream_unavailable within the timeout, the circuit opens, and it recovers with the endpoint',
    async (outage) => {
      const tenant = await tenantOn(gateway, emulator, 1);
      await expect(login(gateway, tenant.token(0))).resolves.toMatchObject({ status: 201 });
      expect(calls(tenant.sdkAppId)).toBe(1);
      emulator.state.setFault({ action: 'CreateSDKLoginToken', sdkAppId: tenant.sdkAppId, outage });

      const failures = [];
      for (let i = 0; i < 3; i += 1) failures.push(await login(gateway, tenant.token(0)));
      for (const failure of failures) {
        expect({ status: failure.status, code: failure.code }).toEqual({
          status: 503,
          code: 'upstream_unavailable',
        });
        expect(failure.ms).toBeLessThan(TIMEOUT_S * 1000 + 1_500);
      }
      expect(await circuitState(tenant.sdkAppId)).toBe(2); // open

      // open: refused at once, without calling TCCC
      const before = calls(tenant.sdkAppId);
      const fast = await login(gateway, tenant.token(0));
      expect({ status: fast.status, code: fast.code }).toEqual({ status: 503, code: 'upstream_unavailable' });
      expect(JSON.parse(fast.body).details).toMatchObject({ circuit: 'open' });
      expect(fast.ms).toBeLessThan(500);
      expect(calls(tenant.sdkAppId)).toBe(before);

      // the endpoint is back: after the pause one trial call closes the circuit again
      emulator.state.clearFaults();
      await sleep(OPEN_S * 1000 + 200);
      await expect(login(gateway, tenant.token(0))).resolves.toMatchObject({ status: 201 });
      expect(await circuitState(tenant.sdkAppId)).toBe(0);
      await expect(login(gateway, tenant.token(0))).resolves.toMatchObject({ status: 201 });
    },
  );
});

describe('SIGTERM during load', () => {
  let emulator: Emulator;
  let db: E2eDatabase;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: { accounts: [{ ...ACCOUNT, apps: [] }] } });
    db = await createMigratedDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await emulator?.stop();
  });

  it('finishes the requests in flight, refuses new ones, closes the pool and exits 0', async () => {
    const env = sharedEnv(db.url, { TCCC_ENDPOINT_OVERRIDE: emulator.url, LOG_LEVEL: 'info' });
    const gateway = await startGateway(env);
    const tenant = await tenantOn(gateway, emulator, 40);
    // each TCCC call takes 1.5 s: a burst is surely in flight when the signal comes
    emulator.state.setFault({ action: 'CreateSDKLoginToken', sdkAppId: tenant.sdkAppId, latencyMs: 1_500 });
    const inFlight = Array.from({ length: 30 }, (_, i) => login(gateway, tenant.token(i)));
    await sleep(700);
    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) =>
      gateway.child.once('exit', (code) => resolve(code)),
    );
    gateway.child.kill('SIGTERM');
    await sleep(150);
    const late = await Promise.all(Array.from({ length: 5 }, (_, i) => login(gateway, tenant.token(30 + i))));

    const answers = await Promise.all(inFlight);
    const code = await exited;
    expect(code).toBe(0);
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(201));
    expect(answers.every((answer) => answer.at + answer.ms > signalledAt)).toBe(true);
    for (const answer of late) {
      // the listener is closed (connection refused), or a kept-alive connection is told to go away
      expect(['0 ECONNREFUSED', '503 shutting_down']).toContain(`${answer.status} ${answer.code}`);
    }
    expect(gateway.output()).toMatch(/SIGTERM: draining \d+ request\(s\) in flight/);
    expect(gateway.output()).toMatch(/"msg":"stopped"/);
    // every issued login is in the database, and the gateway left no connection behind
    const tickets = await db.sql.query('SELECT count(*)::int AS n FROM login_tickets WHERE tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(tickets.rows[0].n).toBe(30);
    const sessions = await db.sql.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    expect(sessions.rows[0].n).toBe(0);
  });
});
