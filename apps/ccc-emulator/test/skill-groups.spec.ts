import {
  ACME_APP,
  ALICE,
  BOB,
  GLOBEX_APP,
  sdkFailure,
  startHarness,
  type EmulatorHarness,
} from './support/emulator-fixtures';

// Skill groups and staff bindings through the unmodified official SDK. The fixture seeds ACME_APP
// with one group, "Sales" (id 1).

describe('skill group actions through the official SDK', () => {
  let harness: EmulatorHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
    return (await sdkFailure(promise)).code;
  }

  async function prioritiesOf(mail: string): Promise<Array<[string | undefined, number | undefined]>> {
    const answer = await harness
      .client()
      .DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 10, PageNumber: 0, StaffMail: mail });
    return (answer.StaffList?.[0]?.SkillGroupList ?? []).map((group) => [
      group.SkillGroupName,
      group.Priority,
    ]);
  }

  it('creates groups and lists them with the documented fields, filters and pages of at most 100', async () => {
    const client = harness.client();
    const created = await client.CreateCCCSkillGroup({
      SdkAppId: ACME_APP,
      SkillGroupName: 'Chat',
      SkillGroupType: 1,
      MaxConcurrency: 5,
    });
    expect(created.SkillGroupId).toBe(2);
    const all = await client.DescribeSkillGroupInfoList({ SdkAppId: ACME_APP, PageSize: 100, PageNumber: 0 });
    expect(all.TotalCount).toBe(2);
    expect(all.SkillGroupList?.[1]).toEqual({
      SkillGroupId: 2,
      SkillGroupName: 'Chat',
      Type: 'ALL',
      RoutePolicy: expect.any(String),
      UsingLastSeat: 0,
      MaxConcurrency: 5,
      LastModifyTimestamp: expect.any(Number),
      SkillGroupType: 1,
      Alias: '',
      RingAll: false,
    });
    const one = await client.DescribeSkillGroupInfoList({
      SdkAppId: ACME_APP,
      PageSize: 1,
      PageNumber: 0,
      SkillGroupId: 2,
    });
    expect(one.SkillGroupList?.map((group) => group.SkillGroupName)).toEqual(['Chat']);
    const byName = await client.DescribeSkillGroupInfoList({
      SdkAppId: ACME_APP,
      PageSize: 10,
      PageNumber: 0,
      SkillGroupName: 'Sal',
    });
    expect(byName.SkillGroupList?.map((group) => group.SkillGroupId)).toEqual([1]);
    const page1 = await client.DescribeSkillGroupInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 1 });
    expect(page1).toMatchObject({ TotalCount: 2, SkillGroupList: [{ SkillGroupId: 2 }] });
    expect(
      await codeOf(client.DescribeSkillGroupInfoList({ SdkAppId: ACME_APP, PageSize: 101, PageNumber: 0 })),
    ).toBe('InvalidParameterValue');
    expect(
      await codeOf(client.DescribeSkillGroupInfoList({ SdkAppId: GLOBEX_APP, PageSize: 10, PageNumber: 0 })),
    ).toBe('InvalidParameterValue.InstanceNotExist');
  });

  it('refuses a taken name, an unknown type and more than one session for a phone group', async () => {
    const client = harness.client();
    const create = (fields: Record<string, unknown>): Promise<string | undefined> =>
      codeOf(client.request('CreateCCCSkillGroup', { SdkAppId: ACME_APP, ...fields }));
    expect(await create({ SkillGroupName: 'Sales', SkillGroupType: 0 })).toBe(
      'InvalidParameterValue.SkillGroupExist',
    );
    expect(await create({ SkillGroupName: 'X', SkillGroupType: 2 })).toBe('InvalidParameterValue');
    expect(await create({ SkillGroupName: 'X', SkillGroupType: 0, MaxConcurrency: 3 })).toBe(
      'InvalidParameterValue',
    );
    expect(await create({ SkillGroupName: 'X', SkillGroupType: 1, MaxConcurrency: 0 })).toBe(
      'InvalidParameterValue',
    );
    expect(await create({ SkillGroupType: 0 })).toBe('MissingParameter');
    const groups = await client.DescribeSkillGroupInfoList({
      SdkAppId: ACME_APP,
      PageSize: 100,
      PageNumber: 0,
    });
    expect(groups.TotalCount).toBe(1);
  });

  it('updates a group by SkillGroupID (the real spelling); SkillGroupId is an unknown parameter there', async () => {
    const client = harness.client();
    await client.CreateCCCSkillGroup({ SdkAppId: ACME_APP, SkillGroupName: 'Support', SkillGroupType: 0 });
    await client.UpdateCCCSkillGroup({
      SdkAppId: ACME_APP,
      SkillGroupID: 1,
      SkillGroupName: 'Inside sales',
      RingAll: true,
      MaxConcurrency: 2,
    });
    const listed = await client.DescribeSkillGroupInfoList({
      SdkAppId: ACME_APP,
      PageSize: 10,
      PageNumber: 0,
      SkillGroupId: 1,
    });
    expect(listed.SkillGroupList?.[0]).toMatchObject({
      SkillGroupName: 'Inside sales',
      RingAll: true,
      MaxConcurrency: 2,
    });
    const update = (fields: Record<string, unknown>): Promise<string | undefined> =>
      codeOf(client.request('UpdateCCCSkillGroup', { SdkAppId: ACME_APP, ...fields }));
    expect(await update({ SkillGroupId: 1, SkillGroupName: 'Y' })).toBe('UnknownParameter');
    expect(await update({ SkillGroupID: 99, SkillGroupName: 'Y' })).toBe(
      'InvalidParameterValue.SkillGroupError',
    );
    expect(await update({ SkillGroupID: 1, SkillGroupName: 'Support' })).toBe(
      'InvalidParameterValue.SkillGroupExist',
    );
    expect(await update({ SkillGroupID: 1, MaxConcurrency: 3 })).toBe('InvalidParameterValue');
    expect(await update({ SkillGroupID: 2, MaxConcurrency: 2 })).toBe('InvalidParameterValue');
  });

  it('binds staff with priority 1-5 (default 3), rebinding changes the priority, and unbinds', async () => {
    const client = harness.client();
    const support = await client.CreateCCCSkillGroup({
      SdkAppId: ACME_APP,
      SkillGroupName: 'Support',
      SkillGroupType: 0,
    });
    await client.BindStaffSkillGroupList({
      SdkAppId: ACME_APP,
      StaffEmail: ALICE,
      StaffSkillGroupList: [{ SkillGroupId: 1 }, { SkillGroupId: support.SkillGroupId ?? 0, Priority: 1 }],
    });
    expect(await prioritiesOf(ALICE)).toEqual([
      ['Sales', 3],
      ['Support', 1],
    ]);
    await client.BindStaffSkillGroupList({
      SdkAppId: ACME_APP,
      StaffEmail: ALICE,
      StaffSkillGroupList: [{ SkillGroupId: 1, Priority: 5 }],
    });
    expect(await prioritiesOf(ALICE)).toEqual([
      ['Sales', 5],
      ['Support', 1],
    ]);
    // The deprecated SkillGroupList still binds, at the default priority.
    await client.request('BindStaffSkillGroupList', {
      SdkAppId: ACME_APP,
      StaffEmail: BOB,
      SkillGroupList: [1],
    });
    expect(await prioritiesOf(BOB)).toEqual([['Sales', 3]]);
    const inSales = await client.DescribeStaffInfoList({
      SdkAppId: ACME_APP,
      PageSize: 10,
      PageNumber: 0,
      SkillGroupId: 1,
    });
    expect(inSales.StaffList?.map((staff) => staff.Mail)).toEqual([ALICE, BOB]);

    await client.UnbindStaffSkillGroupList({ SdkAppId: ACME_APP, StaffEmail: ALICE, SkillGroupList: [1] });
    expect(await prioritiesOf(ALICE)).toEqual([['Support', 1]]);
  });

  it('refuses bad bindings: priority outside 1-5, unknown group or staff, another account’s app', async () => {
    const client = harness.client();
    const bind = (fields: Record<string, unknown>): Promise<string | undefined> =>
      codeOf(client.request('BindStaffSkillGroupList', { SdkAppId: ACME_APP, StaffEmail: ALICE, ...fields }));
    expect(await bind({ StaffSkillGroupList: [{ SkillGroupId: 1, Priority: 0 }] })).toBe(
      'InvalidParameterValue',
    );
    expect(await bind({ StaffSkillGroupList: [{ SkillGroupId: 1, Priority: 6 }] })).toBe(
      'InvalidParameterValue',
    );
    expect(await bind({ StaffSkillGroupList: [{ SkillGroupId: 42 }] })).toBe(
      'InvalidParameterValue.SkillGroupError',
    );
    expect(await bind({ StaffSkillGroupList: [] })).toBe('InvalidParameterValue');
    expect(
      await bind({ StaffEmail: 'nobody@acme.example', StaffSkillGroupList: [{ SkillGroupId: 1 }] }),
    ).toBe('InvalidParameterValue.AccountNotExist');
    expect(await bind({ SdkAppId: GLOBEX_APP, StaffSkillGroupList: [{ SkillGroupId: 1 }] })).toBe(
      'InvalidParameterValue.InstanceNotExist',
    );
    expect(
      await codeOf(
        client.UnbindStaffSkillGroupList({ SdkAppId: ACME_APP, StaffEmail: ALICE, SkillGroupList: [42] }),
      ),
    ).toBe('InvalidParameterValue.SkillGroupError');
    expect(
      await codeOf(
        client.UnbindStaffSkillGroupList({
          SdkAppId: ACME_APP,
          StaffEmail: 'nobody@acme.example',
          SkillGroupList: [1],
        }),
      ),
    ).toBe('InvalidParameterValue.AccountNotExist');
    expect(await prioritiesOf(ALICE)).toEqual([]);
  });

  it('refuses to delete a group with staff bound (ResourceUnavailable), deletes it once empty and never reuses its id', async () => {
    const client = harness.client();
    await client.BindStaffSkillGroupList({
      SdkAppId: ACME_APP,
      StaffEmail: BOB,
      StaffSkillGroupList: [{ SkillGroupId: 1, Priority: 2 }],
    });
    expect(await codeOf(client.DeleteCCCSkillGroup({ SdkAppId: ACME_APP, SkillGroupId: 1 }))).toBe(
      'ResourceUnavailable',
    );
    await client.UnbindStaffSkillGroupList({ SdkAppId: ACME_APP, StaffEmail: BOB, SkillGroupList: [1] });
    await client.DeleteCCCSkillGroup({ SdkAppId: ACME_APP, SkillGroupId: 1 });
    expect(await codeOf(client.DeleteCCCSkillGroup({ SdkAppId: ACME_APP, SkillGroupId: 1 }))).toBe(
      'InvalidParameterValue.SkillGroupError',
    );
    const listed = await client.DescribeSkillGroupInfoList({
      SdkAppId: ACME_APP,
      PageSize: 10,
      PageNumber: 0,
    });
    expect(listed.TotalCount).toBe(0);
    const again = await client.CreateCCCSkillGroup({
      SdkAppId: ACME_APP,
      SkillGroupName: 'Sales',
      SkillGroupType: 0,
    });
    expect(again.SkillGroupId).toBe(2);
  });
});
