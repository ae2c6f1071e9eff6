// Master keys (platform admins): which master key wraps each stored envelope, and rotation, which
// re-wraps every long-lived envelope under the primary (newest) key so older keys can be removed.
// Counts and ids only: no envelope or secret ever appears in these responses.
import { z } from 'zod';

/** How many envelopes each master key (by id) wraps; a value that is no envelope counts as `(malformed)`. */
const envelopesByKeyId = z.record(z.string(), z.number().int().min(0));

/** GET /api/admin/master-keys */
export const masterKeyStatusSchema = z.object({
  /** the key new envelopes are written under (the first of SEATGATE_MASTER_KEYS) */
  primaryKeyId: z.string(),
  /** every configured master key id, newest first */
  keyIds: z.array(z.string()),
  envelopes: z.object({
    /** TCCC app credentials: two envelopes per app (SecretId, SecretKey) */
    appCredentials: envelopesByKeyId,
    /** HS256 signing-key secrets (active keys; a revoked key's secret is destroyed) */
    signingKeys: envelopesByKeyId,
    /** one-time login URLs not yet redeemed or expired: gone within 10 minutes, never re-wrapped */
    loginUrls: envelopesByKeyId,
  }),
  /** some app credential or signing-key secret is under another key than the primary: rotate */
  olderKeysInUse: z.boolean(),
});
export type MasterKeyStatus = z.infer<typeof masterKeyStatusSchema>;

export const MASTER_KEY_REWRAP_KINDS = ['app_credentials', 'signing_key'] as const;
export type MasterKeyRewrapKind = (typeof MASTER_KEY_REWRAP_KINDS)[number];

const rewrapCounts = z.object({
  /** rows looked at: apps, or active HS256 signing keys */
  total: z.number().int().min(0),
  /** rows whose envelopes were re-wrapped by this run (the others were under the primary key already) */
  rewrapped: z.number().int().min(0),
});

/** POST /api/admin/master-keys/rotate */
export const masterKeyRotationSchema = z.object({
  primaryKeyId: z.string(),
  appCredentials: rewrapCounts,
  signingKeys: rewrapCounts,
  /** envelopes that could not be decrypted: keep the older keys until these get new secrets */
  failed: z.array(
    z.object({
      kind: z.enum(MASTER_KEY_REWRAP_KINDS),
      /** the app id, or the signing key's id (not its kid) */
      id: z.string(),
      tenantId: z.string(),
      /** why decryption failed: `unknown_key` (not in the keyring), `auth_failed` or `malformed` */
      reason: z.string(),
    }),
  ),
  /** live login URLs under another key than the primary: wait until they expire (≤ 10 minutes) */
  loginUrlsUnderOlderKeys: z.number().int().min(0),
});
export type MasterKeyRotation = z.infer<typeof masterKeyRotationSchema>;
