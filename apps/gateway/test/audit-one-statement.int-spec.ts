// The login path's audit appends (hash version 2): the ticket, redemption or denial, its audit
// event and the chain link in one statement. Chains stay verifiable with old (version 1) events in
// them, under concurrency in one tenant, for content PostgreSQL and JavaScript must hash alike, and
// for tenants whose chain head predates "heads are created with their tenant".
import fc from 'fast-check';
import type { RequestMeta } from '../src/common/context/request-context';
import { AuditService } from '../src/modules/audit/audit.service';
import { bearer, type TestApp } from './support/app';
import {
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type BusinessTenant,
  type EmulatedTestApp,
} from './support/business';

describe('audit appends in one statement', () => {
  let stack: EmulatedTestApp;
  let t: TestApp;
  let tenant: BusinessTenant;

  beforeAll(async () => {
    stack = await startAppWithEmulator();
    t = stack.t;
    tenant = await businessTenant(t, stack.root, stack.emulator, {
      settings: { rateLimits: { perUserPerMinute: 1000, perTenantPerMinute: 1000, perIpPerMinute: 1000 } },
    });
    await mapSeat(t, stack.root, tenant.tenantId, 'u1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
  });
  afterAll(() => stack?.close());

  const verify = async (tenantId: string) =>
    (await t.http.get(`/api/admin/audit/verify?tenantId=${tenantId}`).set(bearer(stack.root)).expect(200))
      .body as { ok: boolean; checked: number; reason?: string };

  const versions = async (tenantId: string) =>
    (
      await t.sql.query<{ hash_version: number; n: number }>(
        `SELECT hash_version, count(*)::int AS n FROM audit_events WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`,
        [tenantId],
      )
    ).rows;

  it('creates the chain head with the tenant', async () => {
    const head = await t.sql.query(`SELECT seq FROM audit_chain_heads WHERE chain_id = $1`, [
      tenant.tenantId,
    ]);
    expect(head.rows).toHaveLength(1);
  });

  it('keeps one tenant chain valid under parallel logins, redemptions, replays and denials', async () => {
    const issued = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.http
          .post('/api/v1/login')
          .set(bearer(businessToken(tenant, 'u1')))
          .send({}),
      ),
    );
    expect(issued.map((response) => response.status)).toEqual(Array(16).fill(201));
    const paths = issued.map((response) => new URL(response.body.loginUrl as string).pathname);
    const uses = await Promise.all([
      ...paths.map((path) => t.http.get(path)),
      ...paths.map((path) => t.http.get(path)),
      ...Array.from({ length: 8 }, () =>
        t.http
          .post('/api/v1/login')
          .set(bearer(businessToken(tenant, 'nobody')))
          .send({}),
      ),
    ]);
    const statuses = uses.map((response) => response.status);
    expect(statuses.filter((status) => status === 302)).toHaveLength(16);
    expect(statuses.filter((status) => status === 410)).toHaveLength(16);
    expect(statuses.filter((status) => status === 403)).toHaveLength(8);

    const counts = await t.sql.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND hash_version = 2
       GROUP BY 1 ORDER BY 1`,
      [tenant.tenantId],
    );
    expect(counts.rows).toEqual([
      { action: 'login.denied', n: 8 },
      { action: 'login.issued', n: 16 },
      { action: 'login.redeemed', n: 16 },
      { action: 'login.replay', n: 16 },
    ]);
    // the chain mixes the admin changes' version-1 events with the login path's version-2 events
    expect((await versions(tenant.tenantId)).map((row) => row.hash_version)).toEqual([1, 2]);
    const verdict = await verify(tenant.tenantId);
    expect(verdict.ok).toBe(true);
    const total = await t.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(verdict.checked).toBe(total.rows[0]!.n);
  });

  it('stores what it hashed: a changed version-2 event breaks verification', async () => {
    const other = await businessTenant(t, stack.root, stack.emulator);
    await mapSeat(t, stack.root, other.tenantId, 'u1', other.apps[0]!.sdkAppId, 'agent1@corp.test');
    const issued = await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(other, 'u1')))
      .send({})
      .expect(201);
    await t.http.get(new URL(issued.body.loginUrl as string).pathname).expect(302);
    expect((await verify(other.tenantId)).ok).toBe(true);
    const redeemed = await t.sql.query<{ id: string; details: Record<string, unknown> }>(
      `SELECT id, details FROM audit_events WHERE tenant_id = $1 AND action = 'login.redeemed'`,
      [other.tenantId],
    );
    expect(redeemed.rows[0]!.details).toEqual({
      sdkAppId: other.apps[0]!.sdkAppId,
      seatUserId: 'agent1@corp.test',
    });
    await t.sql.query(`UPDATE audit_events SET details = '{"sdkAppId":1,"seatUserId":"x"}' WHERE id = $1`, [
      redeemed.rows[0]!.id,
    ]);
    expect(await verify(other.tenantId)).toMatchObject({ ok: false });
  });

  it('hashes any content alike in PostgreSQL and JavaScript', async () => {
    const audit = t.app.get(AuditService);
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        fc.dictionary(
          text,
          fc.oneof(
            text,
            fc.integer(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.boolean(),
            fc.constant(null),
          ),
        ),
        async (userAgent, display, details) => {
          // PostgreSQL text holds no NUL; the gateway's validation refuses it before any audit
          const clean = (value: string) => value.replace(/\u0000/g, '');
          const meta: RequestMeta = { requestId: 'prop', ip: '203.0.113.9', userAgent: clean(userAgent) };
          const cleanDetails = Object.fromEntries(
            Object.entries(details).map(([key, value]) => [
              clean(key),
              typeof value === 'string' ? clean(value) : value,
            ]),
          );
          await audit.record({
            tenantId: tenant.tenantId,
            actor: { type: 'business_user', id: clean(display), display: clean(display) },
            action: 'key.jwks_kid_ignored', // any AuditAction: the property is about the free-form fields
            outcome: 'denied',
            meta,
            details: cleanDetails,
          });
        },
      ),
      { numRuns: 60 },
    );
    expect((await verify(tenant.tenantId)).ok).toBe(true);
  });

  it('creates a missing head for a tenant that predates heads, and stays verifiable', async () => {
    const old = await businessTenant(t, stack.root, stack.emulator);
    await mapSeat(t, stack.root, old.tenantId, 'u1', old.apps[0]!.sdkAppId, 'agent1@corp.test');
    // as before this change: a tenant with no head and (here) no events yet
    await t.sql.query(`DELETE FROM audit_events WHERE tenant_id = $1`, [old.tenantId]);
    await t.sql.query(`DELETE FROM audit_chain_heads WHERE chain_id = $1`, [old.tenantId]);
    const issued = await t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(old, 'u1')))
      .send({})
      .expect(201);
    await t.http.get(new URL(issued.body.loginUrl as string).pathname).expect(302);
    expect(await verify(old.tenantId)).toEqual({ ok: true, checked: 2 });
  });

  it("shares statements across tenants: each chain stays whole, and a headless tenant's login waits for its head", async () => {
    const open = { rateLimits: { perUserPerMinute: 1000, perTenantPerMinute: 1000, perIpPerMinute: 1000 } };
    const tenants = await Promise.all(
      [0, 1, 2].map(() => businessTenant(t, stack.root, stack.emulator, { settings: open })),
    );
    for (const other of tenants)
      await mapSeat(t, stack.root, other.tenantId, 'u1', other.apps[0]!.sdkAppId, 'agent1@corp.test');
    const headless = tenants[2]!;
    await t.sql.query(`DELETE FROM audit_events WHERE tenant_id = $1`, [headless.tenantId]);
    await t.sql.query(`DELETE FROM audit_chain_heads WHERE chain_id = $1`, [headless.tenantId]);
    const issued = await Promise.all(
      Array.from({ length: 18 }, (_, i) =>
        t.http
          .post('/api/v1/login')
          .set(bearer(businessToken(tenants[i % 3]!, 'u1')))
          .send({}),
      ),
    );
    expect(issued.map((response) => response.status)).toEqual(Array(18).fill(201));
    for (const response of issued)
      await t.http.get(new URL(response.body.loginUrl as string).pathname).expect(302);
    const [first, second] = tenants;
    for (const other of [first!, second!]) expect(await verify(other.tenantId)).toMatchObject({ ok: true });
    // its head was created on its first login; every login and redemption is in its chain
    expect(await verify(headless.tenantId)).toEqual({ ok: true, checked: 12 });
  });
});
