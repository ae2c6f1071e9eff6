// TCCC's refusals that come from the account's standing rather than from a request: a CAM
// sub-account key without permission for an action, a disabled (e.g. in arrears) account, an app
// whose licences ended. Each reaches the admin as its own code, produced by the emulator's state
// (not by fault rules) and called through the unmodified SDK.
import { bearer, type TestApp } from './support/app';
import {
  ACCOUNT,
  businessTenant,
  businessToken,
  mapSeat,
  startAppWithEmulator,
  type BusinessTenant,
  type EmulatedTestApp,
  type Emulator,
} from './support/business';

describe('upstream standing errors', () => {
  let stack: EmulatedTestApp;
  let emulator: Emulator;
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    stack = await startAppWithEmulator();
    ({ t, emulator, root } = stack);
  });
  afterAll(() => stack?.close());
  afterEach(() =>
    emulator.state.setAccountStanding(ACCOUNT.secretId, { disabled: false, deniedActions: [] }),
  );

  async function ready(): Promise<BusinessTenant> {
    const tenant = await businessTenant(t, root, emulator);
    await mapSeat(t, root, tenant.tenantId, 'crm-user-1', tenant.apps[0]!.sdkAppId, 'agent1@corp.test');
    return tenant;
  }

  const login = (tenant: BusinessTenant) =>
    t.http
      .post('/api/v1/login')
      .set(bearer(businessToken(tenant, 'crm-user-1')))
      .send({});

  it('a key without CAM permission for CreateSDKLoginToken is "lacks permission for that action", not rejected credentials', async () => {
    const tenant = await ready();
    emulator.state.setAccountStanding(ACCOUNT.secretId, { deniedActions: ['CreateSDKLoginToken'] });
    const refused = await login(tenant).expect(502);
    expect(refused.body).toMatchObject({
      code: 'upstream_permission_denied',
      details: {
        action: 'CreateSDKLoginToken',
        upstreamCode: 'AuthFailure.UnauthorizedOperation',
        sdkAppId: tenant.apps[0]!.sdkAppId,
      },
    });
    expect(refused.body.message).toContain('CreateSDKLoginToken');
    // the same credentials still read staff: the app's check says so
    const check = await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/apps/${tenant.apps[0]!.id}/test`)
      .set(bearer(root))
      .expect(200);
    expect(check.body).toMatchObject({ ok: true });
  });

  it('a key without permission for the check read is refused on save with that reason', async () => {
    const tenant = await ready();
    emulator.state.setAccountStanding(ACCOUNT.secretId, { deniedActions: ['DescribeStaffInfoList'] });
    const check = await t.http
      .post(`/api/admin/tenants/${tenant.tenantId}/apps/${tenant.apps[0]!.id}/test`)
      .set(bearer(root))
      .expect(200);
    expect(check.body).toMatchObject({ ok: false, code: 'upstream_permission_denied' });
    const saved = await t.http
      .put(`/api/admin/tenants/${tenant.tenantId}/apps/${tenant.apps[0]!.id}/credentials`)
      .set(bearer(root))
      .send(ACCOUNT)
      .expect(422);
    expect(saved.body).toMatchObject({
      code: 'app_check_failed',
      details: { reason: 'upstream_permission_denied', upstreamCode: 'AuthFailure.UnauthorizedOperation' },
    });
  });

  it('a disabled account (arrears) is its own code', async () => {
    const tenant = await ready();
    emulator.state.setAccountStanding(ACCOUNT.secretId, { disabled: true });
    const refused = await login(tenant).expect(502);
    expect(refused.body).toMatchObject({
      code: 'upstream_account_disabled',
      details: { upstreamCode: 'OperationDenied.UinDisabled' },
    });
  });

  it('an expired base package means the licences are used up', async () => {
    const tenant = await ready();
    const now = Math.floor(emulator.state.now() / 1000);
    emulator.state.setLicences(tenant.apps[0]!.sdkAppId, [
      { num: 5, buyTime: now - 86_400, endTime: now - 60 },
    ]);
    const refused = await login(tenant).expect(409);
    expect(refused.body).toMatchObject({
      code: 'upstream_package_expired',
      details: { upstreamCode: 'LimitExceeded.BasePackageExpired' },
    });
  });
});
