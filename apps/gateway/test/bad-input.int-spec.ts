// Input that used to end the process or answer 500: NUL characters, lone surrogates, dates
// PostgreSQL cannot hold, forged cursors, and broken multipart uploads. Each is a 400
// validation_failed naming the field, nothing is written, and the gateway keeps answering. A
// spreadsheet workbook sent to the CSV import is a coded 415.
import ExcelJS from 'exceljs';
import {
  bearer,
  createAdmin,
  createTcccApp,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  type TestApp,
} from './support/app';

describe('bad input never crashes and is a 400 naming the field', () => {
  let t: TestApp;
  let token: string;
  let auditorToken: string;
  let tenantId: string;
  let sdkAppId: number;

  beforeAll(async () => {
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenantId = (await createTenant(t, token)).id;
    sdkAppId = (await createTcccApp(t, token, tenantId)).sdkAppId;
    auditorToken = (await createAdmin(t, token, 'auditor', [tenantId])).token;
    await t.http
      .post(`/api/admin/tenants/${tenantId}/seats`)
      .set(bearer(token))
      .send({ businessUserId: 'crm-1', sdkAppId, seatUserId: 'agent1@corp.test' })
      .expect(201);
  });
  afterAll(() => t.close());

  async function rowCounts(): Promise<string> {
    const counts = await t.sql.query(`
      SELECT (SELECT count(*) FROM tenants) AS tenants, (SELECT count(*) FROM seat_mappings) AS seats,
             (SELECT count(*) FROM audit_events) AS audit`);
    return JSON.stringify(counts.rows[0]);
  }

  async function expectAlive(): Promise<void> {
    await t.http.get('/health/live').expect(200);
    await t.http.get('/api/admin/tenants').set(bearer(token)).expect(200);
  }

  function expectFieldError(response: { status: number; body: unknown }, field: string): void {
    expect({ status: response.status, body: response.body }).toEqual({
      status: 400,
      body: expect.objectContaining({
        code: 'validation_failed',
        message: expect.stringContaining(field),
        requestId: expect.any(String),
        details: { issues: [expect.objectContaining({ path: field })] },
      }),
    });
  }

  const cursor = (raw: string) => Buffer.from(raw).toString('base64url');
  const seats = () => `/api/admin/tenants/${tenantId}/seats`;

  // [name, path (T = this tenant), field]
  const getCases: [string, string, string][] = [
    ['seat export, NUL in q (auditor)', 'T/seats/export?q=%00', 'q'],
    ['audit export, NUL in actor', '/api/admin/audit/export?actor=%00', 'actor'],
    ['audit export, a year PostgreSQL cannot hold', '/api/admin/audit/export?from=-271821-04-20', 'from'],
    ['audit list, the largest JavaScript date', '/api/admin/audit?to=%2B275760-09-13', 'to'],
    ['seat list, NUL in q', 'T/seats?q=a%00b', 'q'],
    ['tenant list, NUL in q', '/api/admin/tenants?q=%00', 'q'],
    ['user list, NUL in q', '/api/admin/users?q=%00', 'q'],
    ['audit list, NUL in action', '/api/admin/audit?action=tenant%00', 'action'],
    [
      'seat list, a cursor whose id only looks like a uuid',
      `T/seats?cursor=${cursor(`2024-01-01T00:00:00.000Z|${'-'.repeat(36)}`)}`,
      'cursor',
    ],
    [
      'audit list, a cursor whose id only looks like a uuid',
      `/api/admin/audit?cursor=${cursor(`2024-01-01T00:00:00.000Z|${'a'.repeat(36)}`)}`,
      'cursor',
    ],
    [
      'audit list, a cursor with a year PostgreSQL cannot hold',
      `/api/admin/audit?cursor=${cursor('-271821-04-20T00:00:00.000Z|00000000-0000-4000-8000-000000000000')}`,
      'cursor',
    ],
  ];

  it.each(getCases)('%s', async (_name, path, field) => {
    const before = await rowCounts();
    const url = path.startsWith('T') ? `/api/admin/tenants/${tenantId}${path.slice(1)}` : path;
    const asAuditor = path.includes('/export');
    const response = await t.http.get(url).set(bearer(asAuditor ? auditorToken : token));
    expectFieldError(response, field);
    expect(await rowCounts()).toBe(before);
    await expectAlive();
  });

  // [name, method, path, body, field]
  const bodyCases: [string, 'post' | 'patch', string, object, string][] = [
    ['tenant name with NUL', 'post', '/api/admin/tenants', { slug: 'nul-name', name: 'a\u0000b' }, 'name'],
    [
      'tenant name with a lone surrogate',
      'post',
      '/api/admin/tenants',
      { slug: 'surrogate-name', name: 'a\ud800b' },
      'name',
    ],
    [
      'seat display name with a lone low surrogate',
      'post',
      'T/seats',
      { businessUserId: 'crm-2', sdkAppId: 0, seatUserId: 'a2@corp.test', displayName: '\udc00' },
      'displayName',
    ],
    [
      'NUL inside a nested setting',
      'patch',
      'T',
      { settings: { allowedOrigins: ['https://a.test\u0000'] } },
      'settings.allowedOrigins.0',
    ],
    [
      'NUL in a field name',
      'post',
      '/api/admin/tenants',
      { slug: 'nul-key', name: 'x', 'a\u0000': 1 },
      'a\u0000',
    ],
  ];

  it.each(bodyCases)('%s', async (_name, method, path, body, field) => {
    const before = await rowCounts();
    const url = path.startsWith('T') ? `/api/admin/tenants/${tenantId}${path.slice(1)}` : path;
    const payload = 'sdkAppId' in body ? { ...body, sdkAppId } : body;
    const response = await t.http[method](url).set(bearer(token)).send(payload);
    expectFieldError(response, field);
    expect(await rowCounts()).toBe(before);
    await expectAlive();
  });

  it('a multipart import without a boundary is a 400 naming the content type', async () => {
    const before = await rowCounts();
    const response = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'multipart/form-data')
      .send('businessUserId,sdkAppId,seatUserId\r\n');
    expectFieldError(response, 'content-type');
    expect(await rowCounts()).toBe(before);
    await expectAlive();
  });

  it('a truncated multipart import (no closing boundary) is a 400 naming the file, and nothing is written', async () => {
    const before = await rowCounts();
    const body = [
      '--XyZ',
      'Content-Disposition: form-data; name="file"; filename="seats.csv"',
      'Content-Type: text/csv',
      '',
      'businessUserId,sdkAppId,seatUserId,displayName',
      `crm-9,${sdkAppId},agent9@corp.test,Nine`,
    ].join('\r\n');
    const response = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send(body);
    expectFieldError(response, 'file');
    expect(await rowCounts()).toBe(before);
    await expectAlive();
  });

  it('a CSV import cell with NUL is a rejected row, not a database error', async () => {
    const before = await rowCounts();
    const response = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send(
        `businessUserId,sdkAppId,seatUserId,displayName\r\ncrm-8,${sdkAppId},a8@corp.test,Ei\u0000ght\r\n`,
      );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'import_rejected',
      details: { errors: [{ line: 2, reason: expect.stringContaining('displayName') }] },
    });
    expect(await rowCounts()).toBe(before);
  });

  it('a spreadsheet workbook sent to the CSV import is a coded 415 however it is labelled, and nothing is written', async () => {
    const before = await rowCounts();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('seats').addRows([
      ['businessUserId', 'sdkAppId', 'seatUserId'],
      ['crm-7', sdkAppId, 'agent7@corp.test'],
    ]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    const answers = [
      await t.http.post(`${seats()}/import`).set(bearer(token)).set('Content-Type', 'text/csv').send(xlsx),
      await t.http.post(`${seats()}/import`).set(bearer(token)).attach('file', xlsx, 'seats.xlsx'),
      await t.http.post(`${seats()}/import`).set(bearer(token)).attach('file', xls, 'seats.csv'),
      await t.http
        .post(`${seats()}/import`)
        .set(bearer(token))
        .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(xlsx),
    ];
    for (const answer of answers) {
      expect({ status: answer.status, code: answer.body.code }).toEqual({
        status: 415,
        code: 'unsupported_media_type',
      });
      expect(answer.body.message).toContain('spreadsheet workbook');
    }
    // a CSV too short to show a signature is still read as a CSV
    const short = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send('PK');
    expect({ status: short.status, code: short.body.code }).toEqual({ status: 422, code: 'import_rejected' });
    expect(await rowCounts()).toBe(before);
    await expectAlive();
  });

  it('an .xlsx export with a bad filter is a 400 naming it, not a broken download', async () => {
    const response = await t.http.get(`${seats()}/export/xlsx?sort=nope`).set(bearer(auditorToken));
    expectFieldError(response, 'sort');
    await expectAlive();
  });

  it('valid dates and cursors still work', async () => {
    await t.http.get('/api/admin/audit/export?from=2020-01-01&to=9999-12-31').set(bearer(token)).expect(200);
    const page = await t.http.get('/api/admin/audit?limit=1').set(bearer(token)).expect(200);
    await t.http
      .get(`/api/admin/audit?limit=1&cursor=${page.body.nextCursor as string}`)
      .set(bearer(token))
      .expect(200);
  });
});
