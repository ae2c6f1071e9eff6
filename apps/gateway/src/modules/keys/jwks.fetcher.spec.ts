import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '../../common/errors/domain.error';
import type { AppConfig } from '../../config/app-config';
import {
  isNonPublicAddress,
  JWKS_MAX_BYTES,
  JWKS_TIMEOUT_MS,
  JwksFetcher,
  publicOnlyLookup,
} from './jwks.fetcher';

const publicJwk = {
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }),
  kid: 'idp-ec',
};

const fetcher = (jwksAllowPrivate: boolean) => new JwksFetcher({ jwksAllowPrivate } as AppConfig);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  expect(error.code).toBe('jwks_unreachable');
  return error;
}

describe('JwksFetcher', () => {
  let server: Server;
  let base: string;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      switch (req.url) {
        case '/jwks.json':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ keys: [publicJwk] }));
        case '/redirect':
          res.writeHead(302, { location: '/jwks.json' });
          return res.end();
        case '/echo':
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end('ami-id: INTERNAL-METADATA-SECRET');
        case '/notjson':
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end('INTERNAL-METADATA-SECRET');
        case '/huge':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(`{"keys":[],"pad":"${'x'.repeat(JWKS_MAX_BYTES)}"}`);
        case '/slow':
          return setTimeout(() => res.end('{}'), JWKS_TIMEOUT_MS + 2_000).unref();
        default:
          res.writeHead(404);
          return res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    'https://127.0.0.1/jwks.json',
    'https://0.0.0.0/jwks.json',
    'https://2130706433/jwks.json',
    'https://0x7f000001/jwks.json',
    'https://0177.0.0.1/jwks.json',
    'https://127.1/jwks.json',
    'https://169.254.169.254/latest/meta-data/',
    'https://10.1.2.3/jwks.json',
    'https://172.16.0.1/jwks.json',
    'https://192.168.1.1/jwks.json',
    'https://100.64.0.1/jwks.json',
    'https://224.0.0.1/jwks.json',
    'https://[::1]/jwks.json',
    'https://[::]/jwks.json',
    'https://[::ffff:127.0.0.1]/jwks.json',
    'https://[::ffff:a9fe:a9fe]/jwks.json',
    'https://[fe80::1]/jwks.json',
    'https://[fd00::1]/jwks.json',
  ])('refuses %s before connecting', async (url) => {
    const error = await refusal(fetcher(false).fetch(url));
    expect(error.message).toBe('the JWKS could not be fetched: the address is not public');
  });

  it('checks names inside the connection: localhost is refused when the socket looks it up', async () => {
    const port = (server.address() as AddressInfo).port;
    const error = await refusal(fetcher(false).fetch(`https://localhost:${port}/jwks.json`));
    expect(error.message).toBe('the JWKS could not be fetched: the address is not public');
    const looked = await new Promise<unknown>((resolve) =>
      publicOnlyLookup('localhost', { all: true }, (lookupError) => resolve(lookupError)),
    );
    expect(looked).toBeInstanceOf(Error);
  });

  it('refuses http:// and credentials in the URL, and reaches no server', async () => {
    const before = hits;
    expect((await refusal(fetcher(false).fetch(`${base}/jwks.json`))).message).toContain(
      'only https:// URLs are allowed',
    );
    expect((await refusal(fetcher(false).fetch('ftp://example.com/jwks.json'))).message).toContain(
      'only https://',
    );
    expect((await refusal(fetcher(false).fetch('https://user:pw@example.com/jwks.json'))).message).toContain(
      'credentials',
    );
    expect(hits).toBe(before);
  });

  it.each(['127.0.0.1', '10.0.0.8', '169.254.169.254', '::1', '::ffff:7f00:1', 'fc00::2', '100.100.1.1'])(
    'classes %s as not public',
    (address) => expect(isNonPublicAddress(address)).toBe(true),
  );

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '203.0.114.1'])('classes %s as public', (address) =>
    expect(isNonPublicAddress(address)).toBe(false),
  );

  it('with private URLs allowed (development), fetches a local JWKS', async () => {
    const keys = await fetcher(true).fetch(`${base}/jwks.json`);
    expect(keys.map((key) => key.kid)).toEqual(['idp-ec']);
  });

  it('follows no redirect', async () => {
    const error = await refusal(fetcher(true).fetch(`${base}/redirect`));
    expect(error.message).toBe('the JWKS could not be fetched: redirects are not followed');
  });

  it('never echoes the remote answer', async () => {
    for (const path of ['/echo', '/notjson']) {
      const error = await refusal(fetcher(true).fetch(`${base}${path}`));
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
        'INTERNAL-METADATA-SECRET',
      );
    }
  });

  it('caps the answer size and the time it may take', async () => {
    expect((await refusal(fetcher(true).fetch(`${base}/huge`))).message).toContain('larger than 256 KiB');
    const started = Date.now();
    expect((await refusal(fetcher(true).fetch(`${base}/slow`))).message).toContain('no answer within 3 s');
    expect(Date.now() - started).toBeLessThan(JWKS_TIMEOUT_MS + 1_500);
  });
});
