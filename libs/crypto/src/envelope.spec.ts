import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import type { EncryptionContext } from './associated-data';
import { DecryptionError } from './crypto.errors';
import type { DecryptionErrorReason } from './crypto.errors';
import { decryptField, encryptField, envelopeKeyId, rewrapField } from './envelope';
import { Keyring, generateMasterKey } from './keyring';
import { Secret } from './secret';

const k1 = generateMasterKey();
const k2 = generateMasterKey();
const both = Keyring.parse(`k2:${k2},k1:${k1}`);
const onlyK1 = Keyring.parse(`k1:${k1}`);
const onlyK2 = Keyring.parse(`k2:${k2}`);
const ctx: EncryptionContext = { tenantId: 'tenant-1', recordId: 'app-7', field: 'secretKey' };

function failure(run: () => unknown): DecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecryptionError) return error;
    throw error;
  }
  throw new Error('expected a DecryptionError, but the call succeeded');
}

function expectFailure(run: () => unknown, reason: DecryptionErrorReason): DecryptionError {
  const error = failure(run);
  expect(error.reason).toBe(reason);
  return error;
}

function parts(envelope: string): { version: string; keyId: string; wrapped: Buffer; ciphertext: Buffer } {
  const [version, keyId, wrapped, ciphertext] = envelope.split('.');
  return {
    version,
    keyId,
    wrapped: Buffer.from(wrapped, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
}

function assemble(p: { version: string; keyId: string; wrapped: Buffer; ciphertext: Buffer }): string {
  return [p.version, p.keyId, p.wrapped.toString('base64url'), p.ciphertext.toString('base64url')].join('.');
}

// Context values: any well-formed text, and text made mostly of separators, which is where a
// naive encoding would let two contexts collide.
const contextValue = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
  fc.string({ unit: fc.constantFrom('a', '|', ':', '.', ',', '\u0000', '"'), minLength: 1, maxLength: 6 }),
);
const contexts = fc.record({ tenantId: contextValue, recordId: contextValue, field: contextValue });
const plaintexts = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary-ascii', maxLength: 100 }),
);

describe('encryptField / decryptField', () => {
  it('round-trips any unicode text in any context', () => {
    fc.assert(
      fc.property(plaintexts, contexts, (plaintext, context) => {
        const envelope = encryptField(both, plaintext, context);
        const secret = decryptField(both, envelope, context);
        expect(secret).toBeInstanceOf(Secret);
        expect(secret.reveal()).toBe(plaintext);
      }),
    );
  });

  it('round-trips the empty string and a long string', () => {
    expect(decryptField(both, encryptField(both, '', ctx), ctx).reveal()).toBe('');
    const long = 'AKID😀é\u0000中'.repeat(150_000);
    expect(decryptField(both, encryptField(both, long, ctx), ctx).reveal()).toBe(long);
  });

  it('accepts a Secret as plaintext', () => {
    const envelope = encryptField(both, new Secret('from-a-secret'), ctx);
    expect(decryptField(both, envelope, ctx).reveal()).toBe('from-a-secret');
  });

  it('writes a printable, versioned envelope naming the primary key', () => {
    const envelope = encryptField(both, 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', ctx);
    expect(envelope).toMatch(/^sg1\.k2\.[A-Za-z0-9_-]{80}\.[A-Za-z0-9_-]+$/);
    expect(envelopeKeyId(envelope)).toBe('k2');
    // iv + ciphertext (as long as the UTF-8 plaintext) + tag
    expect(parts(envelope).ciphertext).toHaveLength(12 + 36 + 16);
    expect(envelope).not.toContain('AKID');
  });

  it('never encrypts the same plaintext twice alike', () => {
    fc.assert(
      fc.property(plaintexts, (plaintext) => {
        const a = parts(encryptField(both, plaintext, ctx));
        const b = parts(encryptField(both, plaintext, ctx));
        expect(a.wrapped.equals(b.wrapped)).toBe(false);
        expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
        expect(a.wrapped.subarray(0, 12).equals(b.wrapped.subarray(0, 12))).toBe(false);
        expect(a.ciphertext.subarray(0, 12).equals(b.ciphertext.subarray(0, 12))).toBe(false);
      }),
    );
  });

  it('rejects text that UTF-8 cannot carry, and contexts that cannot be meant', () => {
    expect(() => encryptField(both, 'a\uD800b', ctx)).toThrow(TypeError);
    for (const bad of [
      { ...ctx, tenantId: '' },
      { ...ctx, recordId: '\uDC00' },
      { tenantId: 't', recordId: 'r' } as EncryptionContext,
      null as unknown as EncryptionContext,
    ]) {
      expect(() => encryptField(both, 'x', bad)).toThrow(TypeError);
      expect(() => decryptField(both, encryptField(both, 'x', ctx), bad)).toThrow(TypeError);
    }
  });
});

describe('binding to the context', () => {
  const moves = fc
    .tuple(contexts, fc.constantFrom<keyof EncryptionContext>('tenantId', 'recordId', 'field'), contextValue)
    .filter(([context, key, value]) => context[key] !== value)
    .map(([from, key, value]) => ({ from, to: { ...from, [key]: value } }));

  it('fails with auth_failed when an envelope is moved to another tenant, record or field', () => {
    fc.assert(
      fc.property(moves, plaintexts, ({ from, to }, plaintext) => {
        const envelope = encryptField(both, plaintext, from);
        expectFailure(() => decryptField(both, envelope, to), 'auth_failed');
        expectFailure(() => rewrapField(both, envelope, to), 'auth_failed');
        expectFailure(() => rewrapField(onlyK2, encryptField(onlyK1, plaintext, from), to), 'unknown_key');
        expectFailure(() => rewrapField(both, encryptField(onlyK1, plaintext, from), to), 'auth_failed');
      }),
    );
  });

  it.each([
    [
      'a separator moved across a boundary',
      { tenantId: 'a|b', recordId: 'c', field: 'f' },
      { tenantId: 'a', recordId: 'b|c', field: 'f' },
    ],
    [
      'a NUL moved across a boundary',
      { tenantId: 'a\u0000b', recordId: 'c', field: 'f' },
      { tenantId: 'a', recordId: 'b\u0000c', field: 'f' },
    ],
    [
      'tenant and record swapped',
      { tenantId: 'x', recordId: 'y', field: 'f' },
      { tenantId: 'y', recordId: 'x', field: 'f' },
    ],
    [
      'record and field swapped',
      { tenantId: 't', recordId: 'secretId', field: 'secretKey' },
      { tenantId: 't', recordId: 'secretKey', field: 'secretId' },
    ],
  ])('fails for %s', (_name, from, to) => {
    const envelope = encryptField(both, 'value', from);
    expect(decryptField(both, envelope, from).reveal()).toBe('value');
    expectFailure(() => decryptField(both, envelope, to), 'auth_failed');
  });

  it('fails when the wrapped key of one envelope is spliced onto the ciphertext of another', () => {
    const a = parts(encryptField(both, 'first', ctx));
    const b = parts(encryptField(both, 'other', ctx));
    expectFailure(() => decryptField(both, assemble({ ...a, ciphertext: b.ciphertext }), ctx), 'auth_failed');
    expectFailure(() => rewrapField(both, assemble({ ...a, ciphertext: b.ciphertext }), ctx), 'auth_failed');
  });
});

describe('tampering', () => {
  const envelope = encryptField(both, 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', ctx);

  it('is caught at every character of the envelope', () => {
    for (let i = 0; i < envelope.length; i++) {
      for (const replacement of ['A', 'B', '_', '-', '.', '=', '+', 'é']) {
        if (replacement === envelope[i]) continue;
        const tampered = envelope.slice(0, i) + replacement + envelope.slice(i + 1);
        const error = failure(() => decryptField(both, tampered, ctx));
        expect(['malformed', 'unknown_key', 'auth_failed']).toContain(error.reason);
        expect(() => rewrapField(both, tampered, ctx)).toThrow(DecryptionError);
      }
    }
  });

  it('is caught at every bit of the wrapped key and of the ciphertext', () => {
    const original = parts(envelope);
    for (const part of ['wrapped', 'ciphertext'] as const) {
      for (let byte = 0; byte < original[part].length; byte++) {
        for (let bit = 0; bit < 8; bit++) {
          const bytes = Buffer.from(original[part]);
          bytes[byte] ^= 1 << bit;
          const tampered = assemble({ ...original, [part]: bytes });
          expectFailure(() => decryptField(both, tampered, ctx), 'auth_failed');
          expectFailure(() => rewrapField(both, tampered, ctx), 'auth_failed');
        }
      }
    }
  });

  it('is caught when the ciphertext is shortened or extended', () => {
    const original = parts(envelope);
    const shorter = assemble({ ...original, ciphertext: original.ciphertext.subarray(0, -1) });
    const longer = assemble({
      ...original,
      ciphertext: Buffer.concat([original.ciphertext, Buffer.from([0])]),
    });
    expectFailure(() => decryptField(both, shorter, ctx), 'auth_failed');
    expectFailure(() => decryptField(both, longer, ctx), 'auth_failed');
  });

  it('is caught when the key id is changed, even to an id for the very same key', () => {
    expectFailure(() => decryptField(both, envelope.replace('sg1.k2.', 'sg1.k1.'), ctx), 'auth_failed');
    expectFailure(() => decryptField(both, envelope.replace('sg1.k2.', 'sg1.k9.'), ctx), 'unknown_key');

    const key = randomBytes(32);
    const asA = new Keyring([{ id: 'a', key }]);
    const asB = new Keyring([{ id: 'b', key }]);
    const underA = encryptField(asA, 'value', ctx);
    expect(decryptField(asA, underA, ctx).reveal()).toBe('value');
    expectFailure(() => decryptField(asB, underA.replace('sg1.a.', 'sg1.b.'), ctx), 'auth_failed');
  });
});

describe('rotation', () => {
  it('moves an envelope from k1 to k2 without touching its ciphertext', () => {
    const underK1 = encryptField(onlyK1, 'SecretKeyValue', ctx);
    expect(envelopeKeyId(underK1)).toBe('k1');
    expect(decryptField(both, underK1, ctx).reveal()).toBe('SecretKeyValue');

    const underK2 = rewrapField(both, underK1, ctx);
    expect(envelopeKeyId(underK2)).toBe('k2');
    expect(underK2.split('.')[3]).toBe(underK1.split('.')[3]);
    expect(underK2.split('.')[2]).not.toBe(underK1.split('.')[2]);

    expect(decryptField(onlyK2, underK2, ctx).reveal()).toBe('SecretKeyValue');
    expect(decryptField(both, underK2, ctx).reveal()).toBe('SecretKeyValue');
    expectFailure(() => decryptField(onlyK1, underK2, ctx), 'unknown_key');
    expectFailure(() => decryptField(onlyK2, underK1, ctx), 'unknown_key');
  });

  it('is idempotent, and leaves an envelope already under the primary key as it is', () => {
    fc.assert(
      fc.property(plaintexts, contexts, (plaintext, context) => {
        const underK1 = encryptField(onlyK1, plaintext, context);
        const once = rewrapField(both, underK1, context);
        expect(rewrapField(both, once, context)).toBe(once);
        expect(rewrapField(onlyK1, underK1, context)).toBe(underK1);
        expect(decryptField(onlyK2, once, context).reveal()).toBe(plaintext);
      }),
    );
  });

  it('refuses to rewrap an envelope whose ciphertext does not authenticate', () => {
    const original = parts(encryptField(onlyK1, 'value', ctx));
    const bytes = Buffer.from(original.ciphertext);
    bytes[bytes.length - 1] ^= 1;
    const tampered = assemble({ ...original, ciphertext: bytes });
    expectFailure(() => rewrapField(both, tampered, ctx), 'auth_failed');
    expectFailure(() => rewrapField(onlyK1, tampered, ctx), 'auth_failed');
  });

  it('fails with unknown_key when the keyring lacks the wrapping key', () => {
    expectFailure(() => rewrapField(onlyK2, encryptField(onlyK1, 'value', ctx), ctx), 'unknown_key');
  });
});

describe('malformed envelopes', () => {
  const good = encryptField(both, 'value', ctx);
  const [, , wrapped, ciphertext] = good.split('.');
  const plaintextStoredByMistake = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';

  it.each([
    ['an empty string', ''],
    ['a plaintext stored by mistake', plaintextStoredByMistake],
    ['a version only', 'sg1'],
    ['a missing part', `sg1.k2.${wrapped}`],
    ['an extra part', `${good}.x`],
    ['an unknown version', good.replace(/^sg1\./, 'sg2.')],
    ['an upper-case version', good.replace(/^sg1\./, 'SG1.')],
    ['an empty key id', `sg1..${wrapped}.${ciphertext}`],
    ['an invalid key id', `sg1.k 2.${wrapped}.${ciphertext}`],
    ['padding', `sg1.k2.${wrapped}.${ciphertext}==`],
    ['standard base64 characters', `sg1.k2.${wrapped}.+${ciphertext.slice(1)}`],
    ['a short wrapped key', `sg1.k2.${wrapped.slice(0, -4)}.${ciphertext}`],
    ['a ciphertext shorter than iv and tag', `sg1.k2.${wrapped}.${randomBytes(27).toString('base64url')}`],
    ['surrounding whitespace', ` ${good}`],
  ])('rejects %s as malformed, without echoing it', (_name, envelope) => {
    const error = expectFailure(() => decryptField(both, envelope, ctx), 'malformed');
    expectFailure(() => envelopeKeyId(envelope), 'malformed');
    expectFailure(() => rewrapField(both, envelope, ctx), 'malformed');
    if (envelope.length >= 8) expect(error.message).not.toContain(envelope.trim().slice(0, 8));
    expect(error.message).not.toContain('AKID');
  });

  it('rejects a value that is not a string', () => {
    expectFailure(() => decryptField(both, 42 as unknown as string, ctx), 'malformed');
  });
});

describe('DecryptionError', () => {
  const keyMaterial = [k1, k2, ...[k1, k2].map((k) => Buffer.from(k, 'base64').toString('hex'))];

  it('never carries plaintext or key material', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{16}$/), contexts, (marker, context) => {
        const plaintext = `SECRET-${marker}`;
        const envelope = encryptField(both, plaintext, context);
        const moved = { ...context, field: `${context.field}x` };
        const errors = [
          failure(() => decryptField(both, envelope, moved)),
          failure(() => decryptField(onlyK1, envelope, context)),
          failure(() => decryptField(both, `${envelope}x`, context)),
          failure(() => decryptField(both, plaintext, context)),
        ];
        for (const error of errors) {
          const rendered = `${error.message}\n${error.stack ?? ''}\n${inspect(error)}\n${JSON.stringify(error)}`;
          expect(rendered).not.toContain(marker);
          for (const material of keyMaterial) expect(rendered).not.toContain(material.slice(0, 12));
          expect(error.cause).toBeUndefined();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('names itself and is an Error', () => {
    const error = failure(() => envelopeKeyId('nope'));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DecryptionError');
    expect(error.message).toBe('envelope is malformed: expected sg1.<key id>.<wrapped key>.<ciphertext>');
  });
});
