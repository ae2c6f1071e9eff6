// Business login under abuse (issue 11): JWKS URLs pointing into the gateway's network, a tenant
// publishing another tenant's kid, floods of junk tokens, forged proxy headers, tickets in logs.
import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, createTenant, login, PLATFORM_ADMIN, startTestApp, type TestApp } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type BusinessTenant,
  type EmulatedTestApp,
} from './support/business';

import { MAX_IN_FLIGHT_PER_IP } from '../src/modules/limits/business-auth-failures';

const PUBLIC_URL = 'https://seatgate.example.test';
const OPEN_LIMITS = { perUserPerMinute: 1_000, perTenantPerMinute: 100_000, perIpPerMinute: 100_000 };
const FAILURES_PER_IP = 10;
const FAILURE_WINDOW_SECONDS = 6;

const p99 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
};

describe('JWKS URLs are never fetched from the gateway’s own network (production policy)', () => {
  let t: TestApp;
  let token: string;
  let tenantId: string;
  let server: Server;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('instance-id: i-INTERNAL-SECRET');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenantId = (await createTenant(t, token)).id;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('refuses loopback, metadata, private and disguised addresses with a message that echoes nothing', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const jwksUrl of [
      `http://127.0.0.1:${port}/jwks.json`,
      `https://127.0.0.1:${port}/jwks.json`,
      `https://2130706433:${port}/jwks.json`,
      `https://0x7f.0.0.1:${port}/jwks.json`,
      `https://0.0.0.0:${port}/jwks.json`,
      `https://localhost:${port}/jwks.json`,
      `https://[::ffff:127.0.0.1]:${port}/jwks.json`,
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/jwks.json',
    ]) {
      const response = await t.http
        .post(`/api/admin/tenants/${tenantId}/keys`)
        .set(bearer(token))
        .send({ type: 'jwks', jwksUrl });
      expect({ jwksUrl, status: response.status, code: response.body.code }).toEqual({
        jwksUrl,
        status: 502,
        code: 'jwks_unreachable',
      });
      expect(response.text).not.toContain('INTERNAL-SECRET');
    }
    expect(hits).toBe(0);
  });
});

describe('business login under abuse', () => {
  let stack: EmulatedTestApp;
  let t: TestApp;
  let root: string;
  let jwksServer: Server;
  let jwksUrl: (path: string) => string;
  const published: Record<string, Record<string, unknown>[]> = {};

  beforeAll(async () => {
    jwksServer = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published[req.url ?? ''] ?? [] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const port = (jwksServer.address() as AddressInfo).port;
    jwksUrl = (path) => `http://127.0.0.1:${port}${path}`;
    stack = await startAppWithEmulator({
      env: {
        SEATGATE_PUBLIC_URL: PUBLIC_URL,
        SEATGATE_TRUST_PROXY: '1',
        SEATGATE_JWKS_ALLOW_PRIVATE: 'true',
        SEATGATE_BUSINESS_AUTH_FAILURES_PER_IP: String(FAILURES_PER_IP),
        SEATGATE_BUSINESS_AUTH_FAILURE_WINDOW_SECONDS: String(FAILURE_WINDOW_SECONDS),
      },
    });
    ({ t, root } = stack);
  });
  afterAll(async () => {
    await new Promise((resolve) => jwksServer.close(resolve));
    await stack?.close();
  });

  async function ready(): Promise<BusinessTenant> {
    const tenant = await businessTenant(t, root, stack.emulator, { settings: { rateLimits: OPEN_LIMITS } });
    await mapSeat(t, root, tenant.tenantId, 'crm-user-1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
    return tenant;
  }

  const loginFrom = (ip: string, token: string) =>
    t.http.post('/api/v1/login').set(bearer(token)).set('X-Forwarded-For', ip).send({});

  it("a kid stays with the tenant that registered it first when another tenant's JWKS publishes it", async () => {
    const owner = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const intruder = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = (key: typeof owner, kid: string) => ({
      ...key.publicKey.export({ format: 'jwk' }),
      kid,
      alg: 'RS256',
      use: 'sig',
    });
    published['/a.json'] = [jwk(owner, 'shared-kid')];
    published['/b.json'] = [jwk(intruder, 'b-own-kid')];
    const a = await ready();
    const b = await ready();
    const register = (tenantId: string, path: string) =>
      t.http
        .post(`/api/admin/tenants/${tenantId}/keys`)
        .set(bearer(root))
        .send({ type: 'jwks', jwksUrl: jwksUrl(path) })
        .expect(201);
    await register(b.tenantId, '/b.json');
    await register(a.tenantId, '/a.json');
    const rs = (key: typeof owner, kid: string, sub = 'crm-user-1') =>
      jwt.sign({}, key.privateKey, {
        algorithm: 'RS256',
        keyid: kid,
        subject: sub,
        audience: 'seatgate',
        expiresIn: 300,
      });
    await loginFrom('198.51.100.31', rs(owner, 'shared-kid')).expect(201);

    // B's IdP now also publishes A's kid; B's copy is stale and a token naming an unknown kid refreshes it
    published['/b.json'] = [jwk(intruder, 'b-own-kid'), jwk(intruder, 'shared-kid')];
    await t.sql.query(
      `UPDATE signing_keys SET jwks_fetched_at = now() - interval '1 hour' WHERE tenant_id = $1 AND type = 'jwks'`,
      [b.tenantId],
    );
    await loginFrom('198.51.100.32', rs(intruder, 'never-published')).expect(401);

    // the owner's logins keep working; the intruder's key is ignored for that kid
    const ownerLogin = await loginFrom('198.51.100.31', rs(owner, 'shared-kid'));
    expect(ownerLogin.status).toBe(201);
    const intruderLogin = await loginFrom('198.51.100.32', rs(intruder, 'shared-kid'));
    expect(intruderLogin.status).toBe(401);
    const bCache = await t.sql.query(
      `SELECT jwks_cache FROM signing_keys WHERE tenant_id = $1 AND type = 'jwks'`,
      [b.tenantId],
    );
    expect((bCache.rows[0].jwks_cache as { keys: { kid: string }[] }).keys.map((key) => key.kid)).toEqual([
      'b-own-kid',
    ]);
    // audited in the offending tenant's trail, and only there
    const clash = await t.sql.query(
      `SELECT tenant_id, details FROM audit_events WHERE action = 'key.jwks_kid_ignored'`,
    );
    expect(clash.rows).toEqual([
      { tenant_id: b.tenantId, details: expect.objectContaining({ kids: ['shared-kid'] }) },
    ]);
    expect(JSON.stringify(clash.rows)).not.toContain(a.tenantId);
  });

  it('a flood of junk tokens from one address is cut off before anything is written, and other tenants do not notice', async () => {
    const a = await ready();
    const b = await ready();
    const junk = businessToken({ kid: a.kid, secret: 'not-the-secret-of-tenant-a-at-all' }, 'crm-user-1');
    const attacker = '203.0.113.66';

    const timed = async (ip: string, tenant: BusinessTenant, statuses: number[], samples: number[]) => {
      const started = performance.now();
      const response = await loginFrom(ip, businessToken(tenant, 'crm-user-1'));
      samples.push(performance.now() - started);
      statuses.push(response.status);
    };
    const legitimate = async (rounds: number) => {
      const statuses: number[] = [];
      const aSamples: number[] = [];
      const bSamples: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        await timed('198.51.100.41', a, statuses, aSamples);
        await timed('198.51.100.42', b, statuses, bSamples);
      }
      return { statuses, a: p99(aSamples), b: p99(bSamples) };
    };

    const baseline = await legitimate(20);
    const floodStatuses: number[] = [];
    const retryAfter = new Set<string>();
    const flood = Promise.all(
      Array.from({ length: 300 }, () =>
        loginFrom(attacker, junk).then((response) => {
          floodStatuses.push(response.status);
          if (response.status === 429) retryAfter.add(String(response.headers['retry-after']));
        }),
      ),
    );
    const during = await legitimate(20);
    await flood;

    console.log(
      `business login p99 (ms): tenant A ${baseline.a.toFixed(1)} → ${during.a.toFixed(1)} under flood, ` +
        `tenant B ${baseline.b.toFixed(1)} → ${during.b.toFixed(1)} under flood; ` +
        `flood answers: ${floodStatuses.filter((s) => s === 401).length} × 401, ${floodStatuses.filter((s) => s === 429).length} × 429`,
    );
    expect([...baseline.statuses, ...during.statuses].every((status) => status === 201)).toBe(true);
    expect(floodStatuses.every((status) => status === 401 || status === 429)).toBe(true);
    const refused = floodStatuses.filter((status) => status === 429).length;
    // verified at most MAX_IN_FLIGHT_PER_IP at a time, and none once the limit was reached
    expect(300 - refused).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_IP + FAILURES_PER_IP);
    // generous on a shared machine: the flood may not make tenant B's logins markedly slower
    // (tenant A's own chain does take the few admitted refusals' audit writes, so A is only printed)
    expect(during.b).toBeLessThan(Math.max(1_000, baseline.b * 5));

    const perAttempt = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'login.denied' AND ip = $1`,
      [attacker],
    );
    expect(perAttempt.rows[0].n).toBeLessThanOrEqual(FAILURES_PER_IP);
    // the refused rest is summarised per address and window once the window is over
    await new Promise((resolve) => setTimeout(resolve, FAILURE_WINDOW_SECONDS * 1000 + 500));
    const summaries = await t.sql.query(
      `SELECT tenant_id, details FROM audit_events WHERE action = 'login.throttled' AND ip = $1`,
      [attacker],
    );
    expect(summaries.rows.length).toBeGreaterThanOrEqual(1);
    expect(summaries.rows.length).toBeLessThanOrEqual(2);
    const summed = (field: string) =>
      summaries.rows.reduce((sum, row) => sum + Number(row.details[field]), 0);
    expect(summed('refused')).toBe(refused);
    // every attempt is in the trail: one by one up to the limit, the rest in the summary
    expect(perAttempt.rows[0].n + summed('unaudited') + summed('refused')).toBe(300);
    for (const value of retryAfter) expect(value).toMatch(/^[1-9]\d*$/);
    // a new window verifies (and audits) again
    expect((await loginFrom(attacker, junk)).status).toBe(401);
  });

  it('believes only the hop the trusted proxy saw, and builds login URLs from SEATGATE_PUBLIC_URL', async () => {
    const tenant = await ready();
    const response = await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'crm-user-1')))
      .set('X-Forwarded-For', '6.6.6.6, 198.51.100.77')
      .set('X-Forwarded-Proto', 'javascript')
      .set('X-Forwarded-Host', 'evil.example')
      .set('Host', 'evil.example')
      .send({})
      .expect(201);
    expect(response.body.loginUrl).toMatch(new RegExp(`^${PUBLIC_URL}/api/v1/tickets/[A-Za-z0-9_-]{43}$`));
    const issued = await t.sql.query(
      `SELECT ip FROM audit_events WHERE tenant_id = $1 AND action = 'login.issued' ORDER BY seq DESC LIMIT 1`,
      [tenant.tenantId],
    );
    expect(issued.rows[0].ip).toBe('198.51.100.77');
  });

  it('never logs a live ticket, however the path is spelt', async () => {
    const tenant = await ready();
    for (const spell of [
      (path: string) => path.toUpperCase(),
      (path: string) => path.replace('/api/', '/Api/'),
    ]) {
      const issued = await loginFrom('198.51.100.51', businessToken(tenant, 'crm-user-1')).expect(201);
      const path = new URL(issued.body.loginUrl as string).pathname;
      const ticket = path.split('/').pop()!;
      const variant = spell(path).replace(ticket.toUpperCase(), ticket);
      await t.http.get(variant).expect(302);
      await t.http.get(`/${path}`);
      expect(t.logs.join('\n')).not.toContain(ticket);
    }
    expect(t.logs.join('\n')).toContain('/api/v1/tickets/[redacted]');
  });
});
