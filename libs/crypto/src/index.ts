// @seatgate/crypto: envelope encryption of stored credentials, and the pooled CSPRNG draws it makes
// (shared with the single-use secrets of a login, which draw as often), nothing else.
export { Secret } from './secret';
export { Keyring, generateMasterKey } from './keyring';
export type { MasterKey } from './keyring';
export { MasterKeyConfigError, DecryptionError } from './crypto.errors';
export type { MasterKeyConfigErrorReason, DecryptionErrorReason } from './crypto.errors';
export type { EncryptionContext } from './associated-data';
export { encryptField, decryptField, rewrapField, envelopeKeyId } from './envelope';
export { randomBytesPooled } from './random-pool';
