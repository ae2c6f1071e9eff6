// One setup helper for integration tests: a fresh database, the real Nest app on it, captured log
// lines, and a few factories that go through the HTTP API like any client would.
import type { INestApplication } from '@nestjs/common';
import { generateMasterKey } from '@seatgate/crypto';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, type TestDatabase } from './database';

export const PLATFORM_ADMIN = { email: 'root@seatgate.test', password: 'root-password-123' };

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  db: TestDatabase;
  sql: Client;
  config: AppConfig;
  env: Record<string, string>;
  logs: string[];
  close(): Promise<void>;
}

export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SEATGATE_MASTER_KEYS: `k1:${generateMasterKey()}`,
    SEATGATE_ADMIN_JWT_SECRET: randomBytes(32).toString('hex'),
    SEATGATE_BOOTSTRAP_ADMIN_EMAIL: PLATFORM_ADMIN.email,
    SEATGATE_BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
    LOG_LEVEL: 'info',
    DATABASE_POOL_SIZE: '5',
    // login URLs from HOST and PORT: tests have no public address (production requires SEATGATE_PUBLIC_URL)
    SEATGATE_ENV: 'development',
    // the presence poller would add DescribeStaffStatusMetrics calls to suites that count them:
    // the suites about it turn it on
    SEATGATE_PRESENCE_POLL_SECONDS: '0',
    ...overrides,
  };
}

/**
 * Starts the app on a fresh database. Pass `db`/`env` to start a second app on the same data, or
 * `overrides` for settings on top of the test environment.
 */
export async function startTestApp(
  options: { db?: TestDatabase; env?: Record<string, string>; overrides?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const env = options.env ?? testEnv(db.url, options.overrides);
  const config = AppConfig.fromEnv(env);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const app = await createApp(config, { logStream });
  await app.init();
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    sql,
    config,
    env,
    logs,
    async close() {
      await sql.end();
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const response = await t.http.post('/api/auth/login').send({ email, password }).expect(200);
  return response.body.accessToken as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let counter = 0;
export const unique = (prefix: string) =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

export async function createTenant(
  t: TestApp,
  token: string,
  slug = unique('t'),
): Promise<{ id: string; slug: string }> {
  const response = await t.http
    .post('/api/admin/tenants')
    .set(bearer(token))
    .send({ slug, name: `Tenant ${slug}` })
    .expect(201);
  return response.body as { id: string; slug: string };
}

let sdkAppCounter = 0;
export function nextSdkAppId(prefix: '140' | '160' = '140'): number {
  sdkAppCounter += 1;
  return Number(
    `${prefix}${String(process.pid % 1000).padStart(3, '0')}${String(sdkAppCounter).padStart(4, '0')}`,
  );
}

/**
 * An app saved without checking its credentials against TCCC (skipCheck): most tests run without
 * an emulator, and these credentials exist nowhere. Tests of the check pass their own body.
 */
export async function createTcccApp(
  t: TestApp,
  token: string,
  tenantId: string,
  body: Partial<{
    sdkAppId: number;
    label: string;
    secretId: string;
    secretKey: string;
    skipCheck: boolean;
  }> = {},
): Promise<{ id: string; sdkAppId: number }> {
  const response = await t.http
    .post(`/api/admin/tenants/${tenantId}/apps`)
    .set(bearer(token))
    .send({
      sdkAppId: nextSdkAppId(),
      label: 'Main line',
      secretId: 'AKIDtestsecretid0001',
      secretKey: 'test-secret-key-0001',
      skipCheck: true,
      ...body,
    })
    .expect(201);
  return response.body as { id: string; sdkAppId: number };
}

export async function createAdmin(
  t: TestApp,
  token: string,
  role: 'platform_admin' | 'tenant_admin' | 'auditor',
  tenantIds: string[],
): Promise<{ id: string; email: string; password: string; token: string }> {
  const email = `${unique(role)}@seatgate.test`.toLowerCase();
  const initial = `pw-${randomBytes(8).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const response = await t.http
    .post('/api/admin/users')
    .set(bearer(token))
    .send({ email, password: initial, role, tenantIds })
    .expect(201);
  // an admin another admin created chooses its own password before anything else
  const changed = await t.http
    .post('/api/auth/password')
    .set(bearer(await login(t, email, initial)))
    .send({ currentPassword: initial, newPassword: password })
    .expect(200);
  return { id: response.body.id as string, email, password, token: changed.body.accessToken as string };
}

/** Every row of every table as JSON: for asserting that a secret appears nowhere in plaintext. */
export async function dumpDatabase(t: TestApp): Promise<string> {
  const tables = await t.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await t.sql.query(`SELECT * FROM "${table_name}"`);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}
