import { createHash, createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';

// A hand-rolled TC3-HMAC-SHA256 signer and raw HTTP caller, for requests the official SDK cannot
// be made to send (a body altered after signing, a wrong scope date, no Authorization at all).
// tc3-auth.spec.ts proves it signs exactly like tencentcloud-sdk-nodejs before relying on it.

export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  service: string;
  /** Host name as signed (no port). */
  signedHost: string;
  timestamp: number;
  /** Defaults to the UTC date of timestamp. */
  scopeDate?: string;
  body: string;
  contentType?: string;
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function tc3Authorization(input: Tc3SignInput): string {
  const contentType = input.contentType ?? 'application/json';
  const date = input.scopeDate ?? new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${input.signedHost}\n`,
    'content-type;host',
    sha256Hex(input.body),
  ].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: unknown;
}

/** Sends a request to the emulator at 127.0.0.1:port with exactly the given headers and body. */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(body);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body ?? '');
  });
}

export interface SignedCallInput {
  action: string;
  params: unknown;
  secretId: string;
  secretKey: string;
  host?: string;
  service?: string;
  timestamp?: number;
  scopeDate?: string;
  /** Replaces the body after signing. */
  tamperedBody?: string;
  extraHeaders?: Record<string, string>;
}

/** A TCCC call signed like the SDK signs, sent raw. */
export function signedCall(port: number, input: SignedCallInput): Promise<RawAnswer> {
  const host = input.host ?? 'ccc.tencentcloudapi.com';
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify(input.params);
  const signInput: Tc3SignInput = {
    secretId: input.secretId,
    secretKey: input.secretKey,
    service: input.service ?? host.split('.')[0] ?? host,
    signedHost: host.split(':')[0] ?? host,
    timestamp,
    body,
  };
  if (input.scopeDate !== undefined) signInput.scopeDate = input.scopeDate;
  return rawRequest(port, {
    headers: {
      Host: host,
      'Content-Type': 'application/json',
      'X-TC-Action': input.action,
      'X-TC-Version': '2020-02-10',
      'X-TC-Timestamp': String(timestamp),
      'X-TC-TraceId': randomUUID(),
      Authorization: tc3Authorization(signInput),
      ...input.extraHeaders,
    },
    body: input.tamperedBody ?? body,
  });
}

/** Narrows a raw answer to the API 3.0 envelope's Response object. */
export function responseOf(answer: RawAnswer): Record<string, unknown> {
  const json = answer.json;
  if (typeof json !== 'object' || json === null || !('Response' in json))
    throw new Error(`not an API 3.0 envelope: ${answer.body}`);
  const response: unknown = json.Response;
  if (typeof response !== 'object' || response === null)
    throw new Error(`Response is not an object: ${answer.body}`);
  return { ...response };
}

export function errorCodeOf(answer: RawAnswer): string | null {
  const error = responseOf(answer)['Error'];
  if (typeof error !== 'object' || error === null || !('Code' in error)) return null;
  return typeof error.Code === 'string' ? error.Code : null;
}
