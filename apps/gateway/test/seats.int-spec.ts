// Seat mappings: CRUD, all-or-nothing CSV import (raw body and upload), export, concurrency.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import {
  bearer,
  createTcccApp,
  createTenant,
  login,
  PLATFORM_ADMIN,
  startTestApp,
  type TestApp,
} from './support/app';

describe('seat mappings', () => {
  let t: TestApp;
  let token: string;
  let tenantId: string;
  let sdkAppId: number;
  let otherSdkAppId: number;

  beforeAll(async () => {
    t = await startTestApp();
    token = await login(t, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    tenantId = (await createTenant(t, token)).id;
    sdkAppId = (await createTcccApp(t, token, tenantId)).sdkAppId;
    const other = await createTenant(t, token);
    otherSdkAppId = (await createTcccApp(t, token, other.id)).sdkAppId;
  });
  afterAll(() => t.close());

  const seats = () => `/api/admin/tenants/${tenantId}/seats`;
  const count = async () =>
    Number(
      (await t.sql.query(`SELECT count(*) FROM seat_mappings WHERE tenant_id = $1`, [tenantId])).rows[0]
        .count,
    );

  it('creates, reads, updates, disables and deletes a mapping', async () => {
    const created = await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'crm-001', sdkAppId, seatUserId: 'alice@corp.test', displayName: 'Alice' })
      .expect(201);
    expect(created.body).toMatchObject({
      businessUserId: 'crm-001',
      sdkAppId,
      seatUserId: 'alice@corp.test',
      status: 'enabled',
    });
    const id = created.body.id as string;
    await t.http.get(`${seats()}/${id}`).set(bearer(token)).expect(200);
    const disabled = await t.http
      .patch(`${seats()}/${id}`)
      .set(bearer(token))
      .send({ status: 'disabled' })
      .expect(200);
    expect(disabled.body.status).toBe('disabled');
    const filtered = await t.http.get(`${seats()}?status=disabled&q=alice`).set(bearer(token)).expect(200);
    expect(filtered.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    await t.http.delete(`${seats()}/${id}`).set(bearer(token)).expect(204);
    await t.http.get(`${seats()}/${id}`).set(bearer(token)).expect(404);
  });

  it("refuses another tenant's SDKAppID as not found, and duplicates with 409 codes", async () => {
    const foreign = await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'x', sdkAppId: otherSdkAppId, seatUserId: 'x@corp.test' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('app_not_found');
    await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'dup-1', sdkAppId, seatUserId: 'dup@corp.test' })
      .expect(201);
    const seatTaken = await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'dup-2', sdkAppId, seatUserId: 'dup@corp.test' });
    expect(seatTaken.status).toBe(409);
    expect(seatTaken.body.code).toBe('seat_user_taken');
    const userTaken = await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'dup-1', sdkAppId, seatUserId: 'other@corp.test' });
    expect(userTaken.status).toBe(409);
    expect(userTaken.body.code).toBe('business_user_taken');
  });

  it('names the conflict: which business user holds the seat, which seat the user has (create and edit)', async () => {
    await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'bob', sdkAppId, seatUserId: 'bob@corp.test' })
      .expect(201);
    const carol = await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'carol', sdkAppId, seatUserId: 'carol@corp.test' })
      .expect(201);
    const before = await count();

    const seatTaken = await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'dave', sdkAppId, seatUserId: 'bob@corp.test' });
    expect(seatTaken.status).toBe(409);
    expect(seatTaken.body).toMatchObject({
      code: 'seat_user_taken',
      details: { seatUserId: 'bob@corp.test', businessUserId: 'bob' },
    });
    expect(seatTaken.body.message).toContain('bob');

    const userTaken = await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'bob', sdkAppId, seatUserId: 'bob2@corp.test' });
    expect(userTaken.status).toBe(409);
    expect(userTaken.body).toMatchObject({
      code: 'business_user_taken',
      details: { businessUserId: 'bob', seatUserId: 'bob@corp.test' },
    });

    // an edit to another's seat: the same answer, and carol keeps her seat
    const edited = await t.http
      .patch(`${seats()}/${carol.body.id as string}`)
      .set(bearer(token))
      .send({ seatUserId: 'bob@corp.test' });
    expect(edited.status).toBe(409);
    expect(edited.body).toMatchObject({
      code: 'seat_user_taken',
      details: { seatUserId: 'bob@corp.test', businessUserId: 'bob' },
    });
    const kept = await t.http
      .get(`${seats()}/${carol.body.id as string}`)
      .set(bearer(token))
      .expect(200);
    expect(kept.body.seatUserId).toBe('carol@corp.test');
    expect(await count()).toBe(before);
  });

  it('concurrent creation of the same mapping: one 201, one 409', async () => {
    const body = { businessUserId: 'race-1', sdkAppId, seatUserId: 'race@corp.test' };
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => t.http.post(seats()).set(bearer(token)).send(body)),
    );
    const statuses = results.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    expect(
      results
        .filter((response) => response.status === 409)
        .every(
          (response) =>
            response.body.code === 'seat_user_taken' || response.body.code === 'business_user_taken',
        ),
    ).toBe(true);
    const audit = await t.sql.query(
      `SELECT count(*) FROM audit_events WHERE tenant_id = $1 AND action = 'seat.created' AND details->>'businessUserId' = 'race-1'`,
      [tenantId],
    );
    expect(Number(audit.rows[0].count)).toBe(1);
  });

  it('a CSV with bad rows commits nothing and reports every bad row with its line', async () => {
    await t.http
      .post(seats())
      .set(bearer(token))
      .send({ businessUserId: 'existing-1', sdkAppId, seatUserId: 'existing@corp.test' })
      .expect(201);
    const before = await count();
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName',
      `ok-1,${sdkAppId},ok1@corp.test,Good One`, // line 2
      `,${sdkAppId},empty@corp.test,`, // 3: empty business user
      `ok-2,notanumber,ok2@corp.test,`, // 4: bad sdkAppId
      `ok-3,${sdkAppId},not-an-email,`, // 5: bad seat
      `ok-4,${otherSdkAppId},ok4@corp.test,`, // 6: another tenant's app
      `ok-5,${sdkAppId},ok1@corp.test,`, // 7: seat repeated from line 2
      `other-1,${sdkAppId},existing@corp.test,`, // 8: seat already mapped in the database
      `ok-6,${sdkAppId},ok6@corp.test,Fine`, // 9
    ].join('\n');
    const response = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('import_rejected');
    const lines = response.body.details.errors.map((error: { line: number }) => error.line);
    expect(lines).toEqual([3, 4, 5, 6, 7, 8]);
    for (const error of response.body.details.errors) expect(error.reason).toEqual(expect.any(String));
    expect(response.body.details.errors.find((error: { line: number }) => error.line === 7).reason).toContain(
      'line 2',
    );
    expect(await count()).toBe(before);
  });

  it('imports a clean CSV (raw body or multipart upload), idempotently, and exports it back', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `imp-${i},${sdkAppId},imp${i}@corp.test,Agent ${i}`);
    const csv = ['businessUserId,sdkAppId,seatUserId,displayName', ...rows].join('\r\n');
    const dry = await t.http
      .post(`${seats()}/import?dryRun=true`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(dry.body).toEqual({ created: 50, unchanged: 0, rows: 50, repeats: 0, skipped: 0, problems: [] });
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(0);
    const first = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .attach('file', Buffer.from(csv), 'seats.csv')
      .expect(200);
    expect(first.body).toEqual({ created: 50, unchanged: 0, rows: 50, repeats: 0, skipped: 0, problems: [] });
    expect(await count()).toBe(before + 50);
    const again = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(again.body).toEqual({ created: 0, unchanged: 50, rows: 50, repeats: 0, skipped: 0, problems: [] });
    const exported = await t.http.get(`${seats()}/export?q=imp-`).set(bearer(token)).expect(200);
    // a UTF-8 BOM first, so that Excel (Chinese Excel above all) does not read the file as GBK
    expect(exported.text.charCodeAt(0)).toBe(0xfeff);
    expect(exported.text.trim().split('\n')).toHaveLength(51);
    expect(exported.text).toContain(`imp-7,${sdkAppId},imp7@corp.test,Agent 7,enabled`);
    const audit = await t.sql.query(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'seat.imported'`,
      [tenantId],
    );
    expect(audit.rows.map((row) => row.details.created)).toEqual([50, 0]);
  });

  it('imports the valid rows and skips the rest when asked (skipInvalid), counting an exact repeat once', async () => {
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName',
      `skip-1,${sdkAppId},skip1@corp.test,One`,
      `skip-1,${sdkAppId},skip1@corp.test,One`, // exact repeat: one row
      `skip-2,${sdkAppId},skip1@corp.test,Two`, // the seat again, for another user: skipped
      `skip-3,1409999999,skip3@corp.test,`, // not this tenant's app: skipped
      `skip-4,${sdkAppId},skip4@corp.test,Four`,
    ].join('\n');
    const post = (query: string) =>
      t.http.post(`${seats()}/import${query}`).set(bearer(token)).set('Content-Type', 'text/csv').send(csv);
    // without the choice, nothing is imported
    const refused = await post('');
    expect(refused.status).toBe(422);
    expect(refused.body.details.problems.map((problem: { line: number }) => problem.line)).toEqual([4, 5]);
    const before = await count();
    const dry = await post('?dryRun=true&skipInvalid=true').expect(200);
    expect(dry.body).toMatchObject({ created: 2, rows: 5, repeats: 1, skipped: 2 });
    expect(await count()).toBe(before);
    const done = await post('?skipInvalid=true').expect(200);
    expect(done.body).toMatchObject({ created: 2, unchanged: 0, rows: 5, repeats: 1, skipped: 2 });
    expect(done.body.problems).toEqual([
      expect.objectContaining({ line: 4, field: 'seatUserId', code: 'csv_seat_repeated' }),
      expect.objectContaining({ line: 5, field: 'sdkAppId', code: 'csv_app_not_in_tenant' }),
    ]);
    expect(await count()).toBe(before + 2);
    const stored = await t.sql.query(
      `SELECT business_user_id FROM seat_mappings WHERE tenant_id = $1 AND business_user_id LIKE 'skip-%' ORDER BY 1`,
      [tenantId],
    );
    expect(stored.rows.map((row) => row.business_user_id)).toEqual(['skip-1', 'skip-4']);
    const audit = await t.sql.query(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'seat.imported' ORDER BY seq DESC LIMIT 1`,
      [tenantId],
    );
    expect(audit.rows[0].details).toEqual({
      created: 2,
      unchanged: 0,
      rows: 5,
      repeats: 1,
      skipped: 2,
      skippedLines: [4, 5],
    });
    const bad = await post('?skipInvalid=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('exports the same rows as an .xlsx workbook, which reads back cell for cell', async () => {
    const csv = await t.http
      .get(`${seats()}/export?q=imp-&sort=businessUserId`)
      .set(bearer(token))
      .expect(200);
    const xlsx = await t.http
      .get(`${seats()}/export/xlsx?q=imp-&sort=businessUserId`)
      .set(bearer(token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toContain('seats.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([xlsx.body as Buffer]));
    const sheet = workbook.worksheets[0]!;
    const cells: string[][] = [];
    sheet.eachRow((row) => {
      cells.push(
        (row.values as unknown[])
          .slice(1)
          .map((value) => (value === undefined || value === null ? '' : String(value))),
      );
    });
    const csvRows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(','));
    expect(cells.length).toBe(51);
    expect(cells.map((row) => row.concat(Array(10 - row.length).fill('')).join(','))).toEqual(
      csvRows.map((row) => row.join(',')),
    );
    // the SDKAppID is a number cell, as in the CSV's numeric column
    expect(typeof sheet.getRow(2).getCell(2).value).toBe('number');
  });

  it('refuses a wrong header, a wrong content type, and an upload without a file field', async () => {
    const header = await t.http
      .post(`${seats()}/import`)
      .set(bearer(token))
      .set('Content-Type', 'text/csv')
      .send('user,app\nx,1\n');
    expect(header.status).toBe(422);
    expect(header.body.details.errors[0].line).toBe(1);
    const type = await t.http.post(`${seats()}/import`).set(bearer(token)).send({ csv: 'x' });
    expect(type.status).toBe(415);
    expect(type.body.code).toBe('unsupported_media_type');
    const noFile = await t.http.post(`${seats()}/import`).set(bearer(token)).field('other', 'x');
    expect(noFile.status).toBe(400);
  });

  it('pages through mappings with a cursor', async () => {
    const ids = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`${seats()}?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(token))
        .expect(200);
      for (const item of page.body.items) ids.add(item.id);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(ids.size).toBe(await count());
    expect(pages).toBeGreaterThan(1);
  });
});
