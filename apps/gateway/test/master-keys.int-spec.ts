// Master-key rotation over HTTP: app credentials and HS256 secrets written under k1 are re-wrapped
// under k2, after which a gateway with only k2 still logs business users in through TCCC (the
// emulator). Live login URLs are counted, not re-wrapped. Platform admins only; counts only.
import { generateMasterKey } from '@seatgate/crypto';
import { generateKeyPairSync } from 'node:crypto';
import {
  bearer,
  createAdmin,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  testEnv,
  type TestApp,
} from './support/app';
import {
  ACCOUNT,
  businessTenant,
  businessToken,
  mapSeat,
  startTestEmulator,
  type BusinessTenant,
  type Emulator,
} from './support/business';
import { createTestDatabase, type TestDatabase } from './support/database';

describe('master keys', () => {
  const k1 = generateMasterKey();
  const k2 = generateMasterKey();
  let emulator: Emulator;
  let db: TestDatabase;
  let base: Record<string, string>;
  let tenant: BusinessTenant;
  /** the tenant's second HS256 key */
  let second: BusinessTenant;
  let tenantAdmin: { email: string; password: string };
  /** every response body, checked at the end for envelopes and secrets */
  const bodies: string[] = [];
  const secrets: string[] = [ACCOUNT.secretId, ACCOUNT.secretKey];

  const start = (keys: string) => startTestApp({ db, env: { ...base, SEATGATE_MASTER_KEYS: keys } });
  const ONLY_K1 = `k1:${k1}`;
  const BOTH = `k2:${k2},k1:${k1}`;
  const ONLY_K2 = `k2:${k2}`;

  async function get(t: TestApp, token: string, path: string, status: number) {
    const response = await t.http.get(path).set(bearer(token)).expect(status);
    bodies.push(response.text);
    return response.body;
  }

  async function post(t: TestApp, token: string, path: string, status: number) {
    const response = await t.http.post(path).set(bearer(token)).send({}).expect(status);
    bodies.push(response.text);
    return response.body;
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
    db = await createTestDatabase();
    base = testEnv(db.url, { TCCC_ENDPOINT_OVERRIDE: emulator.url, TCCC_TIMEOUT_SECONDS: '2' });

    // everything written under k1: 2 apps, 2 HS256 keys, 1 RS256 key, one live login URL
    const t = await start(ONLY_K1);
    const root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenant = await businessTenant(t, root, emulator, { apps: 2 });
    const hs = await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/keys`)
      .set(bearer(root))
      .send({ type: 'hs256' })
      .expect(201);
    second = { ...tenant, kid: hs.body.kid, secret: hs.body.secret };
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/keys`)
      .set(bearer(root))
      .send({ type: 'rs256', publicKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() })
      .expect(201);
    secrets.push(tenant.secret, second.secret);
    await mapSeat(t, root, tenant.tenantId, 'crm-user-1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
    await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'crm-user-1')))
      .send({})
      .expect(201);
    tenantAdmin = await createAdmin(t, root, 'tenant_admin', [tenant.tenantId]);
    await t.close();
  });

  afterAll(async () => {
    await db?.drop();
    await emulator?.stop();
  });

  it('only platform admins see the status or rotate; unauthenticated callers get 401', async () => {
    const t = await start(BOTH);
    try {
      const admin = await login(t, tenantAdmin.email, tenantAdmin.password);
      expect((await get(t, admin, '/api/admin/master-keys', 403)).code).toBe('forbidden');
      expect((await post(t, admin, '/api/admin/master-keys/rotate', 403)).code).toBe('forbidden');
      expect((await t.http.get('/api/admin/master-keys').expect(401)).body.code).toBe('unauthenticated');
      expect((await t.http.post('/api/admin/master-keys/rotate').expect(401)).body.code).toBe(
        'unauthenticated',
      );
      // nothing was rotated by the refused call
      const rows = await t.sql.query(`SELECT secret_id_enc FROM tccc_apps`);
      expect(rows.rows.every((row) => row.secret_id_enc.startsWith('sg1.k1.'))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('rotation re-wraps app credentials and HS256 secrets under the primary key, once', async () => {
    const t = await start(BOTH);
    try {
      const root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
      expect(await get(t, root, '/api/admin/master-keys', 200)).toEqual({
        primaryKeyId: 'k2',
        keyIds: ['k2', 'k1'],
        envelopes: { appCredentials: { k1: 4 }, signingKeys: { k1: 2 }, loginUrls: { k1: 1 } },
        olderKeysInUse: true,
      });

      const report = await post(t, root, '/api/admin/master-keys/rotate', 200);
      expect(report).toEqual({
        primaryKeyId: 'k2',
        appCredentials: { total: 2, rewrapped: 2 },
        signingKeys: { total: 2, rewrapped: 2 },
        failed: [],
        loginUrlsUnderOlderKeys: 1,
      });
      expect(await get(t, root, '/api/admin/master-keys', 200)).toEqual({
        primaryKeyId: 'k2',
        keyIds: ['k2', 'k1'],
        envelopes: { appCredentials: { k2: 4 }, signingKeys: { k2: 2 }, loginUrls: { k1: 1 } },
        olderKeysInUse: false,
      });
      const again = await post(t, root, '/api/admin/master-keys/rotate', 200);
      expect(again.appCredentials).toEqual({ total: 2, rewrapped: 0 });
      expect(again.signingKeys).toEqual({ total: 2, rewrapped: 0 });

      const stored = await t.sql.query(
        `SELECT secret_enc FROM signing_keys WHERE tenant_id = $1 AND type = 'hs256'`,
        [tenant.tenantId],
      );
      expect(stored.rows.map((row) => row.secret_enc.split('.')[1])).toEqual(['k2', 'k2']);

      // one platform event per rotation, with counts only
      const audit = await t.sql.query(
        `SELECT tenant_id, actor_type, actor_display, outcome, details FROM audit_events
         WHERE action = 'platform.master_key.rotated' ORDER BY seq`,
      );
      expect(audit.rows).toHaveLength(2);
      expect(audit.rows[0]).toMatchObject({
        tenant_id: null,
        actor_type: 'admin',
        actor_display: PLATFORM_ADMIN.email,
        outcome: 'success',
        details: {
          primaryKeyId: 'k2',
          appCredentials: { total: 2, rewrapped: 2 },
          signingKeys: { total: 2, rewrapped: 2 },
          failed: { appCredentials: 0, signingKeys: 0 },
          loginUrlsUnderOlderKeys: 1,
        },
      });
      const details = JSON.stringify(audit.rows.map((row) => row.details));
      expect(details).not.toContain('sg1.');
      for (const secret of secrets) expect(details).not.toContain(secret);
    } finally {
      await t.close();
    }
  });

  it('with only the new key, HS256 tokens still log in and app credentials still decrypt', async () => {
    const t = await start(ONLY_K2);
    try {
      const root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
      // the login URL issued under k1 was never re-wrapped: it is the one thing left under k1
      expect((await get(t, root, '/api/admin/master-keys', 200)).envelopes).toEqual({
        appCredentials: { k2: 4 },
        signingKeys: { k2: 2 },
        loginUrls: { k1: 1 },
      });
      // first key: a full login (decrypts the HS256 secret, then app 1's credentials for TCCC)
      const issued = await t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(tenant, 'crm-user-1')))
        .send({})
        .expect(201);
      bodies.push(issued.text);
      await t.http.get(new URL(issued.body.loginUrl).pathname).expect(302);
      // second key: the token is accepted
      const explained = await t.http
        .get('/api/v1/login/explain')
        .set(bearer(businessToken(second, 'crm-user-1')))
        .expect(200);
      bodies.push(explained.text);
      // app 2's credentials: TCCC accepts them
      const tested = await post(
        t,
        root,
        `/api/admin/tenants/${tenant.tenantId}/apps/${tenant.apps[1]!.id}/test`,
        200,
      );
      expect(tested).toEqual({ ok: true, staffCount: 1 });
    } finally {
      await t.close();
    }
  });

  it('a secret under a key missing from the keyring is reported, not fatal', async () => {
    const t = await start(BOTH);
    try {
      const root = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
      const key = await t.sql.query(
        `UPDATE signing_keys SET secret_enc = replace(secret_enc, 'sg1.k2.', 'sg1.k0.')
         WHERE kid = $1 RETURNING id`,
        [second.kid],
      );
      const report = await post(t, root, '/api/admin/master-keys/rotate', 200);
      expect(report.signingKeys).toEqual({ total: 2, rewrapped: 0 });
      expect(report.failed).toEqual([
        { kind: 'signing_key', id: key.rows[0].id, tenantId: tenant.tenantId, reason: 'unknown_key' },
      ]);
      const status = await get(t, root, '/api/admin/master-keys', 200);
      expect(status.envelopes.signingKeys).toEqual({ k0: 1, k2: 1 });
      expect(status.olderKeysInUse).toBe(true);
      const audit = await t.sql.query(
        `SELECT outcome, details FROM audit_events WHERE action = 'platform.master_key.rotated'
         ORDER BY seq DESC LIMIT 1`,
      );
      expect(audit.rows[0]).toMatchObject({
        outcome: 'failure',
        details: { failed: { appCredentials: 0, signingKeys: 1 } },
      });
    } finally {
      await t.close();
    }
  });

  it('no response carries an envelope or a secret', () => {
    expect(bodies).toHaveLength(12);
    for (const body of bodies) {
      expect(body).not.toContain('sg1.');
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
  });
});
