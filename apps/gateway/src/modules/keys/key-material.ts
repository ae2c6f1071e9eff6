// Key material of signing keys: generating kids and HMAC secrets, checking PEM public keys and
// published JWKs, and turning each into the one KeyObject and the one algorithm it may verify.
// KeyObjects carry their type, so jsonwebtoken itself refuses an HS token against a public key.
import { createHash, createPublicKey, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Algorithm } from 'jsonwebtoken';
import { PUBLIC_KEY_REFUSALS, type SigningKeyType } from '@seatgate/contracts';
import { DomainError } from '../../common/errors/domain.error';
import { keyErrors } from './keys.errors';

/** Every algorithm a signing key can be pinned to; `none` and HS384/512 are never among them. */
export const BUSINESS_TOKEN_ALGORITHMS: Algorithm[] = [
  'HS256',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];

export const STORED_KEY_ALGORITHM: Record<Exclude<SigningKeyType, 'jwks'>, Algorithm> = {
  hs256: 'HS256',
  rs256: 'RS256',
  es256: 'ES256',
};

/** The envelope of an HMAC secret is bound to this field name (and to its tenant and key). */
export const HMAC_SECRET_FIELD = 'hmacSecret';

const MIN_RSA_BITS = 2048;
const EC_CURVES: Record<string, { nodeName: string; algorithm: Algorithm }> = {
  'P-256': { nodeName: 'prime256v1', algorithm: 'ES256' },
  'P-384': { nodeName: 'secp384r1', algorithm: 'ES384' },
  'P-521': { nodeName: 'secp521r1', algorithm: 'ES512' },
};
const RSA_ALGORITHMS = new Set<string>(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']);
/** Only this many keys of a JWKS document are considered (the rest are dropped). */
export const MAX_JWKS_KEYS = 50;

/** `sg_` + 16 base64url characters (96 random bits). */
export function generateKid(): string {
  return `sg_${randomBytes(12).toString('base64url')}`;
}

/** 32 random bytes, base64url: the string (its UTF-8 bytes) is the HMAC key. */
export function generateHmacSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hmacKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/** `sha256:` + base64url of the DER SubjectPublicKeyInfo. */
export function fingerprint(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('base64url')}`;
}

export function pemFingerprint(pem: string): string {
  return fingerprint(createPublicKey(pem));
}

/** The refusal's English names its code (PUBLIC_KEY_REFUSALS), which the answer carries. */
function invalidPem(refusal: keyof typeof PUBLIC_KEY_REFUSALS): DomainError {
  return keyErrors.invalidPublicKey(PUBLIC_KEY_REFUSALS[refusal]);
}

/** Checks a PEM public key is of the kind its type needs; answers it normalised (SPKI PEM). */
export function parsePublicKeyPem(
  type: 'rs256' | 'es256',
  pem: string,
): { publicKeyPem: string; fingerprint: string } {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw invalidPem('key_unreadable');
  }
  if (key.type !== 'public') throw invalidPem('key_not_public');
  if (type === 'rs256') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (key.asymmetricKeyType !== 'rsa') throw invalidPem('key_not_rsa');
    if (bits < MIN_RSA_BITS) throw invalidPem('key_rsa_too_short');
  } else if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw invalidPem('key_not_p256');
  }
  return {
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprint(key),
  };
}

/** A published public JWK as Seatgate keeps it: only the public fields, and its resolved alg. */
export interface PublishedJwk {
  kty: 'RSA' | 'EC';
  kid: string;
  alg: Algorithm;
  use?: 'sig';
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
  y?: string;
}

export interface JwksDocument {
  keys: PublishedJwk[];
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The usable signing key of a JWK, or null: a kid, RSA (≥ 2048 bits) or EC (P-256/384/521) with
 * an alg that fits it. Private members (`d`, `p`, …) are dropped; symmetric (`oct`) keys refused.
 */
export function usableJwk(value: unknown): { jwk: PublishedJwk; key: KeyObject } | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const kid = str(raw.kid);
  const use = str(raw.use);
  const alg = str(raw.alg);
  if (!kid || kid.length > 256 || (use !== undefined && use !== 'sig')) return null;
  let jwk: PublishedJwk;
  if (raw.kty === 'RSA') {
    if (alg !== undefined && !RSA_ALGORITHMS.has(alg)) return null;
    const n = str(raw.n);
    const e = str(raw.e);
    if (!n || !e) return null;
    jwk = { kty: 'RSA', kid, alg: (alg ?? 'RS256') as Algorithm, n, e };
  } else if (raw.kty === 'EC') {
    const curve = EC_CURVES[str(raw.crv) ?? ''];
    const x = str(raw.x);
    const y = str(raw.y);
    if (!curve || !x || !y || (alg !== undefined && alg !== curve.algorithm)) return null;
    jwk = { kty: 'EC', kid, alg: curve.algorithm, crv: str(raw.crv), x, y };
  } else {
    return null;
  }
  if (use) jwk.use = 'sig';
  let key: KeyObject;
  try {
    const { kid: _kid, alg: _alg, use: _use, ...material } = jwk;
    key = createPublicKey({ key: material, format: 'jwk' });
  } catch {
    return null;
  }
  if (jwk.kty === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return null;
  if (jwk.kty === 'EC' && key.asymmetricKeyDetails?.namedCurve !== EC_CURVES[jwk.crv ?? '']?.nodeName)
    return null;
  return { jwk, key };
}

/** The usable keys of a fetched JWKS document (anything else in it is dropped). */
export function usableJwks(document: unknown): PublishedJwk[] {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return [];
  const usable: PublishedJwk[] = [];
  for (const candidate of keys.slice(0, MAX_JWKS_KEYS)) {
    const parsed = usableJwk(candidate);
    if (parsed) usable.push(parsed.jwk);
  }
  return usable;
}

/** The kids in a stored JWKS copy (written by Seatgate, so only usable keys). */
export function cachedKids(cache: unknown): string[] {
  const keys = (cache as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return [];
  return keys
    .map((jwk: unknown) => str((jwk as { kid?: unknown } | null)?.kid))
    .filter((kid) => !!kid) as string[];
}
