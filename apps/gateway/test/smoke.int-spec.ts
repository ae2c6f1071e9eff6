import {
  bearer,
  createTcccApp,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  type TestApp,
} from './support/app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('boots, signs in the bootstrap admin and creates a tenant with an app', async () => {
    const token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const tenant = await createTenant(t, token);
    const app = await createTcccApp(t, token, tenant.id);
    const got = await t.http
      .get(`/api/admin/tenants/${tenant.id}/apps/${app.id}`)
      .set(bearer(token))
      .expect(200);
    expect(got.body.secretIdMasked).toBe('AKID****0001');
    expect(JSON.stringify(got.body)).not.toContain('test-secret-key-0001');
  });
});
