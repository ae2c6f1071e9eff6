// The reconcile plan against the emulator through the unmodified SDK, on a real database: what
// the plan proposes and why, a stale plan refused with nothing changed, the chosen lines applied
// once as a job (TCCC and the mappings as the plan said, each line audited), and a step retried
// after a failure redoing none of its finished lines.
import { bearer, createTenant, type TestApp } from './support/app';
import {
  ACCOUNT,
  emulatedSdkAppId,
  startAppWithEmulator,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

const FAST_JOBS = {
  SEATGATE_JOBS_POLL_SECONDS: '0.5',
  SEATGATE_JOBS_STEP_RETRY_LIMIT: '3',
  SEATGATE_JOBS_STEP_RETRY_SECONDS: '1',
};

interface PlanLine {
  key: string;
  action: string;
  reason: string;
  seatUserId: string;
  businessUserId: string | null;
}

describe('reconcile plan', () => {
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
    sdkAppId: number;
    appId: string;
  }

  /**
   * A tenant with two apps: "other" holds the business users (carol@corp.test, dave, erin@corp.test);
   * the app under test has, in TCCC: known (mapped), carol (matches a user by email), dave's seat
   * (matches by staff number), a stranger (matches nobody), an orphan Seatgate created whose mapping
   * was then removed; and mappings whose seats TCCC lacks: missing (enabled), gone (disabled).
   */
  async function setup(): Promise<Setup> {
    const tenant = await createTenant(t, root);
    const sdkAppId = emulatedSdkAppId();
    const otherSdkAppId = emulatedSdkAppId();
    const now = Math.floor(emulator.state.now() / 1000);
    const licences = [{ num: 50, buyTime: now - 60, endTime: now + 86_400 }];
    emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId,
      licences,
      skillGroups: [{ name: 'Sales' }],
      staff: [
        { mail: 'known@corp.test' },
        { mail: 'carol@corp.test', name: 'Carol' },
        { mail: 'd.seat@corp.test', staffNumber: 'dave' },
        { mail: 'stranger@corp.test', staffNumber: 'nobody' },
      ],
    });
    emulator.state.addApp(ACCOUNT.secretId, { sdkAppId: otherSdkAppId, licences, staff: [] });
    await t.http
      .patch(`/api/admin/tenants/${tenant.id}`)
      .set(bearer(root))
      .send({ settings: { provisioning: { defaultRole: 3, defaultSkillGroups: ['Sales'] } } })
      .expect(200);
    const app = await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(root))
      .send({ sdkAppId, label: 'Reconciled', ...ACCOUNT })
      .expect(201);
    await t.http
      .post(`/api/admin/tenants/${tenant.id}/apps`)
      .set(bearer(root))
      .send({ sdkAppId: otherSdkAppId, label: 'Other', ...ACCOUNT, skipCheck: true })
      .expect(201);
    const csv = [
      'businessUserId,sdkAppId,seatUserId,displayName,status',
      `u-known,${sdkAppId},known@corp.test,,enabled`,
      `u-missing,${sdkAppId},missing@corp.test,Missing,enabled`,
      `u-gone,${sdkAppId},gone@corp.test,,disabled`,
      `carol@corp.test,${otherSdkAppId},carol@other.test,,enabled`,
      `dave,${otherSdkAppId},dave@other.test,,enabled`,
      `erin@corp.test,${otherSdkAppId},erin@other.test,,enabled`,
    ].join('\n');
    await t.http
      .post(`/api/admin/tenants/${tenant.id}/seats/import`)
      .set(bearer(root))
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    const orphan = await t.http
      .post(`/api/admin/tenants/${tenant.id}/seats`)
      .set(bearer(root))
      .send({ businessUserId: 'u-orphan', sdkAppId, seatUserId: 'orphan@corp.test', provision: true })
      .expect(201);
    await t.http
      .delete(`/api/admin/tenants/${tenant.id}/seats/${orphan.body.id}`)
      .set(bearer(root))
      .expect(204);
    return { tenantId: tenant.id, sdkAppId, appId: app.body.id };
  }

  const planOf = (s: Setup) =>
    t.http.get(`/api/admin/tenants/${s.tenantId}/apps/${s.appId}/reconcile-plan`).set(bearer(root));
  const applyTo = (s: Setup, body: object) =>
    t.http
      .post(`/api/admin/tenants/${s.tenantId}/apps/${s.appId}/reconcile-plan/apply`)
      .set(bearer(root))
      .send(body);
  const staffOf = (sdkAppId: number, mail: string) => emulator.state.directory.staffOf(sdkAppId, mail);
  const calls = (action: string, sdkAppId: number) =>
    emulator.state.countersView({ action, sdkAppId }).rows.reduce((sum, row) => sum + row.accepted, 0);

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

  async function mappings(tenantId: string, sdkAppId: number) {
    const rows = await t.sql.query<{ business_user_id: string; seat_user_id: string; origin: string }>(
      `SELECT m.business_user_id, m.seat_user_id, m.origin::text AS origin FROM seat_mappings m
       JOIN tccc_apps a ON a.id = m.app_id WHERE m.tenant_id = $1 AND a.sdk_app_id = $2 ORDER BY 2`,
      [tenantId, String(sdkAppId)],
    );
    return rows.rows.map((row) => `${row.business_user_id}→${row.seat_user_id}:${row.origin}`);
  }

  it('proposes each mismatch with its reason, and the same plan twice has the same fingerprint', async () => {
    const s = await setup();
    const plan = await planOf(s).expect(200);
    expect(plan.body).toMatchObject({
      appId: s.appId,
      sdkAppId: s.sdkAppId,
      staffTotal: 5,
      mappingsTotal: 3,
      counts: { create: 1, adopt: 2, delete: 1, unmap: 1 },
    });
    expect(
      (plan.body.lines as PlanLine[]).map((line) => [line.key, line.reason, line.businessUserId]),
    ).toEqual([
      ['create:missing@corp.test', 'seat_missing_in_tccc', 'u-missing'],
      ['adopt:carol@corp.test', 'matches_email', 'carol@corp.test'],
      ['adopt:d.seat@corp.test', 'matches_staff_number', 'dave'],
      ['delete:orphan@corp.test', 'provisioned_mapping_removed', 'u-orphan'],
      ['unmap:gone@corp.test', 'disabled_mapping_seat_missing', 'u-gone'],
    ]);
    expect(plan.body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await planOf(s).expect(200)).body.fingerprint).toBe(plan.body.fingerprint);
    // DescribeStaffInfoList was read for the plan; nothing was written to TCCC
    expect(staffOf(s.sdkAppId, 'missing@corp.test')).toBeUndefined();
    expect(staffOf(s.sdkAppId, 'orphan@corp.test')).toBeDefined();

    // another tenant's app is not found
    const other = await createTenant(t, root);
    expect(
      (
        await t.http
          .get(`/api/admin/tenants/${other.id}/apps/${s.appId}/reconcile-plan`)
          .set(bearer(root))
          .expect(404)
      ).body.code,
    ).toBe('app_not_found');
  });

  it('refuses a stale plan with a coded 409 and changes nothing', async () => {
    const s = await setup();
    const plan = await planOf(s).expect(200);
    // erin's seat appears in TCCC: the plan now has another adoption
    emulator.state.addStaff(s.sdkAppId, { mail: 'erin@corp.test' });
    const refused = await applyTo(s, { fingerprint: plan.body.fingerprint }).expect(409);
    expect(refused.body.code).toBe('reconcile_plan_stale');
    expect(refused.body.details.fingerprint).not.toBe(plan.body.fingerprint);
    const jobs = await t.sql.query(
      `SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND kind = 'reconcile'`,
      [s.tenantId],
    );
    expect(jobs.rows[0].n).toBe(0);
    expect(staffOf(s.sdkAppId, 'missing@corp.test')).toBeUndefined();
    expect(staffOf(s.sdkAppId, 'orphan@corp.test')).toBeDefined();

    // a line not of the plan, and a malformed fingerprint, are bad requests
    const fresh = await planOf(s).expect(200);
    expect(fresh.body.counts.adopt).toBe(3);
    const unknown = await applyTo(s, {
      fingerprint: fresh.body.fingerprint,
      lines: ['adopt:nobody@corp.test'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('validation_failed');
    expect((await applyTo(s, { fingerprint: 'nope' }).expect(400)).body.code).toBe('validation_failed');
  });

  it('applies the chosen lines once as a job: TCCC and the mappings as the plan said, each line audited', async () => {
    const s = await setup();
    const plan = await planOf(s).expect(200);
    const chosen = (plan.body.lines as PlanLine[])
      .map((line) => line.key)
      .filter((key) => key !== 'adopt:d.seat@corp.test');
    const createsBefore = calls('CreateStaff', s.sdkAppId);
    const started = await applyTo(s, { fingerprint: plan.body.fingerprint, lines: chosen }).expect(202);
    expect(started.body).toMatchObject({
      total: 4,
      counts: { create: 1, adopt: 1, delete: 1, unmap: 1 },
      licences: { purchased: 50, used: 5, available: 45 },
    });
    const job = await waitForJob(s.tenantId, started.body.jobId);
    expect(job).toMatchObject({
      kind: 'reconcile',
      status: 'succeeded',
      counts: { created: 1, adopted: 1, deleted: 1, unmapped: 1, failed: 0, pending: 0 },
    });
    // one CreateStaff for the one seat, from the mapping and the defaults
    expect(calls('CreateStaff', s.sdkAppId) - createsBefore).toBe(1);
    expect(staffOf(s.sdkAppId, 'missing@corp.test')).toMatchObject({
      name: 'Missing',
      staffNumber: 'u-missing',
      roles: [3],
      skillGroups: ['Sales'],
    });
    expect(staffOf(s.sdkAppId, 'orphan@corp.test')).toBeUndefined();
    expect(await mappings(s.tenantId, s.sdkAppId)).toEqual([
      'carol@corp.test→carol@corp.test:adopted',
      'u-known→known@corp.test:adopted',
      'u-missing→missing@corp.test:provisioned',
    ]);
    const audited = await t.sql.query<{ details: { action: string; outcome: string } }>(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'seat.reconciled' ORDER BY seq`,
      [s.tenantId],
    );
    expect(audited.rows.map((row) => `${row.details.action}:${row.details.outcome}`).sort()).toEqual([
      'adopt:adopted',
      'create:created',
      'delete:deleted',
      'unmap:unmapped',
    ]);
    // what is left is the line not chosen; the applied plan is stale now
    const after = await planOf(s).expect(200);
    expect((after.body.lines as PlanLine[]).map((line) => line.key)).toEqual(['adopt:d.seat@corp.test']);
    expect((await applyTo(s, { fingerprint: plan.body.fingerprint }).expect(409)).body.code).toBe(
      'reconcile_plan_stale',
    );
    // the re-created seat is Seatgate's now: removing its mapping makes it a seat to delete
    const missing = await t.sql.query<{ id: string }>(
      `SELECT id FROM seat_mappings WHERE tenant_id = $1 AND seat_user_id = 'missing@corp.test'`,
      [s.tenantId],
    );
    await t.http
      .delete(`/api/admin/tenants/${s.tenantId}/seats/${missing.rows[0]!.id}`)
      .set(bearer(root))
      .expect(204);
    const again = await planOf(s).expect(200);
    expect((again.body.lines as PlanLine[]).map((line) => line.key)).toContain('delete:missing@corp.test');
  });

  it('one reconcile at a time per app: a second apply while the first runs is refused', async () => {
    const s = await setup();
    const plan = await planOf(s).expect(200);
    emulator.state.setFault({ action: 'CreateStaff', sdkAppId: s.sdkAppId, latencyMs: 1500 });
    try {
      const first = await applyTo(s, { fingerprint: plan.body.fingerprint }).expect(202);
      const second = await applyTo(s, { fingerprint: plan.body.fingerprint }).expect(409);
      expect(second.body).toMatchObject({ code: 'reconcile_running', details: { jobId: first.body.jobId } });
      expect((await waitForJob(s.tenantId, first.body.jobId)).status).toBe('succeeded');
    } finally {
      emulator.state.removeFault('CreateStaff', s.sdkAppId);
    }
    const jobs = await t.sql.query(
      `SELECT count(*)::int AS n FROM jobs WHERE tenant_id = $1 AND kind = 'reconcile'`,
      [s.tenantId],
    );
    expect(jobs.rows[0].n).toBe(1);
  });

  it('a step that fails after its seats were created redoes none of them when it is tried again', async () => {
    const s = await setup();
    const plan = await planOf(s).expect(200);
    const createsBefore = calls('CreateStaff', s.sdkAppId);
    emulator.state.setFault({
      action: 'DeleteStaff',
      sdkAppId: s.sdkAppId,
      errorRate: 1,
      errorCode: 'InternalError',
    });
    const started = await applyTo(s, { fingerprint: plan.body.fingerprint }).expect(202);
    // the first try created the seat and adopted the matches, then DeleteStaff failed
    const deadline = Date.now() + 15_000;
    while (calls('DeleteStaff', s.sdkAppId) < 1) {
      if (Date.now() > deadline) throw new Error('DeleteStaff never called');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    emulator.state.removeFault('DeleteStaff', s.sdkAppId);
    const job = await waitForJob(s.tenantId, started.body.jobId);
    expect(job).toMatchObject({
      status: 'succeeded',
      counts: { created: 1, adopted: 2, deleted: 1, unmapped: 1, failed: 0 },
    });
    expect(calls('CreateStaff', s.sdkAppId) - createsBefore).toBe(1);
    expect(calls('DeleteStaff', s.sdkAppId)).toBeGreaterThanOrEqual(2);
    const audited = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'seat.reconciled'`,
      [s.tenantId],
    );
    expect(audited.rows[0].n).toBe(5);
    expect((await planOf(s).expect(200)).body.lines).toEqual([]);
  });
});
