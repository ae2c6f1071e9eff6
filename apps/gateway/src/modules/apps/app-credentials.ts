// Encrypting, masking and decrypting an app's Tencent Cloud credentials. The envelopes are bound
// to (tenant, app, field): copied anywhere else they do not decrypt.
import { decryptField, encryptField, Keyring, Secret } from '@seatgate/crypto';
import type { Credentials } from '@seatgate/contracts';
import type { EncryptedCredentials } from './apps.repository';

export interface AppSecrets {
  secretId: Secret;
  secretKey: Secret;
}

/** `AKIDabcd…wxyz` → `AKID****wxyz`: enough to recognise a key, not to use it. */
export function maskSecretId(secretId: string): string {
  return `${secretId.slice(0, 4)}****${secretId.slice(-4)}`;
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
