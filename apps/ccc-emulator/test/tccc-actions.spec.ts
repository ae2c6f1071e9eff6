import {
  ACME,
  ACME_APP,
  ACME_APP_2,
  ALICE,
  BOB,
  GLOBEX,
  GLOBEX_APP,
  sdkFailure,
  startHarness,
  UUID,
  type EmulatorHarness,
} from './support/emulator-fixtures';
import { rawRequest, responseOf, signedCall } from './support/raw-tccc';

// The four TCCC actions through the unmodified official SDK client: answer shapes and errors.

describe('TCCC actions through the official SDK', () => {
  let harness: EmulatorHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  describe('CreateSDKLoginToken', () => {
    it('returns a fresh unguessable Token, ExpiredTime about now + 600 s and an SdkURL served by the emulator', async () => {
      const client = harness.client();
      const before = Math.floor(Date.now() / 1000);
      const first = await client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE });
      const second = await client.CreateSDKLoginToken({
        SdkAppId: ACME_APP,
        SeatUserId: ALICE,
        OnlyOnce: true,
      });

      expect(first.RequestId).toMatch(UUID);
      expect(first.Token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second.Token).not.toEqual(first.Token);
      expect(first.ExpiredTime).toBeGreaterThanOrEqual(before + 600);
      expect(first.ExpiredTime).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 601);
      expect(first.SdkURL).toBe(
        `${harness.emulator.url}/tccc-agent-sdk/latest/tccc-sdk.js?token=${first.Token ?? ''}`,
      );

      const script = await fetch(first.SdkURL ?? '');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
      expect(script.headers.get('access-control-allow-origin')).toBe('*');
      const text = await script.text();
      expect(text).toContain(JSON.stringify(ALICE));
      expect(text).toContain(String(ACME_APP));
    });

    it('answers InvalidParameterValue.InstanceNotExist for another account’s app and for an unknown app', async () => {
      const client = harness.client(ACME);
      expect(
        (
          await sdkFailure(
            client.CreateSDKLoginToken({ SdkAppId: GLOBEX_APP, SeatUserId: 'gina@globex.example' }),
          )
        ).code,
      ).toBe('InvalidParameterValue.InstanceNotExist');
      expect(
        (await sdkFailure(client.CreateSDKLoginToken({ SdkAppId: 1499999999, SeatUserId: ALICE }))).code,
      ).toBe('InvalidParameterValue.InstanceNotExist');
      // The owner gets a token for the same app and seat.
      const owner = await harness
        .client(GLOBEX)
        .CreateSDKLoginToken({ SdkAppId: GLOBEX_APP, SeatUserId: 'gina@globex.example' });
      expect(owner.Token).toBeDefined();
    });

    it('answers InvalidParameterValue.AccountNotExist for a seat that is not staff of the app', async () => {
      const client = harness.client();
      const failure = await sdkFailure(
        client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: 'nobody@acme.example' }),
      );
      expect(failure.code).toBe('InvalidParameterValue.AccountNotExist');
      expect(failure.requestId).toMatch(UUID);
      // carol is staff of the account's other app, not of this one
      expect(
        (
          await sdkFailure(
            client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: 'carol@acme.example' }),
          )
        ).code,
      ).toBe('InvalidParameterValue.AccountNotExist');
    });

    it('answers MissingParameter, InvalidParameter and UnknownParameter for bad parameters', async () => {
      const client = harness.client();
      expect((await sdkFailure(client.request('CreateSDKLoginToken', { SdkAppId: ACME_APP }))).code).toBe(
        'MissingParameter',
      );
      expect((await sdkFailure(client.request('CreateSDKLoginToken', { SeatUserId: ALICE }))).code).toBe(
        'MissingParameter',
      );
      expect(
        (
          await sdkFailure(
            client.request('CreateSDKLoginToken', { SdkAppId: String(ACME_APP), SeatUserId: ALICE }),
          )
        ).code,
      ).toBe('InvalidParameter');
      expect(
        (await sdkFailure(client.request('CreateSDKLoginToken', { SdkAppId: ACME_APP, SeatUserId: 42 })))
          .code,
      ).toBe('InvalidParameter');
      expect(
        (
          await sdkFailure(
            client.request('CreateSDKLoginToken', { SdkAppId: ACME_APP, SeatUserId: ALICE, OnlyOnce: 'yes' }),
          )
        ).code,
      ).toBe('InvalidParameter');
      expect(
        (
          await sdkFailure(
            client.request('CreateSDKLoginToken', { SdkAppId: ACME_APP, SeatUserId: ALICE, Seat: ALICE }),
          )
        ).code,
      ).toBe('UnknownParameter');
    });
  });

  describe('DescribeStaffInfoList', () => {
    it('lists the app’s staff with the documented fields, pages from 0 and filters by StaffMail', async () => {
      const client = harness.client();
      const all = await client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 10, PageNumber: 0 });
      expect(all.TotalCount).toBe(2);
      expect(all.StaffList?.map((staff) => staff.Mail)).toEqual([ALICE, BOB]);
      expect(all.StaffList?.[0]).toEqual({
        Name: 'Alice',
        Mail: ALICE,
        Phone: '',
        Nick: 'Alice',
        StaffNumber: '1001',
        RoleId: 3,
        RoleIdList: 3,
        RoleList: [3],
        SkillGroupList: [],
        LastModifyTimestamp: expect.any(Number),
        ExtensionNumber: '',
      });

      const page1 = await client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 1 });
      expect(page1.TotalCount).toBe(2);
      expect(page1.StaffList?.map((staff) => staff.Mail)).toEqual([BOB]);
      const beyond = await client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 5 });
      expect(beyond.StaffList).toEqual([]);

      const one = await client.DescribeStaffInfoList({
        SdkAppId: ACME_APP,
        PageSize: 10,
        PageNumber: 0,
        StaffMail: BOB,
      });
      expect(one.TotalCount).toBe(1);
      expect(one.StaffList?.[0]?.Name).toBe('Bob');
    });

    it('checks ownership and parameter ranges', async () => {
      const client = harness.client();
      expect(
        (
          await sdkFailure(
            client.DescribeStaffInfoList({ SdkAppId: GLOBEX_APP, PageSize: 10, PageNumber: 0 }),
          )
        ).code,
      ).toBe('InvalidParameterValue.InstanceNotExist');
      expect(
        (
          await sdkFailure(
            client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 10000, PageNumber: 0 }),
          )
        ).code,
      ).toBe('InvalidParameterValue');
      expect(
        (await sdkFailure(client.request('DescribeStaffInfoList', { SdkAppId: ACME_APP, PageSize: 10 })))
          .code,
      ).toBe('MissingParameter');
      expect(
        (
          await sdkFailure(
            client.request('DescribeStaffInfoList', { SdkAppId: ACME_APP, PageSize: 1.5, PageNumber: 0 }),
          )
        ).code,
      ).toBe('InvalidParameter');
    });
  });

  describe('CreateStaff and DeleteStaff', () => {
    it('creates staff who can then log in, lists existing accounts in ErrorStaffList, and deletes them again', async () => {
      const client = harness.client();
      const created = await client.CreateStaff({
        SdkAppId: ACME_APP,
        Staffs: [
          {
            Name: 'Dave',
            Mail: 'dave@acme.example',
            StaffNumber: '1003',
            SkillGroupNameList: ['Sales'],
            Role: 1,
          },
          { Name: 'Alice again', Mail: ALICE, StaffNumber: '1001' },
        ],
      });
      expect(created.RequestId).toMatch(UUID);
      expect(created.ErrorStaffList).toEqual([
        { StaffEmail: ALICE, Code: 'FailedOperation.DuplicatedAccount', Message: expect.any(String) },
      ]);

      const dave = await client.DescribeStaffInfoList({
        SdkAppId: ACME_APP,
        PageSize: 10,
        PageNumber: 0,
        StaffMail: 'dave@acme.example',
      });
      expect(dave.StaffList?.[0]).toMatchObject({
        Name: 'Dave',
        StaffNumber: '1003',
        RoleList: [1],
        SkillGroupList: [
          {
            SkillGroupId: expect.any(Number),
            SkillGroupName: 'Sales',
            Priority: expect.any(Number),
            Type: 'ALL',
          },
        ],
      });
      expect(
        (await client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: 'dave@acme.example' })).Token,
      ).toBeDefined();
      // Existing staff were not overwritten by the duplicate.
      expect(harness.emulator.state.directory.staffOf(ACME_APP, ALICE)?.name).toBe('Alice');

      const deleted = await client.DeleteStaff({ SdkAppId: ACME_APP, StaffList: ['dave@acme.example'] });
      expect(deleted.OnlineStaffList).toEqual([]);
      expect(deleted.RequestId).toMatch(UUID);
      expect(
        (
          await sdkFailure(
            client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: 'dave@acme.example' }),
          )
        ).code,
      ).toBe('InvalidParameterValue.AccountNotExist');
    });

    it('keeps online staff and reports them in OnlineStaffList', async () => {
      harness.emulator.state.setStaffStatus(ACME_APP, BOB, 'free');
      const client = harness.client();
      const answer = await client.DeleteStaff({ SdkAppId: ACME_APP, StaffList: [ALICE, BOB] });
      expect(answer.OnlineStaffList).toEqual([BOB]);
      const left = await client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 10, PageNumber: 0 });
      expect(left.StaffList?.map((staff) => staff.Mail)).toEqual([BOB]);
    });

    it('refuses another account’s app, too many staff and malformed staff', async () => {
      const client = harness.client();
      expect(
        (
          await sdkFailure(
            client.CreateStaff({
              SdkAppId: GLOBEX_APP,
              Staffs: [{ Name: 'X', Mail: 'x@acme.example', StaffNumber: '1' }],
            }),
          )
        ).code,
      ).toBe('InvalidParameterValue.InstanceNotExist');
      expect(
        (await sdkFailure(client.DeleteStaff({ SdkAppId: GLOBEX_APP, StaffList: ['gina@globex.example'] })))
          .code,
      ).toBe('InvalidParameterValue.InstanceNotExist');
      const eleven = Array.from({ length: 11 }, (_, i) => ({
        Name: `S${i}`,
        Mail: `s${i}@acme.example`,
        StaffNumber: String(i),
      }));
      expect((await sdkFailure(client.CreateStaff({ SdkAppId: ACME_APP, Staffs: eleven }))).code).toBe(
        'InvalidParameterValue',
      );
      expect(
        (
          await sdkFailure(
            client.request('CreateStaff', {
              SdkAppId: ACME_APP,
              Staffs: [{ Name: 'No mail', StaffNumber: '9' }],
            }),
          )
        ).code,
      ).toBe('MissingParameter');
      expect(
        (await sdkFailure(client.request('DeleteStaff', { SdkAppId: ACME_APP, StaffList: ALICE }))).code,
      ).toBe('InvalidParameter');
      // Gina still exists: the refused DeleteStaff changed nothing.
      expect(harness.emulator.state.directory.staffOf(GLOBEX_APP, 'gina@globex.example')).toBeDefined();
    });

    it('answers LimitExceeded when an app’s seat limit would be passed', async () => {
      harness.emulator.state.addSeed({
        accounts: [{ ...ACME, apps: [{ sdkAppId: ACME_APP_2, maxStaff: 1 }] }],
      });
      const failure = await sdkFailure(
        harness.client().CreateStaff({
          SdkAppId: ACME_APP_2,
          Staffs: [{ Name: 'Eve', Mail: 'eve@acme.example', StaffNumber: '7' }],
        }),
      );
      expect(failure.code).toBe('LimitExceeded');
    });
  });

  describe('the envelope', () => {
    it('answers InvalidAction for an unknown action, including names that exist on plain objects', async () => {
      const client = harness.client();
      for (const action of ['DescribeInstances', 'constructor', '__proto__', 'toString', 'reset']) {
        expect((await sdkFailure(client.request(action, {}))).code).toBe('InvalidAction');
      }
    });

    it('echoes X-TC-TraceId and answers HTTP 200 with a RequestId, for successes and errors', async () => {
      const ok = await signedCall(harness.emulator.port, {
        action: 'DescribeStaffInfoList',
        params: { SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 },
        ...ACME,
        extraHeaders: { 'X-TC-TraceId': 'trace-ok-1' },
      });
      expect(ok.status).toBe(200);
      expect(ok.headers['x-tc-traceid']).toBe('trace-ok-1');
      expect(responseOf(ok)['RequestId']).toMatch(UUID);
      expect(responseOf(ok)['TotalCount']).toBe(2);

      const error = await rawRequest(harness.emulator.port, {
        headers: {
          Host: 'ccc.tencentcloudapi.com',
          'Content-Type': 'application/json',
          'X-TC-Action': 'DeleteStaff',
          'X-TC-TraceId': 'trace-err-2',
        },
        body: '{}',
      });
      expect(error.status).toBe(200);
      expect(error.headers['x-tc-traceid']).toBe('trace-err-2');
      expect(responseOf(error)).toEqual({
        Error: { Code: 'AuthFailure.InvalidAuthorization', Message: expect.any(String) },
        RequestId: expect.stringMatching(UUID),
      });

      // The SDK surfaces the echoed trace id on its exception.
      const failure = await sdkFailure(harness.client().request('NoSuchAction', {}));
      expect(failure.traceId).toMatch(UUID);
    });

    it('logs one JSON line per call and never a SecretKey', async () => {
      const client = harness.client(GLOBEX);
      await client.DescribeStaffInfoList({ SdkAppId: GLOBEX_APP, PageSize: 1, PageNumber: 0 });
      await sdkFailure(
        client.CreateSDKLoginToken({ SdkAppId: GLOBEX_APP, SeatUserId: 'nobody@globex.example' }),
      );
      const calls = harness.logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry['kind'] === 'tccc');
      expect(calls).toEqual([
        expect.objectContaining({
          action: 'DescribeStaffInfoList',
          secretId: GLOBEX.secretId,
          sdkAppId: GLOBEX_APP,
          outcome: 'ok',
          code: null,
          latencyMs: expect.any(Number),
        }),
        expect.objectContaining({
          action: 'CreateSDKLoginToken',
          secretId: GLOBEX.secretId,
          sdkAppId: GLOBEX_APP,
          outcome: 'error',
          code: 'InvalidParameterValue.AccountNotExist',
        }),
      ]);
      const everything = harness.logLines.join('\n') + JSON.stringify(harness.emulator.state.snapshot());
      expect(everything).not.toContain(GLOBEX.secretKey);
      expect(everything).not.toContain(ACME.secretKey);
    });
  });
});
