// Business-user side of the tests: an emulated TCCC account, a tenant wired to it, signing keys,
// and JWTs minted the way a vendor's backend would.
import { startEmulator } from '@seatgate/ccc-emulator';
import jwt from 'jsonwebtoken';
import { bearer, createTenant, login, PLATFORM_ADMIN, startTestApp, testEnv, type TestApp } from './app';
import { createTestDatabase, type TestDatabase } from './database';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const ACCOUNT = { secretId: 'AKIDseatgatetest0000000001', secretKey: 'seatgate-test-secret-key-0001' };
export const OTHER_ACCOUNT = {
  secretId: 'AKIDseatgatetest0000000002',
  secretKey: 'seatgate-test-secret-key-0002',
};

let nextApp = 0;
export function emulatedSdkAppId(prefix = '140'): number {
  nextApp += 1;
  return Number(
    `${prefix}${String(process.pid % 10000).padStart(4, '0')}${String(nextApp).padStart(3, '0')}`,
  );
}

export function startTestEmulator(): Promise<Emulator> {
  return startEmulator({
    port: 0,
    seed: {
      accounts: [
        { ...ACCOUNT, apps: [] },
        { ...OTHER_ACCOUNT, apps: [] },
      ],
    },
  });
}

export interface BusinessTenant {
  tenantId: string;
  kid: string;
  secret: string;
  apps: { id: string; sdkAppId: number }[];
}

/** A tenant with `apps` TCCC apps on the emulator (each with the given staff) and an HS256 key. */
export async function businessTenant(
  t: TestApp,
  token: string,
  emulator: Emulator,
  options: {
    apps?: number;
    staff?: string[];
    settings?: Record<string, unknown>;
    account?: typeof ACCOUNT;
  } = {},
): Promise<BusinessTenant> {
  const tenant = await createTenant(t, token);
  if (options.settings) {
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(token))
      .send({ settings: options.settings })
      .expect(200);
  }
  const account = options.account ?? ACCOUNT;
  const apps: { id: string; sdkAppId: number }[] = [];
  for (let i = 0; i < (options.apps ?? 1); i += 1) {
    const sdkAppId = emulatedSdkAppId();
    emulator.state.addApp(account.secretId, {
      sdkAppId,
      staff: (options.staff ?? ['agent1@corp.test']).map((mail) => ({ mail })),
    });
    const app = await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(token))
      .send({ sdkAppId, label: `App ${i}`, ...account })
      .expect(201);
    apps.push({ id: app.body.id, sdkAppId });
  }
  const key = await t.http
    .post(`/api/admin/tenants/${tenant.id}/keys`)
    .set(bearer(token))
    .send({ type: 'hs256' })
    .expect(201);
  return { tenantId: tenant.id, kid: key.body.kid, secret: key.body.secret, apps };
}

export async function mapSeat(
  t: TestApp,
  token: string,
  tenantId: string,
  businessUserId: string,
  sdkAppId: number,
  seatUserId: string,
) {
  const response = await t.http
    .post(`/api/admin/tenants/${tenantId}/seats`)
    .set(bearer(token))
    .send({ businessUserId, sdkAppId, seatUserId })
    .expect(201);
  return response.body as { id: string };
}

export function businessToken(
  tenant: Pick<BusinessTenant, 'kid' | 'secret'>,
  sub: string,
  options: { expiresIn?: number; audience?: string; claims?: Record<string, unknown> } = {},
): string {
  return jwt.sign({ ...(options.claims ?? {}) }, tenant.secret, {
    algorithm: 'HS256',
    keyid: tenant.kid,
    subject: sub,
    audience: options.audience ?? 'seatgate',
    expiresIn: options.expiresIn ?? 300,
  });
}

export interface EmulatedTestApp {
  t: TestApp;
  emulator: Emulator;
  /** the bootstrap platform admin's access token */
  root: string;
  close(): Promise<void>;
}

/** The app on a fresh database with every TCCC call going to a fresh emulator (2 s timeout); `env` adds settings. */
export async function startAppWithEmulator(
  options: { env?: Record<string, string>; db?: TestDatabase } = {},
): Promise<EmulatedTestApp> {
  const emulator = await startTestEmulator();
  const db = options.db ?? (await createTestDatabase());
  const t = await startTestApp({
    db,
    env: testEnv(db.url, {
      TCCC_ENDPOINT_OVERRIDE: emulator.url,
      TCCC_TIMEOUT_SECONDS: '2',
      ...(options.env ?? {}),
    }),
  });
  const root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  return {
    t,
    emulator,
    root,
    async close() {
      await t.close();
      await db.drop();
      await emulator.stop();
    },
  };
}
