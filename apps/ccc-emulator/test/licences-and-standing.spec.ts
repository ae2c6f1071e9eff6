import {
  ACME,
  ACME_APP,
  ACME_APP_2,
  ALICE,
  GLOBEX_APP,
  sdkFailure,
  startHarness,
  type EmulatorHarness,
} from './support/emulator-fixtures';
import { admin } from './support/admin-http';

// Licences (DescribeCCCBuyInfoList and the seat count), and the errors produced by state rather
// than by fault rules: a disabled account, a CAM sub-account key without permission, a released
// app, an app whose database fails, an expired base package. Each is set through the seed and
// through the admin API, and observed through the unmodified official SDK.

const INITECH = {
  secretId: 'AKIDinitech000000000000000000000',
  secretKey: 'initech-secret-key-0000000000000',
};
const INITECH_APP = 1700000001;
const IVY = 'ivy@initech.example';

describe('licences and state-driven errors through the official SDK', () => {
  let harness: EmulatorHarness;
  let now: number;

  beforeEach(async () => {
    harness = await startHarness();
    now = Math.floor(harness.emulator.state.now() / 1000);
  });
  afterEach(async () => {
    await harness.close();
  });

  async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
    return (await sdkFailure(promise)).code;
  }

  function seedInitech(account: Record<string, unknown> = {}, app: Record<string, unknown> = {}): void {
    harness.emulator.state.addSeed({
      accounts: [
        { ...INITECH, ...account, apps: [{ sdkAppId: INITECH_APP, staff: [{ mail: IVY }], ...app }] },
      ],
    });
  }

  function newStaff(mail: string): { Name: string; Mail: string; StaffNumber: string } {
    return { Name: mail.split('@')[0] ?? mail, Mail: mail, StaffNumber: '9' };
  }

  describe('DescribeCCCBuyInfoList', () => {
    it('answers the seeded licences still valid per app, all of the caller’s apps or the ones asked', async () => {
      harness.emulator.state.addSeed({
        accounts: [
          {
            ...ACME,
            apps: [
              {
                sdkAppId: ACME_APP,
                name: 'Acme support',
                licences: [
                  { num: 5, buyTime: now - 1000, endTime: now + 86_400, sipNum: 1 },
                  { num: 3, buyTime: now - 2000, endTime: now + 3600 },
                  { num: 50, buyTime: now - 90_000, endTime: now - 10 },
                ],
              },
            ],
          },
        ],
      });
      const client = harness.client();
      const all = await client.DescribeCCCBuyInfoList({});
      expect(all.TotalCount).toBe(2);
      expect(all.PackageBuyList).toEqual([]);
      expect(all.SdkAppIdBuyList?.[0]).toEqual({
        SdkAppId: ACME_APP,
        Name: 'Acme support',
        StaffBuyNum: 8,
        StaffBuyList: [
          { Num: 5, BuyTime: now - 1000, EndTime: now + 86_400, SipNum: 1 },
          { Num: 3, BuyTime: now - 2000, EndTime: now + 3600, SipNum: 0 },
        ],
        PhoneNumBuyList: [],
        SipBuyNum: 1,
      });
      expect(all.SdkAppIdBuyList?.[1]).toMatchObject({
        SdkAppId: ACME_APP_2,
        StaffBuyNum: 0,
        StaffBuyList: [],
      });

      const one = await client.DescribeCCCBuyInfoList({ SdkAppIds: [ACME_APP_2] });
      expect(one.SdkAppIdBuyList?.map((app) => app.SdkAppId)).toEqual([ACME_APP_2]);
      expect(await codeOf(client.DescribeCCCBuyInfoList({ SdkAppIds: [GLOBEX_APP] }))).toBe(
        'InvalidParameterValue.InstanceNotExist',
      );
      expect(await codeOf(client.request('DescribeCCCBuyInfoList', { SdkAppId: ACME_APP }))).toBe(
        'UnknownParameter',
      );
    });

    it('lets CreateStaff go up to the seats of valid licences and answers LimitExceeded past them', async () => {
      seedInitech({}, { licences: [{ num: 3, endTime: now + 86_400 }] });
      const client = harness.client(INITECH);
      expect(
        await codeOf(
          client.CreateStaff({
            SdkAppId: INITECH_APP,
            Staffs: [
              newStaff('a@initech.example'),
              newStaff('b@initech.example'),
              newStaff('c@initech.example'),
            ],
          }),
        ),
      ).toBe('LimitExceeded');
      expect(harness.emulator.state.directory.staffOf(INITECH_APP, 'a@initech.example')).toBeUndefined();
      await client.CreateStaff({
        SdkAppId: INITECH_APP,
        Staffs: [newStaff('a@initech.example'), newStaff('b@initech.example')],
      });
      expect(
        await codeOf(client.CreateStaff({ SdkAppId: INITECH_APP, Staffs: [newStaff('c@initech.example')] })),
      ).toBe('LimitExceeded');
      // Buying more seats through the admin API lifts the limit.
      const bought = await admin(harness, 'PUT', `/apps/${INITECH_APP}/licences`, {
        licences: [{ num: 4, endTime: now + 86_400 }],
      });
      expect(bought.status).toBe(200);
      await client.CreateStaff({ SdkAppId: INITECH_APP, Staffs: [newStaff('c@initech.example')] });
      expect((await client.DescribeCCCBuyInfoList({})).SdkAppIdBuyList?.[0]?.StaffBuyNum).toBe(4);
    });
  });

  describe('LimitExceeded.BasePackageExpired', () => {
    it('refuses logins and new seats once every licence has ended, and recovers when renewed', async () => {
      seedInitech({}, { licences: [{ num: 10, endTime: now + 100 }] });
      const client = harness.client(INITECH);
      await client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY });
      // Within the 300 s signature window, so only the package changes.
      harness.emulator.state.advanceClock(150_000);
      expect(await codeOf(client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY }))).toBe(
        'LimitExceeded.BasePackageExpired',
      );
      expect(
        await codeOf(client.CreateStaff({ SdkAppId: INITECH_APP, Staffs: [newStaff('z@initech.example')] })),
      ).toBe('LimitExceeded.BasePackageExpired');
      // Reading still works, and shows nothing valid.
      const buy = await client.DescribeCCCBuyInfoList({});
      expect(buy.SdkAppIdBuyList?.[0]).toMatchObject({ StaffBuyNum: 0, StaffBuyList: [] });
      expect(
        (await client.DescribeStaffInfoList({ SdkAppId: INITECH_APP, PageSize: 5, PageNumber: 0 }))
          .TotalCount,
      ).toBe(1);

      harness.emulator.state.setLicences(INITECH_APP, [{ num: 10, endTime: now + 86_400 }]);
      expect(
        (await client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY })).Token,
      ).toBeDefined();
    });
  });

  describe('OperationDenied.UinDisabled', () => {
    it('answers every action of a disabled account (seeded), until the admin API enables it', async () => {
      seedInitech({ disabled: true });
      const client = harness.client(INITECH);
      expect(await codeOf(client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY }))).toBe(
        'OperationDenied.UinDisabled',
      );
      expect(
        await codeOf(client.DescribeStaffInfoList({ SdkAppId: INITECH_APP, PageSize: 5, PageNumber: 0 })),
      ).toBe('OperationDenied.UinDisabled');
      expect(await codeOf(client.DescribeCCCBuyInfoList({}))).toBe('OperationDenied.UinDisabled');
      // Another account is not affected.
      await harness.client(ACME).DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 5, PageNumber: 0 });

      const enabled = await admin(harness, 'PATCH', `/accounts/${INITECH.secretId}`, { disabled: false });
      expect(enabled).toMatchObject({ status: 200, json: { secretId: INITECH.secretId, disabled: false } });
      expect(
        (await client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY })).Token,
      ).toBeDefined();
      await admin(harness, 'PATCH', `/accounts/${INITECH.secretId}`, { disabled: true });
      expect(await codeOf(client.DescribeCCCBuyInfoList({}))).toBe('OperationDenied.UinDisabled');
    });
  });

  describe('AuthFailure.UnauthorizedOperation', () => {
    it('answers the actions a CAM sub-account key lacks, and only those; before the account check', async () => {
      seedInitech({ deniedActions: ['CreateStaff', 'DeleteStaff'] });
      const client = harness.client(INITECH);
      const failure = await sdkFailure(
        client.CreateStaff({ SdkAppId: INITECH_APP, Staffs: [newStaff('z@initech.example')] }),
      );
      expect(failure.code).toBe('AuthFailure.UnauthorizedOperation');
      expect(failure.message).toContain('CreateStaff');
      expect(await codeOf(client.DeleteStaff({ SdkAppId: INITECH_APP, StaffList: [IVY] }))).toBe(
        'AuthFailure.UnauthorizedOperation',
      );
      expect(
        (await client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY })).Token,
      ).toBeDefined();
      expect(harness.emulator.state.directory.staffOf(INITECH_APP, IVY)).toBeDefined();

      await admin(harness, 'PATCH', `/accounts/${INITECH.secretId}`, {
        deniedActions: ['*'],
        disabled: true,
      });
      expect(await codeOf(client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY }))).toBe(
        'AuthFailure.UnauthorizedOperation',
      );
      await admin(harness, 'PATCH', `/accounts/${INITECH.secretId}`, { deniedActions: [] });
      expect(await codeOf(client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY }))).toBe(
        'OperationDenied.UinDisabled',
      );
    });
  });

  it('an account added alone (POST /__emulator/accounts) keeps its standing from the body', async () => {
    const added = await admin(harness, 'POST', '/accounts', {
      ...INITECH,
      deniedActions: ['CreateStaff'],
      apps: [{ sdkAppId: INITECH_APP, staff: [{ mail: IVY }] }],
    });
    expect(added.status).toBe(201);
    const client = harness.client(INITECH);
    expect(
      await codeOf(client.CreateStaff({ SdkAppId: INITECH_APP, Staffs: [newStaff('z@initech.example')] })),
    ).toBe('AuthFailure.UnauthorizedOperation');
    await admin(harness, 'DELETE', `/accounts/${INITECH.secretId}`);
    harness.emulator.state.addAccount({ ...INITECH, disabled: true, apps: [{ sdkAppId: INITECH_APP }] });
    expect(
      await codeOf(client.DescribeStaffInfoList({ SdkAppId: INITECH_APP, PageSize: 5, PageNumber: 0 })),
    ).toBe('OperationDenied.UinDisabled');
  });

  describe('app conditions', () => {
    it('answers InvalidParameter.InstanceNotExist for a released app and InternalError.DBError for a failing one', async () => {
      seedInitech({}, { condition: 'released' });
      const client = harness.client(INITECH);
      expect(await codeOf(client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY }))).toBe(
        'InvalidParameter.InstanceNotExist',
      );
      expect(
        await codeOf(client.DescribeStaffInfoList({ SdkAppId: INITECH_APP, PageSize: 5, PageNumber: 0 })),
      ).toBe('InvalidParameter.InstanceNotExist');
      const failing = await admin(harness, 'PATCH', `/apps/${INITECH_APP}`, { condition: 'dbError' });
      expect(failing).toMatchObject({ status: 200, json: { sdkAppId: INITECH_APP, condition: 'dbError' } });
      expect(await codeOf(client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY }))).toBe(
        'InternalError.DBError',
      );
      expect(await codeOf(client.ModifyStaff({ SdkAppId: INITECH_APP, Email: IVY, Nick: 'x' }))).toBe(
        'InternalError.DBError',
      );
      await admin(harness, 'PATCH', `/apps/${INITECH_APP}`, { condition: 'active' });
      expect(
        (await client.CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY })).Token,
      ).toBeDefined();
      // Another account's app is still "not there", whatever its condition.
      expect(
        await codeOf(harness.client(ACME).CreateSDKLoginToken({ SdkAppId: INITECH_APP, SeatUserId: IVY })),
      ).toBe('InvalidParameterValue.InstanceNotExist');
    });
  });

  describe('admin API for this state', () => {
    it('validates bodies, names unknown accounts and apps, and shows the state in GET /state', async () => {
      expect(await admin(harness, 'PATCH', `/accounts/${ACME.secretId}`, { disabled: 'yes' })).toMatchObject({
        status: 400,
        json: { error: { code: 'invalid_request' } },
      });
      expect(await admin(harness, 'PATCH', `/accounts/${ACME.secretId}`, { banned: true })).toMatchObject({
        status: 400,
      });
      expect(await admin(harness, 'PATCH', '/accounts/AKIDnobody', { disabled: true })).toMatchObject({
        status: 404,
      });
      expect(await admin(harness, 'PATCH', `/apps/${ACME_APP}`, { condition: 'broken' })).toMatchObject({
        status: 400,
      });
      expect(await admin(harness, 'PATCH', '/apps/1999999999', { condition: 'active' })).toMatchObject({
        status: 404,
      });
      expect(
        await admin(harness, 'PUT', `/apps/${ACME_APP}/licences`, [{ num: -1, endTime: now }]),
      ).toMatchObject({
        status: 400,
      });
      expect(
        await admin(harness, 'PUT', `/apps/${ACME_APP}/staff/${encodeURIComponent(ALICE)}/status`, {
          status: 'away',
        }),
      ).toMatchObject({ status: 400, json: { error: { code: 'invalid_request' } } });
      await admin(harness, 'PATCH', `/accounts/${ACME.secretId}`, { deniedActions: ['DeleteStaff'] });
      await admin(harness, 'PUT', `/apps/${ACME_APP}/licences`, [{ num: 2, endTime: now + 60 }]);
      const state = await admin(harness, 'GET', '/state');
      expect(state.json).toMatchObject({
        accounts: [
          {
            secretId: ACME.secretId,
            disabled: false,
            deniedActions: ['DeleteStaff'],
            apps: [
              {
                sdkAppId: ACME_APP,
                condition: 'active',
                licences: [{ num: 2, endTime: now + 60 }],
                skillGroups: [{ skillGroupId: 1, name: 'Sales' }],
                staff: [{ mail: ALICE }, expect.anything()],
              },
              expect.anything(),
            ],
          },
          expect.anything(),
        ],
      });
      // A reset goes back to the starting seed.
      await admin(harness, 'POST', '/reset');
      expect(harness.emulator.state.directory.standingOf(ACME.secretId)?.deniedActions.size).toBe(0);
    });
  });
});
