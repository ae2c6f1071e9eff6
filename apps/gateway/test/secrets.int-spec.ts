// Credentials at rest: a canary SecretKey never leaves its ciphertext; ciphertexts are bound to
// their row; master-key rotation keeps every credential readable and frees the old key.
import { generateMasterKey, DecryptionError } from '@seatgate/crypto';
import { AppsRepository } from '../src/modules/apps/apps.repository';
import { AppsService } from '../src/modules/apps/apps.service';
import { MasterKeysService } from '../src/modules/master-keys/master-keys.service';
import {
  bearer,
  createTenant,
  login,
  nextSdkAppId,
  PLATFORM_ADMIN,
  startTestApp,
  testEnv,
  type TestApp,
  dumpDatabase,
} from './support/app';
import { createTestDatabase } from './support/database';

const CANARY_KEY = 'CanarySecretKey-7f3a9c1e5b';
const CANARY_ID = 'AKIDcanary0000000000000042';

describe('credentials at rest', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(() => t.close());

  it('a canary SecretKey appears in no response, log line, audit row, or database column', async () => {
    const tenant = await createTenant(t, token);
    const responses: string[] = [];
    const created = await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(token))
      .send({
        sdkAppId: nextSdkAppId(),
        label: 'Canary',
        secretId: CANARY_ID,
        secretKey: CANARY_KEY,
        skipCheck: true,
      })
      .expect(201);
    responses.push(created.text);
    expect(created.body.secretIdMasked).toBe('AKID****0042');
    const base = `/api/admin/tenants/${tenant.id}/apps/${created.body.id}`;
    responses.push((await t.http.get(base).set(bearer(token)).expect(200)).text);
    responses.push(
      (await t.http.get(`/api/admin/tenants/${tenant.id}/apps`).set(bearer(token)).expect(200)).text,
    );
    responses.push(
      (
        await t.http
          .put(`${base}/credentials`)
          .set(bearer(token))
          .send({ secretId: CANARY_ID, secretKey: CANARY_KEY, skipCheck: true })
          .expect(200)
      ).text,
    );
    // failures that echo input must not echo the secret either
    const bad = await t.http
      .put(`${base}/credentials`)
      .set(bearer(token))
      .send({ secretId: 'bad id with spaces', secretKey: CANARY_KEY })
      .expect(400);
    responses.push(bad.text);
    const dup = await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(token))
      .send({
        sdkAppId: created.body.sdkAppId,
        label: 'Dup',
        secretId: CANARY_ID,
        secretKey: CANARY_KEY,
        skipCheck: true,
      })
      .expect(409);
    responses.push(dup.text);
    responses.push(
      (await t.http.get(`/api/admin/audit?tenantId=${tenant.id}`).set(bearer(token)).expect(200)).text,
    );
    responses.push(
      (await t.http.get(`/api/admin/audit/export?tenantId=${tenant.id}`).set(bearer(token)).expect(200)).text,
    );
    responses.push((await t.http.get('/api/docs-json').expect(200)).text);

    for (const text of responses) {
      expect(text).not.toContain(CANARY_KEY);
      expect(text).not.toContain(CANARY_ID);
    }
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.join('\n')).not.toContain(CANARY_KEY);
    expect(t.logs.join('\n')).not.toContain(CANARY_ID);

    const audit = await t.sql.query(`SELECT details FROM audit_events WHERE tenant_id = $1`, [tenant.id]);
    const rotated = audit.rows.map((row) => row.details).find((details) => details.secretKey === 'changed');
    expect(rotated).toBeDefined();
    expect(JSON.stringify(audit.rows)).not.toContain(CANARY_KEY);

    const dump = await dumpDatabase(t);
    expect(dump).toContain('sg1.');
    expect(dump).not.toContain(CANARY_KEY);
    expect(dump).not.toContain(CANARY_ID);
  });

  it('a ciphertext copied into another row does not decrypt', async () => {
    const tenant = await createTenant(t, token);
    const apps = [];
    for (const [id, key] of [
      ['AKIDfirstapp0000001', 'first-secret-key-1'],
      ['AKIDsecondapp000002', 'second-secret-key-2'],
    ]) {
      const response = await t.http
        .post(`/api/admin/tenants/${tenant.id}/apps`)
        .set(bearer(token))
        .send({ sdkAppId: nextSdkAppId(), label: id, secretId: id, secretKey: key, skipCheck: true })
        .expect(201);
      apps.push(response.body.id as string);
    }
    const repo = t.app.get(AppsRepository);
    const service = t.app.get(AppsService);
    const second = (await repo.find(tenant.id, apps[1]!))!;
    expect(service.secretsOf(second).secretKey.reveal()).toBe('second-secret-key-2');

    await t.sql.query(
      `UPDATE tccc_apps SET secret_key_enc = (SELECT secret_key_enc FROM tccc_apps WHERE id = $1) WHERE id = $2`,
      [apps[0], apps[1]],
    );
    const tampered = (await repo.find(tenant.id, apps[1]!))!;
    expect(() => service.secretsOf(tampered)).toThrow(DecryptionError);

    // the same ciphertext in its own row but under another field name fails too
    await t.sql.query(`UPDATE tccc_apps SET secret_id_enc = secret_key_enc WHERE id = $1`, [apps[0]]);
    const swapped = (await repo.find(tenant.id, apps[0]!))!;
    expect(() => service.secretsOf(swapped)).toThrow(DecryptionError);
  });

  it('master-key rotation re-wraps every credential; afterwards the old key can be removed', async () => {
    const k1 = generateMasterKey();
    const k2 = generateMasterKey();
    const db = await createTestDatabase();
    const base = testEnv(db.url);
    const env1 = { ...base, SEATGATE_MASTER_KEYS: `k1:${k1}` };
    const first = await startTestApp({ db, env: env1 });
    const rootToken = await login(first, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const tenant = await createTenant(first, rootToken);
    const expected = new Map<string, string>();
    for (let i = 0; i < 5; i += 1) {
      const secretKey = `rotation-secret-key-${i}`;
      const response = await first.http
        .post(`/api/admin/tenants/${tenant.id}/apps`)
        .set(bearer(rootToken))
        .send({
          sdkAppId: nextSdkAppId(),
          label: `R${i}`,
          secretId: `AKIDrotation00000${i}`,
          secretKey,
          skipCheck: true,
        })
        .expect(201);
      expected.set(response.body.id, secretKey);
    }
    await first.close();

    // both keys configured, k2 newest: old envelopes still decrypt, then rotation re-wraps them
    const both = await startTestApp({ db, env: { ...base, SEATGATE_MASTER_KEYS: `k2:${k2},k1:${k1}` } });
    // a credential nobody can decrypt is reported, not fatal: the rest are still re-wrapped
    const broken = [...expected.keys()][4]!;
    await both.sql.query(`UPDATE tccc_apps SET secret_key_enc = secret_id_enc WHERE id = $1`, [broken]);
    expected.delete(broken);
    const system = {
      requestId: 'test',
      ip: null,
      userAgent: null,
      actor: { type: 'system' as const, id: null, display: 'test' },
    };
    const report = await both.app.get(MasterKeysService).rotate(system);
    expect(report.primaryKeyId).toBe('k2');
    expect(report.appCredentials).toEqual({ total: 5, rewrapped: 4 });
    expect(report.failed).toEqual([
      { kind: 'app_credentials', id: broken, tenantId: tenant.id, reason: 'auth_failed' },
    ]);
    const again = await both.app.get(MasterKeysService).rotate(system);
    expect(again.appCredentials.rewrapped).toBe(0);
    const envelopes = await both.sql.query(
      `SELECT id, secret_id_enc, secret_key_enc FROM tccc_apps WHERE tenant_id = $1`,
      [tenant.id],
    );
    await both.close();

    for (const row of envelopes.rows.filter((candidate) => expected.has(candidate.id))) {
      expect(row.secret_id_enc.startsWith('sg1.k2.')).toBe(true);
      expect(row.secret_key_enc.startsWith('sg1.k2.')).toBe(true);
    }

    // only k2 left: every credential still decrypts
    const onlyNew = await startTestApp({ db, env: { ...base, SEATGATE_MASTER_KEYS: `k2:${k2}` } });
    const repo = onlyNew.app.get(AppsRepository);
    for (const [appId, secretKey] of expected) {
      const app = (await repo.find(tenant.id, appId))!;
      expect(onlyNew.app.get(AppsService).secretsOf(app).secretKey.reveal()).toBe(secretKey);
    }
    await onlyNew.close();
    await db.drop();
  });
});
