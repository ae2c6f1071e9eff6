import {
  ACME,
  ACME_APP,
  ALICE,
  GLOBEX,
  sdkFailure,
  startHarness,
  type EmulatorHarness,
} from './support/emulator-fixtures';
import { admin } from './support/admin-http';

// The admin API over HTTP: it changes what the TCCC endpoint answers.

const NEW = { secretId: 'AKIDinitech000000000000000000000', secretKey: 'initech-secret-key-0000000000000' };

describe('admin API', () => {
  let harness: EmulatorHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('POST /seed adds accounts, apps and staff that the TCCC endpoint then honours', async () => {
    const seeded = await admin(harness, 'POST', '/seed', {
      accounts: [
        {
          ...NEW,
          apps: [
            { sdkAppId: 1700000001, staff: [{ mail: 'ivy@initech.example', name: 'Ivy', staffNumber: '7' }] },
          ],
        },
      ],
    });
    expect(seeded).toEqual({ status: 200, json: { added: { accounts: 1, apps: 1, staff: 1 } } });
    const token = await harness
      .client(NEW)
      .CreateSDKLoginToken({ SdkAppId: 1700000001, SeatUserId: 'ivy@initech.example' });
    expect(token.Token).toBeDefined();
    // The seed added to the state; the original accounts still work.
    expect(
      (await harness.client(ACME).DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 5, PageNumber: 0 }))
        .TotalCount,
    ).toBe(2);
  });

  it('rejects invalid seeds with the offending path, and conflicting ones as a whole', async () => {
    const typo = await admin(harness, 'POST', '/seed', {
      accounts: [{ ...NEW, apps: [{ sdkAppId: 1, staff: [{ mail: 'a@b.c', staffNumbr: '1' }] }] }],
    });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.json)).toContain('seed.accounts[0].apps[0].staff[0].staffNumbr');

    const stolenApp = await admin(harness, 'POST', '/seed', {
      accounts: [
        { ...NEW, apps: [{ sdkAppId: 1700000002 }] },
        { ...GLOBEX, apps: [{ sdkAppId: ACME_APP }] },
      ],
    });
    expect(stolenApp.status).toBe(409);
    // All or nothing: the first account of the refused seed was not added either.
    expect(
      (
        await sdkFailure(
          harness.client(NEW).DescribeStaffInfoList({ SdkAppId: 1700000002, PageSize: 1, PageNumber: 0 }),
        )
      ).code,
    ).toBe('AuthFailure.SecretIdNotFound');
  });

  it('manages accounts, apps and staff one by one', async () => {
    expect((await admin(harness, 'POST', '/accounts', NEW)).status).toBe(201);
    expect((await admin(harness, 'POST', '/accounts', NEW)).status).toBe(409);
    expect(
      (await admin(harness, 'POST', `/accounts/${NEW.secretId}/apps`, { sdkAppId: 1700000003 })).status,
    ).toBe(201);
    expect(
      (await admin(harness, 'POST', `/accounts/${NEW.secretId}/apps`, { sdkAppId: ACME_APP })).status,
    ).toBe(409);
    expect(
      (
        await admin(harness, 'POST', '/apps/1700000003/staff', [
          { mail: 'ivy@initech.example' },
          { mail: 'ian@initech.example' },
        ])
      ).status,
    ).toBe(201);

    const client = harness.client(NEW);
    const listed = await client.DescribeStaffInfoList({ SdkAppId: 1700000003, PageSize: 10, PageNumber: 0 });
    expect(listed.StaffList?.map((staff) => staff.Mail)).toEqual([
      'ivy@initech.example',
      'ian@initech.example',
    ]);

    expect(
      (await admin(harness, 'DELETE', `/apps/1700000003/staff/${encodeURIComponent('ivy@initech.example')}`))
        .status,
    ).toBe(200);
    expect(
      (await admin(harness, 'DELETE', `/apps/1700000003/staff/${encodeURIComponent('ivy@initech.example')}`))
        .status,
    ).toBe(404);
    expect(
      (
        await sdkFailure(
          client.CreateSDKLoginToken({ SdkAppId: 1700000003, SeatUserId: 'ivy@initech.example' }),
        )
      ).code,
    ).toBe('InvalidParameterValue.AccountNotExist');

    const status = await admin(
      harness,
      'PUT',
      `/apps/1700000003/staff/${encodeURIComponent('ian@initech.example')}/status`,
      { status: 'busy' },
    );
    expect(status.json).toMatchObject({ mail: 'ian@initech.example', status: 'busy' });
    expect(
      (await client.DeleteStaff({ SdkAppId: 1700000003, StaffList: ['ian@initech.example'] }))
        .OnlineStaffList,
    ).toEqual(['ian@initech.example']);

    expect(
      (await admin(harness, 'PUT', `/accounts/${NEW.secretId}`, { secretKey: 'rotated-key' })).status,
    ).toBe(200);
    expect(
      (await sdkFailure(client.DescribeStaffInfoList({ SdkAppId: 1700000003, PageSize: 1, PageNumber: 0 })))
        .code,
    ).toBe('AuthFailure.SignatureFailure');
    const rotated = harness.client({ secretId: NEW.secretId, secretKey: 'rotated-key' });
    expect(
      (await rotated.DescribeStaffInfoList({ SdkAppId: 1700000003, PageSize: 1, PageNumber: 0 })).TotalCount,
    ).toBe(1);

    expect((await admin(harness, 'DELETE', `/accounts/${NEW.secretId}`)).status).toBe(200);
    expect(
      (await sdkFailure(rotated.DescribeStaffInfoList({ SdkAppId: 1700000003, PageSize: 1, PageNumber: 0 })))
        .code,
    ).toBe('AuthFailure.SecretIdNotFound');
  });

  it('GET /state shows accounts, apps and staff but no SecretKey', async () => {
    const state = await admin(harness, 'GET', '/state');
    expect(state.status).toBe(200);
    expect(state.json).toMatchObject({
      accounts: [
        {
          secretId: ACME.secretId,
          apps: [
            { sdkAppId: ACME_APP, staff: [expect.objectContaining({ mail: ALICE }), expect.anything()] },
            expect.anything(),
          ],
        },
        { secretId: GLOBEX.secretId },
      ],
      faults: [],
      clock: { offsetMs: 0 },
    });
    expect(JSON.stringify(state.json)).not.toContain(ACME.secretKey);
  });

  it('reset returns to the starting seed; clear empties everything; the clock can be moved', async () => {
    await admin(harness, 'POST', '/accounts', NEW);
    await admin(harness, 'DELETE', `/accounts/${ACME.secretId}`);
    expect((await admin(harness, 'POST', '/clock', { advanceMs: 60_000 })).json).toMatchObject({
      offsetMs: 60_000,
    });

    expect((await admin(harness, 'POST', '/reset')).status).toBe(200);
    const afterReset = harness.emulator.state.snapshot();
    expect(afterReset.accounts.map((account) => account.secretId)).toEqual([ACME.secretId, GLOBEX.secretId]);
    expect(afterReset.clock.offsetMs).toBe(0);

    expect((await admin(harness, 'POST', '/clear')).status).toBe(200);
    expect(harness.emulator.state.snapshot().accounts).toEqual([]);
    expect(
      (
        await sdkFailure(
          harness.client(ACME).DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 }),
        )
      ).code,
    ).toBe('AuthFailure.SecretIdNotFound');
  });

  it('answers 404, 405 and 400 for unknown routes, wrong methods and bad JSON', async () => {
    expect((await admin(harness, 'GET', '/nope')).status).toBe(404);
    expect((await admin(harness, 'GET', '/reset')).status).toBe(405);
    const bad = await fetch(`${harness.emulator.url}/__emulator/seed`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect((await admin(harness, 'DELETE', '/faults?action=Nope')).status).toBe(404);
  });
});
