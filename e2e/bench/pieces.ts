// Where a login's gateway CPU goes: the gateway runs in this process (production build), the TCCC
// emulator in its own, and each piece of a login is run on its own, 16 at a time, with this
// process's CPU time per call (GC and libuv threads included, as in the bench's CPU columns).
//   npm run build && DATABASE_URL=… [REDIS_URL=…] node -r ./scripts/lib/register-ts.cjs e2e/bench/pieces.ts
// A development tool: it points where to look; the bench's ratios are what count.
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import {
  adminToken,
  createMigratedDatabase,
  freePort,
  sharedEnv,
  type GatewayProcess,
} from '../support/gateway-process';
import { provisionTenant } from '../support/stack';
import { benchAccounts, emulatorSeed } from './bench-fixtures';

const gatewayDist = join(__dirname, '../../apps/gateway/dist');
/* eslint-disable @typescript-eslint/no-require-imports -- the production build, loaded as it runs */
const { createApp } = require(join(gatewayDist, 'app.factory.js'));
const { AppConfig } = require(join(gatewayDist, 'config/app-config.js'));
const { BusinessAuthenticator } = require(join(gatewayDist, 'modules/login/business-authenticator.js'));
const { LoginService } = require(join(gatewayDist, 'modules/login/login.service.js'));
const { TcccService } = require(join(gatewayDist, 'modules/tccc/tccc.service.js'));
const { LoginLimiter } = require(join(gatewayDist, 'modules/limits/login-limiter.js'));
const { AuditService } = require(join(gatewayDist, 'modules/audit/audit.service.js'));
const { Secret, encryptField } = require('@seatgate/crypto');
const { auditContent } = require(join(gatewayDist, 'modules/audit/audit-append.sql.js'));
const { PgPool } = require(join(gatewayDist, 'database/pg-pool.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

const CONCURRENCY = 16;

/** PIECES_PROFILE=<text>: a V8 CPU profile of the pieces whose name contains it, in the cwd. */
const PROFILE = process.env.PIECES_PROFILE;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function cpuPerCall(name: string, calls: number, one: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(200, calls); i += 1) await one(i); // warm-up
  const session = PROFILE && name.includes(PROFILE) ? new Session() : null;
  if (session) {
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
  }
  const before = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < calls) await one(next++);
    }),
  );
  const used = process.cpuUsage(before);
  if (session) {
    const { profile } = await post<{ profile: object }>(session, 'Profiler.stop');
    const file = `pieces-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
  const ms = (used.user + used.system) / 1000 / calls;
  const rate = calls / ((performance.now() - started) / 1000);
  process.stdout.write(`${name.padEnd(48)} ${ms.toFixed(3)} ms CPU/call  (${Math.round(rate)}/s)\n`);
}

async function main(): Promise<void> {
  const [account] = benchAccounts(1, 50, { prefix: 'pieces', firstSdkAppId: 1400950000 });
  const seedPath = join(tmpdir(), `pieces-seed-${process.pid}.json`);
  writeFileSync(seedPath, JSON.stringify(emulatorSeed([account!])));
  const emulatorPort = await freePort();
  const emulator = spawn(process.execPath, [join(__dirname, '../../apps/ccc-emulator/dist/main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: String(emulatorPort), CCC_EMULATOR_SEED: seedPath },
    stdio: 'ignore',
  });
  const db = await createMigratedDatabase();
  const env = sharedEnv(db.url, {
    TCCC_ENDPOINT_OVERRIDE: `http://127.0.0.1:${emulatorPort}`,
    LOG_LEVEL: 'warn',
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  const app = await createApp(AppConfig.fromEnv(env));
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const gateway = { url: `http://127.0.0.1:${port}` } as GatewayProcess;
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const root = await adminToken(gateway);
    const tenant = await provisionTenant(gateway, root, {
      slug: 'pieces',
      account: account!,
      sdkAppId: account!.sdkAppId,
      staff: account!.staff,
      settings: {
        rateLimits: { perUserPerMinute: 100_000, perTenantPerMinute: 1_000_000, perIpPerMinute: 100_000 },
        upstreamQuotaPerSecond: 10_000,
      },
    });
    const raised = await fetch(
      `http://127.0.0.1:${emulatorPort}/__emulator/accounts/${account!.secretId}/quota`,
      { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"perSecond":1000000}' },
    );
    if (!raised.ok) throw new Error(`emulator quota: ${raised.status}`);
    const tokens = account!.staff.map((_, user) => tenant.token(user, { expiresIn: 540 }));
    const authenticator = app.get(BusinessAuthenticator);
    const logins = app.get(LoginService);
    const meta = (i: number) => ({ requestId: `r${i}`, ip: '127.0.0.1', userAgent: 'pieces' });
    const auth = (i: number) => `Bearer ${tokens[i % tokens.length]}`;
    const N = Number(process.env.PIECES_CALLS ?? 4000);

    await cpuPerCall('nothing (a resolved promise)', N, async () => undefined);
    const decoded = jwt.decode(tokens[0]!, { complete: true });
    process.stdout.write(`token: ${tokens[0]!.length} chars, header ${JSON.stringify(decoded?.header)}\n`);
    await cpuPerCall('authenticate (key from cache, verify, claims)', N, (i) =>
      authenticator.authenticate(auth(i), meta(i)),
    );
    await cpuPerCall('issue (service: limits, TCCC call, ticket+audit)', N, async (i) => {
      const ctx = await authenticator.authenticate(auth(i), meta(i));
      return logins.issue(ctx, undefined, 'http://127.0.0.1', undefined);
    });
    const tccc = app.get(TcccService);
    const target = {
      appId: tenant.appId,
      tenantId: tenant.tenantId,
      sdkAppId: account!.sdkAppId,
      region: null,
      secretId: new Secret(account!.secretId),
      secretKey: new Secret(account!.secretKey),
    };
    await cpuPerCall('TCCC CreateSDKLoginToken (SDK, one client)', N, (i) =>
      tccc.createLoginToken(target, account!.staff[i % account!.staff.length]),
    );
    const limiter = app.get(LoginLimiter);
    await cpuPerCall('limits + upstream slot (one store call)', N, (i) =>
      limiter.admit(
        {
          tenantId: tenant.tenantId,
          businessUserId: `user-${i % 50}`,
          ip: '127.0.0.1',
          limits: { perUserPerMinute: 1_000_000, perTenantPerMinute: 1_000_000, perIpPerMinute: 1_000_000 },
        },
        { accountKey: `pieces-${i % 64}`, maxWaitMs: 2_000, perSecond: 10_000 },
      ),
    );
    const audit = app.get(AuditService);
    await cpuPerCall('audit.record (one-statement append)', N, (i) =>
      audit.record({
        tenantId: tenant.tenantId,
        actor: { type: 'business_user', id: `user-${i}`, display: `user-${i}` },
        action: 'login.denied',
        outcome: 'denied',
        meta: meta(i),
        details: { reason: 'seat_not_mapped', kid: 'k' },
      }),
    );
    const config = app.get(AppConfig);
    await cpuPerCall('encryptField (an SdkURL)', N, async (i) =>
      encryptField(config.keyring, `https://x.test/sdk?token=${'t'.repeat(40)}${i}`, {
        tenantId: tenant.tenantId,
        recordId: `r${i}`,
        field: 'sdkUrl',
      }),
    );
    const input = (i: number) => ({
      tenantId: tenant.tenantId,
      actor: { type: 'business_user', id: `user-${i}`, display: `user-${i}` },
      action: 'login.issued',
      target: { type: 'login', id: `l${i}` },
      meta: meta(i),
      details: { sdkAppId: 1, seatUserId: 'a@b.c', expiresAt: new Date().toISOString(), kid: 'k' },
    });
    await cpuPerCall('auditContent (scrub, canonical JSON)', N, async (i) => auditContent(input(i)));
    const pool = app.get(PgPool);
    await cpuPerCall('pg: SELECT $1 (prepared, shared pool)', N, (i) =>
      pool.query({ name: 'pieces_select', text: 'SELECT $1::int AS x', values: [i] }),
    );
    await cpuPerCall('HTTP POST /api/v1/login (fetch from this process)', N, async (i) => {
      const response = await fetch(`${gateway.url}/api/v1/login`, {
        method: 'POST',
        headers: { Authorization: auth(i), 'Content-Type': 'application/json' },
        body: '{}',
      });
      if (response.status !== 201) throw new Error(`login: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    });
    await cpuPerCall('HTTP GET /health/live (fetch from this process)', N, async () => {
      const response = await fetch(`${gateway.url}/health/live`);
      await response.arrayBuffer();
    });
  } finally {
    await app.close();
    emulator.kill();
    rmSync(seedPath, { force: true });
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
