import {
  ACME_APP,
  ACME_APP_2,
  ALICE,
  BOB,
  GLOBEX_APP,
  sdkFailure,
  startHarness,
  UUID,
  type EmulatorHarness,
} from './support/emulator-fixtures';

// CreateStaff (SeatUserInfo), ModifyStaff and DeleteStaff through the unmodified official SDK.

const DAVE = 'dave@acme.example';
const ERIN = 'erin@acme.example';
const DAVE_SEAT = { Name: 'Dave', Mail: DAVE, StaffNumber: '1003' };

describe('seat lifecycle actions through the official SDK', () => {
  let harness: EmulatorHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  async function staffInfo(mail: string): Promise<Record<string, unknown> | undefined> {
    const answer = await harness
      .client()
      .DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 10, PageNumber: 0, StaffMail: mail });
    return answer.StaffList?.[0] as Record<string, unknown> | undefined;
  }

  async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
    return (await sdkFailure(promise)).code;
  }

  describe('CreateStaff', () => {
    it('creates a seat from every SeatUserInfo field, bound to an existing skill group at priority 3', async () => {
      const created = await harness.client().CreateStaff({
        SdkAppId: ACME_APP,
        SendPassword: false,
        Staffs: [
          {
            ...DAVE_SEAT,
            Phone: '008613800000001',
            Nick: 'D',
            UserId: 'u-dave',
            SkillGroupNameList: ['Sales'],
            Role: 2,
            ExtensionNumber: '8001',
          },
        ],
      });
      expect(created.ErrorStaffList).toEqual([]);
      expect(await staffInfo(DAVE)).toEqual({
        Name: 'Dave',
        Mail: DAVE,
        Phone: '008613800000001',
        Nick: 'D',
        StaffNumber: '1003',
        RoleId: 2,
        RoleIdList: 2,
        RoleList: [2],
        SkillGroupList: [{ SkillGroupId: 1, SkillGroupName: 'Sales', Priority: 3, Type: 'ALL' }],
        LastModifyTimestamp: expect.any(Number),
        ExtensionNumber: '8001',
      });
      expect(harness.emulator.state.directory.staffOf(ACME_APP, DAVE)?.userId).toBe('u-dave');
    });

    it('refuses a Phone without the 0086 prefix and an ExtensionNumber outside 4-6 digits starting 1-8', async () => {
      const client = harness.client();
      const attempt = (fields: { Phone?: string; ExtensionNumber?: string }): Promise<string | undefined> =>
        codeOf(
          client.CreateStaff({
            SdkAppId: ACME_APP,
            Staffs: [{ ...DAVE_SEAT, ...fields }],
          }),
        );
      for (const phone of ['13800000001', '0086138000', '+8613800000001', '0086138000000012']) {
        expect(await attempt({ Phone: phone })).toBe('InvalidParameterValue');
      }
      for (const extension of ['9001', '0123', '123', '1234567', '12a4']) {
        expect(await attempt({ ExtensionNumber: extension })).toBe('InvalidParameterValue');
      }
      expect(harness.emulator.state.directory.staffOf(ACME_APP, DAVE)).toBeUndefined();
      const valid = await client.CreateStaff({
        SdkAppId: ACME_APP,
        Staffs: [{ ...DAVE_SEAT, Phone: '008613800000001', ExtensionNumber: '123456' }],
      });
      expect(valid.ErrorStaffList).toEqual([]);
    });

    it('lists a seat naming an unknown skill group with SkillGroupError, creates the others and no group', async () => {
      const answer = await harness.client().CreateStaff({
        SdkAppId: ACME_APP,
        Staffs: [
          { ...DAVE_SEAT, SkillGroupNameList: ['Sales', 'Salse'] },
          { Name: 'Erin', Mail: ERIN, StaffNumber: '1004', SkillGroupNameList: ['Sales'] },
        ],
      });
      expect(answer.ErrorStaffList).toEqual([
        {
          StaffEmail: DAVE,
          Code: 'InvalidParameterValue.SkillGroupError',
          Message: expect.stringContaining('Salse'),
        },
      ]);
      expect(harness.emulator.state.directory.staffOf(ACME_APP, DAVE)).toBeUndefined();
      expect(harness.emulator.state.directory.staffOf(ACME_APP, ERIN)?.skillGroups).toEqual(['Sales']);
      const groups = await harness
        .client()
        .DescribeSkillGroupInfoList({ SdkAppId: ACME_APP, PageSize: 100, PageNumber: 0 });
      expect(groups.SkillGroupList?.map((group) => group.SkillGroupName)).toEqual(['Sales']);
    });

    it('lists a seat whose phone another seat already has with PhoneNumIsBoundOtherAccount', async () => {
      const client = harness.client();
      await client.CreateStaff({
        SdkAppId: ACME_APP,
        Staffs: [{ ...DAVE_SEAT, Phone: '008613800000001' }],
      });
      const answer = await client.CreateStaff({
        SdkAppId: ACME_APP,
        Staffs: [
          { Name: 'Erin', Mail: ERIN, StaffNumber: '1004', Phone: '008613800000001' },
          { Name: 'Fay', Mail: 'fay@acme.example', StaffNumber: '1005', Phone: '008613800000002' },
          { Name: 'Gus', Mail: 'gus@acme.example', StaffNumber: '1006', Phone: '008613800000002' },
        ],
      });
      expect(answer.ErrorStaffList?.map((item) => [item.StaffEmail, item.Code])).toEqual([
        [ERIN, 'InvalidParameterValue.PhoneNumIsBoundOtherAccount'],
        ['gus@acme.example', 'InvalidParameterValue.PhoneNumIsBoundOtherAccount'],
      ]);
      expect(harness.emulator.state.directory.staffOf(ACME_APP, 'fay@acme.example')).toBeDefined();
    });
  });

  describe('ModifyStaff', () => {
    it('changes every documented field, keeps a kept group’s priority and answers ForwardingConfig in StaffInfo', async () => {
      const client = harness.client();
      await client.BindStaffSkillGroupList({
        SdkAppId: ACME_APP,
        StaffEmail: ALICE,
        StaffSkillGroupList: [{ SkillGroupId: 1, Priority: 1 }],
      });
      const support = await client.CreateCCCSkillGroup({
        SdkAppId: ACME_APP,
        SkillGroupName: 'Support',
        SkillGroupType: 0,
      });
      const before = harness.emulator.state.directory.staffOf(ACME_APP, ALICE)?.lastModifyTimestamp ?? 0;
      harness.emulator.state.advanceClock(5_000);
      const answer = await client.ModifyStaff({
        SdkAppId: ACME_APP,
        Email: ALICE,
        Name: 'Alice B.',
        Phone: '008613800000009',
        Nick: 'AB',
        StaffNo: '2001',
        SkillGroupIds: [1, support.SkillGroupId ?? 0],
        UseMobileCallOut: true,
        UseMobileAccept: 2,
        ExtensionNumber: '1234',
        ForwardingConfig: {
          Enabled: true,
          Condition: 1,
          Target: { Type: 1, StaffUserId: BOB },
        },
      });
      expect(answer.RequestId).toMatch(UUID);
      const info = await staffInfo(ALICE);
      expect(info).toMatchObject({
        Name: 'Alice B.',
        Phone: '008613800000009',
        Nick: 'AB',
        StaffNumber: '2001',
        ExtensionNumber: '1234',
        SkillGroupList: [
          { SkillGroupId: 1, SkillGroupName: 'Sales', Priority: 1, Type: 'ALL' },
          { SkillGroupId: support.SkillGroupId, SkillGroupName: 'Support', Priority: 3, Type: 'ALL' },
        ],
        ForwardingConfig: {
          Enabled: true,
          Condition: 1,
          Target: { Type: 1, StaffUserId: BOB, SkillGroupId: 0, Extension: '' },
        },
      });
      expect(info?.['LastModifyTimestamp']).toBeGreaterThan(before);
      expect(harness.emulator.state.directory.staffOf(ACME_APP, ALICE)).toMatchObject({
        useMobileCallOut: true,
        useMobileAccept: 2,
      });
      // SkillGroupIds is the whole list: leaving a group out unbinds it.
      await client.ModifyStaff({ SdkAppId: ACME_APP, Email: ALICE, SkillGroupIds: [] });
      expect((await staffInfo(ALICE))?.['SkillGroupList']).toEqual([]);
    });

    it('answers the documented errors and changes nothing when it refuses', async () => {
      const client = harness.client();
      await client.ModifyStaff({ SdkAppId: ACME_APP, Email: BOB, Phone: '008613800000005' });
      const modify = (fields: Record<string, unknown>): Promise<string | undefined> =>
        codeOf(
          client.request('ModifyStaff', { SdkAppId: ACME_APP, Email: ALICE, Name: 'Changed', ...fields }),
        );
      expect(await codeOf(client.ModifyStaff({ SdkAppId: ACME_APP, Email: 'nobody@acme.example' }))).toBe(
        'InvalidParameterValue.AccountNotExist',
      );
      expect(await modify({ Phone: '008613800000005' })).toBe(
        'InvalidParameterValue.PhoneNumIsBoundOtherAccount',
      );
      expect(await modify({ SkillGroupIds: [1, 99] })).toBe('InvalidParameterValue.SkillGroupError');
      expect(await modify({ Phone: '13800000005' })).toBe('InvalidParameterValue');
      expect(await modify({ ExtensionNumber: '99' })).toBe('InvalidParameterValue');
      expect(await modify({ UseMobileAccept: 3 })).toBe('InvalidParameterValue');
      expect(await modify({ ForwardingConfig: { Enabled: true, Condition: 5 } })).toBe(
        'InvalidParameterValue',
      );
      expect(await modify({ ForwardingConfig: { Enabled: true, Condition: 1 } })).toBe(
        'InvalidParameterValue',
      );
      expect(await modify({ StaffNumber: '1' })).toBe('UnknownParameter');
      expect(await modify({ SdkAppId: GLOBEX_APP })).toBe('InvalidParameterValue.InstanceNotExist');
      expect(await codeOf(client.request('ModifyStaff', { SdkAppId: ACME_APP }))).toBe('MissingParameter');
      expect(harness.emulator.state.directory.staffOf(ACME_APP, ALICE)?.name).toBe('Alice');
      // Bob may keep his own phone.
      await client.ModifyStaff({ SdkAppId: ACME_APP, Email: BOB, Phone: '008613800000005', Name: 'Bobby' });
      expect(harness.emulator.state.directory.staffOf(ACME_APP, BOB)?.name).toBe('Bobby');
    });

    it('answers LimitExceeded.InsufficientLicense while the app holds more seats than valid licences', async () => {
      const { state } = harness.emulator;
      const later = Math.floor(state.now() / 1000) + 86_400;
      state.setLicences(ACME_APP, [{ num: 2, endTime: later }]);
      const client = harness.client();
      await client.ModifyStaff({ SdkAppId: ACME_APP, Email: ALICE, Nick: 'fits' });
      state.setLicences(ACME_APP, [{ num: 1, endTime: later }]);
      expect(await codeOf(client.ModifyStaff({ SdkAppId: ACME_APP, Email: ALICE, Nick: 'over' }))).toBe(
        'LimitExceeded.InsufficientLicense',
      );
      expect(state.directory.staffOf(ACME_APP, ALICE)?.nick).toBe('fits');
    });
  });

  describe('DeleteStaff', () => {
    it('takes up to 200 mails, keeps online staff in OnlineStaffList and details the outcome in DeleteStatusInfo', async () => {
      const client = harness.client();
      harness.emulator.state.setStaffStatus(ACME_APP, BOB, 'rest');
      const many = Array.from({ length: 198 }, (_, i) => `ghost${i}@acme.example`);
      const answer = await client.DeleteStaff({ SdkAppId: ACME_APP, StaffList: [ALICE, BOB, ...many] });
      expect(answer.OnlineStaffList).toEqual([BOB]);
      const info = JSON.parse(answer.DeleteStatusInfo ?? '') as Record<string, string[]>;
      expect(info['Deleted']).toEqual([ALICE]);
      expect(info['Online']).toEqual([BOB]);
      expect(info['NotExist']).toHaveLength(198);
      expect(harness.emulator.state.directory.staffOf(ACME_APP, ALICE)).toBeUndefined();

      const tooMany = Array.from({ length: 201 }, (_, i) => `ghost${i}@acme.example`);
      expect(await codeOf(client.DeleteStaff({ SdkAppId: ACME_APP, StaffList: tooMany }))).toBe(
        'InvalidParameterValue',
      );
      expect(await codeOf(client.DeleteStaff({ SdkAppId: ACME_APP_2, StaffList: [] }))).toBe(
        'InvalidParameterValue',
      );
    });
  });
});
