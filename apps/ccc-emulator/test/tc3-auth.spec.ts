import Sign from 'tencentcloud-sdk-nodejs/tencentcloud/common/sign';
import { Client as CccClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client';
import { Agent } from 'node:http';
import {
  ACME,
  ACME_APP,
  ALICE,
  sdkFailure,
  startHarness,
  type EmulatorHarness,
} from './support/emulator-fixtures';
import { errorCodeOf, rawRequest, responseOf, signedCall, tc3Authorization } from './support/raw-tccc';

// TC3-HMAC-SHA256 verification: each AuthFailure code for its cause.

const LIST_PARAMS = { SdkAppId: ACME_APP, PageSize: 10, PageNumber: 0 };

describe('TC3-HMAC-SHA256 verification', () => {
  let harness: EmulatorHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('the test signer signs exactly like tencentcloud-sdk-nodejs', () => {
    const body = { SdkAppId: ACME_APP, SeatUserId: ALICE };
    const timestamp = 1_700_000_000;
    const sdk = Sign.sign3({
      method: 'POST',
      url: 'http://ccc.tencentcloudapi.com/',
      payload: body,
      timestamp,
      service: 'ccc',
      secretId: ACME.secretId,
      secretKey: ACME.secretKey,
      multipart: false,
      boundary: '', // unused when multipart is false
      headers: { 'Content-Type': 'application/json' },
    });
    const ours = tc3Authorization({
      ...ACME,
      service: 'ccc',
      signedHost: 'ccc.tencentcloudapi.com',
      timestamp,
      body: JSON.stringify(body),
    });
    expect(ours).toBe(sdk);
  });

  it('accepts a correctly signed raw request (the baseline the negative cases alter one thing of)', async () => {
    const answer = await signedCall(harness.emulator.port, {
      action: 'DescribeStaffInfoList',
      params: LIST_PARAMS,
      ...ACME,
    });
    expect(errorCodeOf(answer)).toBeNull();
    expect(responseOf(answer)['TotalCount']).toBe(2);
  });

  it('unknown SecretId → AuthFailure.SecretIdNotFound', async () => {
    const client = harness.client({
      secretId: 'AKIDunknown000000000000000000000',
      secretKey: ACME.secretKey,
    });
    expect((await sdkFailure(client.DescribeStaffInfoList(LIST_PARAMS))).code).toBe(
      'AuthFailure.SecretIdNotFound',
    );
  });

  it('wrong SecretKey → AuthFailure.SignatureFailure', async () => {
    const client = harness.client({ secretId: ACME.secretId, secretKey: `${ACME.secretKey}x` });
    expect((await sdkFailure(client.DescribeStaffInfoList(LIST_PARAMS))).code).toBe(
      'AuthFailure.SignatureFailure',
    );
  });

  it('body changed after signing → AuthFailure.SignatureFailure, even when it is the same JSON re-serialised', async () => {
    const port = harness.emulator.port;
    const altered = await signedCall(port, {
      action: 'DescribeStaffInfoList',
      params: LIST_PARAMS,
      ...ACME,
      tamperedBody: JSON.stringify({ ...LIST_PARAMS, PageSize: 11 }),
    });
    expect(errorCodeOf(altered)).toBe('AuthFailure.SignatureFailure');
    // Semantically equal JSON with different bytes: the raw bytes are what is signed.
    const reformatted = await signedCall(port, {
      action: 'DescribeStaffInfoList',
      params: LIST_PARAMS,
      ...ACME,
      tamperedBody: JSON.stringify(LIST_PARAMS, null, 1),
    });
    expect(errorCodeOf(reformatted)).toBe('AuthFailure.SignatureFailure');
  });

  it('wrong service in the credential scope → AuthFailure.SignatureFailure', async () => {
    const answer = await signedCall(harness.emulator.port, {
      action: 'DescribeStaffInfoList',
      params: LIST_PARAMS,
      ...ACME,
      service: 'cvm',
    });
    expect(errorCodeOf(answer)).toBe('AuthFailure.SignatureFailure');
  });

  it('scope date other than the UTC date of X-TC-Timestamp → AuthFailure.SignatureFailure', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const yesterday = new Date((timestamp - 86_400) * 1000).toISOString().slice(0, 10);
    const answer = await signedCall(harness.emulator.port, {
      action: 'DescribeStaffInfoList',
      params: LIST_PARAMS,
      ...ACME,
      timestamp,
      scopeDate: yesterday,
    });
    expect(errorCodeOf(answer)).toBe('AuthFailure.SignatureFailure');
  });

  it('timestamp more than 300 s from server time → AuthFailure.SignatureExpire (both directions), 290 s is fine', async () => {
    const client = harness.client();
    const { state } = harness.emulator;
    state.advanceClock(290_000);
    expect((await client.DescribeStaffInfoList(LIST_PARAMS)).TotalCount).toBe(2);
    state.setClockOffset(305_000);
    expect((await sdkFailure(client.DescribeStaffInfoList(LIST_PARAMS))).code).toBe(
      'AuthFailure.SignatureExpire',
    );
    state.setClockOffset(-305_000);
    expect((await sdkFailure(client.DescribeStaffInfoList(LIST_PARAMS))).code).toBe(
      'AuthFailure.SignatureExpire',
    );
    // A raw request with an old timestamp, signed correctly for that timestamp.
    state.setClockOffset(0);
    const stale = await signedCall(harness.emulator.port, {
      action: 'DescribeStaffInfoList',
      params: LIST_PARAMS,
      ...ACME,
      timestamp: Math.floor(Date.now() / 1000) - 400,
    });
    expect(errorCodeOf(stale)).toBe('AuthFailure.SignatureExpire');
  });

  it('missing or malformed Authorization header → AuthFailure.InvalidAuthorization', async () => {
    const headers = {
      Host: 'ccc.tencentcloudapi.com',
      'Content-Type': 'application/json',
      'X-TC-Action': 'DescribeStaffInfoList',
      'X-TC-Version': '2020-02-10',
      'X-TC-Timestamp': String(Math.floor(Date.now() / 1000)),
    };
    const body = JSON.stringify(LIST_PARAMS);
    const missing = await rawRequest(harness.emulator.port, { headers, body });
    expect(errorCodeOf(missing)).toBe('AuthFailure.InvalidAuthorization');
    for (const authorization of [
      'SKIP',
      'TC3-HMAC-SHA256 Credential=AKID/2024-01-01/ccc/tc3_request',
      'HMAC-SHA1 foo=bar',
    ]) {
      const malformed = await rawRequest(harness.emulator.port, {
        headers: { ...headers, Authorization: authorization },
        body,
      });
      expect(errorCodeOf(malformed)).toBe('AuthFailure.InvalidAuthorization');
    }
  });

  it('accepts the endpoint "127.0.0.1:PORT" way: service "127" taken from the credential scope', async () => {
    const agent = new Agent();
    try {
      const client = new CccClient({
        credential: ACME,
        region: '',
        profile: {
          httpProfile: { endpoint: `127.0.0.1:${harness.emulator.port}`, protocol: 'http://', agent },
        },
      });
      expect((await client.DescribeStaffInfoList(LIST_PARAMS)).TotalCount).toBe(2);
      // ...and the signature still binds the service to the Host: "ccc" in the scope with Host 127.0.0.1 fails.
      const mismatch = await signedCall(harness.emulator.port, {
        action: 'DescribeStaffInfoList',
        params: LIST_PARAMS,
        ...ACME,
        host: `127.0.0.1:${harness.emulator.port}`,
        service: 'ccc',
      });
      expect(errorCodeOf(mismatch)).toBe('AuthFailure.SignatureFailure');
    } finally {
      agent.destroy();
    }
  });

  it('never lets the TCCC endpoint reach the admin API, nor the admin API take a TCCC call', async () => {
    const { state, port, url } = harness.emulator;
    const before = JSON.stringify(state.snapshot().accounts);
    for (const action of ['reset', 'clear', '__emulator/clear', 'Clear', 'addSeed']) {
      const answer = await signedCall(port, { action, params: {}, ...ACME });
      expect(errorCodeOf(answer)).toBe('InvalidAction');
    }
    expect(JSON.stringify(state.snapshot().accounts)).toBe(before);

    const viaAdminPath = await fetch(`${url}/__emulator/clear`, {
      method: 'POST',
      headers: { 'X-TC-Action': 'DescribeStaffInfoList' },
    });
    expect(viaAdminPath.status).toBe(400);
    expect(JSON.stringify(state.snapshot().accounts)).toBe(before);
  });

  it('answers NoSuchVersion for an API version other than 2020-02-10', async () => {
    const wrongVersion = await signedCall(harness.emulator.port, {
      action: 'DescribeStaffInfoList',
      params: LIST_PARAMS,
      ...ACME,
      extraHeaders: { 'X-TC-Version': '2017-03-12' },
    });
    expect(errorCodeOf(wrongVersion)).toBe('NoSuchVersion');
  });
});
