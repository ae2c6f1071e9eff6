import {
  ACME_APP,
  ALICE,
  BOB,
  GLOBEX_APP,
  sdkFailure,
  startHarness,
  type EmulatorHarness,
} from './support/emulator-fixtures';

// Agent status through the unmodified official SDK: SetStaffStatus, DescribeStaffStatusMetrics,
// DescribeStaffStatusHistory, ForceMemberOffline and RestoreMemberOnline. Seats go online here
// through the in-process state (as the agent script would); agent-presence.browser.spec.ts does
// it from a real workstation.

const DAY = 86_400;

describe('staff status actions through the official SDK', () => {
  let harness: EmulatorHarness;

  beforeEach(async () => {
    // A frozen base clock (well within the signature window) makes timestamps exact; tests move
    // it with advanceClock.
    const frozenAt = Date.now();
    harness = await startHarness({ now: () => frozenAt });
  });
  afterEach(async () => {
    await harness.close();
  });

  async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
    return (await sdkFailure(promise)).code;
  }

  function nowSeconds(): number {
    return Math.floor(harness.emulator.state.now() / 1000);
  }

  async function metricsOf(mail: string): Promise<Record<string, unknown> | undefined> {
    const answer = await harness
      .client()
      .DescribeStaffStatusMetrics({ SdkAppId: ACME_APP, StaffList: [mail] });
    return answer.Metrics?.[0] as Record<string, unknown> | undefined;
  }

  async function verify(token: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${harness.emulator.url}/tccc-agent-sdk/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ token }),
    });
    return (await response.json()) as Record<string, unknown>;
  }

  describe('SetStaffStatus', () => {
    it('sets free, notReady or rest per seat, answering each with the previous status and its own error', async () => {
      harness.emulator.state.setStaffStatus(ACME_APP, BOB, 'free');
      const answer = await harness.client().SetStaffStatus({
        SdkAppId: ACME_APP,
        StaffStatusList: [
          { StaffUserId: BOB, Status: 'rest', Reason: 'lunch' },
          { StaffUserId: ALICE, Status: 'free' },
          { StaffUserId: 'nobody@acme.example', Status: 'free' },
        ],
      });
      expect(answer.StaffStatusList).toEqual([
        {
          StaffUserId: BOB,
          ErrorCode: '',
          ErrorMessage: '',
          Status: 'rest',
          Reason: 'lunch',
          PreviousStatus: 'free',
          PreviousReason: '',
        },
        expect.objectContaining({ StaffUserId: ALICE, ErrorCode: 'FailedOperation', Status: 'offline' }),
        expect.objectContaining({
          StaffUserId: 'nobody@acme.example',
          ErrorCode: 'InvalidParameterValue.AccountNotExist',
        }),
      ]);
      expect(harness.emulator.state.directory.staffOf(ACME_APP, BOB)?.status).toBe('rest');
      expect(harness.emulator.state.directory.staffOf(ACME_APP, ALICE)?.status).toBe('offline');
      const back = await harness.client().SetStaffStatus({
        SdkAppId: ACME_APP,
        StaffStatusList: [{ StaffUserId: BOB, Status: 'notReady' }],
      });
      expect(back.StaffStatusList?.[0]).toMatchObject({
        Status: 'notReady',
        PreviousStatus: 'rest',
        PreviousReason: 'lunch',
      });
    });

    it('refuses more than 10 entries, an empty list and statuses other than free, notReady and rest', async () => {
      const client = harness.client();
      const eleven = Array.from({ length: 11 }, () => ({ StaffUserId: BOB, Status: 'free' }));
      expect(await codeOf(client.SetStaffStatus({ SdkAppId: ACME_APP, StaffStatusList: eleven }))).toBe(
        'InvalidParameterValue',
      );
      expect(await codeOf(client.SetStaffStatus({ SdkAppId: ACME_APP, StaffStatusList: [] }))).toBe(
        'InvalidParameterValue',
      );
      for (const status of ['busy', 'offline', 'afterCallWork', 'away']) {
        expect(
          await codeOf(
            client.SetStaffStatus({
              SdkAppId: ACME_APP,
              StaffStatusList: [{ StaffUserId: BOB, Status: status }],
            }),
          ),
        ).toBe('InvalidParameterValue');
      }
      expect(
        await codeOf(
          client.SetStaffStatus({
            SdkAppId: GLOBEX_APP,
            StaffStatusList: [{ StaffUserId: BOB, Status: 'free' }],
          }),
        ),
      ).toBe('InvalidParameterValue.InstanceNotExist');
      const ten = Array.from({ length: 10 }, () => ({ StaffUserId: BOB, Status: 'free' }));
      expect(
        (await client.SetStaffStatus({ SdkAppId: ACME_APP, StaffStatusList: ten })).StaffStatusList,
      ).toHaveLength(10);
    });
  });

  describe('DescribeStaffStatusMetrics', () => {
    it('answers each seat’s status, reason, timestamps, the day’s durations and its clients', async () => {
      const { state } = harness.emulator;
      const wentOnline = nowSeconds();
      state.setStaffStatus(ACME_APP, BOB, 'free');
      state.advanceClock(60_000);
      state.setStaffStatus(ACME_APP, BOB, 'rest', 'training');
      state.advanceClock(120_000);
      await harness
        .client()
        .ModifyStaff({ SdkAppId: ACME_APP, Email: BOB, UseMobileAccept: 1, UseMobileCallOut: true });
      const bob = await metricsOf(BOB);
      expect(bob).toEqual({
        Email: BOB,
        Status: 'rest',
        StatusExtra: { Type: '', Direct: '' },
        OnlineDuration: expect.any(Number),
        FreeDuration: expect.any(Number),
        BusyDuration: 0,
        NotReadyDuration: 0,
        RestDuration: expect.any(Number),
        AfterCallWorkDuration: 0,
        Reason: 'training',
        ReserveRest: false,
        ReserveNotReady: false,
        UseMobileAccept: 1,
        UseMobileCallOut: true,
        LastOnlineTimestamp: wentOnline,
        LastStatusTimestamp: wentOnline + 60,
        ClientInfo: [],
      });
      // Durations count from the start of the day (China Standard Time); exact unless the day
      // turned during this test.
      const dayStart = Math.floor((nowSeconds() + 8 * 3600) / DAY) * DAY - 8 * 3600;
      if (wentOnline >= dayStart) {
        expect(bob?.['FreeDuration']).toBe(60);
        expect(bob?.['RestDuration']).toBe(120);
        expect(bob?.['OnlineDuration']).toBe(180);
      }
      const alice = await metricsOf(ALICE);
      expect(alice).toMatchObject({
        Status: 'offline',
        OnlineDuration: 0,
        LastOnlineTimestamp: null,
        ClientInfo: [],
      });
    });

    it('filters by StaffList, GroupIdList and StatusList, and refuses unknown statuses', async () => {
      const client = harness.client();
      harness.emulator.state.setStaffStatus(ACME_APP, BOB, 'notReady');
      await client.BindStaffSkillGroupList({
        SdkAppId: ACME_APP,
        StaffEmail: ALICE,
        StaffSkillGroupList: [{ SkillGroupId: 1 }],
      });
      const emails = async (filter: Record<string, unknown>): Promise<Array<string | undefined>> =>
        ((await client.DescribeStaffStatusMetrics({ SdkAppId: ACME_APP, ...filter })).Metrics ?? []).map(
          (m) => m.Email,
        );
      expect(await emails({})).toEqual([ALICE, BOB]);
      expect(await emails({ StatusList: ['notReady', 'free'] })).toEqual([BOB]);
      expect(await emails({ StatusList: ['offline'] })).toEqual([ALICE]);
      expect(await emails({ GroupIdList: [1] })).toEqual([ALICE]);
      expect(await emails({ StaffList: [BOB, 'nobody@acme.example'] })).toEqual([BOB]);
      expect(
        await codeOf(client.DescribeStaffStatusMetrics({ SdkAppId: ACME_APP, StatusList: ['away'] })),
      ).toBe('InvalidParameterValue');
      expect(await codeOf(client.DescribeStaffStatusMetrics({ SdkAppId: GLOBEX_APP }))).toBe(
        'InvalidParameterValue.InstanceNotExist',
      );
    });
  });

  describe('DescribeStaffStatusHistory', () => {
    it('answers the seat’s status changes in a range under 7 days, paged by Cursor', async () => {
      const { state } = harness.emulator;
      const start = nowSeconds();
      state.setStaffStatus(ACME_APP, BOB, 'free');
      state.advanceClock(10_000);
      state.setStaffStatus(ACME_APP, BOB, 'rest', 'coffee');
      state.advanceClock(10_000);
      state.setStaffStatus(ACME_APP, BOB, 'offline');
      const client = harness.client();
      const range = {
        SdkAppId: ACME_APP,
        StaffUserId: BOB,
        StartTimestamp: start - 60,
        EndTimestamp: start + 3600,
      };
      const all = await client.DescribeStaffStatusHistory(range);
      expect(all.Data?.map((item) => [item.Status, item.Timestamp, item.Reason])).toEqual([
        ['free', start, ''],
        ['rest', start + 10, 'coffee'],
        ['offline', start + 20, ''],
      ]);
      expect(all.Data?.[0]).toMatchObject({
        StaffEmail: BOB,
        StaffNo: '1002',
        SessionId: '',
        Cursor: expect.any(String),
      });

      const first = await client.DescribeStaffStatusHistory({ ...range, PageSize: 2 });
      expect(first.Data?.map((item) => item.Status)).toEqual(['free', 'rest']);
      const rest = await client.DescribeStaffStatusHistory({
        ...range,
        PageSize: 2,
        Cursor: first.Data?.[1]?.Cursor,
      });
      expect(rest.Data?.map((item) => item.Status)).toEqual(['offline']);
      const narrow = await client.DescribeStaffStatusHistory({
        ...range,
        StartTimestamp: start + 5,
        EndTimestamp: start + 15,
      });
      expect(narrow.Data?.map((item) => item.Status)).toEqual(['rest']);
    });

    it('refuses a range of 7 days or more, a start over 180 days back, an end before the start and unknown seats', async () => {
      const client = harness.client();
      const now = nowSeconds();
      const history = (fields: Record<string, unknown>): Promise<string | undefined> =>
        codeOf(
          client.request('DescribeStaffStatusHistory', {
            SdkAppId: ACME_APP,
            StaffUserId: BOB,
            StartTimestamp: now - 3600,
            EndTimestamp: now,
            ...fields,
          }),
        );
      expect(await history({ StartTimestamp: now - 7 * DAY, EndTimestamp: now })).toBe(
        'InvalidParameterValue',
      );
      expect(await history({ StartTimestamp: now - 181 * DAY, EndTimestamp: now - 180 * DAY })).toBe(
        'InvalidParameterValue',
      );
      expect(await history({ StartTimestamp: now, EndTimestamp: now - 1 })).toBe('InvalidParameterValue');
      expect(await history({ Cursor: 'not-a-cursor' })).toBe('InvalidParameterValue');
      expect(await history({ StaffUserId: 'nobody@acme.example' })).toBe(
        'InvalidParameterValue.AccountNotExist',
      );
      expect(await history({ EndTimestamp: undefined })).toBe('MissingParameter');
      const justUnder = await client.DescribeStaffStatusHistory({
        SdkAppId: ACME_APP,
        StaffUserId: BOB,
        StartTimestamp: now - 7 * DAY + 1,
        EndTimestamp: now,
      });
      expect(justUnder.Data).toEqual([]);
    });
  });

  describe('ForceMemberOffline and RestoreMemberOnline', () => {
    it('takes the seat offline, refuses its logins and earlier tokens until restored', async () => {
      const client = harness.client();
      const earlier = await client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: BOB });
      harness.emulator.state.setStaffStatus(ACME_APP, BOB, 'free');
      await client.ForceMemberOffline({ SdkAppId: ACME_APP, UserId: BOB });

      expect(await metricsOf(BOB)).toMatchObject({ Status: 'offline', ClientInfo: [] });
      const history = await client.DescribeStaffStatusHistory({
        SdkAppId: ACME_APP,
        StaffUserId: BOB,
        StartTimestamp: nowSeconds() - 60,
        EndTimestamp: nowSeconds() + 60,
      });
      expect(history.Data?.at(-1)).toMatchObject({ Status: 'offline', Reason: 'ForceMemberOffline' });
      const refused = await sdkFailure(client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: BOB }));
      expect(refused.code).toBe('FailedOperation');
      expect(refused.message).toMatch(/RestoreMemberOnline/);
      expect(await verify(earlier.Token ?? '')).toMatchObject({ ok: false, reason: 'revoked' });
      // Other seats are not affected; offline seats can be deleted as usual.
      expect(
        (await client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE })).Token,
      ).toBeDefined();

      await client.RestoreMemberOnline({ SdkAppId: ACME_APP, UserId: BOB });
      const fresh = await client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: BOB });
      expect(await verify(fresh.Token ?? '')).toMatchObject({ ok: true, seat: BOB });
      // Restoring lets the seat log in again; it does not bring back tokens from before.
      expect(await verify(earlier.Token ?? '')).toMatchObject({ ok: false, reason: 'revoked' });
      expect((await metricsOf(BOB))?.['Status']).toBe('offline');
    });

    it('forgets a deleted seat: created again under the same mail, it can log in and has no history', async () => {
      const client = harness.client();
      harness.emulator.state.setStaffStatus(ACME_APP, BOB, 'free');
      await client.ForceMemberOffline({ SdkAppId: ACME_APP, UserId: BOB });
      expect((await client.DeleteStaff({ SdkAppId: ACME_APP, StaffList: [BOB] })).OnlineStaffList).toEqual(
        [],
      );
      await client.CreateStaff({
        SdkAppId: ACME_APP,
        Staffs: [{ Name: 'Bob', Mail: BOB, StaffNumber: '1002' }],
      });
      expect((await client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: BOB })).Token).toBeDefined();
      const history = await client.DescribeStaffStatusHistory({
        SdkAppId: ACME_APP,
        StaffUserId: BOB,
        StartTimestamp: nowSeconds() - 60,
        EndTimestamp: nowSeconds(),
      });
      expect(history.Data).toEqual([]);
    });

    it('answers AccountNotExist for an unknown seat and InstanceNotExist for another account’s app', async () => {
      const client = harness.client();
      expect(
        await codeOf(client.ForceMemberOffline({ SdkAppId: ACME_APP, UserId: 'nobody@acme.example' })),
      ).toBe('InvalidParameterValue.AccountNotExist');
      expect(
        await codeOf(client.RestoreMemberOnline({ SdkAppId: ACME_APP, UserId: 'nobody@acme.example' })),
      ).toBe('InvalidParameterValue.AccountNotExist');
      expect(
        await codeOf(client.ForceMemberOffline({ SdkAppId: GLOBEX_APP, UserId: 'gina@globex.example' })),
      ).toBe('InvalidParameterValue.InstanceNotExist');
      expect(await codeOf(client.request('ForceMemberOffline', { SdkAppId: ACME_APP }))).toBe(
        'MissingParameter',
      );
      // Restoring a seat that was never forced offline is a no-op.
      await client.RestoreMemberOnline({ SdkAppId: ACME_APP, UserId: ALICE });
    });
  });
});
