// The operator's side, as processes: configuration errors stop the start with one line, and the
// CLI creates admins, verifies audit chains and rotates the master key.
import { generateMasterKey } from '@seatgate/crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  createMigratedDatabase,
  ROOT,
  sharedEnv,
  startGateway,
  type E2eDatabase,
} from '../support/gateway-process';

const MAIN = join(ROOT, 'apps/gateway/dist/main.js');
const CLI = join(ROOT, 'apps/gateway/dist/cli.js');

function runNode(script: string, args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('operator commands', () => {
  let db: E2eDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    env = sharedEnv(db.url);
  });
  afterAll(() => db?.drop());

  it.each([
    ['DATABASE_URL', { DATABASE_URL: '' }, /^seatgate: configuration error: DATABASE_URL is required/],
    [
      'SEATGATE_MASTER_KEYS',
      { SEATGATE_MASTER_KEYS: 'k1:c2hvcnQ=' },
      /^seatgate: configuration error: SEATGATE_MASTER_KEYS .*32 bytes/,
    ],
    [
      'SEATGATE_ADMIN_JWT_SECRET',
      { SEATGATE_ADMIN_JWT_SECRET: 'too-short' },
      /^seatgate: configuration error: SEATGATE_ADMIN_JWT_SECRET must be at least 32 bytes/,
    ],
  ])('a bad %s stops the start with one line naming it', (_name, override, pattern) => {
    const result = runNode(MAIN, [], { ...env, ...override });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(result.stderr).not.toContain(env.SEATGATE_ADMIN_JWT_SECRET!);
  });

  it('creates an admin from the CLI (password on stdin) who can then sign in', async () => {
    const created = runNode(
      CLI,
      ['create-admin', '--email', 'ops@e2e.test', '--role', 'auditor'],
      env,
      'an-operator-password\n',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created auditor ops@e2e\.test/);
    const duplicate = runNode(
      CLI,
      ['create-admin', '--email', 'ops@e2e.test'],
      env,
      'an-operator-password\n',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
    const gateway = await startGateway(env);
    try {
      const login = await fetch(`${gateway.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'ops@e2e.test', password: 'an-operator-password' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('verifies audit chains, and exits 2 once one is tampered with', async () => {
    expect(runNode(CLI, ['verify-audit'], env).code).toBe(0);
    await db.sql.query(`UPDATE audit_events SET action = 'tampered' WHERE seq = 1 AND chain_id = 'platform'`);
    const broken = runNode(CLI, ['verify-audit'], env);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBrokenEventId: expect.any(String) });
    await db.sql.query(
      `UPDATE audit_events SET action = 'admin_user.created' WHERE seq = 1 AND chain_id = 'platform'`,
    );
  });

  it('rotates the master key so that the old one can be removed', async () => {
    const gateway = await startGateway(env);
    try {
      const token = (
        (await (
          await fetch(`${gateway.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'root@e2e.test', password: 'e2e-root-password' }),
          })
        ).json()) as { accessToken: string }
      ).accessToken;
      const tenant = (await (
        await fetch(`${gateway.url}/api/admin/tenants`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ slug: 'rotation', name: 'Rotation' }),
        })
      ).json()) as { id: string };
      const app = await fetch(`${gateway.url}/api/admin/tenants/${tenant.id}/apps`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          sdkAppId: 1400990001,
          label: 'x',
          secretId: 'AKIDrotationcli00001',
          secretKey: 'rotation-cli-secret',
          skipCheck: true,
        }),
      });
      expect(app.status).toBe(201);
    } finally {
      await gateway.stop();
    }
    const newKey = `k2:${generateMasterKey()}`;
    const rotated = runNode(CLI, ['rotate-master-key'], {
      ...env,
      SEATGATE_MASTER_KEYS: `${newKey},${env.SEATGATE_MASTER_KEYS}`,
    });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/re-wrapped 1 of 1/);
    const envelopes = await db.sql.query(`SELECT secret_key_enc FROM tccc_apps`);
    expect(envelopes.rows.every((row) => row.secret_key_enc.startsWith('sg1.k2.'))).toBe(true);
    // only the new key: the gateway starts and the CLI finds nothing left to re-wrap
    const again = runNode(CLI, ['rotate-master-key'], { ...env, SEATGATE_MASTER_KEYS: newKey });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/re-wrapped 0 of 1/);
  });
});
