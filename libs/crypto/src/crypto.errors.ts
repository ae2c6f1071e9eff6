// The two ways this library fails. Both carry a stable code for the caller to branch on, and
// neither message ever contains key material or plaintext: they end up in logs.

export type MasterKeyConfigErrorReason =
  'empty' | 'malformed_entry' | 'bad_id' | 'bad_base64' | 'wrong_length' | 'duplicate_id' | 'duplicate_key';

export class MasterKeyConfigError extends Error {
  override readonly name = 'MasterKeyConfigError';

  constructor(
    readonly reason: MasterKeyConfigErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export type DecryptionErrorReason = 'malformed' | 'unknown_key' | 'auth_failed';

export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';

  constructor(
    readonly reason: DecryptionErrorReason,
    message: string,
  ) {
    super(message);
  }
}
