// The audit log names tenants (list, CSV export, admin users) with one tenant lookup per page,
// counted at the wire, and filters by outcome and by exact action; unknown values are a coded 400.
import { parse } from 'csv-parse/sync';
import {
  bearer,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  testEnv,
  type TestApp,
} from './support/app';
import { createTestDatabase } from './support/database';
import { countPostgres, type WireCounter } from './support/wire-counter';

describe('audit log: tenant names and filters', () => {
  let t: TestApp;
  let pg: WireCounter;
  let token: string;

  beforeAll(async () => {
    const db = await createTestDatabase();
    const proxied = await countPostgres(db.url);
    pg = proxied.counter;
    t = await startTestApp({ db, env: testEnv(proxied.url) });
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
    await pg.close();
  });

  const get = (path: string) => t.http.get(path).set(bearer(token));

  /** Statements a list request runs, and how many of them read the tenants table. */
  async function countList(path: string): Promise<{ statements: number; tenantReads: number }> {
    pg.reset();
    await get(path).expect(200);
    const counts = pg.counts();
    return {
      statements: counts.statements,
      tenantReads: counts.seen.filter((sql) => /FROM "public"\."tenants"/.test(sql)).length,
    };
  }

  it('shows each event with its tenant name, in one lookup per page whatever the tenants on it', async () => {
    const first = await createTenant(t, token);
    const few = await countList('/api/admin/audit?exactAction=tenant.created&limit=2');
    for (let i = 0; i < 11; i += 1) await createTenant(t, token);
    const many = await countList('/api/admin/audit?exactAction=tenant.created&limit=12');
    expect(many).toEqual(few);
    expect(many.tenantReads).toBe(1);

    const page = await get(`/api/admin/audit?tenantId=${first.id}`).expect(200);
    expect(page.body.items[0]).toMatchObject({ tenantId: first.id, tenantName: `Tenant ${first.slug}` });
    const platform = await get('/api/admin/audit?exactAction=auth.login.succeeded').expect(200);
    expect(platform.body.items[0]).toMatchObject({ tenantId: null, tenantName: null });
  });

  it('keeps a deleted tenant’s id, with no name', async () => {
    const gone = await createTenant(t, token);
    const deleted = await t.http.delete(`/api/admin/tenants/${gone.id}`).set(bearer(token));
    expect(deleted.status).toBe(204);
    const page = await get(`/api/admin/audit?tenantId=${gone.id}`).expect(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    for (const item of page.body.items) expect(item).toMatchObject({ tenantId: gone.id, tenantName: null });
  });

  it('exports the tenant name beside the tenant id', async () => {
    const tenant = await createTenant(t, token);
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(token))
      .send({ name: '华东 客服' })
      .expect(200);
    const csv = await get(`/api/admin/audit/export?tenantId=${tenant.id}`).expect(200);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    // names are today's: both events carry the renamed tenant's name
    for (const row of rows) expect(row).toMatchObject({ tenantId: tenant.id, tenantName: '华东 客服' });
  });

  it('filters by outcome and by exact action, and refuses unknown ones with a code', async () => {
    await t.http.post('/api/auth/login').send({ email: PLATFORM_ADMIN.email, password: 'wrong' }).expect(401);
    const failures = await get('/api/admin/audit?outcome=failure').expect(200);
    expect(failures.body.items.length).toBeGreaterThan(0);
    expect(new Set(failures.body.items.map((item: { outcome: string }) => item.outcome))).toEqual(
      new Set(['failure']),
    );
    const successes = await get('/api/admin/audit?outcome=success&exactAction=auth.login.failed').expect(200);
    expect(successes.body.items).toEqual([]);

    const tenant = await createTenant(t, token);
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(token))
      .send({ name: 'Renamed' })
      .expect(200);
    // the prefix `tenant.` matches both events; the exact action only the one
    const family = await get(`/api/admin/audit?tenantId=${tenant.id}&action=tenant.`).expect(200);
    expect(family.body.items.map((item: { action: string }) => item.action).sort()).toEqual([
      'tenant.created',
      'tenant.updated',
    ]);
    const exact = await get(`/api/admin/audit?tenantId=${tenant.id}&exactAction=tenant.updated`).expect(200);
    expect(exact.body.items.map((item: { action: string }) => item.action)).toEqual(['tenant.updated']);

    for (const [query, field] of [
      ['outcome=maybe', 'outcome'],
      ['exactAction=tenant.', 'exactAction'],
      ['exactAction=tenant.renamed', 'exactAction'],
    ]) {
      for (const path of ['/api/admin/audit', '/api/admin/audit/export']) {
        const response = await get(`${path}?${query}`);
        expect({
          status: response.status,
          code: response.body.code,
          issues: response.body.details?.issues,
        }).toEqual({
          status: 400,
          code: 'validation_failed',
          issues: [expect.objectContaining({ path: field, code: 'invalid_value' })],
        });
      }
    }
  });

  it('lists admin users with their tenants’ names, in one tenant lookup per page', async () => {
    const a = await createTenant(t, token);
    const b = await createTenant(t, token);
    const created = await t.http
      .post('/api/admin/users')
      .set(bearer(token))
      .send({
        email: 'names@example.com',
        password: 'a-long-password-1',
        role: 'tenant_admin',
        tenantIds: [a.id, b.id],
      })
      .expect(201);
    expect(created.body.tenants).toEqual(
      expect.arrayContaining([
        { id: a.id, name: `Tenant ${a.slug}` },
        { id: b.id, name: `Tenant ${b.slug}` },
      ]),
    );
    const one = await countList('/api/admin/users?pageSize=1&q=names@');
    for (let i = 0; i < 4; i += 1) {
      const tenant = await createTenant(t, token);
      await t.http
        .post('/api/admin/users')
        .set(bearer(token))
        .send({
          email: `names${i}@example.com`,
          password: 'a-long-password-1',
          role: 'auditor',
          tenantIds: [tenant.id],
        })
        .expect(201);
    }
    const five = await countList('/api/admin/users?pageSize=5&q=names');
    expect(five).toEqual(one);
    expect(five.tenantReads).toBe(1);
    const list = await get('/api/admin/users?q=names@').expect(200);
    expect(list.body.items[0].tenants).toHaveLength(2);
  });
});
