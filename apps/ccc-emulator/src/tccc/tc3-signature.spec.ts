import fc from 'fast-check';
import Sign from 'tencentcloud-sdk-nodejs/tencentcloud/common/sign';
import { MAX_CLOCK_SKEW_SECONDS, verifyTc3, type Tc3Request } from './tc3-signature';

// verifyTc3 against the official SDK's own signer, over arbitrary bodies, keys, hosts and times.

const SECRET_ID = 'AKIDproperty0000000000000000000';

function sdkSignedRequest(input: {
  body: unknown;
  secretKey: string;
  host: string;
  timestamp: number;
}): Tc3Request {
  const service = input.host.split('.')[0] ?? input.host;
  const headers = { 'Content-Type': 'application/json' };
  const authorization = Sign.sign3({
    method: 'POST',
    url: `http://${input.host}/`,
    payload: input.body,
    timestamp: input.timestamp,
    service,
    secretId: SECRET_ID,
    secretKey: input.secretKey,
    multipart: false,
    boundary: '', // unused when multipart is false
    headers,
  });
  return {
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      host: input.host,
      'content-type': 'application/json',
      'x-tc-timestamp': String(input.timestamp),
      authorization,
    },
    body: Buffer.from(JSON.stringify(input.body)),
  };
}

const bodies = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.oneof(fc.integer(), fc.string(), fc.boolean()),
  { maxKeys: 6 },
);
const hosts = fc.constantFrom(
  'ccc.tencentcloudapi.com',
  'ccc.intl.tencentcloudapi.com',
  '127.0.0.1:4100',
  '127.0.0.1:39999',
);
const secretKeys = fc.string({ minLength: 1, maxLength: 40 });
const timestamps = fc.integer({ min: 1_500_000_000, max: 2_000_000_000 });

describe('verifyTc3', () => {
  it('accepts every request the official SDK signs, within the allowed clock skew', () => {
    fc.assert(
      fc.property(
        bodies,
        secretKeys,
        hosts,
        timestamps,
        fc.integer({ min: -MAX_CLOCK_SKEW_SECONDS, max: MAX_CLOCK_SKEW_SECONDS }),
        (body, secretKey, host, timestamp, skew) => {
          const verdict = verifyTc3(
            sdkSignedRequest({ body, secretKey, host, timestamp }),
            () => secretKey,
            timestamp + skew,
          );
          expect(verdict).toEqual({ ok: true, secretId: SECRET_ID, service: host.split('.')[0] });
        },
      ),
    );
  });

  it('rejects any change to the body bytes, and any other key', () => {
    fc.assert(
      fc.property(
        bodies,
        secretKeys,
        hosts,
        timestamps,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (body, secretKey, host, timestamp, position, flip) => {
          const request = sdkSignedRequest({ body, secretKey, host, timestamp });
          const bytes = Buffer.from(request.body);
          const index = position % bytes.length;
          bytes[index] = (bytes[index] ?? 0) ^ flip;
          const tampered = verifyTc3({ ...request, body: bytes }, () => secretKey, timestamp);
          expect(tampered).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
          const otherKey = verifyTc3(request, () => `${secretKey}!`, timestamp);
          expect(otherKey).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
        },
      ),
    );
  });

  it('rejects timestamps beyond the skew with SignatureExpire, before looking the key up', () => {
    fc.assert(
      fc.property(
        bodies,
        timestamps,
        fc.integer({ min: MAX_CLOCK_SKEW_SECONDS + 1, max: 10 * 86_400 }),
        fc.boolean(),
        (body, timestamp, skew, ahead) => {
          const request = sdkSignedRequest({
            body,
            secretKey: 'k',
            host: 'ccc.tencentcloudapi.com',
            timestamp,
          });
          const verdict = verifyTc3(request, () => undefined, ahead ? timestamp + skew : timestamp - skew);
          expect(verdict).toMatchObject({ ok: false, code: 'AuthFailure.SignatureExpire' });
        },
      ),
    );
  });

  it('binds the signature to the Host: the same request sent with another Host fails', () => {
    const request = sdkSignedRequest({
      body: { A: 1 },
      secretKey: 'k',
      host: 'ccc.tencentcloudapi.com',
      timestamp: 1_700_000_000,
    });
    const otherRegion = verifyTc3(
      { ...request, headers: { ...request.headers, host: 'ccc.intl.tencentcloudapi.com' } },
      () => 'k',
      1_700_000_000,
    );
    expect(otherRegion).toMatchObject({ ok: false, code: 'AuthFailure.SignatureFailure' });
    // A port on the Host is not part of what is signed.
    const withPort = verifyTc3(
      { ...request, headers: { ...request.headers, host: 'ccc.tencentcloudapi.com:80' } },
      () => 'k',
      1_700_000_000,
    );
    expect(withPort).toMatchObject({ ok: true });
  });
});
