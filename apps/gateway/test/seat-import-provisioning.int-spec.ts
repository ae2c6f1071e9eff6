// The seat import's provisioning columns against the emulator through the unmodified SDK, on a
// real database: a dry run says how many seats would be created; the import maps the plain rows
// and starts a provisioning job for the rows with provision yes (seat ids from the rule when
// empty, role words and skill groups read as the admin wrote them); bad cells are coded; a file
// whose seats would not fit the licences is refused before anything is written.
import { bearer, createTenant, type TestApp } from './support/app';
import {
  ACCOUNT,
  emulatedSdkAppId,
  startAppWithEmulator,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

const FAST_JOBS = { SEATGATE_JOBS_POLL_SECONDS: '0.5' };

describe('seat import with provisioning columns', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator({ env: FAST_JOBS });
    ({ t, emulator, root } = stack);
  });
  afterAll(() => stack?.close());

  async function setup(options: { licences?: number } = {}) {
    const tenant = await createTenant(t, root);
    const sdkAppId = emulatedSdkAppId();
    const now = Math.floor(emulator.state.now() / 1000);
    emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId,
      licences: [{ num: options.licences ?? 100, buyTime: now - 60, endTime: now + 86_400 }],
      skillGroups: [{ name: 'Sales' }, { name: '售后' }],
      staff: [{ mail: 'there@corp.test' }],
    });
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(root))
      .send({
        settings: {
          provisioning: {
            seatIdRule: '{businessUserId}@{domain}',
            domain: 'corp.test',
            defaultSkillGroups: ['Sales'],
          },
        },
      })
      .expect(200);
    await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(root))
      .send({ sdkAppId, label: 'Imported', ...ACCOUNT })
      .expect(201);
    return { tenantId: tenant.id, sdkAppId };
  }

  const importCsv = (tenantId: string, csv: string, query = '') =>
    t.http
      .post(`/api/admin/tenants/${tenantId}/seats/import${query}`)
      .set(bearer(root))
      .set('content-type', 'text/csv')
      .send(csv);
  const staffOf = (sdkAppId: number, mail: string) => emulator.state.directory.staffOf(sdkAppId, mail);
  const count = async (sql: string, tenantId: string) =>
    (await t.sql.query<{ n: number }>(sql, [tenantId])).rows[0]!.n;

  async function waitForJob(tenantId: string, jobId: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = await t.http
        .get(`/api/admin/tenants/${tenantId}/jobs/${jobId}`)
        .set(bearer(root))
        .expect(200);
      if (job.body.status !== 'running') return job.body;
      if (Date.now() > deadline) throw new Error(`job still running: ${JSON.stringify(job.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const fileOf = (sdkAppId: number) =>
    [
      'businessUserId,sdkAppId,seatUserId,name,provision,staffNumber,phone,role,skillGroups',
      `plain,${sdkAppId},plain@corp.test,Plain,,,,,`,
      `ann,${sdkAppId},Ann.Lee@corp.test,Ann Lee,yes,A-7,008613800000001,管理员,Sales；售后`,
      `bob,${sdkAppId},,Bob,是,,,qa,`,
      `there,${sdkAppId},there@corp.test,,true,,,,`,
    ].join('\n');

  it('a dry run says how many seats would be created, and writes nothing', async () => {
    const s = await setup();
    const dry = await importCsv(s.tenantId, fileOf(s.sdkAppId), '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({
      created: 1,
      rows: 4,
      provisioning: {
        rows: 3,
        toCreate: 2,
        apps: [
          { sdkAppId: s.sdkAppId, rows: 3, toCreate: 2, jobId: null, licences: { purchased: 100, used: 1 } },
        ],
      },
    });
    expect(await count('SELECT count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1', s.tenantId)).toBe(
      0,
    );
    expect(await count('SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1', s.tenantId)).toBe(0);
    expect(staffOf(s.sdkAppId, 'ann.lee@corp.test')).toBeUndefined();
  });

  it('maps the plain rows and provisions the others as a job: attributes as written, seat ids from the rule', async () => {
    const s = await setup();
    const done = await importCsv(s.tenantId, fileOf(s.sdkAppId)).expect(200);
    expect(done.body).toMatchObject({ created: 1, provisioning: { rows: 3, toCreate: 2 } });
    const jobId = done.body.provisioning.apps[0].jobId as string;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const job = await waitForJob(s.tenantId, jobId);
    expect(job).toMatchObject({
      kind: 'provision',
      status: 'succeeded',
      counts: { created: 2, adopted: 1, failed: 0 },
    });
    expect(staffOf(s.sdkAppId, 'ann.lee@corp.test')).toMatchObject({
      name: 'Ann Lee',
      staffNumber: 'A-7',
      phone: '008613800000001',
      roles: [1],
      skillGroups: ['Sales', '售后'],
    });
    expect(staffOf(s.sdkAppId, 'bob@corp.test')).toMatchObject({
      name: 'Bob',
      roles: [2],
      skillGroups: ['Sales'],
    });
    const rows = await t.sql.query<{ business_user_id: string; seat_user_id: string; origin: string }>(
      `SELECT business_user_id, seat_user_id, origin::text AS origin FROM seat_mappings WHERE tenant_id = $1 ORDER BY 1`,
      [s.tenantId],
    );
    expect(rows.rows.map((row) => `${row.business_user_id}→${row.seat_user_id}:${row.origin}`)).toEqual([
      'ann→ann.lee@corp.test:provisioned',
      'bob→bob@corp.test:provisioned',
      'plain→plain@corp.test:adopted',
      'there→there@corp.test:adopted',
    ]);
    // the file again: everything is mapped, nothing to provision
    const again = await importCsv(s.tenantId, fileOf(s.sdkAppId)).expect(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 4 });
    expect(again.body.provisioning).toBeUndefined();
  });

  it('codes each bad provisioning cell and starts nothing', async () => {
    const s = await setup();
    const refused = await importCsv(
      s.tenantId,
      [
        'businessUserId,sdkAppId,seatUserId,provision,phone,role,skillGroups',
        `ok,${s.sdkAppId},ok@corp.test,no,,,`,
        `p1,${s.sdkAppId},,yes,13800000001,,`,
        `p2,${s.sdkAppId},,perhaps,,boss,`,
      ].join('\n'),
    ).expect(422);
    expect(refused.body.code).toBe('import_rejected');
    expect(
      (refused.body.details.problems as { line: number; field: string; code: string }[]).map(
        (p) => `${p.line}:${p.field}:${p.code}`,
      ),
    ).toEqual([
      '3:phone:phone_format',
      '4:provision:csv_provision_flag',
      // not known to provision, so it needs its seat id
      '4:seatUserId:seat_account_format',
      '4:role:csv_role',
    ]);
    expect(await count('SELECT count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1', s.tenantId)).toBe(
      0,
    );
    expect(await count('SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1', s.tenantId)).toBe(0);
  });

  it('a file whose seats would not fit the licences is refused with the numbers, nothing imported', async () => {
    const s = await setup({ licences: 2 });
    const refused = await importCsv(s.tenantId, fileOf(s.sdkAppId)).expect(409);
    expect(refused.body).toMatchObject({
      code: 'licences_insufficient',
      details: { sdkAppId: s.sdkAppId, requested: 2, purchased: 2, used: 1, available: 1 },
    });
    expect(await count('SELECT count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1', s.tenantId)).toBe(
      0,
    );
    expect(await count('SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1', s.tenantId)).toBe(0);
  });
});
