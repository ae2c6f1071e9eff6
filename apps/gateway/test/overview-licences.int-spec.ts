// Licences per app on the tenant overview, on a real database and the emulator through the
// unmodified SDK: bought and still valid (DescribeCCCBuyInfoList, with end dates), seats in TCCC,
// mappings in Seatgate, warnings when licences run low or a purchase ends soon; TCCC's answer is
// reused for a while (counted at the emulator) unless asked again, and an app TCCC refuses shows
// its own upstream_* code while the others still answer.
import type { OverviewAppLicences, OverviewLicencesView } from '@seatgate/contracts';
import { UpstreamQuota } from '../src/modules/limits/upstream-quota';
import { bearer, createAdmin, createTcccApp, createTenant, type TestApp } from './support/app';
import {
  ACCOUNT,
  emulatedSdkAppId,
  mapSeat,
  startAppWithEmulator,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

const DAY = 86_400;
const LIMITED_KEY = { secretId: 'AKIDseatgatelicences000001', secretKey: 'seatgate-test-secret-key-lic1' };

describe('overview: licences per app', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;
  let tenantId: string;
  let busy: number;
  let unbought: number;
  let denied: number;
  let now: number;

  const licences = async (query = '', token = root): Promise<OverviewLicencesView> =>
    (
      await t.http
        .get(`/api/admin/tenants/${tenantId}/overview/licences${query}`)
        .set(bearer(token))
        .expect(200)
    ).body as OverviewLicencesView;
  const appOf = (view: OverviewLicencesView, sdkAppId: number): OverviewAppLicences =>
    view.apps.find((app) => app.sdkAppId === sdkAppId)!;
  // DescribeCCCBuyInfoList names its apps in SdkAppIds: counted per key (one app each but ACCOUNT's two)
  const buyInfoCalls = (secretId: string) =>
    emulator.state
      .countersView({ action: 'DescribeCCCBuyInfoList', secretId })
      .rows.reduce((sum, row) => sum + row.accepted + row.limited, 0);

  async function addApp(sdkAppId: number, label: string, account = ACCOUNT) {
    await t.http
      .post(`/api/admin/tenants/${tenantId}/apps`)
      .set(bearer(root))
      .send({ sdkAppId, label, ...account })
      .expect(201);
  }

  beforeAll(async () => {
    stack = await startAppWithEmulator();
    ({ t, emulator, root } = stack);
    tenantId = (await createTenant(t, root)).id;
    now = Math.floor(emulator.state.now() / 1000);
    // 10 licences (6 ending in 10 days, 4 in 200), 9 seats in TCCC, 2 of them mapped (1 disabled)
    busy = emulatedSdkAppId();
    emulator.state.addApp(ACCOUNT.secretId, {
      sdkAppId: busy,
      licences: [
        { num: 4, buyTime: now - 100 * DAY, endTime: now + 200 * DAY, sipNum: 1 },
        { num: 6, buyTime: now - 20 * DAY, endTime: now + 10 * DAY - 60 },
      ],
      staff: Array.from({ length: 9 }, (_, i) => ({ mail: `agent${i}@corp.test` })),
    });
    await addApp(busy, 'Busy');
    await mapSeat(t, root, tenantId, 'crm-1', busy, 'agent0@corp.test');
    const second = await mapSeat(t, root, tenantId, 'crm-2', busy, 'agent1@corp.test');
    await t.http
      .patch(`/api/admin/tenants/${tenantId}/seats/${second.id}`)
      .set(bearer(root))
      .send({ status: 'disabled' })
      .expect(200);
    // no licence bought
    unbought = emulatedSdkAppId();
    emulator.state.addApp(ACCOUNT.secretId, { sdkAppId: unbought, staff: [{ mail: 'x@corp.test' }] });
    await addApp(unbought, 'Unbought');
    // a CAM sub-account key that may not call DescribeCCCBuyInfoList
    denied = emulatedSdkAppId();
    emulator.state.addSeed({
      accounts: [{ ...LIMITED_KEY, deniedActions: ['DescribeCCCBuyInfoList'], apps: [{ sdkAppId: denied }] }],
    });
    await addApp(denied, 'Denied', LIMITED_KEY);
  });
  afterAll(() => stack?.close());

  it('answers bought, in TCCC and mapped per app, with the purchases and their end dates', async () => {
    const view = await licences();
    expect(view.apps).toHaveLength(3);
    const app = appOf(view, busy);
    expect(app).toMatchObject({ label: 'Busy', status: 'enabled', mapped: { enabled: 1, disabled: 1 } });
    expect(app.licences).toEqual({
      ok: true,
      purchased: 10,
      inTccc: 9,
      available: 1,
      purchases: [
        {
          seats: 6,
          sipSeats: 0,
          boughtAt: new Date((now - 20 * DAY) * 1000).toISOString(),
          endsAt: new Date((now + 10 * DAY - 60) * 1000).toISOString(),
        },
        {
          seats: 4,
          sipSeats: 1,
          boughtAt: new Date((now - 100 * DAY) * 1000).toISOString(),
          endsAt: new Date((now + 200 * DAY) * 1000).toISOString(),
        },
      ],
      warnings: [
        { kind: 'nearly_exhausted', purchased: 10, inTccc: 9, available: 1 },
        {
          kind: 'expiring',
          seats: 6,
          endsAt: new Date((now + 10 * DAY - 60) * 1000).toISOString(),
          days: 10,
        },
      ],
    });
    expect(Date.parse(app.checkedAt)).not.toBeNaN();
    expect(appOf(view, unbought).licences).toMatchObject({
      ok: true,
      purchased: 0,
      inTccc: 1,
      available: 0,
      purchases: [],
      warnings: [{ kind: 'none' }],
    });
  });

  it('asks TCCC in the background lane of the quota only: two calls per app, no foreground slot', async () => {
    const quota = t.app.get(UpstreamQuota);
    const before = { ...quota.waits.foreground };
    const background = quota.waits.background.grants;
    await licences('?refresh=true');
    // busy and unbought: DescribeCCCBuyInfoList and DescribeStaffInfoList; denied: the first only
    expect(quota.waits.background.grants - background).toBe(5);
    expect(quota.waits.foreground).toEqual(before);
  });

  it('an app whose key may not read licences shows upstream_permission_denied with the action; the others answer', async () => {
    const view = await licences('?refresh=true');
    expect(appOf(view, denied).licences).toMatchObject({
      ok: false,
      code: 'upstream_permission_denied',
      details: expect.objectContaining({ action: 'DescribeCCCBuyInfoList' }),
    });
    expect(appOf(view, busy).licences.ok).toBe(true);
  });

  it('reuses TCCC’s answer unless asked again, and a failure is not kept', async () => {
    await licences('?refresh=true');
    const busyBefore = buyInfoCalls(ACCOUNT.secretId);
    const deniedBefore = buyInfoCalls(LIMITED_KEY.secretId);
    await licences();
    await licences();
    expect(buyInfoCalls(ACCOUNT.secretId)).toBe(busyBefore);
    // the refused app is asked each time
    expect(buyInfoCalls(LIMITED_KEY.secretId)).toBe(deniedBefore + 2);

    // one more seat bought: seen when asked again, with every licence used
    emulator.state.addStaff(busy, { mail: 'agent9@corp.test' });
    expect(appOf(await licences(), busy).licences).toMatchObject({ inTccc: 9 });
    const fresh = appOf(await licences('?refresh=true'), busy);
    // both of ACCOUNT's apps asked again
    expect(buyInfoCalls(ACCOUNT.secretId)).toBe(busyBefore + 2);
    expect(fresh.licences).toMatchObject({
      inTccc: 10,
      available: 0,
      warnings: [
        { kind: 'exhausted', purchased: 10, inTccc: 10 },
        { kind: 'expiring', seats: 6 },
      ],
    });
  });

  it('auditors may read; another tenant’s admin may not; a bad refresh is a coded 400', async () => {
    const auditor = await createAdmin(t, root, 'auditor', [tenantId]);
    expect((await licences('', auditor.token)).apps).toHaveLength(3);
    const other = await createTenant(t, root);
    const stranger = await createAdmin(t, root, 'tenant_admin', [other.id]);
    await t.http
      .get(`/api/admin/tenants/${tenantId}/overview/licences`)
      .set(bearer(stranger.token))
      .expect(404);
    const bad = await t.http
      .get(`/api/admin/tenants/${tenantId}/overview/licences?refresh=maybe`)
      .set(bearer(root))
      .expect(400);
    expect(bad.body.code).toBe('validation_failed');
    // an app with credentials TCCC does not know is that app's error, not the page's
    await createTcccApp(t, root, other.id, { label: 'Unknown upstream' });
    const view = (
      await t.http.get(`/api/admin/tenants/${other.id}/overview/licences`).set(bearer(root)).expect(200)
    ).body as OverviewLicencesView;
    expect(view.apps[0]!.licences).toMatchObject({ ok: false, code: expect.stringMatching(/^upstream_/) });
  });
});
