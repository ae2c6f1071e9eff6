import { request } from 'node:http';
import {
  ACME_APP,
  ACME_APP_2,
  ALICE,
  sdkFailure,
  startHarness,
  type EmulatorHarness,
} from './support/emulator-fixtures';

// Fault injection changes outcomes as configured, and reset restores them.

const LIST = { SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 };

async function timed<T>(work: Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work;
  return { ms: performance.now() - started, value };
}

describe('fault injection', () => {
  let harness: EmulatorHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('fixed latency delays the targeted action only', async () => {
    const client = harness.client();
    harness.emulator.state.setFault({ action: 'DescribeStaffInfoList', latencyMs: 400 });
    const slow = await timed(client.DescribeStaffInfoList(LIST));
    expect(slow.value.TotalCount).toBe(2);
    expect(slow.ms).toBeGreaterThanOrEqual(390);
    const fast = await timed(client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE }));
    expect(fast.ms).toBeLessThan(300);
  });

  it('random latency stays within [min, max]', async () => {
    const client = harness.client();
    harness.emulator.state.setFault({ action: '*', latencyMs: { min: 150, max: 250 } });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => timed(client.DescribeStaffInfoList(LIST))),
    );
    for (const { ms } of results) {
      expect(ms).toBeGreaterThanOrEqual(145);
      expect(ms).toBeLessThan(600);
    }
  });

  it('error rate 1.0 answers the chosen code; rate 0 never does; per-app rules win over per-action ones', async () => {
    const client = harness.client();
    const { state } = harness.emulator;
    state.setFault({ action: 'CreateSDKLoginToken', errorRate: 1, errorCode: 'InternalError.DBError' });
    for (let i = 0; i < 3; i += 1) {
      expect(
        (await sdkFailure(client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE }))).code,
      ).toBe('InternalError.DBError');
    }
    expect((await client.DescribeStaffInfoList(LIST)).TotalCount).toBe(2);

    state.setFault({ action: 'CreateSDKLoginToken', sdkAppId: ACME_APP_2, errorRate: 0 });
    const other = await client.CreateSDKLoginToken({
      SdkAppId: ACME_APP_2,
      SeatUserId: 'carol@acme.example',
    });
    expect(other.Token).toBeDefined();
    expect(
      (await sdkFailure(client.CreateSDKLoginToken({ SdkAppId: ACME_APP, SeatUserId: ALICE }))).code,
    ).toBe('InternalError.DBError');
  });

  it('uses an injectable random source for fractional error rates', async () => {
    await harness.close();
    const draws = [0.1, 0.9, 0.4, 0.6];
    let index = 0;
    harness = await startHarness({ random: () => draws[index++ % draws.length] ?? 0 });
    harness.emulator.state.setFault({
      action: 'DescribeStaffInfoList',
      errorRate: 0.5,
      errorCode: 'FailedOperation',
    });
    const client = harness.client();
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      outcomes.push(
        await client.DescribeStaffInfoList(LIST).then(
          () => 'ok',
          (error: unknown) => String(Reflect.get(error as object, 'code')),
        ),
      );
    }
    expect(outcomes).toEqual(['FailedOperation', 'ok', 'FailedOperation', 'ok']);
  });

  it('refuse destroys the connection: the SDK sees a network error without a TCCC code', async () => {
    const client = harness.client();
    harness.emulator.state.setFault({ action: 'DescribeStaffInfoList', outage: 'refuse' });
    const failure = await sdkFailure(client.DescribeStaffInfoList(LIST));
    expect(failure.code).toBeUndefined();
    expect(failure.message).toMatch(/socket hang up|ECONNRESET/);
  });

  it('hang never answers: the SDK gives up after its reqTimeout of 1 s', async () => {
    const client = harness.client(undefined, { reqTimeout: 1 });
    harness.emulator.state.setFault({ action: 'DescribeStaffInfoList', outage: 'hang' });
    const { ms, value: failure } = await timed(sdkFailure(client.DescribeStaffInfoList(LIST)));
    expect(failure.code).toBeUndefined();
    expect(failure.message).toMatch(/timeout/i);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(3000);
  });

  it('reset clears faults (and counters) and restores normal answers; faults can be set over HTTP', async () => {
    const client = harness.client();
    const { url, state } = harness.emulator;
    const put = await fetch(`${url}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        rules: [
          { action: 'DescribeStaffInfoList', errorRate: 1, errorCode: 'InternalError' },
          { action: 'CreateStaff', outage: 'hang' },
        ],
      }),
    });
    expect(put.status).toBe(200);
    expect(state.listFaults()).toHaveLength(2);
    expect((await sdkFailure(client.DescribeStaffInfoList(LIST))).code).toBe('InternalError');

    const reset = await fetch(`${url}/__emulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(state.listFaults()).toEqual([]);
    expect(state.countersView().rows).toEqual([]);
    expect((await client.DescribeStaffInfoList(LIST)).TotalCount).toBe(2);

    const invalid = await fetch(`${url}/__emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({ action: 'X', errorRate: 2 }),
    });
    expect(invalid.status).toBe(400);
  });

  it('stop() ends hanging connections promptly', async () => {
    harness.emulator.state.setFault({ action: '*', outage: 'hang' });
    const pending = new Promise<string>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: harness.emulator.port,
        method: 'POST',
        path: '/',
        headers: { 'X-TC-Action': 'DeleteStaff' },
      });
      req.on('response', () => resolve('answered'));
      req.on('error', (error) => resolve(`error: ${error.message}`));
      req.end('{}');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { ms } = await timed(harness.emulator.stop());
    expect(ms).toBeLessThan(500);
    expect(await pending).toMatch(/^error: /);
  });
});
