import { randomBytes } from 'node:crypto';
import { format, inspect } from 'node:util';
import fc from 'fast-check';
import { MasterKeyConfigError } from './crypto.errors';
import type { MasterKeyConfigErrorReason } from './crypto.errors';
import { Keyring, generateMasterKey } from './keyring';

const key2 = generateMasterKey();
const key1 = generateMasterKey();

function parseError(spec: string): MasterKeyConfigError {
  try {
    Keyring.parse(spec);
  } catch (error) {
    if (error instanceof MasterKeyConfigError) return error;
    throw error;
  }
  throw new Error('expected Keyring.parse to throw');
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** 32-byte base64 with the two unused bits of its last character set: Buffer.from() would accept it. */
function nonCanonical(base64Of32Bytes: string): string {
  const last = BASE64_ALPHABET.indexOf(base64Of32Bytes[42]);
  return `${base64Of32Bytes.slice(0, 42)}${BASE64_ALPHABET[last | 1]}=`;
}

/** Every 8-character window of the material, so a partial echo is caught too. */
function expectNoMaterial(text: string, materials: readonly string[]): void {
  for (const material of materials) {
    for (let start = 0; start + 8 <= material.length; start++) {
      expect(text).not.toContain(material.slice(start, start + 8));
    }
  }
}

describe('Keyring.parse', () => {
  it('keeps the order given: the first key is the primary', () => {
    const keyring = Keyring.parse(`k2:${key2},k1:${key1}`);
    expect(keyring.primaryId).toBe('k2');
    expect(keyring.ids()).toEqual(['k2', 'k1']);
    expect(keyring.has('k1')).toBe(true);
    expect(keyring.has('k3')).toBe(false);
  });

  it('tolerates whitespace and newlines around entries and missing padding', () => {
    const keyring = Keyring.parse(` k2 : ${key2} ,\n  k1:${key1.replace(/=+$/, '')}\n`);
    expect(keyring.ids()).toEqual(['k2', 'k1']);
  });

  it('accepts ids at the limits of the pattern', () => {
    const longId = 'A_z-9'.repeat(6) + 'ab';
    expect(longId).toHaveLength(32);
    expect(Keyring.parse(`${longId}:${key2},x:${key1}`).ids()).toEqual([longId, 'x']);
  });

  const short = randomBytes(16).toString('base64');
  const long = randomBytes(33).toString('base64');
  const cases: Array<{ name: string; spec: string; reason: MasterKeyConfigErrorReason; message: string }> = [
    { name: 'an empty value', spec: '', reason: 'empty', message: 'master key list is empty' },
    { name: 'a blank value', spec: '  \n ', reason: 'empty', message: 'master key list is empty' },
    {
      name: 'a stray comma',
      spec: `k2:${key2},`,
      reason: 'malformed_entry',
      message: 'entry 2 is empty (stray comma?)',
    },
    {
      name: 'an entry without an id',
      spec: key2,
      reason: 'malformed_entry',
      message: 'entry 1 is not of the form <id>:<base64 key>',
    },
    {
      name: 'an id with a forbidden character',
      spec: `k2:${key2},k.1:${key1}`,
      reason: 'bad_id',
      message: 'entry 2 has an invalid key id (expected 1 to 32 characters from A-Z a-z 0-9 _ -)',
    },
    {
      name: 'an empty id',
      spec: `:${key2}`,
      reason: 'bad_id',
      message: 'entry 1 has an invalid key id (expected 1 to 32 characters from A-Z a-z 0-9 _ -)',
    },
    {
      name: 'an id longer than 32 characters',
      spec: `${'k'.repeat(33)}:${key2}`,
      reason: 'bad_id',
      message: 'entry 1 has an invalid key id (expected 1 to 32 characters from A-Z a-z 0-9 _ -)',
    },
    {
      name: 'key and id swapped',
      spec: `${key2}:k2`,
      reason: 'bad_id',
      message: 'entry 1 has an invalid key id (expected 1 to 32 characters from A-Z a-z 0-9 _ -)',
    },
    {
      name: 'characters outside base64',
      spec: `k2:${key2},k1:${key1.slice(0, 20)}!${key1.slice(21)}`,
      reason: 'bad_base64',
      message: 'entry 2 ("k1") is not valid base64',
    },
    {
      name: 'base64url instead of base64',
      spec: `k1:${Buffer.from(new Uint8Array(32).fill(0xfb)).toString('base64url')}`,
      reason: 'bad_base64',
      message: 'entry 1 ("k1") is not valid base64',
    },
    {
      name: 'non-canonical trailing bits',
      spec: `k1:${nonCanonical(key1)}`,
      reason: 'bad_base64',
      message: 'entry 1 ("k1") is not valid base64',
    },
    {
      name: 'a 16-byte key',
      spec: `k2:${key2},k1:${short}`,
      reason: 'wrong_length',
      message: 'entry 2 ("k1") is not 32 bytes of base64 (got 16 bytes)',
    },
    {
      name: 'a 33-byte key',
      spec: `k2:${long}`,
      reason: 'wrong_length',
      message: 'entry 1 ("k2") is not 32 bytes of base64 (got 33 bytes)',
    },
    {
      name: 'a duplicate id',
      spec: `k1:${key2},k1:${key1}`,
      reason: 'duplicate_id',
      message: 'duplicate key id "k1" (entries 1 and 2)',
    },
    {
      name: 'the same key under two ids',
      spec: `k2:${key1},k1:${key1}`,
      reason: 'duplicate_key',
      message: 'entries 1 ("k2") and 2 ("k1") hold the same key',
    },
  ];

  it.each(cases)('rejects $name without echoing key material', ({ spec, reason, message }) => {
    const error = parseError(spec);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(message);
    expect(error.name).toBe('MasterKeyConfigError');
    expect(error).toBeInstanceOf(Error);
    expectNoMaterial(error.message, [key2, key1, short, long]);
    expectNoMaterial(inspect(error), [key2, key1, short, long]);
  });

  it('never echoes key material, for any key, in any rejected list', () => {
    const key32 = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((b) => Buffer.from(b).toString('base64'));
    const wrongLength = fc
      .uint8Array({ minLength: 6, maxLength: 64 })
      .filter((b) => b.length !== 32)
      .map((b) => Buffer.from(b).toString('base64'));
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
    // Each bad entry is paired with the key material it carries.
    const badEntry = fc.oneof(
      key32.map((k) => ({ entry: k, material: k })), // id forgotten
      fc.tuple(key32, id).map(([k, i]) => ({ entry: `${k}:${i}`, material: k })), // id and key swapped
      fc.tuple(id, key32).map(([i, k]) => ({ entry: `${i}:${k.slice(0, 10)}!${k.slice(11)}`, material: k })),
      fc.tuple(id, key32).map(([i, k]) => ({ entry: `${i}:${nonCanonical(k)}`, material: k })),
      fc.tuple(id, wrongLength).map(([i, k]) => ({ entry: `${i}:${k}`, material: k })),
    );
    fc.assert(
      fc.property(key32, badEntry, fc.boolean(), (goodKey, { entry, material }, badFirst) => {
        const spec = badFirst ? `${entry},good:${goodKey}` : `good:${goodKey},${entry}`;
        const error = parseError(spec);
        expect(error.reason).not.toBe('empty');
        expectNoMaterial(error.message, [goodKey, material]);
      }),
    );
  });

  it('never echoes key material when the same key appears twice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const key = Buffer.from(bytes).toString('base64');
        const error = parseError(`k1:${key},k2:${key}`);
        expect(error.reason).toBe('duplicate_key');
        expectNoMaterial(error.message, [key, Buffer.from(bytes).toString('hex')]);
      }),
    );
  });
});

describe('new Keyring', () => {
  const bytes = (): Buffer => randomBytes(32);

  it('takes keys newest first', () => {
    const keyring = new Keyring([
      { id: 'b', key: bytes() },
      { id: 'a', key: bytes() },
    ]);
    expect(keyring.primaryId).toBe('b');
    expect(keyring.ids()).toEqual(['b', 'a']);
  });

  it.each([
    { name: 'no keys', keys: [], reason: 'empty' },
    { name: 'a short key', keys: [{ id: 'a', key: randomBytes(31) }], reason: 'wrong_length' },
    { name: 'a bad id', keys: [{ id: 'a b', key: randomBytes(32) }], reason: 'bad_id' },
    {
      name: 'a duplicate id',
      keys: [
        { id: 'a', key: randomBytes(32) },
        { id: 'a', key: randomBytes(32) },
      ],
      reason: 'duplicate_id',
    },
  ])('rejects $name', ({ keys, reason }) => {
    expect(() => new Keyring(keys)).toThrow(
      expect.objectContaining({ name: 'MasterKeyConfigError', reason }),
    );
  });

  it('rejects a key that is not a Buffer', () => {
    expect(() => new Keyring([{ id: 'a', key: 'x'.repeat(32) as unknown as Buffer }])).toThrow(
      MasterKeyConfigError,
    );
  });
});

describe('Keyring never shows its key bytes', () => {
  it('through toString, toJSON, inspect, format or its own properties', () => {
    const keyring = Keyring.parse(`k2:${key2},k1:${key1}`);
    const materials = [key2, key1, ...[key2, key1].map((k) => Buffer.from(k, 'base64').toString('hex'))];
    const renderings = [
      String(keyring),
      `${keyring}`,
      JSON.stringify(keyring),
      JSON.stringify({ config: { keyring } }),
      inspect(keyring),
      inspect(keyring, { showHidden: true, depth: Infinity }),
      inspect(keyring, { customInspect: false, showHidden: true, depth: Infinity }),
      format('%s %o %O %j', keyring, keyring, keyring, keyring),
      JSON.stringify(Reflect.ownKeys(keyring).map(String)),
    ];
    for (const rendering of renderings) {
      expectNoMaterial(rendering, materials);
    }
    expect(String(keyring)).toBe('Keyring(primary "k2"; ids k2, k1)');
    expect(JSON.parse(JSON.stringify(keyring))).toEqual({ primaryId: 'k2', ids: ['k2', 'k1'] });
    expect(Reflect.ownKeys(keyring)).toEqual(['primaryId']);
  });
});

describe('generateMasterKey', () => {
  it('returns base64 of 32 random bytes that Keyring.parse accepts', () => {
    const a = generateMasterKey();
    const b = generateMasterKey();
    expect(a).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(Keyring.parse(`new:${a},old:${b}`).ids()).toEqual(['new', 'old']);
  });
});
