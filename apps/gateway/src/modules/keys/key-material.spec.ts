import fc from 'fast-check';
import { createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { DomainError } from '../../common/errors/domain.error';
import {
  cachedKids,
  fingerprint,
  generateHmacSecret,
  generateKid,
  hmacKey,
  MAX_JWKS_KEYS,
  parsePublicKeyPem,
  pemFingerprint,
  usableJwk,
  usableJwks,
} from './key-material';

const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const ed25519 = generateKeyPairSync('ed25519');

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
const jwkOf = (key: KeyObject, extra: Record<string, unknown> = {}) => ({
  ...(key.export({ format: 'jwk' }) as JsonWebKey),
  kid: 'k1',
  ...extra,
});

function validationIssue(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation_failed') {
      expect(error.details).toEqual({ issues: [{ path: 'publicKeyPem', message: expect.any(String) }] });
      return error.message;
    }
    throw error;
  }
  throw new Error('expected validation_failed');
}

describe('generated kids and HMAC secrets', () => {
  it('a kid is sg_ and 16 base64url characters; a secret is 32 random bytes in base64url', () => {
    const kids = new Set(Array.from({ length: 200 }, generateKid));
    expect(kids.size).toBe(200);
    for (const kid of kids) expect(kid).toMatch(/^sg_[A-Za-z0-9_-]{16}$/);
    const secret = generateHmacSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(generateHmacSecret()).not.toBe(secret);
  });

  it('the HMAC key is the UTF-8 bytes of the secret string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (secret) => {
        const key = hmacKey(secret);
        expect(key.type).toBe('secret');
        expect(key.export().equals(Buffer.from(secret, 'utf8'))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('parsePublicKeyPem', () => {
  it('keeps an RSA key of 2048 bits as SPKI PEM, whatever PEM form it came in, with a stable fingerprint', () => {
    const pkcs1 = rsa2048.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PUBLIC KEY');
    const fromSpki = parsePublicKeyPem('rs256', spki(rsa2048.publicKey));
    const fromPkcs1 = parsePublicKeyPem('rs256', pkcs1);
    expect(fromPkcs1).toEqual(fromSpki);
    expect(fromSpki.publicKeyPem).toBe(spki(rsa2048.publicKey));
    expect(fromSpki.fingerprint).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
    expect(fromSpki.fingerprint).toBe(pemFingerprint(pkcs1));
    expect(fromSpki.fingerprint).not.toBe(fingerprint(p256.publicKey));
  });

  it('from a private key pasted by mistake, keeps only its public half', () => {
    const privatePem = rsa2048.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const parsed = parsePublicKeyPem('rs256', privatePem);
    expect(parsed.publicKeyPem).toBe(spki(rsa2048.publicKey));
    expect(parsed.publicKeyPem).not.toContain('PRIVATE');
  });

  it('refuses keys that do not fit the type, with a validation error on publicKeyPem', () => {
    expect(validationIssue(() => parsePublicKeyPem('rs256', spki(rsa1024.publicKey)))).toContain(
      'at least 2048 bits',
    );
    expect(validationIssue(() => parsePublicKeyPem('rs256', spki(p256.publicKey)))).toContain(
      'RSA public key',
    );
    expect(validationIssue(() => parsePublicKeyPem('es256', spki(p384.publicKey)))).toContain('P-256');
    expect(validationIssue(() => parsePublicKeyPem('es256', spki(rsa2048.publicKey)))).toContain('P-256');
    expect(validationIssue(() => parsePublicKeyPem('es256', spki(ed25519.publicKey)))).toContain('P-256');
    expect(parsePublicKeyPem('es256', spki(p256.publicKey)).publicKeyPem).toBe(spki(p256.publicKey));
  });

  it('any text that is not a PEM key is a validation error, never a crash', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((body) => `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`),
        ),
        fc.constantFrom('rs256' as const, 'es256' as const),
        (pem, type) => {
          expect(validationIssue(() => parsePublicKeyPem(type, pem))).toMatch(/^publicKeyPem: /);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('usableJwk', () => {
  it('an RSA key of 2048 bits: RS256 unless it names another RSA algorithm; the private members dropped', () => {
    const usable = usableJwk(jwkOf(rsa2048.privateKey, { use: 'sig' }));
    expect(usable?.jwk).toEqual({
      kty: 'RSA',
      kid: 'k1',
      alg: 'RS256',
      use: 'sig',
      n: expect.any(String),
      e: 'AQAB',
    });
    expect(usable?.key.type).toBe('public');
    expect(fingerprint(usable!.key)).toBe(fingerprint(rsa2048.publicKey));
    expect(usableJwk(jwkOf(rsa2048.publicKey, { alg: 'PS512' }))?.jwk.alg).toBe('PS512');
  });

  it('an EC key: its curve decides the algorithm, and a contradicting alg is refused', () => {
    expect(usableJwk(jwkOf(p256.publicKey))?.jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(usableJwk(jwkOf(p384.publicKey))?.jwk).toMatchObject({ crv: 'P-384', alg: 'ES384' });
    expect(usableJwk(jwkOf(p256.publicKey, { alg: 'ES384' }))).toBeNull();
    expect(usableJwk(jwkOf(p256.publicKey, { crv: 'P-384' }))).toBeNull();
  });

  it.each([
    ['an RSA key under 2048 bits', jwkOf(rsa1024.publicKey)],
    ['an RSA key with an EC algorithm', jwkOf(rsa2048.publicKey, { alg: 'ES256' })],
    ['an RSA key with HS256', jwkOf(rsa2048.publicKey, { alg: 'HS256' })],
    ['an RSA key with alg none', jwkOf(rsa2048.publicKey, { alg: 'none' })],
    ['an encryption key', jwkOf(rsa2048.publicKey, { use: 'enc' })],
    ['a key without a kid', jwkOf(rsa2048.publicKey, { kid: undefined })],
    ['a kid of 257 characters', jwkOf(rsa2048.publicKey, { kid: 'k'.repeat(257) })],
    ['a symmetric key', { kty: 'oct', kid: 'k1', k: 'c2VjcmV0' }],
    ['an OKP key', jwkOf(ed25519.publicKey)],
    ['a broken modulus', jwkOf(rsa2048.publicKey, { n: 'not-a-modulus' })],
    ['a point off the curve', jwkOf(p256.publicKey, { x: jwkOf(p384.publicKey).x })],
  ])('%s is not usable', (_name, jwk) => {
    expect(usableJwk(jwk)).toBeNull();
  });

  it('whatever the JSON, the answer is null or a JWK of public members only', () => {
    const publicMembers = new Set(['kty', 'kid', 'alg', 'use', 'n', 'e', 'crv', 'x', 'y']);
    const base = fc.constantFrom(jwkOf(rsa2048.privateKey), jwkOf(p256.privateKey), {});
    const noise = fc.dictionary(
      fc.constantFrom('kty', 'kid', 'alg', 'use', 'crv', 'd', 'p', 'q', 'k', 'x5c', 'n'),
      fc.jsonValue({ maxDepth: 1 }),
      { maxKeys: 3 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.tuple(base, noise).map(([jwk, extra]) => ({ ...jwk, ...extra })),
        ),
        (value) => {
          const usable = usableJwk(value);
          if (usable === null) return;
          for (const member of Object.keys(usable.jwk)) expect(publicMembers.has(member)).toBe(true);
          expect(usable.key.type).toBe('public');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('JWKS documents', () => {
  it(`keeps the usable keys among the first ${MAX_JWKS_KEYS}, in order`, () => {
    const good = (kid: string) => jwkOf(p256.publicKey, { kid });
    const keys = [
      good('a'),
      { kty: 'oct', kid: 'b' },
      good('c'),
      ...Array.from({ length: MAX_JWKS_KEYS }, (_, i) => good(`n${i}`)),
    ];
    const kids = usableJwks({ keys }).map((jwk) => jwk.kid);
    expect(kids.slice(0, 3)).toEqual(['a', 'c', 'n0']);
    expect(kids).toHaveLength(MAX_JWKS_KEYS - 1);
    expect(kids).not.toContain(`n${MAX_JWKS_KEYS - 3}`);
  });

  it('anything that is not a JWKS is no keys', () => {
    for (const document of [null, undefined, 'x', {}, { keys: 'x' }, { keys: {} }, []])
      expect(usableJwks(document)).toEqual([]);
  });

  it('reads the kids of a stored copy and skips entries without one', () => {
    expect(cachedKids({ keys: [{ kid: 'a' }, { kid: 7 }, null, {}, { kid: 'b' }] })).toEqual(['a', 'b']);
    expect(cachedKids(null)).toEqual([]);
    expect(cachedKids({ keys: null })).toEqual([]);
  });

  it('a published key and its PEM form have one fingerprint', () => {
    const usable = usableJwk(jwkOf(rsa2048.publicKey));
    expect(fingerprint(usable!.key)).toBe(pemFingerprint(spki(createPublicKey(rsa2048.privateKey))));
  });
});
