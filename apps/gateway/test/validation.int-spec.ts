// Bad input: a 4xx with a code and a message, never a 500, and nothing written.
import {
  bearer,
  createTcccApp,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  type TestApp,
} from './support/app';

describe('input validation', () => {
  let t: TestApp;
  let token: string;
  let tenantId: string;
  let sdkAppId: number;

  beforeAll(async () => {
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenantId = (await createTenant(t, token)).id;
    sdkAppId = (await createTcccApp(t, token, tenantId)).sdkAppId;
  });
  afterAll(() => t.close());

  async function snapshot(): Promise<string> {
    const counts = await t.sql.query(`
      SELECT (SELECT count(*) FROM tenants) AS tenants, (SELECT count(*) FROM tccc_apps) AS apps,
             (SELECT count(*) FROM seat_mappings) AS seats, (SELECT count(*) FROM admin_users) AS users,
             (SELECT count(*) FROM audit_events) AS audit, (SELECT max(updated_at) FROM tenants) AS touched`);
    return JSON.stringify(counts.rows[0]);
  }

  const T = () => `/api/admin/tenants/${tenantId}`;
  const cases: [string, string, string, unknown, number, string][] = [
    [
      'tenant slug with capitals',
      'post',
      '/api/admin/tenants',
      { slug: 'Bad_Slug', name: 'x' },
      400,
      'validation_failed',
    ],
    [
      'tenant slug too short',
      'post',
      '/api/admin/tenants',
      { slug: 'a', name: 'x' },
      400,
      'validation_failed',
    ],
    [
      'tenant with unknown field',
      'post',
      '/api/admin/tenants',
      { slug: 'fine-slug', name: 'x', extra: 1 },
      400,
      'validation_failed',
    ],
    [
      'tenant settings with a bad origin',
      'patch',
      'T',
      { settings: { allowedOrigins: ['not a url'] } },
      400,
      'validation_failed',
    ],
    [
      'tenant time zone that is not an IANA zone',
      'patch',
      'T',
      { settings: { timeZone: 'Mars/Olympus_Mons' } },
      400,
      'validation_failed',
    ],
    [
      'tenant time zone as an offset',
      'patch',
      'T',
      { settings: { timeZone: '+08:00' } },
      400,
      'validation_failed',
    ],
    [
      'tenant rate limit below 1',
      'patch',
      'T',
      { settings: { rateLimits: { perUserPerMinute: 0 } } },
      400,
      'validation_failed',
    ],
    [
      'app with a string sdkAppId',
      'post',
      'T/apps',
      { sdkAppId: 'abc', label: 'x', secretId: 'AKIDxxxxxxxx', secretKey: 'yyyyyyyyyy' },
      400,
      'validation_failed',
    ],
    [
      'app without secretKey',
      'post',
      'T/apps',
      { sdkAppId: 1400999999, label: 'x', secretId: 'AKIDxxxxxxxx' },
      400,
      'validation_failed',
    ],
    [
      'app with a bad kind',
      'post',
      'T/apps',
      { sdkAppId: 1400999998, label: 'x', kind: 'phone', secretId: 'AKIDxxxxxxxx', secretKey: 'yyyyyyyyyy' },
      400,
      'validation_failed',
    ],
    [
      'seat with a non-email seat',
      'post',
      'T/seats',
      { businessUserId: 'u', sdkAppId: 0, seatUserId: 'nope' },
      400,
      'validation_failed',
    ],
    [
      'seat with a 129-char business user',
      'post',
      'T/seats',
      { businessUserId: 'x'.repeat(129), sdkAppId: 0, seatUserId: 'a@b.c' },
      400,
      'validation_failed',
    ],
    [
      'seat with a control character',
      'post',
      'T/seats',
      { businessUserId: 'a\u0007b', sdkAppId: 0, seatUserId: 'a@b.c' },
      400,
      'validation_failed',
    ],
    [
      'user with a short password',
      'post',
      '/api/admin/users',
      { email: 'x@y.zz', password: 'short', role: 'auditor' },
      400,
      'validation_failed',
    ],
    [
      'user with a bad role',
      'post',
      '/api/admin/users',
      { email: 'x@y.zz', password: 'long-enough-pass', role: 'root' },
      400,
      'validation_failed',
    ],
    [
      'tenant admin without tenants',
      'post',
      '/api/admin/users',
      { email: 'x@y.zz', password: 'long-enough-pass', role: 'tenant_admin' },
      400,
      'validation_failed',
    ],
    [
      'user with an unknown tenant',
      'post',
      '/api/admin/users',
      {
        email: 'x@y.zz',
        password: 'long-enough-pass',
        role: 'auditor',
        tenantIds: ['00000000-0000-4000-8000-000000000000'],
      },
      400,
      'validation_failed',
    ],
    ['login without password', 'post', '/api/auth/login', { email: 'x@y.zz' }, 400, 'validation_failed'],
    ['page size too large', 'get', '/api/admin/tenants?pageSize=5000', undefined, 400, 'validation_failed'],
    [
      'unknown tenant id',
      'get',
      '/api/admin/tenants/00000000-0000-4000-8000-000000000000',
      undefined,
      404,
      'tenant_not_found',
    ],
    ['malformed tenant id', 'get', '/api/admin/tenants/not-a-uuid', undefined, 404, 'tenant_not_found'],
    ['unknown route', 'get', '/api/admin/nothing-here', undefined, 404, 'not_found'],
  ];

  it.each(cases)('%s → %i %s, nothing written', async (_name, method, path, body, status, code) => {
    const before = await snapshot();
    const url = path.startsWith('T') ? `${T()}${path.slice(1)}` : path;
    const payload =
      body && typeof body === 'object' && 'sdkAppId' in body && (body as { sdkAppId: unknown }).sdkAppId === 0
        ? { ...body, sdkAppId }
        : body;
    const req = (t.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method]!(
      url,
    ).set(bearer(token));
    const response = payload === undefined ? await req : await req.send(payload as object);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(
      expect.objectContaining({ code, message: expect.any(String), requestId: expect.any(String) }),
    );
    expect(await snapshot()).toBe(before);
  });

  it("a tenant's time zone is an IANA zone this runtime knows, refused on its field otherwise", async () => {
    const refused = await t.http
      .patch(`/api/admin/tenants/${tenantId}`)
      .set(bearer(token))
      .send({ settings: { timeZone: 'Asia/Shang_hai' } })
      .expect(400);
    expect(refused.body.details.issues).toEqual([
      expect.objectContaining({ path: 'settings.timeZone', code: 'time_zone' }),
    ]);
    const saved = await t.http
      .patch(`/api/admin/tenants/${tenantId}`)
      .set(bearer(token))
      .send({ settings: { timeZone: 'Asia/Shanghai' } })
      .expect(200);
    expect(saved.body.settings.timeZone).toBe('Asia/Shanghai');
  });

  it('malformed JSON and oversized bodies are 4xx with codes', async () => {
    const bad = await t.http
      .post('/api/admin/tenants')
      .set(bearer(token))
      .set('Content-Type', 'application/json')
      .send('{"slug":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_json');
    const huge = await t.http
      .post('/api/admin/tenants')
      .set(bearer(token))
      .send({ slug: 'huge', name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');
  });

  it('responses carry security headers and a request id, and errors no stack', async () => {
    const response = await t.http
      .get('/api/admin/tenants/not-a-uuid')
      .set(bearer(token))
      .set('X-Request-Id', 'req-abc-123');
    expect(response.headers['x-request-id']).toBe('req-abc-123');
    expect(response.body.requestId).toBe('req-abc-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('serves the built console at / with its client-side routes, and keeps JSON 404s for the API', async () => {
    const home = await t.http.get('/').expect(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.text).toContain('<div id="root">');
    const deepLink = await t.http.get('/tenants/some-tenant/seats').expect(200);
    expect(deepLink.text).toBe(home.text);
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    const api = await t.http.get('/api/nothing-here').expect(404);
    expect(api.body.code).toBe('not_found');
  });

  it('serves the OpenAPI spec with the admin paths', async () => {
    const spec = await t.http.get('/api/docs-json').expect(200);
    for (const path of [
      '/api/auth/login',
      '/api/admin/tenants',
      '/api/admin/tenants/{tenantId}/apps/{appId}/credentials',
      '/api/admin/tenants/{tenantId}/seats/import',
      '/api/admin/audit/verify',
    ]) {
      expect(Object.keys(spec.body.paths)).toContain(path);
    }
    await t.http.get('/api/docs').expect(200);
  });

  it('health: live, and ready only with every migration this build needs', async () => {
    await t.http.get('/health/live').expect(200);
    expect((await t.http.get('/health/ready').expect(200)).body).toMatchObject({
      status: 'ok',
      database: 'ok',
    });
    // a newer migration (applied during a rolling upgrade) is reported, not fatal
    await t.sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('x', 'x', '29990101000000_from_the_future', now(), 1)`,
    );
    expect((await t.http.get('/health/ready').expect(200)).body.newerMigrations).toEqual([
      '29990101000000_from_the_future',
    ]);
    await t.sql.query(`DELETE FROM "_prisma_migrations" WHERE id = 'x'`);
    // a migration this build needs but the database lacks: not ready
    const saved = await t.sql.query(`SELECT * FROM "_prisma_migrations" WHERE migration_name LIKE '%_init'`);
    await t.sql.query(`DELETE FROM "_prisma_migrations" WHERE migration_name LIKE '%_init'`);
    try {
      const pending = await t.http.get('/health/ready').expect(503);
      expect(pending.body.migrations.pending).toEqual([expect.stringMatching(/_init$/)]);
    } finally {
      const row = saved.rows[0];
      await t.sql.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [
          row.id,
          row.checksum,
          row.finished_at,
          row.migration_name,
          row.logs,
          row.rolled_back_at,
          row.started_at,
          row.applied_steps_count,
        ],
      );
    }
  });
});
