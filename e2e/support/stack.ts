// The whole product for end-to-end tests: the TCCC emulator, a fresh database, built gateway
// processes, and tenants wired to the emulator with mapped seats and a signing key.
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
} from './gateway-process';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const ACCOUNT = { secretId: 'AKIDe2eaccount00000000001', secretKey: 'e2e-secret-key-000000001' };

export interface StackTenant {
  tenantId: string;
  sdkAppId: number;
  seat: (user: number) => string;
  token: (user: number, options?: { expiresIn?: number }) => string;
}

export interface Stack<E extends Emulator | EmulatorProcess = Emulator> {
  emulator: E;
  db: E2eDatabase;
  gateways: GatewayProcess[];
  root: string;
  tenant(options: {
    users?: number;
    rateLimits?: Record<string, number>;
    allowedOrigins?: string[];
  }): Promise<StackTenant>;
  stop(): Promise<void>;
}

let nextAppId = 1400800000 + (process.pid % 1000) * 100;

export const OPEN_LIMITS = { perUserPerMinute: 100, perTenantPerMinute: 10_000, perIpPerMinute: 10_000 };

export interface ProvisionedTenant {
  tenantId: string;
  appId: string;
  /** a business token for user-<i>, the business user mapped to staff[i] */
  token: (user: number, options?: { expiresIn?: number }) => string;
}

/**
 * Through the admin API: a tenant, one app on `account`, staff[i] mapped to business user
 * user-<i> (CSV import), and an HS256 signing key. The emulator must already know the app.
 */
/** Maps business users to seats through the CSV import (all or nothing). */
export async function importSeats(
  gateway: GatewayProcess,
  root: string,
  tenantId: string,
  seats: { businessUserId: string; sdkAppId: number; mail: string }[],
): Promise<void> {
  const csv = [
    'businessUserId,sdkAppId,seatUserId,displayName',
    ...seats.map((seat) => `${seat.businessUserId},${seat.sdkAppId},${seat.mail},`),
  ].join('\n');
  const imported = await fetch(`${gateway.url}/api/admin/tenants/${tenantId}/seats/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${root}`, 'Content-Type': 'text/csv' },
    body: csv,
  });
  if (imported.status !== 200)
    throw new Error(`seat import failed: ${imported.status} ${await imported.text()}`);
}

export function createHs256Key(
  gateway: GatewayProcess,
  root: string,
  tenantId: string,
): Promise<{ kid: string; secret: string }> {
  return adminCall(gateway, root, 'POST', `/api/admin/tenants/${tenantId}/keys`, { type: 'hs256' });
}

/** Revokes the tenant's first signing key through `gateway`. */
export async function revokeFirstKey(gateway: GatewayProcess, root: string, tenantId: string): Promise<void> {
  const keys = await adminCall<{ items: { kid: string }[] }>(
    gateway,
    root,
    'GET',
    `/api/admin/tenants/${tenantId}/keys`,
  );
  await adminCall(gateway, root, 'DELETE', `/api/admin/tenants/${tenantId}/keys/${keys.items[0]!.kid}`);
}

export async function provisionTenant(
  gateway: GatewayProcess,
  root: string,
  input: {
    slug: string;
    account: { secretId: string; secretKey: string };
    sdkAppId: number;
    staff: string[];
    settings: Record<string, unknown>;
  },
): Promise<ProvisionedTenant> {
  const created = await adminCall<{ id: string }>(gateway, root, 'POST', '/api/admin/tenants', {
    slug: input.slug,
    name: input.slug,
    settings: input.settings,
  });
  const app = await adminCall<{ id: string }>(
    gateway,
    root,
    'POST',
    `/api/admin/tenants/${created.id}/apps`,
    {
      sdkAppId: input.sdkAppId,
      label: 'Main',
      secretId: input.account.secretId,
      secretKey: input.account.secretKey,
    },
  );
  if (input.staff.length > 0)
    await importSeats(
      gateway,
      root,
      created.id,
      input.staff.map((mail, i) => ({ businessUserId: `user-${i}`, sdkAppId: input.sdkAppId, mail })),
    );
  const key = await createHs256Key(gateway, root, created.id);
  const token = (user: number, options: { expiresIn?: number } = {}) =>
    jwt.sign({}, key.secret, {
      algorithm: 'HS256',
      keyid: key.kid,
      subject: `user-${user}`,
      audience: 'seatgate',
      expiresIn: options.expiresIn ?? 300,
    });
  return { tenantId: created.id, appId: app.id, token };
}

/**
 * A tenant whose one TCCC app (`sdkAppId`, on the emulator's ACCOUNT) has `users` staff, each
 * mapped to business user user-<i>, provisioned through `gateway`'s admin API.
 */
export async function emulatedTenant(
  gateway: GatewayProcess,
  root: string,
  emulator: Emulator | EmulatorProcess,
  options: {
    sdkAppId: number;
    users?: number;
    rateLimits?: Record<string, number>;
    allowedOrigins?: string[];
  },
): Promise<StackTenant & { appId: string }> {
  const { sdkAppId, users = 1, rateLimits = OPEN_LIMITS, allowedOrigins = [] } = options;
  const slug = `e2e-${sdkAppId}-${Math.random().toString(36).slice(2, 8)}`;
  const seat = (user: number) => `agent${user}@${slug}.test`;
  const staff = Array.from({ length: users }, (_, i) => seat(i));
  const app = { sdkAppId, staff: staff.map((mail) => ({ mail })) };
  if ('state' in emulator) emulator.state.addApp(ACCOUNT.secretId, app);
  else await emulator.admin('POST', `/accounts/${ACCOUNT.secretId}/apps`, app);
  const tenant = await provisionTenant(gateway, root, {
    slug,
    account: ACCOUNT,
    sdkAppId,
    staff,
    settings: { rateLimits, allowedOrigins },
  });
  return { tenantId: tenant.tenantId, appId: tenant.appId, sdkAppId, seat, token: tenant.token };
}

interface StackOptions {
  gateways?: number;
  env?: Record<string, string>;
}

/**
 * The emulator runs in the test's process (its state at hand), or with `emulatorProcess` in one of
 * its own, for suites that count calls in TCCC's seconds (emulator-process.ts says why).
 */
export async function startStack(
  options: StackOptions & { emulatorProcess: true },
): Promise<Stack<EmulatorProcess>>;
export async function startStack(options?: StackOptions): Promise<Stack>;
export async function startStack(
  options: StackOptions & { emulatorProcess?: boolean } = {},
): Promise<Stack<Emulator | EmulatorProcess>> {
  const seed = { accounts: [{ ...ACCOUNT, apps: [] }] };
  const emulator = options.emulatorProcess
    ? await startEmulatorProcess(seed)
    : await startEmulator({ port: 0, seed });
  const db = await createMigratedDatabase();
  const env = sharedEnv(db.url, {
    TCCC_ENDPOINT_OVERRIDE: emulator.url,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...(options.env ?? {}),
  });
  const gateways: GatewayProcess[] = [];
  for (let i = 0; i < (options.gateways ?? 1); i += 1) gateways.push(await startGateway(env));
  const root = await adminToken(gateways[0]!);
  const gateway = gateways[0]!;

  return {
    emulator,
    db,
    gateways,
    root,
    tenant: ({ users = 1, rateLimits = OPEN_LIMITS, allowedOrigins = [] }) =>
      emulatedTenant(gateway, root, emulator, {
        sdkAppId: (nextAppId += 1),
        users,
        rateLimits,
        allowedOrigins,
      }),
    async stop() {
      await Promise.all(gateways.map((process) => process.stop()));
      await db.drop();
      await emulator.stop();
    },
  };
}
