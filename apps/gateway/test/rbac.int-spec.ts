// Every admin route × every kind of caller. Another tenant's records are 404 with no data;
// auditors may read but never change (403); anonymous callers get 401.
import { randomUUID } from 'node:crypto';
import {
  bearer,
  createAdmin,
  createTcccApp,
  createTenant,
  login,
  nextSdkAppId,
  type TestApp,
} from './support/app';
import { startAppWithEmulator, type EmulatedTestApp } from './support/business';

type Caller = 'platform' | 'adminA' | 'adminB' | 'auditorA' | 'anonymous';

interface Fixture {
  tenantA: string;
  appA: string;
  seatA: string;
  userX: string;
}

interface RouteCase {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  contentType?: string;
  expect: Record<Caller, number>;
}

// A read of tenant A's data, a change to it, and a platform-only operation on it.
const read = { platform: 200, adminA: 200, adminB: 404, auditorA: 200, anonymous: 401 };
const write = (ok: number) => ({ platform: ok, adminA: ok, adminB: 404, auditorA: 403, anonymous: 401 });
const platformOnTenant = (ok: number) => ({
  platform: ok,
  adminA: 403,
  adminB: 404,
  auditorA: 403,
  anonymous: 401,
});
const platformOnly = (ok: number) => ({
  platform: ok,
  adminA: 403,
  adminB: 403,
  auditorA: 403,
  anonymous: 401,
});
const anyAdmin = (ok: number) => ({ platform: ok, adminA: ok, adminB: ok, auditorA: ok, anonymous: 401 });

const T = (f: Fixture) => `/api/admin/tenants/${f.tenantA}`;

const ROUTES: RouteCase[] = [
  { name: 'me', method: 'get', path: () => '/api/auth/me', expect: anyAdmin(200) },
  { name: 'list tenants', method: 'get', path: () => '/api/admin/tenants', expect: anyAdmin(200) },
  {
    name: 'create tenant',
    method: 'post',
    path: () => '/api/admin/tenants',
    body: () => ({ slug: `rbac-${randomUUID().slice(0, 8)}`, name: 'New' }),
    expect: platformOnly(201),
  },
  { name: 'get tenant', method: 'get', path: T, expect: read },
  { name: 'update tenant', method: 'patch', path: T, body: () => ({ name: 'Renamed' }), expect: write(200) },
  { name: 'suspend tenant', method: 'post', path: (f) => `${T(f)}/suspend`, expect: platformOnTenant(200) },
  { name: 'resume tenant', method: 'post', path: (f) => `${T(f)}/resume`, expect: platformOnTenant(200) },
  { name: 'list apps', method: 'get', path: (f) => `${T(f)}/apps`, expect: read },
  {
    name: 'create app',
    method: 'post',
    path: (f) => `${T(f)}/apps`,
    body: () => ({
      sdkAppId: nextSdkAppId('160'),
      label: 'Desk',
      secretId: 'AKIDrbac00000001',
      secretKey: 'rbac-secret-key-1',
      skipCheck: true,
    }),
    expect: write(201),
  },
  { name: 'get app', method: 'get', path: (f) => `${T(f)}/apps/${f.appA}`, expect: read },
  {
    name: 'update app',
    method: 'patch',
    path: (f) => `${T(f)}/apps/${f.appA}`,
    body: () => ({ label: 'Renamed' }),
    expect: write(200),
  },
  // a TCCC call plus an audit event: a side effect auditors must not cause
  {
    name: 'test app connection',
    method: 'post',
    path: (f) => `${T(f)}/apps/${f.appA}/test`,
    expect: write(200),
  },
  {
    name: 'rotate credentials',
    method: 'put',
    path: (f) => `${T(f)}/apps/${f.appA}/credentials`,
    body: () => ({ secretId: 'AKIDrotated000001', secretKey: 'rotated-secret-key', skipCheck: true }),
    expect: write(200),
  },
  { name: 'tenant overview', method: 'get', path: (f) => `${T(f)}/overview`, expect: read },
  { name: 'licences per app', method: 'get', path: (f) => `${T(f)}/overview/licences`, expect: read },
  { name: 'jobs', method: 'get', path: (f) => `${T(f)}/jobs`, expect: read },
  { name: 'sessions', method: 'get', path: (f) => `${T(f)}/sessions`, expect: read },
  {
    name: 'presence history of a seat',
    method: 'get',
    path: (f) => `${T(f)}/sessions/${f.seatA}/history`,
    expect: read,
  },
  { name: 'usage', method: 'get', path: (f) => `${T(f)}/usage`, expect: read },
  { name: 'SCIM status', method: 'get', path: (f) => `${T(f)}/scim`, expect: read },
  { name: 'list SCIM tokens', method: 'get', path: (f) => `${T(f)}/scim/tokens`, expect: read },
  {
    name: 'create SCIM token',
    method: 'post',
    path: (f) => `${T(f)}/scim/tokens`,
    body: () => ({ label: 'IdP' }),
    expect: write(201),
  },
  {
    name: 'revoke SCIM token',
    method: 'delete',
    path: (f) => `${T(f)}/scim/tokens/${randomUUID()}`,
    expect: { platform: 404, adminA: 404, adminB: 404, auditorA: 403, anonymous: 401 },
  },
  { name: 'usage export', method: 'get', path: (f) => `${T(f)}/usage/export`, expect: read },
  { name: 'list signing keys', method: 'get', path: (f) => `${T(f)}/keys`, expect: read },
  {
    name: 'create signing key',
    method: 'post',
    path: (f) => `${T(f)}/keys`,
    body: () => ({ type: 'hs256' }),
    expect: write(201),
  },
  { name: 'list seats', method: 'get', path: (f) => `${T(f)}/seats`, expect: read },
  {
    name: 'create seat',
    method: 'post',
    path: (f) => `${T(f)}/seats`,
    body: () => ({
      businessUserId: `u-${randomUUID()}`,
      sdkAppId: 0,
      seatUserId: `${randomUUID()}@corp.test`,
    }),
    expect: write(201),
  },
  { name: 'get seat', method: 'get', path: (f) => `${T(f)}/seats/${f.seatA}`, expect: read },
  {
    name: 'update seat',
    method: 'patch',
    path: (f) => `${T(f)}/seats/${f.seatA}`,
    body: () => ({ displayName: 'Agent' }),
    expect: write(200),
  },
  {
    name: 'import seats',
    method: 'post',
    path: (f) => `${T(f)}/seats/import`,
    body: () => 'businessUserId,sdkAppId,seatUserId,displayName\n',
    contentType: 'text/csv',
    expect: write(200),
  },
  { name: 'export seats', method: 'get', path: (f) => `${T(f)}/seats/export`, expect: read },
  {
    name: 'list audit of tenant',
    method: 'get',
    path: (f) => `/api/admin/audit?tenantId=${f.tenantA}`,
    expect: read,
  },
  {
    name: 'export audit of tenant',
    method: 'get',
    path: (f) => `/api/admin/audit/export?tenantId=${f.tenantA}`,
    expect: read,
  },
  {
    name: 'verify audit of tenant',
    method: 'get',
    path: (f) => `/api/admin/audit/verify?tenantId=${f.tenantA}`,
    expect: read,
  },
  { name: 'list users', method: 'get', path: () => '/api/admin/users', expect: platformOnly(200) },
  {
    name: 'create user',
    method: 'post',
    path: () => '/api/admin/users',
    body: () => ({
      email: `${randomUUID()}@seatgate.test`,
      password: 'long-enough-password',
      role: 'auditor',
      tenantIds: [],
    }),
    expect: platformOnly(201),
  },
  { name: 'get user', method: 'get', path: (f) => `/api/admin/users/${f.userX}`, expect: platformOnly(200) },
  {
    name: 'update user',
    method: 'patch',
    path: (f) => `/api/admin/users/${f.userX}`,
    body: () => ({ disabled: false }),
    expect: platformOnly(200),
  },
  // destructive routes last: each caller gets its own target where the operation succeeds
  { name: 'delete seat', method: 'delete', path: (f) => `${T(f)}/seats/${f.seatA}`, expect: write(204) },
  { name: 'delete app', method: 'delete', path: (f) => `${T(f)}/apps/${f.appA}`, expect: write(204) },
  {
    name: 'delete user',
    method: 'delete',
    path: (f) => `/api/admin/users/${f.userX}`,
    expect: platformOnly(204),
  },
  { name: 'delete tenant', method: 'delete', path: T, expect: platformOnTenant(204) },
];

describe('RBAC matrix over every admin route', () => {
  let stack: EmulatedTestApp;
  let t: TestApp;
  let root: string;
  const tokens: Partial<Record<Caller, string>> = {};
  const accounts: Partial<Record<'adminA' | 'auditorA', { id: string; email: string; password: string }>> =
    {};
  let tenantB: string;

  beforeAll(async () => {
    // TCCC is the emulator, so that routes which call it answer quickly and offline
    stack = await startAppWithEmulator();
    ({ t, root } = stack);
    const a = await createTenant(t, root);
    tenantB = (await createTenant(t, root)).id;
    tokens.platform = root;
    const adminA = await createAdmin(t, root, 'tenant_admin', [a.id]);
    const auditorA = await createAdmin(t, root, 'auditor', [a.id]);
    accounts.adminA = adminA;
    accounts.auditorA = auditorA;
    tokens.adminA = adminA.token;
    tokens.adminB = (await createAdmin(t, root, 'tenant_admin', [tenantB])).token;
    tokens.auditorA = auditorA.token;
  });
  afterAll(() => stack.close());

  // A fresh tenant A (with an app, a seat) and a spare admin user per check, so that each caller
  // meets the same state and destructive routes can succeed for whoever is allowed.
  async function fixture(): Promise<Fixture> {
    const tenant = await createTenant(t, root);
    const app = await createTcccApp(t, root, tenant.id);
    const seat = await t.http
      .post(`/api/admin/tenants/${tenant.id}/seats`)
      .set(bearer(root))
      .send({ businessUserId: 'u-1', sdkAppId: app.sdkAppId, seatUserId: 'agent1@corp.test' })
      .expect(201);
    const user = await t.http
      .post('/api/admin/users')
      .set(bearer(root))
      .send({
        email: `${randomUUID()}@seatgate.test`,
        password: 'long-enough-password',
        role: 'auditor',
        tenantIds: [],
      })
      .expect(201);
    // tenant A's admins are linked to the fixture tenant too; a change of tenants ends an admin's
    // sessions, so they sign in again
    for (const caller of ['adminA', 'auditorA'] as const) {
      const account = accounts[caller]!;
      const current = await t.http.get(`/api/admin/users/${account.id}`).set(bearer(root)).expect(200);
      await t.http
        .patch(`/api/admin/users/${account.id}`)
        .set(bearer(root))
        .send({ tenantIds: [...current.body.tenantIds, tenant.id] })
        .expect(200);
      expect((await t.http.get('/api/auth/me').set(bearer(tokens[caller]!))).status).toBe(401);
      tokens[caller] = await login(t, account.email, account.password);
    }
    return { tenantA: tenant.id, appA: app.id, seatA: seat.body.id, userX: user.body.id };
  }

  const callers: Caller[] = ['platform', 'adminA', 'adminB', 'auditorA', 'anonymous'];

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    const f = await fixture();
    const appSdkId = (
      await t.http.get(`/api/admin/tenants/${f.tenantA}/apps/${f.appA}`).set(bearer(root)).expect(200)
    ).body.sdkAppId;
    for (const caller of callers) {
      let req = t.http[route.method](route.path(f));
      if (caller !== 'anonymous') req = req.set(bearer(tokens[caller]!));
      if (route.body) {
        let body = route.body(f);
        if (
          body &&
          typeof body === 'object' &&
          'sdkAppId' in body &&
          (body as { sdkAppId: number }).sdkAppId === 0
        ) {
          body = { ...body, sdkAppId: appSdkId };
        }
        req = route.contentType
          ? req.set('Content-Type', route.contentType).send(body as string)
          : req.send(body as object);
      }
      const response = await req;
      const expected = route.expect[caller];
      if (response.status !== expected) {
        throw new Error(
          `${route.method.toUpperCase()} ${route.name} as ${caller}: expected ${expected}, got ${response.status} ${response.text.slice(0, 200)}`,
        );
      }
      if (expected >= 400) {
        expect(response.body).toEqual({
          code: expect.any(String),
          message: expect.any(String),
          requestId: expect.any(String),
        });
        // a refusal carries no data of the tenant
        expect(response.text).not.toContain('agent1@corp.test');
        expect(response.text).not.toContain('AKID');
      }
      if (expected === 404) expect(response.body.code).toMatch(/not_found$/);
      // after a successful destructive call, rebuild the fixture for the next caller
      if (route.method === 'delete' && response.status === 204 && caller !== callers[callers.length - 1]) {
        Object.assign(f, await fixture());
      }
    }
  });

  it("a tenant admin edits its settings but not its Tencent Cloud account's upstream quota", async () => {
    const tenant = await createTenant(t, root);
    const { token } = await createAdmin(t, root, 'tenant_admin', [tenant.id]);
    const patch = (caller: string, settings: object) =>
      t.http.patch(`/api/admin/tenants/${tenant.id}`).set(bearer(caller)).send({ settings });
    await patch(token, { tokenAudience: 'crm' }).expect(200);
    const refused = await patch(token, { upstreamQuotaPerSecond: 100 }).expect(403);
    expect(refused.body.code).toBe('forbidden');
    const raised = await patch(root, { upstreamQuotaPerSecond: 100 }).expect(200);
    expect(raised.body.settings).toMatchObject({ tokenAudience: 'crm', upstreamQuotaPerSecond: 100 });
    // the tenant admin still saves its other settings, with the quota it was given
    await patch(token, { tokenAudience: 'crm2', upstreamQuotaPerSecond: 100 }).expect(200);
    await patch(token, { upstreamQuotaPerSecond: 20 }).expect(403);
  });

  it("lists show no other tenant's records", async () => {
    const listB = await t.http.get('/api/admin/tenants?pageSize=200').set(bearer(tokens.adminB!)).expect(200);
    expect(listB.body.items.map((item: { id: string }) => item.id)).toEqual([tenantB]);
    const auditB = await t.http.get('/api/admin/audit?limit=500').set(bearer(tokens.adminB!)).expect(200);
    for (const event of auditB.body.items) expect(event.tenantId).toBe(tenantB);
  });

  it('an auditor whose only tenant is deleted reaches nothing, instead of every tenant', async () => {
    const tenant = await createTenant(t, root);
    const other = await createTenant(t, root);
    const auditor = await createAdmin(t, root, 'auditor', [tenant.id]);
    await t.http.delete(`/api/admin/tenants/${tenant.id}`).set(bearer(root)).expect(204);
    const me = await t.http.get('/api/auth/me').set(bearer(auditor.token)).expect(200);
    expect(me.body.tenantIds).toEqual([]);
    const list = await t.http.get('/api/admin/tenants').set(bearer(auditor.token)).expect(200);
    expect(list.body.items).toEqual([]);
    expect(list.body.total).toBe(0);
    const read = await t.http.get(`/api/admin/tenants/${other.id}`).set(bearer(auditor.token));
    expect(read.status).toBe(404);
    const audit = await t.http.get('/api/admin/audit?limit=50').set(bearer(auditor.token)).expect(200);
    expect(audit.body.items).toEqual([]);
    const view = await t.http.get(`/api/admin/users/${auditor.id}`).set(bearer(root)).expect(200);
    expect(view.body).toMatchObject({ tenantIds: [], allTenants: false });
  });

  it('platform-wide reading is an explicit flag of auditors only', async () => {
    const tenant = await createTenant(t, root);
    const email = `${randomUUID()}@seatgate.test`;
    const password = 'long-enough-password';
    const created = await t.http
      .post('/api/admin/users')
      .set(bearer(root))
      .send({ email, password, role: 'auditor', allTenants: true })
      .expect(201);
    expect(created.body).toMatchObject({ role: 'auditor', allTenants: true, tenantIds: [] });
    // created by another admin: it chooses its own password first
    const first = await login(t, email, password);
    const token = (
      await t.http
        .post('/api/auth/password')
        .set(bearer(first))
        .send({ currentPassword: password, newPassword: `${password}-own` })
        .expect(200)
    ).body.accessToken as string;
    expect((await t.http.get('/api/auth/me').set(bearer(token)).expect(200)).body.tenantIds).toBe('all');
    await t.http.get(`/api/admin/tenants/${tenant.id}`).set(bearer(token)).expect(200);
    // scoping it again is explicit too, and ends its sessions
    const scoped = await t.http
      .patch(`/api/admin/users/${created.body.id}`)
      .set(bearer(root))
      .send({ allTenants: false, tenantIds: [tenant.id] })
      .expect(200);
    expect(scoped.body).toMatchObject({ allTenants: false, tenantIds: [tenant.id] });
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(401);
    // refused: a platform-wide tenant admin, a platform-wide auditor with a tenant list
    for (const body of [
      { role: 'tenant_admin', allTenants: true, tenantIds: [tenant.id] },
      { role: 'auditor', allTenants: true, tenantIds: [tenant.id] },
      { role: 'platform_admin', allTenants: false },
    ]) {
      const refused = await t.http
        .post('/api/admin/users')
        .set(bearer(root))
        .send({ email: `${randomUUID()}@seatgate.test`, password, ...body });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
    }
  });
});
