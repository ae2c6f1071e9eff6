// The seat lifecycle against the emulator through the unmodified SDK, on a real database:
// provisioning one seat and a file of users (a durable job), a provisioned seat's changes reaching
// TCCC, licences checked before a job starts, and offboarding with the retry while TCCC reports the
// seat online.
import { bearer, createTenant, type TestApp } from './support/app';
import {
  ACCOUNT,
  businessToken,
  emulatedSdkAppId,
  startAppWithEmulator,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

const FAST_JOBS = {
  SEATGATE_JOBS_POLL_SECONDS: '0.5',
  SEATGATE_JOBS_OFFLINE_RETRY_SECONDS: '1',
  SEATGATE_JOBS_OFFLINE_RETRY_LIMIT: '30',
  SEATGATE_JOBS_STEP_RETRY_LIMIT: '1',
  SEATGATE_JOBS_STEP_RETRY_SECONDS: '1',
};

describe('seat lifecycle', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator({ env: FAST_JOBS });
    ({ t, emulator, root } = stack);
  });
  afterAll(() => stack?.close());

  interface Setup {
    tenantId: string;
    slug: string;
    sdkAppId: number;
    kid: string;
    secret: string;
  }

  /** A tenant with provisioning defaults, one app on the emulator (licences, skill groups, staff), a key. */
  async function setup(options: { licences?: number; staff?: string[] } = {}): Promise<Setup> {
    const tenant = await createTenant(t, root);
    const sdkAppId = emulatedSdkAppId();
    const now = Math.floor(emulator.state.now() / 1000);
    emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId,
      licences: [{ num: options.licences ?? 100, buyTime: now - 60, endTime: now + 86_400 }],
      skillGroups: [{ name: 'Sales' }, { name: 'Support' }],
      staff: (options.staff ?? []).map((mail) => ({ mail })),
    });
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(root))
      .send({
        settings: {
          provisioning: {
            seatIdRule: '{businessUserId}@{domain}',
            domain: `${tenant.slug}.example`,
            defaultRole: 3,
            defaultSkillGroups: ['Sales'],
          },
        },
      })
      .expect(200);
    await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(root))
      .send({ sdkAppId, label: 'Lifecycle', ...ACCOUNT })
      .expect(201);
    const key = await t.http
      .post(`/api/admin/tenants/${tenant.id}/keys`)
      .set(bearer(root))
      .send({ type: 'hs256' })
      .expect(201);
    return { tenantId: tenant.id, slug: tenant.slug, sdkAppId, kid: key.body.kid, secret: key.body.secret };
  }

  const staffOf = (sdkAppId: number, mail: string) => emulator.state.directory.staffOf(sdkAppId, mail);

  async function waitForJob(tenantId: string, jobId: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
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

  async function auditActions(tenantId: string, prefix: string): Promise<string[]> {
    const rows = await t.sql.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE tenant_id = $1 AND action LIKE $2 ORDER BY seq`,
      [tenantId, `${prefix}%`],
    );
    return rows.rows.map((row) => row.action);
  }

  it('maps a seat with provision: true: created in TCCC from the defaults, and its changes propagate', async () => {
    const s = await setup();
    const created = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/seats`)
      .set(bearer(root))
      .send({
        businessUserId: 'u-1',
        sdkAppId: s.sdkAppId,
        seatUserId: 'ann@corp.test',
        displayName: 'Ann',
        provision: true,
        phone: '008613800000001',
      })
      .expect(201);
    expect(created.body).toMatchObject({ origin: 'provisioned', role: 3, skillGroups: ['Sales'] });
    expect(staffOf(s.sdkAppId, 'ann@corp.test')).toMatchObject({
      name: 'Ann',
      staffNumber: 'u-1',
      phone: '008613800000001',
      roles: [3],
      skillGroups: ['Sales'],
    });

    const changed = await t.http
      .patch(`/api/admin/tenants/${s.tenantId}/seats/${created.body.id}`)
      .set(bearer(root))
      .send({ displayName: 'Ann Lee', phone: '008613800000002', skillGroups: ['Support'] })
      .expect(200);
    expect(changed.body).toMatchObject({ displayName: 'Ann Lee', skillGroups: ['Support'] });
    expect(staffOf(s.sdkAppId, 'ann@corp.test')).toMatchObject({
      name: 'Ann Lee',
      phone: '008613800000002',
      skillGroups: ['Support'],
    });
    // a group TCCC does not have is refused before anything changes, here or there
    const refused = await t.http
      .patch(`/api/admin/tenants/${s.tenantId}/seats/${created.body.id}`)
      .set(bearer(root))
      .send({ skillGroups: ['Support', 'Nope'] })
      .expect(400);
    expect(refused.body.code).toBe('validation_failed');
    expect(staffOf(s.sdkAppId, 'ann@corp.test')?.skillGroups).toEqual(['Support']);
    expect(await auditActions(s.tenantId, 'seat.')).toEqual([
      'seat.provisioned',
      'seat.upstream_updated',
      'seat.updated',
    ]);
    // an existing seat mapped without provision is adopted, and its changes stay local
    const adopted = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/seats`)
      .set(bearer(root))
      .send({ businessUserId: 'u-2', sdkAppId: s.sdkAppId, seatUserId: 'ann2@corp.test' })
      .expect(201);
    expect(adopted.body.origin).toBe('adopted');
  });

  it('provisions a file of users as a job: seat ids from the rule, an existing seat adopted, rows downloadable', async () => {
    const s = await setup({ staff: [`user-3@${'x'}.example`] });
    const domain = `${s.slug}.example`;
    emulator.state.addStaff(s.sdkAppId, { mail: `user-3@${domain}` });
    const rows = Array.from({ length: 25 }, (_, i) => ({ businessUserId: `user-${i}` }));
    const started = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/seats/provision`)
      .set(bearer(root))
      .send({ sdkAppId: s.sdkAppId, rows })
      .expect(202);
    expect(started.body).toMatchObject({
      total: 25,
      toCreate: 24,
      licences: { purchased: 100, used: 2, available: 98 },
    });
    const job = await waitForJob(s.tenantId, started.body.jobId);
    expect(job).toMatchObject({
      kind: 'provision',
      status: 'succeeded',
      total: 25,
      counts: { created: 24, adopted: 1, failed: 0, pending: 0 },
    });
    expect(staffOf(s.sdkAppId, `user-7@${domain}`)).toMatchObject({ roles: [3], skillGroups: ['Sales'] });
    const origins = await t.sql.query(
      `SELECT origin, count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1 GROUP BY origin ORDER BY origin`,
      [s.tenantId],
    );
    expect(origins.rows).toEqual([
      { origin: 'adopted', n: 1 },
      { origin: 'provisioned', n: 24 },
    ]);
    const csv = await t.http
      .get(`/api/admin/tenants/${s.tenantId}/jobs/${started.body.jobId}/rows`)
      .set(bearer(root))
      .expect(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('line,businessUserId,seatUserId,outcome,code,message');
    expect(lines).toHaveLength(26);
    expect(lines[4]).toBe(`4,user-3,user-3@${domain},adopted,,`);
    expect(await auditActions(s.tenantId, 'job.')).toEqual(['job.started', 'job.finished']);
    // the same users again: every line is already mapped, refused before anything starts
    const again = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/seats/provision`)
      .set(bearer(root))
      .send({ sdkAppId: s.sdkAppId, rows })
      .expect(422);
    expect(again.body.code).toBe('import_rejected');
  });

  it('refuses a job that would run out of licences, with the numbers, before any seat is created', async () => {
    const s = await setup({ licences: 5, staff: ['a@corp.test', 'b@corp.test'] });
    emulator.state.clearCounters();
    const refused = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/seats/provision`)
      .set(bearer(root))
      .send({ sdkAppId: s.sdkAppId, rows: ['p', 'q', 'r', 's'].map((id) => ({ businessUserId: id })) })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'licences_insufficient',
      details: { sdkAppId: s.sdkAppId, purchased: 5, used: 2, available: 3, requested: 4 },
    });
    const createCalls = emulator.state
      .countersView({ action: 'CreateStaff', sdkAppId: s.sdkAppId })
      .rows.reduce((sum, row) => sum + row.accepted + row.limited, 0);
    expect(createCalls).toBe(0);
    const jobs = await t.sql.query(`SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1`, [s.tenantId]);
    expect(jobs.rows[0].n).toBe(0);
    // three fit
    await t.http
      .post(`/api/admin/tenants/${s.tenantId}/seats/provision`)
      .set(bearer(root))
      .send({ sdkAppId: s.sdkAppId, rows: ['p', 'q', 'r'].map((id) => ({ businessUserId: id })) })
      .expect(202);
  });

  it('TCCC refusing past its seat limit is "licences used up", and nothing is mapped', async () => {
    const s = await setup();
    emulator.state.setAppSettings(s.sdkAppId, { maxStaff: 1 });
    const provision = (user: string) =>
      t.http
        .post(`/api/admin/tenants/${s.tenantId}/seats`)
        .set(bearer(root))
        .send({
          businessUserId: user,
          sdkAppId: s.sdkAppId,
          seatUserId: `${user}@corp.test`,
          provision: true,
        });
    await provision('first').expect(201);
    const refused = await provision('second').expect(409);
    expect(refused.body).toMatchObject({
      code: 'upstream_licences_exhausted',
      // with the licence counts the check before it saw: TCCC's seat limit is below its licences
      details: {
        upstreamCode: 'LimitExceeded',
        sdkAppId: s.sdkAppId,
        purchased: 100,
        used: 1,
        available: 99,
      },
    });
    const mapped = await t.sql.query(`SELECT business_user_id FROM seat_mappings WHERE tenant_id = $1`, [
      s.tenantId,
    ]);
    expect(mapped.rows).toEqual([{ business_user_id: 'first' }]);
  });

  it('a job whose key may not call CreateStaff ends failed, each line with the CAM code, nothing mapped', async () => {
    const s = await setup();
    // the licence check's reads are still allowed: the job starts, and its steps are refused
    emulator.state.setAccountStanding(ACCOUNT.secretId, { deniedActions: ['CreateStaff'] });
    try {
      const started = await t.http
        .post(`/api/admin/tenants/${s.tenantId}/seats/provision`)
        .set(bearer(root))
        .send({ sdkAppId: s.sdkAppId, rows: ['m', 'n'].map((id) => ({ businessUserId: id })) });
      expect(started.status).toBe(202);
      const job = await waitForJob(s.tenantId, started.body.jobId);
      expect(job).toMatchObject({ status: 'failed', counts: { failed: 2, created: 0, pending: 0 } });
      const csv = await t.http
        .get(`/api/admin/tenants/${s.tenantId}/jobs/${started.body.jobId}/rows`)
        .set(bearer(root))
        .expect(200);
      expect(csv.text).toContain('failed,AuthFailure.UnauthorizedOperation');
      const mapped = await t.sql.query(`SELECT count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1`, [
        s.tenantId,
      ]);
      expect(mapped.rows[0].n).toBe(0);
    } finally {
      emulator.state.setAccountStanding(ACCOUNT.secretId, { deniedActions: [] });
    }
  });

  it('offboards a provisioned seat: logins refused at once, its open workstation signed out, deleted in TCCC', async () => {
    const s = await setup();
    const seat = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/seats`)
      .set(bearer(root))
      .send({
        businessUserId: 'leaver',
        sdkAppId: s.sdkAppId,
        seatUserId: 'leaver@corp.test',
        provision: true,
      })
      .expect(201);
    const login = () =>
      t.http
        .post('/api/v1/login')
        .set(bearer(businessToken(s, 'leaver')))
        .send({});
    await login().expect(201);
    emulator.state.setStaffStatus(s.sdkAppId, 'leaver@corp.test', 'free');
    // the leaver's workstation is open
    const pushed: string[] = [];
    const release = emulator.state.presence.connect({
      sessionId: 'leaver-tab',
      sdkAppId: s.sdkAppId,
      seat: 'leaver@corp.test',
      push: (message) => pushed.push(message.event),
      close: () => undefined,
    });

    const started = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/business-users/leaver/offboard`)
      .set(bearer(root))
      .send({})
      .expect(202);
    expect(started.body).toMatchObject({ seats: 1 });
    // 1. refused at once
    expect((await login().expect(403)).body.code).toBe('seat_not_mapped');
    // 2. the job finds the seat online, records it and signs it out (ForceMemberOffline), so that
    // 3. TCCC deletes it at the first try; 4. the mapping goes
    const job = await waitForJob(s.tenantId, started.body.jobId);
    release();
    expect(job).toMatchObject({ status: 'succeeded', counts: { deleted: 1, pending: 0 } });
    expect(pushed).toContain('kickedOut');
    expect(staffOf(s.sdkAppId, 'leaver@corp.test')).toBeUndefined();
    const calls = (action: string) =>
      emulator.state
        .countersView({ action, sdkAppId: s.sdkAppId })
        .rows.reduce((sum, row) => sum + row.accepted, 0);
    expect(calls('ForceMemberOffline')).toBe(1);
    expect(calls('DeleteStaff')).toBe(1);
    const left = await t.sql.query(`SELECT count(*)::int AS n FROM seat_mappings WHERE tenant_id = $1`, [
      s.tenantId,
    ]);
    expect(left.rows[0].n).toBe(0);
    expect(await auditActions(s.tenantId, 'seat.')).toEqual([
      'seat.provisioned',
      'seat.offboarding_started',
      'seat.offline_required',
      'seat.signed_out',
      'seat.upstream_deleted',
      'seat.offboarded',
    ]);
    const signedOut = await t.sql.query(
      `SELECT target_id, details FROM audit_events WHERE tenant_id = $1 AND action = 'seat.signed_out'`,
      [s.tenantId],
    );
    expect(signedOut.rows).toEqual([
      {
        target_id: seat.body.id,
        details: expect.objectContaining({ cause: 'offboarded', seatUserId: 'leaver@corp.test' }),
      },
    ]);
  });

  it('offboarding an adopted seat only unmaps it, unless the admin asks for deletion', async () => {
    const s = await setup({ staff: ['kept@corp.test', 'gone@corp.test'] });
    for (const [user, mail] of [
      ['keeper', 'kept@corp.test'],
      ['goner', 'gone@corp.test'],
    ] as const)
      await t.http
        .post(`/api/admin/tenants/${s.tenantId}/seats`)
        .set(bearer(root))
        .send({ businessUserId: user, sdkAppId: s.sdkAppId, seatUserId: mail })
        .expect(201);
    const kept = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/business-users/keeper/offboard`)
      .set(bearer(root))
      .send({})
      .expect(202);
    expect(await waitForJob(s.tenantId, kept.body.jobId)).toMatchObject({ counts: { unmapped: 1 } });
    expect(staffOf(s.sdkAppId, 'kept@corp.test')).toBeDefined();
    const gone = await t.http
      .post(`/api/admin/tenants/${s.tenantId}/business-users/goner/offboard`)
      .set(bearer(root))
      .send({ deleteAdopted: true })
      .expect(202);
    expect(await waitForJob(s.tenantId, gone.body.jobId)).toMatchObject({ counts: { deleted: 1 } });
    expect(staffOf(s.sdkAppId, 'gone@corp.test')).toBeUndefined();
    await t.http
      .post(`/api/admin/tenants/${s.tenantId}/business-users/nobody/offboard`)
      .set(bearer(root))
      .send({})
      .expect(404);
  });
});
