// Envelope encryption of one field value. Format, version 1:
//
//   sg1.<master key id>.<wrapped data key>.<field ciphertext>
//
// both last parts unpadded base64url: the wrapped data key is iv(12) | AES-256-GCM(master key,
// data key)(32) | tag(16); the field ciphertext is iv(12) | AES-256-GCM(data key, UTF-8 plaintext) |
// tag(16). Each encryption draws a fresh 32-byte data key and fresh 12-byte IVs. See
// associated-data.ts for what each part is bound to.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import {
  dataKeyAssociatedData,
  fieldAssociatedData,
  assertValidContext,
  isWellFormedText,
} from './associated-data';
import type { EncryptionContext } from './associated-data';
import { DecryptionError } from './crypto.errors';
import { KEY_ID_PATTERN, masterKeyBytes } from './keyring';
import type { Keyring } from './keyring';
import { randomBytesPooled } from './random-pool';
import { Secret } from './secret';
import { decodeBase64Url, encodeBase64Url } from './strict-base64';

const VERSION = 'sg1';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const WRAPPED_KEY_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;

interface ParsedEnvelope {
  keyId: string;
  wrappedKey: Buffer;
  ciphertext: Buffer;
  ciphertextText: string;
}

export function encryptField(keyring: Keyring, plaintext: string | Secret, ctx: EncryptionContext): string {
  assertValidContext(ctx);
  const text = plaintext instanceof Secret ? plaintext.reveal() : plaintext;
  if (typeof text !== 'string') {
    throw new TypeError('plaintext must be a string or a Secret');
  }
  if (!isWellFormedText(text)) {
    // It would not survive UTF-8: decryption would return a different string.
    throw new TypeError('plaintext contains an unpaired surrogate and cannot be encrypted faithfully');
  }
  const keyId = keyring.primaryId;
  // the data key and both IVs in one draw from the CSPRNG's pool (random-pool.ts)
  const random = randomBytesPooled(DATA_KEY_BYTES + 2 * IV_BYTES);
  const dataKey = random.subarray(0, DATA_KEY_BYTES);
  const plainBytes = Buffer.from(text, 'utf8');
  try {
    const ciphertext = seal(
      dataKey,
      plainBytes,
      fieldAssociatedData(ctx),
      random.subarray(DATA_KEY_BYTES, DATA_KEY_BYTES + IV_BYTES),
    );
    const wrappedKey = seal(
      primaryKeyBytes(keyring),
      dataKey,
      dataKeyAssociatedData(keyId, ctx),
      random.subarray(DATA_KEY_BYTES + IV_BYTES),
    );
    return formatEnvelope(keyId, wrappedKey, encodeBase64Url(ciphertext));
  } finally {
    random.fill(0);
    plainBytes.fill(0);
  }
}

export function decryptField(keyring: Keyring, envelope: string, ctx: EncryptionContext): Secret {
  assertValidContext(ctx);
  const parsed = parseEnvelope(envelope);
  const dataKey = unwrapDataKey(keyring, parsed, ctx);
  try {
    const plainBytes = openField(dataKey, parsed, ctx);
    try {
      return new Secret(plainBytes.toString('utf8'));
    } finally {
      plainBytes.fill(0);
    }
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Re-wraps the data key under the keyring's primary master key; the field ciphertext is kept byte
 * for byte. The whole envelope is authenticated first, so a tampered or misplaced envelope is never
 * given a fresh wrapping, even when it is already under the primary key and returned unchanged.
 */
export function rewrapField(keyring: Keyring, envelope: string, ctx: EncryptionContext): string {
  assertValidContext(ctx);
  const parsed = parseEnvelope(envelope);
  const dataKey = unwrapDataKey(keyring, parsed, ctx);
  try {
    openField(dataKey, parsed, ctx).fill(0);
    if (parsed.keyId === keyring.primaryId) {
      return envelope;
    }
    const primaryId = keyring.primaryId;
    const wrappedKey = seal(primaryKeyBytes(keyring), dataKey, dataKeyAssociatedData(primaryId, ctx));
    return formatEnvelope(primaryId, wrappedKey, parsed.ciphertextText);
  } finally {
    dataKey.fill(0);
  }
}

/** The id of the master key that wraps this envelope's data key. */
export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope).keyId;
}

function formatEnvelope(keyId: string, wrappedKey: Buffer, ciphertextText: string): string {
  return `${VERSION}.${keyId}.${encodeBase64Url(wrappedKey)}.${ciphertextText}`;
}

// Strict on purpose: every part must be canonical, so that each envelope has exactly one spelling
// and any change to the string is either rejected here or caught by authentication. Messages never
// echo the input, which might be a plaintext secret stored before encryption was introduced.
function parseEnvelope(envelope: unknown): ParsedEnvelope {
  if (typeof envelope !== 'string') {
    throw malformed('not a string');
  }
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw malformed(`expected ${VERSION}.<key id>.<wrapped key>.<ciphertext>`);
  }
  const [, keyId, wrappedText, ciphertextText] = parts;
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw malformed('invalid key id');
  }
  const wrappedKey = decodeBase64Url(wrappedText);
  if (wrappedKey === undefined || wrappedKey.length !== WRAPPED_KEY_BYTES) {
    throw malformed(`wrapped key is not ${WRAPPED_KEY_BYTES} bytes of base64url`);
  }
  const ciphertext = decodeBase64Url(ciphertextText);
  if (ciphertext === undefined || ciphertext.length < IV_BYTES + TAG_BYTES) {
    throw malformed(`ciphertext is not base64url of at least ${IV_BYTES + TAG_BYTES} bytes`);
  }
  return { keyId, wrappedKey, ciphertext, ciphertextText };
}

function unwrapDataKey(keyring: Keyring, parsed: ParsedEnvelope, ctx: EncryptionContext): Buffer {
  const masterKey = masterKeyBytes(keyring, parsed.keyId);
  if (masterKey === undefined) {
    throw new DecryptionError(
      'unknown_key',
      `envelope is wrapped by master key "${parsed.keyId}", which is not in the keyring`,
    );
  }
  const dataKey = open(masterKey, parsed.wrappedKey, dataKeyAssociatedData(parsed.keyId, ctx));
  if (dataKey === undefined) {
    throw authFailed();
  }
  return dataKey;
}

function openField(dataKey: Buffer, parsed: ParsedEnvelope, ctx: EncryptionContext): Buffer {
  const plainBytes = open(dataKey, parsed.ciphertext, fieldAssociatedData(ctx));
  if (plainBytes === undefined) {
    throw authFailed();
  }
  return plainBytes;
}

function primaryKeyBytes(keyring: Keyring): Buffer {
  const key = masterKeyBytes(keyring, keyring.primaryId);
  if (key === undefined) {
    throw new TypeError('keyring has no bytes for its primary key');
  }
  return key;
}

/** iv | ciphertext | tag; a fresh random IV unless the caller drew one */
function seal(
  key: Buffer,
  plaintext: Buffer,
  associatedData: Buffer,
  iv = randomBytesPooled(IV_BYTES),
): Buffer {
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** The plaintext of iv | ciphertext | tag, or undefined if it does not authenticate. */
function open(key: Buffer, sealed: Buffer, associatedData: Buffer): Buffer | undefined {
  const iv = sealed.subarray(0, IV_BYTES);
  const body = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData);
  decipher.setAuthTag(tag);
  const head = decipher.update(body);
  try {
    return Buffer.concat([head, decipher.final()]);
  } catch {
    return undefined;
  } finally {
    head.fill(0);
  }
}

function malformed(detail: string): DecryptionError {
  return new DecryptionError('malformed', `envelope is malformed: ${detail}`);
}

function authFailed(): DecryptionError {
  return new DecryptionError(
    'auth_failed',
    'envelope failed authentication: wrong tenant, record or field, wrong key, or tampered',
  );
}
