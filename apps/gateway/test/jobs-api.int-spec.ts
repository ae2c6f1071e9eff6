// What the console reads of a durable job, on a real database and the emulator: the list with who
// started each job, a page of its lines as JSON filtered by outcome, and its lines as CSV and .xlsx
// (whole or filtered); another tenant's job is not found, and a bad filter is a coded 400.
import type { JobRowView, JobView, Page } from '@seatgate/contracts';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { bearer, createAdmin, createTenant, PLATFORM_ADMIN, type TestApp } from './support/app';
import { ACCOUNT, emulatedSdkAppId, startAppWithEmulator, type EmulatedTestApp } from './support/business';

describe('jobs API', () => {
  let stack: EmulatedTestApp;
  let t: TestApp;
  let root: string;
  let tenantId: string;
  let otherTenantId: string;
  let jobId: string;
  let auditor: string;

  const get = (path: string, token = root) =>
    t.http.get(`/api/admin/tenants/${tenantId}/jobs${path}`).set(bearer(token));

  async function waitForJob(id: string): Promise<JobView> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = (await get(`/${id}`).expect(200)).body as JobView;
      if (job.status !== 'running') return job;
      if (Date.now() > deadline) throw new Error(`job still running: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    stack = await startAppWithEmulator({
      env: { SEATGATE_JOBS_POLL_SECONDS: '0.5', SEATGATE_JOBS_STEP_RETRY_LIMIT: '1' },
    });
    ({ t, root } = stack);
    const tenant = await createTenant(t, root);
    tenantId = tenant.id;
    otherTenantId = (await createTenant(t, root)).id;
    auditor = (await createAdmin(t, root, 'auditor', [tenantId])).token;
    const sdkAppId = emulatedSdkAppId();
    const now = Math.floor(stack.emulator.state.now() / 1000);
    // one seat exists (adopted); two lines ask for the phone another seat has (failed)
    stack.emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId,
      licences: [{ num: 100, buyTime: now - 60, endTime: now + 86_400 }],
      staff: [{ mail: 'u-3@corp.test' }, { mail: 'owner@corp.test', phone: '008613800000009' }],
    });
    await t.http
      .post(`/api/admin/tenants/${tenantId}/apps`)
      .set(bearer(root))
      .send({ sdkAppId, label: 'Jobs', ...ACCOUNT })
      .expect(201);
    const rows = Array.from({ length: 12 }, (_, i) => ({
      businessUserId: `u-${i}`,
      seatUserId: `u-${i}@corp.test`,
      ...(i === 5 || i === 9 ? { phone: '008613800000009' } : {}),
    }));
    const started = await t.http
      .post(`/api/admin/tenants/${tenantId}/seats/provision`)
      .set(bearer(root))
      .send({ sdkAppId, rows })
      .expect(202);
    jobId = started.body.jobId as string;
    const job = await waitForJob(jobId);
    expect(job).toMatchObject({
      status: 'failed',
      total: 12,
      counts: { created: 9, adopted: 1, failed: 2, pending: 0 },
    });
  });
  afterAll(() => stack?.close());

  it('lists the tenant’s jobs with who started them; an auditor may read', async () => {
    const list = (await get('', auditor).expect(200)).body as JobView[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: jobId,
      kind: 'provision',
      status: 'failed',
      startedBy: { type: 'admin', display: PLATFORM_ADMIN.email },
    });
    expect(list[0]!.finishedAt).not.toBeNull();
  });

  it('pages the lines as JSON, filtered by outcome', async () => {
    const first = (await get(`/${jobId}/lines?pageSize=5`).expect(200)).body as Page<JobRowView>;
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 5 });
    expect(first.items.map((row) => row.idx)).toEqual([0, 1, 2, 3, 4]);
    expect(first.items[3]).toEqual({
      idx: 3,
      businessUserId: 'u-3',
      seatUserId: 'u-3@corp.test',
      outcome: 'adopted',
      code: null,
      message: null,
    });
    const last = (await get(`/${jobId}/lines?pageSize=5&page=3`).expect(200)).body as Page<JobRowView>;
    expect(last.items.map((row) => row.idx)).toEqual([10, 11]);
    const beyond = (await get(`/${jobId}/lines?pageSize=5&page=9`).expect(200)).body as Page<JobRowView>;
    expect(beyond).toMatchObject({ items: [], total: 12 });

    const failed = (await get(`/${jobId}/lines?outcome=failed`).expect(200)).body as Page<JobRowView>;
    expect(failed.total).toBe(2);
    expect(failed.items.map((row) => [row.idx, row.outcome, row.code])).toEqual([
      [5, 'failed', 'InvalidParameterValue.PhoneNumIsBoundOtherAccount'],
      [9, 'failed', 'InvalidParameterValue.PhoneNumIsBoundOtherAccount'],
    ]);
    const created = (await get(`/${jobId}/lines?outcome=created&pageSize=200`).expect(200)).body;
    expect(created.total).toBe(9);
    expect((await get(`/${jobId}/lines?outcome=pending`).expect(200)).body).toMatchObject({ total: 0 });
    // a line not finished yet is "pending"
    await t.sql.query(`UPDATE job_rows SET outcome = NULL WHERE job_id = $1 AND idx = 0`, [jobId]);
    try {
      const pending = (await get(`/${jobId}/lines?outcome=pending`).expect(200)).body as Page<JobRowView>;
      expect(pending.items).toEqual([expect.objectContaining({ idx: 0, outcome: null })]);
    } finally {
      await t.sql.query(`UPDATE job_rows SET outcome = 'created' WHERE job_id = $1 AND idx = 0`, [jobId]);
    }
  });

  it('refuses a filter or page size it does not know with a coded 400', async () => {
    for (const query of ['outcome=exploded', 'pageSize=1000', 'page=0']) {
      const refused = await get(`/${jobId}/lines?${query}`).expect(400);
      expect(refused.body.code).toBe('validation_failed');
    }
    expect((await get(`/${jobId}/rows?outcome=exploded`).expect(400)).body.code).toBe('validation_failed');
  });

  it('downloads the lines as CSV, whole or filtered', async () => {
    const text = (body: string) =>
      body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
    const all = text((await get(`/${jobId}/rows`).expect(200)).text);
    expect(all).toHaveLength(13);
    const failed = await get(`/${jobId}/rows?outcome=failed`).expect(200);
    expect(failed.headers['content-disposition']).toContain(`job-provision-${jobId}-failed.csv`);
    const lines = text(failed.text);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^6,u-5,u-5@corp\.test,failed,InvalidParameterValue\.PhoneNumIsBoundOtherAccount,/,
    );
  });

  it('downloads the lines as an .xlsx workbook', async () => {
    const response = await get(`/${jobId}/rows/xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(`job-provision-${jobId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([response.body as Buffer]));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(13);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'line',
      'businessUserId',
      'seatUserId',
      'outcome',
      'code',
      'message',
    ]);
    expect(sheet.getRow(5).getCell(4).value).toBe('adopted');
  });

  it("another tenant's job is not found", async () => {
    for (const path of ['', '/lines', '/rows', '/rows/xlsx']) {
      const response = await t.http
        .get(`/api/admin/tenants/${otherTenantId}/jobs/${jobId}${path}`)
        .set(bearer(root))
        .expect(404);
      expect(response.body.code).toBe('not_found');
    }
  });
});
