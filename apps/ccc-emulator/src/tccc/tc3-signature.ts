import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// TC3-HMAC-SHA256 verification, as Tencent Cloud API 3.0 does it and as tencentcloud-sdk-nodejs
// signs. Pure: the caller supplies the request parts, the key lookup and the time.

export type Tc3FailureCode =
  | 'AuthFailure.InvalidAuthorization'
  | 'AuthFailure.SecretIdNotFound'
  | 'AuthFailure.SignatureFailure'
  | 'AuthFailure.SignatureExpire'
  | 'MissingParameter'
  | 'InvalidParameter';

export type Tc3Verdict =
  | { ok: true; secretId: string; service: string }
  | { ok: false; code: Tc3FailureCode; message: string; secretId: string | null };

export interface Tc3Request {
  method: string;
  /** Path without query, e.g. "/". */
  path: string;
  /** Raw query string without "?", "" when none. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The body bytes exactly as received. */
  body: Buffer;
}

export const MAX_CLOCK_SKEW_SECONDS = 300;

interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'TC3-HMAC-SHA256';

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value)) return value.join(',');
  return value;
}

function parseAuthorization(value: string): ParsedAuthorization | null {
  if (!value.startsWith(`${ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined || signedHeaders === undefined || signature === undefined || fields.size !== 3)
    return null;
  const scope = credential.split('/');
  const [secretId, date, service, terminator] = scope;
  if (
    scope.length !== 4 ||
    secretId === undefined ||
    date === undefined ||
    service === undefined ||
    terminator !== 'tc3_request'
  )
    return null;
  if (secretId === '' || service === '' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  if (!/^[0-9a-f]{64}$/.test(signature)) return null;
  const headerNames = signedHeaders.split(';');
  if (headerNames.some((name) => !/^[a-z0-9-]+$/.test(name))) return null;
  return { secretId, date, service, signedHeaders: headerNames, signature };
}

/** "ccc.tencentcloudapi.com:80" → "ccc.tencentcloudapi.com"; "127.0.0.1:4100" → "127.0.0.1". */
export function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

export function utcDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/**
 * Canonical header line value. Tencent's documentation lower-cases and trims header values;
 * "host" is the host name without port (what the SDK signs: `new URL(url).hostname`).
 */
function canonicalHeaderValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headerValue(headers, name);
  if (raw === undefined) return undefined;
  if (name === 'host') return hostnameOf(raw.trim()) ?? undefined;
  return raw.trim().toLowerCase();
}

export function computeTc3Signature(input: {
  secretKey: string;
  service: string;
  date: string;
  timestamp: string;
  canonicalRequest: string;
}): string {
  const stringToSign = [
    ALGORITHM,
    input.timestamp,
    `${input.date}/${input.service}/tc3_request`,
    sha256Hex(input.canonicalRequest),
  ].join('\n');
  const kDate = hmac(`TC3${input.secretKey}`, input.date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

export function verifyTc3(
  request: Tc3Request,
  secretKeyOf: (secretId: string) => string | undefined,
  nowSeconds: number,
): Tc3Verdict {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    return {
      ok: false,
      code: 'AuthFailure.InvalidAuthorization',
      message: 'Authorization header is missing.',
      secretId: null,
    };
  }
  const auth = parseAuthorization(authorization.trim());
  if (auth === null) {
    return {
      ok: false,
      code: 'AuthFailure.InvalidAuthorization',
      message: `Authorization header is not a valid ${ALGORITHM} authorization.`,
      secretId: null,
    };
  }
  if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) {
    return {
      ok: false,
      code: 'AuthFailure.InvalidAuthorization',
      message: 'SignedHeaders must include content-type and host.',
      secretId: auth.secretId,
    };
  }

  const timestampHeader = headerValue(request.headers, 'x-tc-timestamp');
  if (timestampHeader === undefined) {
    return {
      ok: false,
      code: 'MissingParameter',
      message: 'The request is missing a required header `X-TC-Timestamp`.',
      secretId: auth.secretId,
    };
  }
  if (!/^\d{1,12}$/.test(timestampHeader.trim())) {
    return {
      ok: false,
      code: 'InvalidParameter',
      message: 'The header `X-TC-Timestamp` must be Unix seconds.',
      secretId: auth.secretId,
    };
  }
  const timestamp = Number(timestampHeader.trim());
  if (Math.abs(nowSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    return {
      ok: false,
      code: 'AuthFailure.SignatureExpire',
      message: `Signature expired, timestamp ${timestamp} is more than ${MAX_CLOCK_SKEW_SECONDS} seconds away from server time ${nowSeconds}.`,
      secretId: auth.secretId,
    };
  }

  const secretKey = secretKeyOf(auth.secretId);
  if (secretKey === undefined) {
    return {
      ok: false,
      code: 'AuthFailure.SecretIdNotFound',
      message: 'The SecretId is not found, please ensure that your SecretId is correct.',
      secretId: auth.secretId,
    };
  }

  const signatureFailure = (reason: string): Tc3Verdict => ({
    ok: false,
    code: 'AuthFailure.SignatureFailure',
    message: `The provided credentials could not be validated: ${reason}`,
    secretId: auth.secretId,
  });

  if (auth.date !== utcDate(timestamp))
    return signatureFailure('the date in the credential scope is not the UTC date of X-TC-Timestamp.');
  const host = headerValue(request.headers, 'host');
  const hostname = host === undefined ? null : hostnameOf(host.trim());
  // The SDK derives the service from the first label of its endpoint ("ccc" for the real
  // endpoint, "127" for 127.0.0.1:PORT), so the scope must agree with the Host that was sent.
  if (hostname === null || auth.service !== hostname.split('.')[0]) {
    return signatureFailure('the service in the credential scope does not match the Host.');
  }

  const canonicalHeaders: string[] = [];
  for (const name of auth.signedHeaders) {
    const value = canonicalHeaderValue(request.headers, name);
    if (value === undefined) return signatureFailure(`signed header ${name} is missing from the request.`);
    canonicalHeaders.push(`${name}:${value}\n`);
  }
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path,
    request.query,
    canonicalHeaders.join(''),
    auth.signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
  const expected = computeTc3Signature({
    secretKey,
    service: auth.service,
    date: auth.date,
    timestamp: timestampHeader.trim(),
    canonicalRequest,
  });
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(auth.signature, 'hex'))) {
    return signatureFailure('the signature does not match.');
  }
  return { ok: true, secretId: auth.secretId, service: auth.service };
}
