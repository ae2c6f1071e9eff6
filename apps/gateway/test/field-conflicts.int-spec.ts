// Conflicts a form shows on one field (issue 14): a tenant slug or an admin's email already taken is
// a coded 409 that changes nothing (the console words it on the field, naming the slug or address).
import {
  bearer,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  unique,
  type TestApp,
} from './support/app';

describe('field conflicts', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(() => t.close());

  const count = async (table: 'tenants' | 'admin_users') =>
    Number((await t.sql.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

  it('a taken tenant slug is 409 tenant_slug_taken, and no second tenant is written', async () => {
    const slug = unique('taken');
    await createTenant(t, token, slug);
    const before = await count('tenants');
    const again = await t.http
      .post('/api/admin/tenants')
      .set(bearer(token))
      .send({ slug, name: 'Another name' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('tenant_slug_taken');
    expect(await count('tenants')).toBe(before);
  });

  it('a taken admin email is 409 email_taken, whatever its case, and no second admin is written', async () => {
    const email = `${unique('taken')}@e2e.test`;
    await t.http
      .post('/api/admin/users')
      .set(bearer(token))
      .send({ email, password: 'a-long-password-123', role: 'auditor', tenantIds: [], allTenants: true })
      .expect(201);
    const before = await count('admin_users');
    const again = await t.http.post('/api/admin/users').set(bearer(token)).send({
      email: email.toUpperCase(),
      password: 'another-password-456',
      role: 'auditor',
      tenantIds: [],
      allTenants: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('email_taken');
    expect(await count('admin_users')).toBe(before);
  });
});
