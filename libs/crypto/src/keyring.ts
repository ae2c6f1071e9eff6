// The master keys from configuration (SEATGATE_MASTER_KEYS), newest first: the newest wraps new
// data keys, every one of them unwraps. Key bytes are held outside the instance, in a module-private
// WeakMap, so no property walk, inspect or serialisation of a Keyring can reach them.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKeyConfigError } from './crypto.errors';
import { decodeBase64 } from './strict-base64';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export const MASTER_KEY_BYTES = 32;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

const keyBytesByKeyring = new WeakMap<Keyring, ReadonlyMap<string, Buffer>>();

export class Keyring {
  readonly primaryId: string;

  /** Parses `id:base64key,id:base64key`, newest first. Whitespace around entries is ignored. */
  static parse(spec: string): Keyring {
    if (typeof spec !== 'string' || spec.trim() === '') {
      throw new MasterKeyConfigError('empty', 'master key list is empty');
    }
    const keys: MasterKey[] = [];
    try {
      spec.split(',').forEach((rawEntry, index) => {
        keys.push(parseEntry(rawEntry.trim(), index + 1));
      });
      return new Keyring(keys);
    } finally {
      // The constructor keeps its own copies.
      for (const { key } of keys) key.fill(0);
    }
  }

  constructor(keys: readonly MasterKey[]) {
    if (!Array.isArray(keys) || keys.length === 0) {
      throw new MasterKeyConfigError('empty', 'master key list is empty');
    }
    const byId = new Map<string, Buffer>();
    const positionById = new Map<string, number>();
    keys.forEach(({ id, key }, index) => {
      const position = index + 1;
      if (typeof id !== 'string' || !KEY_ID_PATTERN.test(id)) {
        throw badId(position);
      }
      if (!Buffer.isBuffer(key) || key.length !== MASTER_KEY_BYTES) {
        const got = Buffer.isBuffer(key) ? `${key.length} bytes` : 'not a Buffer';
        throw new MasterKeyConfigError(
          'wrong_length',
          `entry ${position} ("${id}") is not ${MASTER_KEY_BYTES} bytes (got ${got})`,
        );
      }
      const earlier = positionById.get(id);
      if (earlier !== undefined) {
        throw new MasterKeyConfigError(
          'duplicate_id',
          `duplicate key id "${id}" (entries ${earlier} and ${position})`,
        );
      }
      // A new id over an old key is a rotation that rotates nothing; refuse it rather than let it pass.
      for (const [otherId, otherKey] of byId) {
        if (otherKey.equals(key)) {
          throw new MasterKeyConfigError(
            'duplicate_key',
            `entries ${positionById.get(otherId)} ("${otherId}") and ${position} ("${id}") hold the same key`,
          );
        }
      }
      // Buffer.alloc is never pooled, so this copy shares no memory with the caller's buffer.
      const copy = Buffer.alloc(MASTER_KEY_BYTES);
      key.copy(copy);
      byId.set(id, copy);
      positionById.set(id, position);
    });
    this.primaryId = keys[0].id;
    keyBytesByKeyring.set(this, byId);
    Object.freeze(this);
  }

  has(id: string): boolean {
    return keyBytesOf(this).has(id);
  }

  ids(): string[] {
    return [...keyBytesOf(this).keys()];
  }

  toString(): string {
    return `Keyring(primary "${this.primaryId}"; ids ${this.ids().join(', ')})`;
  }

  toJSON(): { primaryId: string; ids: string[] } {
    return { primaryId: this.primaryId, ids: this.ids() };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Base64 of 32 random bytes: a new master key for SEATGATE_MASTER_KEYS. */
export function generateMasterKey(): string {
  const key = randomBytes(MASTER_KEY_BYTES);
  try {
    return key.toString('base64');
  } finally {
    key.fill(0);
  }
}

/**
 * Internal to this library (not exported from index.ts): the bytes of one master key, or
 * undefined if the keyring does not hold that id.
 */
export function masterKeyBytes(keyring: Keyring, id: string): Buffer | undefined {
  return keyBytesOf(keyring).get(id);
}

function keyBytesOf(keyring: Keyring): ReadonlyMap<string, Buffer> {
  const keys = keyBytesByKeyring.get(keyring);
  if (keys === undefined) {
    throw new TypeError('not a Keyring built by its constructor or Keyring.parse');
  }
  return keys;
}

// Messages name the entry by position and id, never by content: a misplaced colon could put key
// material where the id should be, so an id is echoed only once it is known to be a valid id.
function parseEntry(entry: string, position: number): MasterKey {
  if (entry === '') {
    throw new MasterKeyConfigError('malformed_entry', `entry ${position} is empty (stray comma?)`);
  }
  const colon = entry.indexOf(':');
  if (colon < 0) {
    throw new MasterKeyConfigError(
      'malformed_entry',
      `entry ${position} is not of the form <id>:<base64 key>`,
    );
  }
  const id = entry.slice(0, colon).trim();
  const encoded = entry.slice(colon + 1).trim();
  if (!KEY_ID_PATTERN.test(id)) {
    throw badId(position);
  }
  const key = decodeBase64(encoded);
  if (key === undefined) {
    throw new MasterKeyConfigError('bad_base64', `entry ${position} ("${id}") is not valid base64`);
  }
  if (key.length !== MASTER_KEY_BYTES) {
    const length = key.length;
    key.fill(0);
    throw new MasterKeyConfigError(
      'wrong_length',
      `entry ${position} ("${id}") is not ${MASTER_KEY_BYTES} bytes of base64 (got ${length} bytes)`,
    );
  }
  return { id, key };
}

function badId(position: number): MasterKeyConfigError {
  return new MasterKeyConfigError(
    'bad_id',
    `entry ${position} has an invalid key id (expected 1 to 32 characters from A-Z a-z 0-9 _ -)`,
  );
}
