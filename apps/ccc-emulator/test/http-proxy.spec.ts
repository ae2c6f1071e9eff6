import { Client as CccClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client';
import { Agent } from 'node:http';
import { ACME, ACME_APP, sdkFailure, startHarness, type EmulatorHarness } from './support/emulator-fixtures';

// The SDK honours a lowercase http_proxy variable unless it is given an agent. With a dead proxy
// in the environment, which ways of pointing the SDK at the emulator still reach it?

const LIST = { SdkAppId: ACME_APP, PageSize: 1, PageNumber: 0 };
const DEAD_PROXY = 'http://127.0.0.1:9';

describe('pointing the SDK at the emulator with http_proxy set to a dead proxy', () => {
  let harness: EmulatorHarness;
  const saved = { http_proxy: process.env['http_proxy'], HTTP_PROXY: process.env['HTTP_PROXY'] };

  beforeEach(async () => {
    harness = await startHarness();
    process.env['http_proxy'] = DEAD_PROXY;
    process.env['HTTP_PROXY'] = DEAD_PROXY;
  });
  afterEach(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await harness.close();
  });

  it('preferred way — real endpoint, http://, loopback agent — reaches the emulator', async () => {
    const client = harness.client();
    expect((await client.DescribeStaffInfoList(LIST)).TotalCount).toBe(2);
    const [call] = harness.emulator.state.countersView({ action: 'DescribeStaffInfoList' }).rows;
    expect(call?.accepted).toBe(1);
  });

  it('endpoint "127.0.0.1:PORT" without an agent is tunnelled into the proxy and fails', async () => {
    const client = new CccClient({
      credential: ACME,
      region: '',
      profile: {
        httpProfile: { endpoint: `127.0.0.1:${harness.emulator.port}`, protocol: 'http://', reqTimeout: 5 },
      },
    });
    const failure = await sdkFailure(client.DescribeStaffInfoList(LIST));
    expect(failure.code).toBeUndefined();
    expect(failure.message).toMatch(/ECONNREFUSED 127\.0\.0\.1:9(?!\d)/);
    expect(harness.emulator.state.countersView().rows).toEqual([]);
  });

  it('endpoint "127.0.0.1:PORT" with any explicit http.Agent bypasses the proxy and works', async () => {
    const agent = new Agent();
    try {
      const client = new CccClient({
        credential: ACME,
        region: '',
        profile: {
          httpProfile: { endpoint: `127.0.0.1:${harness.emulator.port}`, protocol: 'http://', agent },
        },
      });
      expect((await client.DescribeStaffInfoList(LIST)).TotalCount).toBe(2);
    } finally {
      agent.destroy();
    }
  });
});
