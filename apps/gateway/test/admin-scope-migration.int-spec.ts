// The migration that makes platform-wide access an explicit flag keeps every existing admin's reach:
// an auditor with no tenant read every tenant before it, and does so after it, now explicitly; an
// auditor with tenants, a tenant admin and a platform admin keep theirs.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from '../src/database/migrator';
import { admin, serverUrl } from './support/database';

const MIGRATION = '20261129000000_admin_auth_hardening';

describe(`migration ${MIGRATION}`, () => {
  const name = `seatgate_t_scope_${randomBytes(5).toString('hex')}`;
  const url = serverUrl(name);
  let before: string;

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE "${name}"`));
    before = mkdtempSync(join(tmpdir(), 'seatgate-migrations-'));
    for (const file of readMigrations().filter((migration) => migration.name < MIGRATION)) {
      cpSync(join(DEFAULT_MIGRATIONS_DIR, file.name), join(before, file.name), { recursive: true });
    }
  });
  afterAll(async () => {
    rmSync(before, { recursive: true, force: true });
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('turns auditors without tenants into explicit platform-wide auditors, and no one else', async () => {
    await migrate(url, { dir: before });
    const sql = new Client({ connectionString: url });
    await sql.connect();
    try {
      const tenant = randomUUID();
      await sql.query(`INSERT INTO tenants (id, slug, name, updated_at) VALUES ($1, 'm', 'M', now())`, [
        tenant,
      ]);
      const users = {
        globalAuditor: ['auditor', []],
        scopedAuditor: ['auditor', [tenant]],
        tenantAdmin: ['tenant_admin', [tenant]],
        platformAdmin: ['platform_admin', []],
      } as const;
      const ids: Record<string, string> = {};
      for (const [label, [role, tenants]] of Object.entries(users)) {
        ids[label] = randomUUID();
        await sql.query(
          `INSERT INTO admin_users (id, email, password_hash, role, updated_at) VALUES ($1, $2, 'x', $3, now())`,
          [ids[label], `${label}@m.test`, role],
        );
        for (const tenantId of tenants) {
          await sql.query(`INSERT INTO admin_user_tenants (admin_user_id, tenant_id) VALUES ($1, $2)`, [
            ids[label],
            tenantId,
          ]);
        }
      }
      // the migration under test is the next one applied; later migrations follow it
      const applied = await migrate(url);
      expect(applied[0]).toBe(MIGRATION);
      expect(applied.every((migration) => migration >= MIGRATION)).toBe(true);
      const rows = await sql.query<{ id: string; all_tenants: boolean }>(
        `SELECT id, all_tenants FROM admin_users`,
      );
      const flag = (label: string) => rows.rows.find((row) => row.id === ids[label])?.all_tenants;
      expect(flag('globalAuditor')).toBe(true);
      expect(flag('scopedAuditor')).toBe(false);
      expect(flag('tenantAdmin')).toBe(false);
      expect(flag('platformAdmin')).toBe(true);
      // a tenant admin cannot be made platform-wide, even by hand
      await expect(
        sql.query(`UPDATE admin_users SET all_tenants = true WHERE id = $1`, [ids.tenantAdmin]),
      ).rejects.toThrow(/admin_users_all_tenants_role_check/);
    } finally {
      await sql.end();
    }
  });
});
