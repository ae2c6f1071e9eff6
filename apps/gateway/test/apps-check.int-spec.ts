// Saving what cannot work (issue 14): an app's SDKAppID must have TCCC's shape and decides its
// kind; its credentials are checked against TCCC (the emulator) on create and on rotation, refused
// with TCCC's reason, or saved without checking when asked, which the app then shows; the last
// check survives a reload; the region comes from Tencent Cloud's list.
import { upstreamQuotaKey } from '../src/modules/limits/upstream-quota';
import { bearer, createTenant } from './support/app';
import {
  ACCOUNT,
  emulatedSdkAppId,
  OTHER_ACCOUNT,
  startAppWithEmulator,
  type EmulatedTestApp,
} from './support/business';

const METRICS_TOKEN = 'metrics-token-for-apps-check-01';

describe('saving a TCCC app checks what cannot work', () => {
  let stack: EmulatedTestApp;
  let tenantId: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator({ env: { SEATGATE_METRICS_TOKEN: METRICS_TOKEN } });
    tenantId = (await createTenant(stack.t, stack.root)).id;
  });
  afterAll(() => stack.close());

  const appsPath = () => `/api/admin/tenants/${tenantId}/apps`;
  const post = (body: Record<string, unknown>) =>
    stack.t.http.post(appsPath()).set(bearer(stack.root)).send(body);
  const appCount = async () =>
    Number((await stack.t.sql.query(`SELECT count(*) AS n FROM tccc_apps`)).rows[0].n);

  /** An SDKAppID the emulator knows under ACCOUNT, with one staff member. */
  function emulatedApp(prefix = '140'): number {
    const sdkAppId = emulatedSdkAppId(prefix);
    stack.emulator.state.addApp(ACCOUNT.secretId, { sdkAppId, staff: [{ mail: 'agent1@corp.test' }] });
    return sdkAppId;
  }

  it('refuses an SDKAppID without TCCC shape, on the field, and writes nothing', async () => {
    const before = await appCount();
    for (const sdkAppId of [12345, 1500000001, 14000000001, 140000001, 1610000001, -1400000001]) {
      const refused = await post({ sdkAppId, label: 'x', ...ACCOUNT }).expect(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.details.issues).toEqual([
        {
          path: 'sdkAppId',
          message: 'an SDKAppID is 10 digits starting with 140 (call center) or 160 (desk)',
          code: 'sdk_app_id_format',
        },
      ]);
    }
    expect(await appCount()).toBe(before);
    expect(stack.emulator.state.countersView({ secretId: ACCOUNT.secretId }).rows).toEqual([]);
  });

  it('derives the kind from the prefix; a contradicting kind is refused', async () => {
    const desk = await post({ sdkAppId: emulatedApp('160'), label: 'Desk', ...ACCOUNT }).expect(201);
    expect(desk.body.kind).toBe('desk');
    const center = await post({ sdkAppId: emulatedApp('140'), label: 'Line', ...ACCOUNT }).expect(201);
    expect(center.body.kind).toBe('call_center');
    // older clients send the kind: the right one is accepted
    const sent = await post({ sdkAppId: emulatedApp('160'), label: 'D2', kind: 'desk', ...ACCOUNT }).expect(
      201,
    );
    expect(sent.body.kind).toBe('desk');

    const before = await appCount();
    const wrong = await post({
      sdkAppId: emulatedApp('160'),
      label: 'x',
      kind: 'call_center',
      ...ACCOUNT,
    }).expect(400);
    expect(wrong.body.details.issues).toEqual([
      { path: 'kind', message: 'an SDKAppID starting with 160 is a desk app', code: 'app_kind_prefix' },
    ]);
    expect(await appCount()).toBe(before);
    // nor can a PATCH make a call-center app a desk
    const patched = await stack.t.http
      .patch(`${appsPath()}/${center.body.id}`)
      .set(bearer(stack.root))
      .send({ kind: 'desk' })
      .expect(400);
    expect(patched.body).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'kind', message: expect.stringContaining('call_center') }] },
    });
  });

  it('checks the credentials on create, in the upstream quota, and keeps the result', async () => {
    const sdkAppId = emulatedApp();
    stack.emulator.state.clearCounters();
    const quotaKeys = `upstream:${upstreamQuotaKey(ACCOUNT.secretId, 'DescribeStaffInfoList')}:%`;
    const quotaPoints = async () =>
      new Map(
        (
          await stack.t.sql.query<{ key: string; points: number }>(
            `SELECT key, points FROM rate_limits WHERE key LIKE $1`,
            [quotaKeys],
          )
        ).rows.map((row) => [row.key, row.points]),
      );
    const quotaBefore = await quotaPoints();
    const started = Date.now();
    const created = await post({ sdkAppId, label: 'Checked', ...ACCOUNT }).expect(201);
    expect(created.body.lastCheck).toEqual({
      outcome: 'ok',
      at: expect.any(String),
      code: null,
      upstreamCode: null,
    });
    expect(Date.parse(created.body.lastCheck.at)).toBeGreaterThanOrEqual(started - 1000);
    // one cheap call (DescribeStaffInfoList, one page) for this SDKAppID, counted in the quota
    const calls = stack.emulator.state.countersView({ action: 'DescribeStaffInfoList' }).rows;
    expect(calls.map((row) => [row.sdkAppId, row.accepted])).toEqual([[sdkAppId, 1]]);
    // one slot of one second, and of the next one too when it was granted late in its second
    const quotaAfter = await quotaPoints();
    const counted = [...quotaAfter]
      .filter(([key, points]) => points !== (quotaBefore.get(key) ?? 0))
      .map(([key, points]) => [Number(key.split(':').pop()), points - (quotaBefore.get(key) ?? 0)]);
    expect(counted.length === 1 || counted[1]![0] === counted[0]![0]! + 1).toBe(true);
    expect(counted.map(([, added]) => added)).toEqual(counted.map(() => 1));
    // a reload shows the same check
    const reloaded = await stack.t.http
      .get(`${appsPath()}/${created.body.id}`)
      .set(bearer(stack.root))
      .expect(200);
    expect(reloaded.body.lastCheck).toEqual(created.body.lastCheck);
    const audit = await stack.t.sql.query(
      `SELECT details FROM audit_events WHERE action = 'app.created' AND target_id = $1`,
      [created.body.id],
    );
    expect(audit.rows[0].details).toMatchObject({ check: 'ok' });
  });

  it('refuses unknown credentials and foreign SDKAppIDs with the upstream reason; saves nothing', async () => {
    const before = await appCount();
    const unknown = await post({
      sdkAppId: emulatedApp(),
      label: 'x',
      secretId: 'AKIDnobodyknowsthis0001',
      secretKey: 'nobody-knows-this-key',
    }).expect(422);
    expect(unknown.body).toMatchObject({
      code: 'app_check_failed',
      message: expect.stringContaining('rejected'),
      details: { reason: 'upstream_credentials_rejected', upstreamCode: 'AuthFailure.SecretIdNotFound' },
    });
    expect(unknown.text).not.toContain('nobody-knows-this-key');
    expect(unknown.text).not.toContain('AKIDnobodyknowsthis0001');

    // a real account, but the SDKAppID is another account's
    const foreign = emulatedApp();
    const notOwned = await post({ sdkAppId: foreign, label: 'x', ...OTHER_ACCOUNT }).expect(422);
    expect(notOwned.body).toMatchObject({
      code: 'app_check_failed',
      details: {
        reason: 'upstream_app_not_found',
        upstreamCode: 'InvalidParameterValue.InstanceNotExist',
        sdkAppId: foreign,
      },
    });
    // the right SecretId with a wrong SecretKey
    const badKey = await post({
      sdkAppId: emulatedApp(),
      label: 'x',
      secretId: ACCOUNT.secretId,
      secretKey: 'not-the-secret-key-at-all',
    }).expect(422);
    expect(badKey.body.details).toMatchObject({
      reason: 'upstream_credentials_rejected',
      upstreamCode: 'AuthFailure.SignatureFailure',
    });
    expect(await appCount()).toBe(before);
    // an app that was never saved keeps no circuit (nor a gauge series) in the gateway
    const metrics = await stack.t.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(metrics.text).not.toContain(String(foreign));
  });

  it('TCCC unavailable: 503 with Retry-After and nothing saved; skipCheck saves with a warning', async () => {
    const sdkAppId = emulatedApp();
    stack.emulator.state.setFault({
      action: 'DescribeStaffInfoList',
      sdkAppId,
      errorRate: 1,
      errorCode: 'InternalError',
    });
    const before = await appCount();
    const down = await post({ sdkAppId, label: 'Later', ...ACCOUNT }).expect(503);
    expect(down.body.code).toBe('upstream_unavailable');
    expect(down.headers['retry-after']).toBeDefined();
    expect(await appCount()).toBe(before);

    stack.emulator.state.clearCounters();
    const saved = await post({ sdkAppId, label: 'Later', ...ACCOUNT, skipCheck: true }).expect(201);
    expect(saved.body.lastCheck).toMatchObject({ outcome: 'skipped', code: null });
    // no call was made
    expect(stack.emulator.state.countersView({ action: 'DescribeStaffInfoList' }).rows).toEqual([]);
    const listed = await stack.t.http.get(appsPath()).set(bearer(stack.root)).expect(200);
    expect(listed.body.items.find((app: { id: string }) => app.id === saved.body.id).lastCheck.outcome).toBe(
      'skipped',
    );
    const audit = await stack.t.sql.query(
      `SELECT details FROM audit_events WHERE action = 'app.created' AND target_id = $1`,
      [saved.body.id],
    );
    expect(audit.rows[0].details).toMatchObject({ check: 'skipped' });
  });

  it('rotation checks too; Test connection updates the last check', async () => {
    const sdkAppId = emulatedApp();
    const app = await post({ sdkAppId, label: 'Rotating', ...ACCOUNT }).expect(201);
    const path = `${appsPath()}/${app.body.id}`;
    const wrong = { secretId: 'AKIDwrongwrongwrong77', secretKey: 'wrong-secret-key-77' };

    const refused = await stack.t.http
      .put(`${path}/credentials`)
      .set(bearer(stack.root))
      .send(wrong)
      .expect(422);
    expect(refused.body.details).toMatchObject({
      reason: 'upstream_credentials_rejected',
      upstreamCode: 'AuthFailure.SecretIdNotFound',
    });
    // the working credentials stayed
    const kept = await stack.t.http.get(path).set(bearer(stack.root)).expect(200);
    expect(kept.body.secretIdMasked).toBe(app.body.secretIdMasked);
    expect(kept.body.credentialsUpdatedAt).toBe(app.body.credentialsUpdatedAt);
    expect((await stack.t.http.post(`${path}/test`).set(bearer(stack.root)).expect(200)).body.ok).toBe(true);

    const skipped = await stack.t.http
      .put(`${path}/credentials`)
      .set(bearer(stack.root))
      .send({ ...wrong, skipCheck: true })
      .expect(200);
    expect(skipped.body.lastCheck.outcome).toBe('skipped');

    const tested = await stack.t.http.post(`${path}/test`).set(bearer(stack.root)).expect(200);
    expect(tested.body).toMatchObject({ ok: false, code: 'upstream_credentials_rejected' });
    const failed = await stack.t.http.get(path).set(bearer(stack.root)).expect(200);
    expect(failed.body.lastCheck).toEqual({
      outcome: 'failed',
      at: expect.any(String),
      code: 'upstream_credentials_rejected',
      upstreamCode: 'AuthFailure.SecretIdNotFound',
    });

    const fixed = await stack.t.http
      .put(`${path}/credentials`)
      .set(bearer(stack.root))
      .send(ACCOUNT)
      .expect(200);
    expect(fixed.body.lastCheck).toMatchObject({ outcome: 'ok', code: null });
    const rotations = await stack.t.sql.query(
      `SELECT details->>'check' AS "check" FROM audit_events
        WHERE action = 'app.credentials.rotated' AND target_id = $1 ORDER BY seq`,
      [app.body.id],
    );
    expect(rotations.rows.map((row) => row.check)).toEqual(['skipped', 'ok']);
  });

  it('takes the region from the list, on create and update', async () => {
    const created = await post({
      sdkAppId: emulatedApp(),
      label: 'Guangzhou',
      region: 'ap-guangzhou',
      ...ACCOUNT,
    }).expect(201);
    expect(created.body.region).toBe('ap-guangzhou');
    const before = await appCount();
    const refused = await post({
      sdkAppId: emulatedApp(),
      label: 'x',
      region: 'mars-north-1',
      ...ACCOUNT,
    }).expect(400);
    expect(refused.body.details.issues).toEqual([
      expect.objectContaining({
        path: 'region',
        message: 'choose a Tencent Cloud region from the list (e.g. ap-guangzhou)',
        code: 'invalid_value',
      }),
    ]);
    expect(await appCount()).toBe(before);

    const path = `${appsPath()}/${created.body.id}`;
    await stack.t.http.patch(path).set(bearer(stack.root)).send({ region: 'Guangzhou' }).expect(400);
    const moved = await stack.t.http
      .patch(path)
      .set(bearer(stack.root))
      .send({ region: 'ap-singapore' })
      .expect(200);
    expect(moved.body.region).toBe('ap-singapore');
    const cleared = await stack.t.http.patch(path).set(bearer(stack.root)).send({ region: null }).expect(200);
    expect(cleared.body.region).toBeNull();
  });
});
