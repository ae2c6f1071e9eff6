import {
  ACME,
  ACME_APP,
  ALICE,
  GLOBEX,
  GLOBEX_APP,
  sdkFailure,
  startHarness,
  type EmulatorHarness,
} from './support/emulator-fixtures';

// Quota: 20 requests per second per action per account, as TCCC documents; counters prove it.

function settle(
  calls: Array<Promise<unknown>>,
): Promise<Array<{ ok: true } | { ok: false; code: string | undefined }>> {
  return Promise.all(
    calls.map((call) =>
      call.then(
        () => ({ ok: true as const }),
        (error: unknown) => ({
          ok: false as const,
          code: error instanceof Error ? (Reflect.get(error, 'code') as string | undefined) : undefined,
        }),
      ),
    ),
  );
}

describe('quota', () => {
  let harness: EmulatorHarness;
  // the emulator's clock, set by each test: a burst lands in one counted second however slow the
  // machine, and a test moves to the next second by moving the clock
  let clock: number;

  beforeEach(async () => {
    clock = Date.now();
    harness = await startHarness({ now: () => clock });
  });
  afterEach(async () => {
    await harness.close();
  });

  it('30 concurrent calls in one second: exactly 20 succeed and 10 answer RequestLimitExceeded', async () => {
    const client = harness.client();
    const outcomes = await settle(
      Array.from({ length: 30 }, () => client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE })),
    );

    expect(outcomes.filter((o) => o.ok)).toHaveLength(20);
    expect(outcomes.filter((o) => !o.ok && o.code === 'RequestLimitExceeded')).toHaveLength(10);

    const counters = harness.emulator.state.countersView({
      action: 'CreateSDKLoginToken',
      secretId: ACME.secretId,
    });
    expect(counters.rows).toEqual([
      {
        second: Math.floor(clock / 1000),
        action: 'CreateSDKLoginToken',
        secretId: ACME.secretId,
        sdkAppId: ACME_APP,
        accepted: 20,
        limited: 10,
      },
    ]);
    expect(counters.peaks).toEqual([
      {
        action: 'CreateSDKLoginToken',
        secretId: ACME.secretId,
        maxAcceptedPerSecond: 20,
        maxCallsPerSecond: 30,
        accepted: 20,
        limited: 10,
      },
    ]);
  });

  it('counts per action and per account: a full quota on one does not limit the others', async () => {
    const acme = harness.client(ACME);
    const globex = harness.client(GLOBEX);
    const [tokens, listings, otherAccount] = await Promise.all([
      settle(
        Array.from({ length: 25 }, () => acme.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE })),
      ),
      settle(
        Array.from({ length: 5 }, () =>
          acme.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 }),
        ),
      ),
      settle(
        Array.from({ length: 5 }, () =>
          globex.CreateSDKLoginToken({ SdkAppId: GLOBEX_APP, SeatUserId: 'gina@globex.example' }),
        ),
      ),
    ]);
    expect(tokens.filter((o) => o.ok)).toHaveLength(20);
    expect(listings.every((o) => o.ok)).toBe(true);
    expect(otherAccount.every((o) => o.ok)).toBe(true);
  });

  it('a new second starts a new allowance', async () => {
    const client = harness.client();
    await settle(
      Array.from({ length: 21 }, () =>
        client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 }),
      ),
    );
    clock += 1000;
    expect(
      (await client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 })).TotalCount,
    ).toBe(2);
    const peaks = harness.emulator.state.countersView({ action: 'DescribeStaffInfoList' }).peaks;
    expect(peaks).toEqual([expect.objectContaining({ maxAcceptedPerSecond: 20, accepted: 21, limited: 1 })]);
  });

  it('exposes the counters over HTTP, filtered, and does not count unauthenticated calls', async () => {
    const client = harness.client();
    await client.DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 });
    await sdkFailure(
      harness
        .client({ secretId: ACME.secretId, secretKey: 'wrong' })
        .DescribeStaffInfoList({ SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 }),
    );
    const answer = await fetch(
      `${harness.emulator.url}/__emulator/counters?action=DescribeStaffInfoList&secretId=${ACME.secretId}`,
    );
    expect(answer.status).toBe(200);
    const body: unknown = await answer.json();
    expect(body).toEqual({
      quotaPerSecond: 20,
      windowSeconds: 600,
      rows: [
        expect.objectContaining({
          action: 'DescribeStaffInfoList',
          secretId: ACME.secretId,
          sdkAppId: ACME_APP,
          accepted: 1,
          limited: 0,
        }),
      ],
      peaks: [expect.objectContaining({ maxAcceptedPerSecond: 1 })],
    });
    const cleared = await fetch(`${harness.emulator.url}/__emulator/counters`, { method: 'DELETE' });
    expect(cleared.status).toBe(200);
    expect(harness.emulator.state.countersView().rows).toEqual([]);
  });

  it('holds the seat-lifecycle and status actions to the same 20 calls/s, per action', async () => {
    const client = harness.client();
    const metrics = Array.from({ length: 25 }, () =>
      client.DescribeStaffStatusMetrics({ SdkAppId: ACME_APP }),
    );
    const groups = Array.from({ length: 5 }, () =>
      client.DescribeSkillGroupInfoList({ SdkAppId: ACME_APP, PageSize: 10, PageNumber: 0 }),
    );
    const [metricOutcomes, groupOutcomes] = await Promise.all([settle(metrics), settle(groups)]);
    expect(metricOutcomes.filter((o) => o.ok)).toHaveLength(20);
    expect(metricOutcomes.filter((o) => !o.ok && o.code === 'RequestLimitExceeded')).toHaveLength(5);
    expect(groupOutcomes.every((o) => o.ok)).toBe(true);
    expect(harness.emulator.state.countersView({ action: 'DescribeStaffStatusMetrics' }).rows).toEqual([
      expect.objectContaining({ accepted: 20, limited: 5, sdkAppId: ACME_APP }),
    ]);
  });

  it('a raised quota applies to its account only, and can be restored', async () => {
    const acme = harness.client(ACME);
    const globex = harness.client(GLOBEX);
    const raise = await fetch(`${harness.emulator.url}/__emulator/accounts/${ACME.secretId}/quota`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perSecond: 40 }),
    });
    expect(raise.status).toBe(200);
    const [raised, other] = await Promise.all([
      settle(
        Array.from({ length: 45 }, () => acme.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE })),
      ),
      settle(
        Array.from({ length: 25 }, () =>
          globex.CreateSDKLoginToken({ SdkAppId: GLOBEX_APP, SeatUserId: 'gina@globex.example' }),
        ),
      ),
    ]);
    expect(raised.filter((o) => o.ok)).toHaveLength(40);
    expect(other.filter((o) => o.ok)).toHaveLength(20);
    expect(other.filter((o) => !o.ok && o.code === 'RequestLimitExceeded')).toHaveLength(5);

    harness.emulator.state.counters.setAccountQuota(ACME.secretId, null);
    expect(harness.emulator.state.counters.quotaOf(ACME.secretId)).toBe(20);
    const refused = await fetch(`${harness.emulator.url}/__emulator/accounts/${ACME.secretId}/quota`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perSecond: 0 }),
    });
    expect(refused.status).toBe(400);
  });
});
