// A soak (SEATGATE_SOAK=1): 100,000 seat mappings in one all-or-nothing CSV import.
import {
  bearer,
  createTcccApp,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  type TestApp,
} from './support/app';

describe('seat mappings at scale', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  });
  afterAll(() => t.close());

  it('imports 100 000 rows in one all-or-nothing file', async () => {
    const bigTenant = (await createTenant(t, token)).id;
    const app = await createTcccApp(t, token, bigTenant);
    const lines = ['businessUserId,sdkAppId,seatUserId,displayName'];
    for (let i = 0; i < 100_000; i += 1) lines.push(`big-${i},${app.sdkAppId},big${i}@corp.test,`);
    const started = Date.now();
    const response = await t.http
      .post(`/api/admin/tenants/${bigTenant}/seats/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send(lines.join('\n'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 100_000,
      unchanged: 0,
      rows: 100_000,
      repeats: 0,
      skipped: 0,
      problems: [],
    });
    const stored = await t.sql.query(`SELECT count(*) FROM seat_mappings WHERE tenant_id = $1`, [bigTenant]);
    expect(Number(stored.rows[0].count)).toBe(100_000);
    process.stdout.write(`[seats] imported 100000 rows in ${Date.now() - started} ms\n`);
  }, 120_000);
});
