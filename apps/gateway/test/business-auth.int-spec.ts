// Business tokens through BusinessJwtGuard, on a probe route added to the real app for this file
// only: each kind of key, each reason a token is refused (with its code and its audit event in
// the right chain), revocation at once, per-tenant audiences, and JWKS rotation.
import { Controller, Get } from '@nestjs/common';
import jwt, { type SignOptions } from 'jsonwebtoken';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { AppModule } from '../src/app.module';
import type { BusinessContext } from '../src/common/context/business-context';
import { BusinessCtx, BusinessRoute } from '../src/modules/login/business-route.decorator';
import { bearer, createTenant, login, PLATFORM_ADMIN, startTestApp, type TestApp } from './support/app';

@Controller()
class ProbeController {
  @Get('__probe')
  @BusinessRoute('probe')
  probe(@BusinessCtx() ctx: BusinessContext) {
    return ctx.actor;
  }
}

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('business tokens', () => {
  let t: TestApp;
  let token: string;
  let tenantA: string;
  let tenantB: string;
  const keyA = { hs: { kid: '', secret: '', id: '' }, rs: { kid: '' }, es: { kid: '' }, jwks: { kid: '' } };
  let keyB = { kid: '', secret: '' };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const idp1 = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const idp2 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const published: Record<string, unknown>[] = [
    { ...idp1.publicKey.export({ format: 'jwk' }), kid: 'idp-1', alg: 'RS256', use: 'sig' },
  ];
  let jwksHits = 0;
  let jwksServer: Server;
  const issued: string[] = [];

  beforeAll(async () => {
    const forRoot = AppModule.forRoot.bind(AppModule);
    jest.spyOn(AppModule, 'forRoot').mockImplementation((config, options) => ({
      ...forRoot(config, options),
      controllers: [ProbeController],
    }));
    jwksServer = createServer((_req, res) => {
      jwksHits += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;

    t = await startTestApp({
      overrides: {
        SEATGATE_JWKS_ALLOW_PRIVATE: 'true',
        // every refusal here comes from one address; the per-IP flood limit has its own suite
        SEATGATE_BUSINESS_AUTH_FAILURES_PER_IP: '10000',
      },
    });
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenantA = (await createTenant(t, token)).id;
    tenantB = (await createTenant(t, token)).id;
    const post = async (tenantId: string, body: Record<string, unknown>) =>
      (await t.http.post(`/api/admin/tenants/${tenantId}/keys`).set(bearer(token)).send(body).expect(201))
        .body;
    const hs = await post(tenantA, { type: 'hs256' });
    const row = await t.sql.query(`SELECT id FROM signing_keys WHERE kid = $1`, [hs.kid]);
    keyA.hs = { kid: hs.kid, secret: hs.secret, id: row.rows[0].id };
    keyA.rs = { kid: (await post(tenantA, { type: 'rs256', publicKeyPem: pem(rsa.publicKey) })).kid };
    keyA.es = { kid: (await post(tenantA, { type: 'es256', publicKeyPem: pem(ec.publicKey) })).kid };
    keyA.jwks = { kid: (await post(tenantA, { type: 'jwks', jwksUrl })).kid };
    const hsB = await post(tenantB, { type: 'hs256' });
    keyB = { kid: hsB.kid, secret: hsB.secret };
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await new Promise((resolve) => jwksServer.close(resolve));
    await t.close();
  });

  function pem(key: KeyObject): string {
    return key.export({ type: 'spki', format: 'pem' }).toString();
  }

  const claims = (extra: Record<string, unknown> = {}) => ({
    sub: 'crm-001',
    aud: 'seatgate',
    iat: now(),
    exp: now() + 300,
    ...extra,
  });

  function sign(
    payload: Record<string, unknown>,
    key: string | KeyObject,
    options: Pick<SignOptions, 'algorithm' | 'keyid'>,
  ): string {
    // jsonwebtoken keeps a given iat; it adds one only where the test left it out on purpose
    const signed = jwt.sign(payload, key, { ...options, noTimestamp: !('iat' in payload) });
    issued.push(signed);
    return signed;
  }
  const hsToken = (payload: Record<string, unknown> = claims(), kid = keyA.hs.kid, secret = keyA.hs.secret) =>
    sign(payload, secret, { algorithm: 'HS256', keyid: kid });

  const probe = (businessToken: string | null, userAgent = 'probe-test/1.0') => {
    const request = t.http.get('/__probe').set('User-Agent', userAgent);
    return businessToken === null ? request : request.set(bearer(businessToken));
  };

  /** The response is refused with `code`, and its audit event names the reason in `tenantId`'s chain. */
  async function expectDenied(
    response: Response,
    code: string,
    tenantId: string | null,
    kid: string | null,
    status = 401,
  ): Promise<void> {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body.requestId).toEqual(expect.any(String));
    const events = await t.sql.query(
      `SELECT tenant_id, action, outcome, details, ip, user_agent FROM audit_events WHERE request_id = $1`,
      [response.body.requestId],
    );
    expect(events.rows).toEqual([
      {
        tenant_id: tenantId,
        action: 'login.denied',
        outcome: 'denied',
        details: { reason: code, kid },
        ip: expect.any(String),
        user_agent: 'probe-test/1.0',
      },
    ]);
  }

  it('accepts HS256, RS256, ES256 and JWKS tokens and yields the business actor', async () => {
    const hs = await probe(hsToken(claims({ sdkAppId: 1400012345, jti: 'jti-1' }))).expect(200);
    expect(hs.body).toEqual({
      type: 'business_user',
      tenantId: tenantA,
      businessUserId: 'crm-001',
      kid: keyA.hs.kid,
      keyId: keyA.hs.id,
      sdkAppId: 1400012345,
      tokenId: 'jti-1',
    });
    const rs = await probe(sign(claims(), rsa.privateKey, { algorithm: 'RS256', keyid: keyA.rs.kid })).expect(
      200,
    );
    expect(rs.body).toMatchObject({ tenantId: tenantA, kid: keyA.rs.kid, sdkAppId: null, tokenId: null });
    const es = await probe(sign(claims(), ec.privateKey, { algorithm: 'ES256', keyid: keyA.es.kid })).expect(
      200,
    );
    expect(es.body).toMatchObject({ tenantId: tenantA, kid: keyA.es.kid });
    const viaJwks = await probe(
      sign(claims({ sub: 'crm-jwks' }), idp1.privateKey, { algorithm: 'RS256', keyid: 'idp-1' }),
    ).expect(200);
    expect(viaJwks.body).toMatchObject({ tenantId: tenantA, kid: 'idp-1', businessUserId: 'crm-jwks' });
    // an audience list that includes ours is fine
    await probe(hsToken(claims({ aud: ['other', 'seatgate'] }))).expect(200);
  });

  it('refuses a missing, malformed or unsigned token, and an unknown kid', async () => {
    await expectDenied(await probe(null), 'token_missing', null, null);
    await expectDenied(await probe('not-a-jwt'), 'token_malformed', null, null);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT', kid: keyA.hs.kid })}.${b64(claims())}.`;
    issued.push(unsigned);
    await expectDenied(await probe(unsigned), 'algorithm_not_allowed', tenantA, keyA.hs.kid);
    const unsignedNoKid = `${b64({ alg: 'none' })}.${b64(claims())}.`;
    await expectDenied(await probe(unsignedNoKid), 'unknown_key', null, null);
    await expectDenied(
      await probe(hsToken(claims(), 'sg_0000000000000000')),
      'unknown_key',
      null,
      'sg_0000000000000000',
    );
  });

  it("a token signed with tenant A's secret cannot pass as tenant B's key", async () => {
    const forged = hsToken(claims(), keyB.kid, keyA.hs.secret);
    await expectDenied(await probe(forged), 'bad_signature', tenantB, keyB.kid);
    // and B's own secret works for B only
    const own = await probe(hsToken(claims(), keyB.kid, keyB.secret)).expect(200);
    expect(own.body.tenantId).toBe(tenantB);
  });

  it('no HS/RS confusion: each key verifies its own algorithm only', async () => {
    // the classic attack: HMAC with the public key PEM as the secret, under the RSA key's kid
    const confused = hsToken(claims(), keyA.rs.kid, pem(rsa.publicKey));
    await expectDenied(await probe(confused), 'algorithm_not_allowed', tenantA, keyA.rs.kid);
    const rsUnderHs = sign(claims(), rsa.privateKey, { algorithm: 'RS256', keyid: keyA.hs.kid });
    await expectDenied(await probe(rsUnderHs), 'algorithm_not_allowed', tenantA, keyA.hs.kid);
    const esUnderRs = sign(claims(), ec.privateKey, { algorithm: 'ES256', keyid: keyA.rs.kid });
    await expectDenied(await probe(esUnderRs), 'algorithm_not_allowed', tenantA, keyA.rs.kid);
    const hs384 = sign(claims(), keyA.hs.secret, { algorithm: 'HS384', keyid: keyA.hs.kid });
    await expectDenied(await probe(hs384), 'algorithm_not_allowed', tenantA, keyA.hs.kid);
    const tampered = `${hsToken().split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    await expectDenied(await probe(tampered), 'bad_signature', tenantA, keyA.hs.kid);
  });

  it('a revoked key stops working at once', async () => {
    const created = await t.http
      .post(`/api/admin/tenants/${tenantA}/keys`)
      .set(bearer(token))
      .send({ type: 'hs256' })
      .expect(201);
    const before = hsToken(claims(), created.body.kid, created.body.secret);
    await probe(before).expect(200);
    await t.http
      .delete(`/api/admin/tenants/${tenantA}/keys/${created.body.kid}`)
      .set(bearer(token))
      .expect(204);
    await expectDenied(await probe(before), 'key_revoked', tenantA, created.body.kid);
  });

  it('enforces exp (30 s skew), nbf, iat and a lifetime of at most 10 minutes', async () => {
    const at = now();
    await probe(hsToken(claims({ iat: at, exp: at + 600 }))).expect(200);
    await expectDenied(
      await probe(hsToken(claims({ iat: at, exp: at + 601 }))),
      'token_lifetime_too_long',
      tenantA,
      keyA.hs.kid,
    );
    const { exp: _exp, ...noExp } = claims();
    await expectDenied(await probe(hsToken(noExp)), 'token_lifetime_too_long', tenantA, keyA.hs.kid);
    const { iat: _iat, ...noIat } = claims();
    await expectDenied(await probe(hsToken(noIat)), 'token_lifetime_too_long', tenantA, keyA.hs.kid);
    await expectDenied(
      await probe(hsToken(claims({ iat: at - 300, exp: at - 40 }))),
      'token_expired',
      tenantA,
      keyA.hs.kid,
    );
    await probe(hsToken(claims({ iat: at - 300, exp: at - 15 }))).expect(200);
    await expectDenied(
      await probe(hsToken(claims({ nbf: at + 120 }))),
      'token_not_yet_valid',
      tenantA,
      keyA.hs.kid,
    );
    await probe(hsToken(claims({ nbf: at + 15 }))).expect(200);
    await expectDenied(
      await probe(hsToken(claims({ iat: at + 3600, exp: at + 3900 }))),
      'token_not_yet_valid',
      tenantA,
      keyA.hs.kid,
    );
  });

  it('checks aud against the tenant setting, "seatgate" by default, and the claims themselves', async () => {
    await expectDenied(
      await probe(hsToken(claims({ aud: 'other' }))),
      'wrong_audience',
      tenantA,
      keyA.hs.kid,
    );
    const { aud: _aud, ...noAud } = claims();
    await expectDenied(await probe(hsToken(noAud)), 'wrong_audience', tenantA, keyA.hs.kid);

    await t.http
      .patch(`/api/admin/tenants/${tenantB}`)
      .set(bearer(token))
      .send({ settings: { tokenAudience: 'crm.example.com' } })
      .expect(200);
    const forB = (aud: string) => hsToken(claims({ aud }), keyB.kid, keyB.secret);
    await expectDenied(await probe(forB('seatgate')), 'wrong_audience', tenantB, keyB.kid);
    const ok = await probe(forB('crm.example.com')).expect(200);
    expect(ok.body.tenantId).toBe(tenantB);

    const { sub: _sub, ...noSub } = claims();
    await expectDenied(await probe(hsToken(noSub)), 'token_malformed', tenantA, keyA.hs.kid);
    await expectDenied(
      await probe(hsToken(claims({ sub: 'a\u0000b' }))),
      'token_malformed',
      tenantA,
      keyA.hs.kid,
    );
    await expectDenied(
      await probe(hsToken(claims({ sdkAppId: '1400012345' }))),
      'token_malformed',
      tenantA,
      keyA.hs.kid,
    );
  });

  it("refuses a suspended tenant's users with 403 tenant_suspended", async () => {
    const tenant = (await createTenant(t, token)).id;
    const key = (
      await t.http
        .post(`/api/admin/tenants/${tenant}/keys`)
        .set(bearer(token))
        .send({ type: 'hs256' })
        .expect(201)
    ).body;
    const businessToken = hsToken(claims(), key.kid, key.secret);
    await probe(businessToken).expect(200);
    await t.http.post(`/api/admin/tenants/${tenant}/suspend`).set(bearer(token)).expect(200);
    await expectDenied(await probe(businessToken), 'tenant_suspended', tenant, key.kid, 403);
  });

  it('finds a kid published later after refreshing the JWKS, at most once per 30 s', async () => {
    published.push({ ...idp2.publicKey.export({ format: 'jwk' }), kid: 'idp-2', alg: 'ES256' });
    const rotated = sign(claims({ sub: 'crm-rotated' }), idp2.privateKey, {
      algorithm: 'ES256',
      keyid: 'idp-2',
    });
    const hits = jwksHits;
    // fetched at registration moments ago: no refresh yet
    await expectDenied(await probe(rotated), 'unknown_key', null, 'idp-2');
    expect(jwksHits).toBe(hits);

    // 30 s later (moved in the database, which is where every process looks)
    await t.sql.query(
      `UPDATE signing_keys SET jwks_fetched_at = now() - interval '31 seconds' WHERE kid = $1`,
      [keyA.jwks.kid],
    );
    const found = await probe(rotated).expect(200);
    expect(found.body).toMatchObject({ tenantId: tenantA, kid: 'idp-2', businessUserId: 'crm-rotated' });
    expect(jwksHits).toBe(hits + 1);
    // another unknown kid right away does not fetch again
    await expectDenied(
      await probe(sign(claims(), idp2.privateKey, { algorithm: 'ES256', keyid: 'idp-3' })),
      'unknown_key',
      null,
      'idp-3',
    );
    expect(jwksHits).toBe(hits + 1);
    // a JWKS key verifies the JWK's own algorithm only
    const wrongAlg = sign(claims(), idp2.privateKey, { algorithm: 'ES256', keyid: 'idp-1' });
    await expectDenied(await probe(wrongAlg), 'algorithm_not_allowed', tenantA, 'idp-1');

    // revoking the JWKS registration revokes every kid it publishes
    await t.http.delete(`/api/admin/tenants/${tenantA}/keys/${keyA.jwks.kid}`).set(bearer(token)).expect(204);
    await expectDenied(await probe(rotated), 'key_revoked', tenantA, 'idp-2');
  });

  it('never writes a token to the logs or the audit trail, and keeps the chains intact', async () => {
    expect(issued.length).toBeGreaterThan(20);
    const logs = t.logs.join('\n');
    const audit = JSON.stringify((await t.sql.query(`SELECT * FROM audit_events`)).rows);
    for (const businessToken of issued) {
      const signature = businessToken.split('.')[2] || businessToken;
      expect(logs).not.toContain(signature);
      expect(audit).not.toContain(signature);
    }
    const verify = await t.http.get('/api/admin/audit/verify').set(bearer(token)).expect(200);
    expect(verify.body.ok).toBe(true);
  });
});
