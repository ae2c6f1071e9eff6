// Signing keys for business tokens: each kind created and checked, an HMAC secret shown once and
// found nowhere else (responses, logs, audit, database), bad keys and unreachable JWKS refused,
// revocation, and who may do what.
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bearer,
  createAdmin,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  type TestApp,
  dumpDatabase,
} from './support/app';

const SEATGATE_KID = /^sg_[A-Za-z0-9_-]{16}$/;

/** A local HTTP server answering each path with what `routes` says at the time of the request. */
async function startJwksServer(
  routes: Record<string, { status: number; body: string }>,
): Promise<{ server: Server; url: (path: string) => string }> {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''] ?? { status: 404, body: 'not found' };
    res.writeHead(route.status, { 'content-type': 'application/json' });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: (path) => `http://127.0.0.1:${port}${path}` };
}

const spkiFingerprint = (key: KeyObject) =>
  `sha256:${createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('base64url')}`;

describe('signing keys', () => {
  let t: TestApp;
  let token: string;
  let tenantId: string;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  beforeAll(async () => {
    t = await startTestApp({ overrides: { SEATGATE_JWKS_ALLOW_PRIVATE: 'true' } });
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenantId = (await createTenant(t, token)).id;
    // a careless publisher: the private members must not be kept
    const rsaJwk = {
      ...rsa.privateKey.export({ format: 'jwk' }),
      kid: 'idp-rsa-1',
      alg: 'RS256',
      use: 'sig',
    };
    const ecJwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'idp-ec-1' };
    jwks = await startJwksServer({
      '/jwks.json': { status: 200, body: JSON.stringify({ keys: [rsaJwk, ecJwk] }) },
      '/clash.json': { status: 200, body: JSON.stringify({ keys: [{ ...ecJwk, kid: 'idp-clash' }] }) },
      '/symmetric.json': {
        status: 200,
        body: JSON.stringify({ keys: [{ kty: 'oct', kid: 'sym', k: 'c2VjcmV0', alg: 'HS256' }] }),
      },
      '/broken.json': { status: 200, body: '{"keys": [' },
      '/error.json': { status: 500, body: '{}' },
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => jwks.server.close(resolve));
    await t.close();
  });

  const keys = (tenant = tenantId) => `/api/admin/tenants/${tenant}/keys`;

  it('an hs256 secret is shown once, then found only as its envelope', async () => {
    const created = await t.http
      .post(keys())
      .set(bearer(token))
      .send({ type: 'hs256', label: 'CRM' })
      .expect(201);
    const secret = created.body.secret as string;
    const kid = created.body.kid as string;
    expect(kid).toMatch(SEATGATE_KID);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      tenantId,
      type: 'hs256',
      label: 'CRM',
      revokedAt: null,
      fingerprint: null,
    });

    const responses = [
      (await t.http.get(`${keys()}/${kid}`).set(bearer(token)).expect(200)).text,
      (await t.http.get(keys()).set(bearer(token)).expect(200)).text,
      (await t.http.get(`/api/admin/audit?tenantId=${tenantId}`).set(bearer(token)).expect(200)).text,
      (await t.http.get(`/api/admin/audit/export?tenantId=${tenantId}`).set(bearer(token)).expect(200)).text,
    ];
    const one = JSON.parse(responses[0]!);
    expect(one).toMatchObject({ kid, type: 'hs256', label: 'CRM' });
    expect(one).not.toHaveProperty('secret');
    for (const text of responses) expect(text).not.toContain(secret);
    expect(t.logs.join('\n')).not.toContain(secret);

    const audit = await t.sql.query(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'key.created' AND details->>'kid' = $2`,
      [tenantId, kid],
    );
    expect(audit.rows).toEqual([
      { details: expect.objectContaining({ kid, type: 'hs256', secret: 'changed' }) },
    ]);

    const row = await t.sql.query(`SELECT secret_enc FROM signing_keys WHERE kid = $1`, [kid]);
    expect(row.rows[0].secret_enc).toMatch(/^sg1\./);
    const dump = await dumpDatabase(t);
    expect(dump).toContain(row.rows[0].secret_enc);
    expect(dump).not.toContain(secret);
  });

  it('rs256 and es256 keys are stored as normalised public keys with their fingerprint', async () => {
    // PKCS#1 ("RSA PUBLIC KEY") is accepted and stored as SPKI
    const rs = await t.http
      .post(keys())
      .set(bearer(token))
      .send({ type: 'rs256', publicKeyPem: rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) })
      .expect(201);
    expect(rs.body).toMatchObject({
      type: 'rs256',
      label: null,
      fingerprint: spkiFingerprint(rsa.publicKey),
    });
    expect(rs.body.kid).toMatch(SEATGATE_KID);
    expect(rs.body).not.toHaveProperty('secret');
    const stored = await t.sql.query(`SELECT public_key_pem FROM signing_keys WHERE kid = $1`, [rs.body.kid]);
    expect(stored.rows[0].public_key_pem).toBe(rsa.publicKey.export({ type: 'spki', format: 'pem' }));

    const es = await t.http
      .post(keys())
      .set(bearer(token))
      .send({
        type: 'es256',
        publicKeyPem: ec.publicKey.export({ type: 'spki', format: 'pem' }),
        label: 'IdP',
      })
      .expect(201);
    expect(es.body).toMatchObject({
      type: 'es256',
      label: 'IdP',
      fingerprint: spkiFingerprint(ec.publicKey),
    });

    const audit = await t.sql.query(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'key.created' AND details->>'kid' = $2`,
      [tenantId, es.body.kid],
    );
    expect(audit.rows[0].details).toMatchObject({
      type: 'es256',
      fingerprint: spkiFingerprint(ec.publicKey),
    });
  });

  it('refuses private keys, garbage, keys of the wrong kind and weak RSA keys with 400', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const ed = generateKeyPairSync('ed25519');
    const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }) as string;
    const cases: [string, Record<string, unknown>][] = [
      [
        'private key',
        { type: 'rs256', publicKeyPem: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) },
      ],
      ['garbage', { type: 'rs256', publicKeyPem: 'hello' }],
      [
        'armoured garbage',
        { type: 'rs256', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' },
      ],
      ['EC key as rs256', { type: 'rs256', publicKeyPem: spki(ec.publicKey) }],
      ['RSA key as es256', { type: 'es256', publicKeyPem: spki(rsa.publicKey) }],
      ['P-384 key as es256', { type: 'es256', publicKeyPem: spki(p384.publicKey) }],
      ['Ed25519 key as es256', { type: 'es256', publicKeyPem: spki(ed.publicKey) }],
      ['1024-bit RSA key', { type: 'rs256', publicKeyPem: spki(weak.publicKey) }],
      ['no key at all', { type: 'rs256' }],
      ['unknown type', { type: 'hs512' }],
      ['extra field', { type: 'hs256', secret: 'mine' }],
      ['jwks without http(s)', { type: 'jwks', jwksUrl: 'file:///etc/passwd' }],
    ];
    const count = async () =>
      Number(
        (await t.sql.query(`SELECT count(*) FROM signing_keys WHERE tenant_id = $1`, [tenantId])).rows[0]
          .count,
      );
    const before = await count();
    for (const [name, body] of cases) {
      const response = await t.http.post(keys()).set(bearer(token)).send(body);
      expect({ name, status: response.status, code: response.body.code }).toEqual({
        name,
        status: 400,
        code: 'validation_failed',
      });
      // errors never echo the key material
      const line = typeof body.publicKeyPem === 'string' ? (body.publicKeyPem.split('\n')[1] ?? '') : '';
      if (line.length >= 40) expect(response.text).not.toContain(line);
    }
    expect(await count()).toBe(before);
  });

  it('registers a JWKS URL and keeps only the usable public keys it publishes', async () => {
    const url = jwks.url('/jwks.json');
    const created = await t.http
      .post(keys())
      .set(bearer(token))
      .send({ type: 'jwks', jwksUrl: url })
      .expect(201);
    expect(created.body).toMatchObject({ type: 'jwks', jwksUrl: url, jwksKids: ['idp-rsa-1', 'idp-ec-1'] });
    expect(created.body.kid).toMatch(SEATGATE_KID);
    expect(created.body.jwksFetchedAt).toEqual(expect.any(String));
    const row = await t.sql.query(`SELECT jwks_cache FROM signing_keys WHERE kid = $1`, [created.body.kid]);
    const cache = row.rows[0].jwks_cache as { keys: Record<string, unknown>[] };
    expect(cache.keys.map((jwk) => [jwk.kid, jwk.alg])).toEqual([
      ['idp-rsa-1', 'RS256'],
      ['idp-ec-1', 'ES256'],
    ]);
    for (const jwk of cache.keys)
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwk).not.toHaveProperty(member);
    // the published key converts back to the same public key
    expect(spkiFingerprint(createPublicKey({ key: cache.keys[0] as never, format: 'jwk' }))).toBe(
      spkiFingerprint(rsa.publicKey),
    );
  });

  it('answers 502 jwks_unreachable when the JWKS cannot be fetched or has no usable key', async () => {
    const closed = await startJwksServer({});
    const closedUrl = closed.url('/jwks.json');
    await new Promise((resolve) => closed.server.close(resolve));
    for (const url of [
      closedUrl,
      jwks.url('/error.json'),
      jwks.url('/broken.json'),
      jwks.url('/symmetric.json'),
      jwks.url('/missing.json'),
    ]) {
      const response = await t.http.post(keys()).set(bearer(token)).send({ type: 'jwks', jwksUrl: url });
      expect({ url, status: response.status, code: response.body.code }).toEqual({
        url,
        status: 502,
        code: 'jwks_unreachable',
      });
    }
    const rows = await t.sql.query(`SELECT count(*) FROM signing_keys WHERE jwks_url <> $1`, [
      jwks.url('/jwks.json'),
    ]);
    expect(Number(rows.rows[0].count)).toBe(0);
  });

  it("refuses a JWKS publishing a kid that another tenant's JWKS already uses", async () => {
    const other = await createTenant(t, token);
    await t.http
      .post(keys(other.id))
      .set(bearer(token))
      .send({ type: 'jwks', jwksUrl: jwks.url('/clash.json') })
      .expect(201);
    const clash = await t.http
      .post(keys())
      .set(bearer(token))
      .send({ type: 'jwks', jwksUrl: jwks.url('/clash.json') });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'conflict', details: { kids: ['idp-clash'] } });
    // the same tenant may register it twice (rotation of the registration itself)
    await t.http
      .post(keys(other.id))
      .set(bearer(token))
      .send({ type: 'jwks', jwksUrl: jwks.url('/clash.json') })
      .expect(201);
  });

  it('revokes with 204, destroying an HMAC secret; revoking again changes nothing', async () => {
    const created = await t.http.post(keys()).set(bearer(token)).send({ type: 'hs256' }).expect(201);
    const kid = created.body.kid as string;
    await t.http.delete(`${keys()}/${kid}`).set(bearer(token)).expect(204);
    const revoked = await t.http.get(`${keys()}/${kid}`).set(bearer(token)).expect(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const row = await t.sql.query(`SELECT secret_enc, revoked_at FROM signing_keys WHERE kid = $1`, [kid]);
    expect(row.rows[0]).toMatchObject({ secret_enc: null, revoked_at: expect.any(Date) });
    await t.http.delete(`${keys()}/${kid}`).set(bearer(token)).expect(204);
    const audit = await t.sql.query(
      `SELECT action, details FROM audit_events WHERE tenant_id = $1 AND details->>'kid' = $2 ORDER BY seq`,
      [tenantId, kid],
    );
    expect(audit.rows.map((event) => event.action)).toEqual(['key.created', 'key.revoked']);
    expect(audit.rows[1].details).toMatchObject({ kid, type: 'hs256', secretDestroyed: true });
    const list = await t.http.get(keys()).set(bearer(token)).expect(200);
    expect(list.body.items.find((key: { kid: string }) => key.kid === kid)?.revokedAt).toEqual(
      expect.any(String),
    );
  });

  it('answers 404 key_not_found for unknown kids and for kids of another tenant', async () => {
    const other = await createTenant(t, token);
    const foreign = await t.http.post(keys(other.id)).set(bearer(token)).send({ type: 'hs256' }).expect(201);
    for (const kid of ['sg_AAAAAAAAAAAAAAAA', 'not-a-kid', foreign.body.kid as string]) {
      const get = await t.http.get(`${keys()}/${kid}`).set(bearer(token));
      expect({ kid, status: get.status, code: get.body.code }).toEqual({
        kid,
        status: 404,
        code: 'key_not_found',
      });
      const del = await t.http.delete(`${keys()}/${kid}`).set(bearer(token));
      expect({ kid, status: del.status, code: del.body.code }).toEqual({
        kid,
        status: 404,
        code: 'key_not_found',
      });
    }
    const still = await t.sql.query(`SELECT revoked_at FROM signing_keys WHERE kid = $1`, [foreign.body.kid]);
    expect(still.rows[0].revoked_at).toBeNull();
  });

  it("tenant admins manage their own tenant's keys; auditors only read; others get 404 or 401", async () => {
    const other = await createTenant(t, token);
    const adminA = await createAdmin(t, token, 'tenant_admin', [tenantId]);
    const adminB = await createAdmin(t, token, 'tenant_admin', [other.id]);
    const auditorA = await createAdmin(t, token, 'auditor', [tenantId]);
    const own = await t.http.post(keys()).set(bearer(adminA.token)).send({ type: 'hs256' }).expect(201);
    const kid = own.body.kid as string;

    await t.http.get(keys()).set(bearer(auditorA.token)).expect(200);
    await t.http.get(`${keys()}/${kid}`).set(bearer(auditorA.token)).expect(200);
    const auditorPost = await t.http.post(keys()).set(bearer(auditorA.token)).send({ type: 'hs256' });
    expect([auditorPost.status, auditorPost.body.code]).toEqual([403, 'forbidden']);
    const auditorDelete = await t.http.delete(`${keys()}/${kid}`).set(bearer(auditorA.token));
    expect([auditorDelete.status, auditorDelete.body.code]).toEqual([403, 'forbidden']);

    for (const response of [
      await t.http.get(keys()).set(bearer(adminB.token)),
      await t.http.get(`${keys()}/${kid}`).set(bearer(adminB.token)),
      await t.http.post(keys()).set(bearer(adminB.token)).send({ type: 'hs256' }),
      await t.http.delete(`${keys()}/${kid}`).set(bearer(adminB.token)),
    ]) {
      expect([response.status, response.body.code]).toEqual([404, 'tenant_not_found']);
    }
    for (const response of [
      await t.http.get(keys()),
      await t.http.post(keys()).send({ type: 'hs256' }),
      await t.http.delete(`${keys()}/${kid}`),
    ]) {
      expect([response.status, response.body.code]).toEqual([401, 'unauthenticated']);
    }
    await t.http.delete(`${keys()}/${kid}`).set(bearer(adminA.token)).expect(204);
    const revoked = await t.sql.query(
      `SELECT count(*) FROM signing_keys WHERE tenant_id = $1 AND revoked_at IS NOT NULL AND kid = $2`,
      [tenantId, kid],
    );
    expect(Number(revoked.rows[0].count)).toBe(1);
  });
});
