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

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const ACCOUNT = { secretId: 'AKIDe2eaccount00000000001', secretKey: 'e2e-secret-key-000000001' };

export interface StackTenant {
  tenantId: string;
  sdkAppId: number;
  seat: (user: number) => string;
  token: (user: number, options?: { expiresIn?: number }) => string;
}

export interface Stack {
  emulator: Emulator;
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

export async function startStack(
  options: { gateways?: number; env?: Record<string, string> } = {},
): Promise<Stack> {
  const emulator = await startEmulator({ port: 0, seed: { accounts: [{ ...ACCOUNT, apps: [] }] } });
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
    async tenant({
      users = 1,
      rateLimits = { perUserPerMinute: 100, perTenantPerMinute: 10_000, perIpPerMinute: 10_000 },
      allowedOrigins = [],
    }) {
      const slug = `e2e-${Math.random().toString(36).slice(2, 10)}`;
      const created = await adminCall<{ id: string }>(gateway, root, 'POST', '/api/admin/tenants', {
        slug,
        name: slug,
        settings: { rateLimits, allowedOrigins },
      });
      const sdkAppId = (nextAppId += 1);
      const seat = (user: number) => `agent${user}@${slug}.test`;
      const staff = Array.from({ length: users }, (_, i) => ({ mail: seat(i) }));
      emulator.state.addApp(ACCOUNT.secretId, { sdkAppId, staff });
      await adminCall(gateway, root, 'POST', `/api/admin/tenants/${created.id}/apps`, {
        sdkAppId,
        label: 'Main',
        ...ACCOUNT,
      });
      const csv = [
        'businessUserId,sdkAppId,seatUserId,displayName',
        ...staff.map((member, i) => `user-${i},${sdkAppId},${member.mail},`),
      ].join('\n');
      const imported = await fetch(`${gateway.url}/api/admin/tenants/${created.id}/seats/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${root}`, 'Content-Type': 'text/csv' },
        body: csv,
      });
      if (imported.status !== 200)
        throw new Error(`seat import failed: ${imported.status} ${await imported.text()}`);
      const key = await adminCall<{ kid: string; secret: string }>(
        gateway,
        root,
        'POST',
        `/api/admin/tenants/${created.id}/keys`,
        { type: 'hs256' },
      );
      const token = (user: number, tokenOptions: { expiresIn?: number } = {}) =>
        jwt.sign({}, key.secret, {
          algorithm: 'HS256',
          keyid: key.kid,
          subject: `user-${user}`,
          audience: 'seatgate',
          expiresIn: tokenOptions.expiresIn ?? 300,
        });
      return { tenantId: created.id, sdkAppId, seat, token };
    },
    async stop() {
      await Promise.all(gateways.map((process) => process.stop()));
      await db.drop();
      await emulator.stop();
    },
  };
}
