// What a vendor's backend does for a signed-in user: a short-lived HS256 JWT naming the user (sub),
// Seatgate's audience (aud) and the tenant's key (kid header). Twenty lines of node:crypto rather
// than a JWT library, so the demo shows there is nothing more to it.
import { createHmac, randomUUID } from 'node:crypto';
import type { SecretValue } from './demo-crm-config';

/** Seatgate accepts at most 600 s between iat and exp; five minutes is plenty for one login. */
export const TOKEN_LIFETIME_SECONDS = 300;

export interface BusinessTokenInput {
  kid: string;
  secret: SecretValue;
  subject: string;
  audience: string;
  nowMs?: number;
}

export interface SignedBusinessToken {
  token: string;
  expiresAt: string;
}

const base64url = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');

export function signBusinessToken(input: BusinessTokenInput): SignedBusinessToken {
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const exp = iat + TOKEN_LIFETIME_SECONDS;
  const header = base64url({ alg: 'HS256', typ: 'JWT', kid: input.kid });
  const payload = base64url({ sub: input.subject, aud: input.audience, iat, exp, jti: randomUUID() });
  // the secret's UTF-8 bytes are the HMAC key, as Seatgate documents for its HS256 keys
  const signature = createHmac('sha256', Buffer.from(input.secret.reveal(), 'utf8'))
    .update(`${header}.${payload}`)
    .digest('base64url');
  return { token: `${header}.${payload}.${signature}`, expiresAt: new Date(exp * 1000).toISOString() };
}
