// Encrypting, masking and decrypting an app's Tencent Cloud credentials. The envelopes are bound
// to (tenant, app, field): copied anywhere else they do not decrypt.
import { decryptField, encryptField, Keyring, Secret } from '@seatgate/crypto';
import type { Credentials } from '@seatgate/contracts';
import type { EncryptedCredentials } from './apps.repository';

export interface AppSecrets {
  secretId: Secret;
  secretKey: Secret;
}

/** Every Tencent Cloud SecretId starts with it: showing it tells nobody anything. */
const PUBLIC_PREFIX = 'AKID';

/**
 * `AKIDabcd…wxyz` → `AKID****wxyz`: enough to recognise a key, not to use it. At most the last 4
 * characters are shown, and never more than a third of what follows the public prefix, so a short
 * id is never shown whole (`AKID9876` → `AKID****6`).
 */
export function maskSecretId(secretId: string): string {
  const prefix = secretId.startsWith(PUBLIC_PREFIX) ? PUBLIC_PREFIX : '';
  const body = secretId.slice(prefix.length);
  const shown = Math.min(4, Math.floor(body.length / 3));
  return `${prefix}****${shown > 0 ? body.slice(-shown) : ''}`;
}

export function encryptCredentials(
  keyring: Keyring,
  tenantId: string,
  appId: string,
  input: Credentials,
): EncryptedCredentials {
  return {
    secretIdEnc: encryptField(keyring, input.secretId, { tenantId, recordId: appId, field: 'secretId' }),
    secretKeyEnc: encryptField(keyring, input.secretKey, { tenantId, recordId: appId, field: 'secretKey' }),
    secretIdMasked: maskSecretId(input.secretId),
    credentialsUpdatedAt: new Date(),
  };
}

export function decryptCredentials(
  keyring: Keyring,
  app: { id: string; tenantId: string; secretIdEnc: string; secretKeyEnc: string },
): AppSecrets {
  return {
    secretId: decryptField(keyring, app.secretIdEnc, {
      tenantId: app.tenantId,
      recordId: app.id,
      field: 'secretId',
    }),
    secretKey: decryptField(keyring, app.secretKeyEnc, {
      tenantId: app.tenantId,
      recordId: app.id,
      field: 'secretKey',
    }),
  };
}
