// SCIM tokens: `sgscim_` and 32 random bytes (base64url). Only a SHA-256 of a token is stored: the
// token has 256 bits of entropy, so a digest cannot be reversed by guessing, and a lookup by it is
// one indexed read (a slow password hash would add nothing but latency to every SCIM call).
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sgscim_';

export function newScimToken(): { token: string; hash: string; hint: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashScimToken(token), hint: token.slice(0, PREFIX.length + 4) };
}

export function hashScimToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeScimToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length <= 200;
}
