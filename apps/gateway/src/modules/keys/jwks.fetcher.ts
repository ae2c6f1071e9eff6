// Fetches a tenant's published JWKS: one bounded GET (3 s, 256 KiB), keeping only usable public
// signing keys. Tenant admins choose the URL, so nothing of the answer but those keys is kept.
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain.error';
import { usableJwks, type PublishedJwk } from './key-material';

export const JWKS_TIMEOUT_MS = 3_000;
const MAX_BYTES = 256 * 1024;

/** A refusal whose message may be shown to the admin as is. */
class FetchRefused extends Error {}

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new FetchRefused(`the answer is larger than ${MAX_BYTES / 1024} KiB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Says why without telling a port scanner more than "unreachable". */
function failure(error: unknown): string {
  if (error instanceof FetchRefused) return error.message;
  if (error instanceof SyntaxError) return 'the answer is not JSON';
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${JWKS_TIMEOUT_MS / 1000} s`;
  return 'the server could not be reached';
}

@Injectable()
export class JwksFetcher {
  /** The usable keys published at `url`, or jwks_unreachable saying why there are none. */
  async fetch(url: string): Promise<PublishedJwk[]> {
    let document: unknown;
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/jwk-set+json, application/json' },
        redirect: 'follow',
        signal: AbortSignal.timeout(JWKS_TIMEOUT_MS),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchRefused(`the server answered HTTP ${response.status}`);
      }
      document = JSON.parse(await readCapped(response));
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
