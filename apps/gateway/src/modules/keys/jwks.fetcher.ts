// Fetches a tenant's published JWKS: one bounded GET (3 s, 256 KiB, no redirects), keeping only
// usable public signing keys. Tenant admins choose the URL, so the gateway must not become their
// window into its own network: https only, and every address a connection goes to is checked at
// connect time (IP literals before, names inside the socket's own DNS lookup, so a name that
// resolves to a public address once and a private one later cannot slip through). Refusals say
// as little as a port scanner could use; the remote answer is never echoed.
import { Injectable } from '@nestjs/common';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '../../common/errors/domain.error';
import { AppConfig } from '../../config/app-config';
import { usableJwks, type PublishedJwk } from './key-material';

export const JWKS_TIMEOUT_MS = 3_000;
export const JWKS_MAX_BYTES = 256 * 1024;

// Loopback, private, link-local (169.254.169.254 included), CGNAT, multicast, unspecified,
// reserved and documentation ranges; IPv6 forms that embed an IPv4 address are refused whole.
// Two lists: node checks IPv4 addresses against IPv6 rules as ::ffff:a.b.c.d, which the IPv6 list
// refuses whole.
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC_V4.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['::', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC_V6.addSubnet(address, prefix, 'ipv6');
}

/** True for an address a tenant's JWKS may not live at. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? NOT_PUBLIC_V4.check(address, 'ipv4') : NOT_PUBLIC_V6.check(address, 'ipv6');
}

/** A refusal whose message may be shown to the admin as is. */
class FetchRefused extends Error {}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that refuses to hand the socket any non-public address. */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((entry) => isNonPublicAddress(entry.address))) {
      return callback(new FetchRefused('the address is not public'), []);
    }
    if ((options as LookupAllOptions).all) return callback(null, list);
    const first = list[0]!;
    return callback(null, first.address, first.family);
  });
}

function checkedTarget(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused('the URL is not valid');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new FetchRefused('only https:// URLs are allowed');
  }
  if (url.username || url.password) throw new FetchRefused('URLs with credentials are not allowed');
  // the WHATWG parser has already turned decimal, hex and octal forms into dotted quads
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!allowPrivate && isIP(host) !== 0 && isNonPublicAddress(host)) {
    throw new FetchRefused('the address is not public');
  }
  return url;
}

function get(url: URL, allowPrivate: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, {
      method: 'GET',
      headers: { accept: 'application/jwk-set+json, application/json' },
      // checked inside the connection itself: what DNS says at connect time is what is used
      ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      agent: false,
    });
    const timer = setTimeout(
      () => request.destroy(new FetchRefused(`no answer within ${JWKS_TIMEOUT_MS / 1000} s`)),
      JWKS_TIMEOUT_MS,
    );
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(error);
    };
    request.on('error', fail);
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        response.resume();
        request.destroy();
        // redirects are not followed: each hop would need the same checks, and a JWKS has no need
        return fail(
          new FetchRefused(
            status >= 300 && status < 400 ? 'redirects are not followed' : 'the server refused',
          ),
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > JWKS_MAX_BYTES) {
          request.destroy(new FetchRefused(`the answer is larger than ${JWKS_MAX_BYTES / 1024} KiB`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
    request.end();
  });
}

/** Says why without telling a port scanner more than "unreachable". */
function failure(error: unknown): string {
  if (error instanceof FetchRefused) return error.message;
  if (error instanceof SyntaxError) return 'the answer is not a JWKS';
  return 'the server could not be reached';
}

@Injectable()
export class JwksFetcher {
  constructor(private readonly config: AppConfig) {}

  /** The usable keys published at `url`, or jwks_unreachable saying why there are none. */
  async fetch(url: string): Promise<PublishedJwk[]> {
    const allowPrivate = this.config.jwksAllowPrivate;
    let document: unknown;
    try {
      document = JSON.parse(await get(checkedTarget(url, allowPrivate), allowPrivate));
    } catch (error) {
      throw new DomainError('jwks_unreachable', `the JWKS could not be fetched: ${failure(error)}`, {
        jwksUrl: url,
      });
    }
    const keys = usableJwks(document);
    if (keys.length === 0) {
      throw new DomainError(
        'jwks_unreachable',
        'the JWKS has no usable signing key (RSA ≥ 2048 bits or EC P-256/384/521, each with a kid)',
        { jwksUrl: url },
      );
    }
    return keys;
  }
}
