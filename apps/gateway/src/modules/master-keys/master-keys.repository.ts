// Which master key wraps each stored envelope, counted in SQL from the envelope's prefix
// (`sg1.<master key id>.…`, see libs/crypto/src/envelope.ts); nothing is decrypted here.
// It reads across tenants by design: the master keys are the platform's, not a tenant's.
import { Injectable } from '@nestjs/common';
import { Database } from '../../prisma/database';

/** Counted for a stored value that is no envelope; never a key id (they have no parentheses). */
export const MALFORMED_ENVELOPE = '(malformed)';

export interface EnvelopeCounts {
  appCredentials: Record<string, number>;
  signingKeys: Record<string, number>;
  loginUrls: Record<string, number>;
}

type EnvelopeKind = keyof EnvelopeCounts;

@Injectable()
export class MasterKeysRepository {
  constructor(private readonly db: Database) {}

  /** Stored envelopes by kind and master key id; login URLs only while they can still be redeemed. */
  async envelopeCounts(): Promise<EnvelopeCounts> {
    const rows = await this.db.client.$queryRaw<{ kind: EnvelopeKind; keyId: string; count: number }[]>`
      WITH envelopes (kind, envelope) AS (
        SELECT 'appCredentials', secret_id_enc FROM tccc_apps
        UNION ALL SELECT 'appCredentials', secret_key_enc FROM tccc_apps
        UNION ALL SELECT 'signingKeys', secret_enc FROM signing_keys WHERE secret_enc IS NOT NULL
        UNION ALL SELECT 'loginUrls', sdk_url_enc FROM login_tickets
                  WHERE sdk_url_enc IS NOT NULL AND redeemed_at IS NULL AND expires_at > now()
      )
      SELECT kind,
             CASE WHEN envelope ~ '^sg1[.][A-Za-z0-9_-]{1,32}[.]' THEN split_part(envelope, '.', 2)
                  ELSE ${MALFORMED_ENVELOPE} END AS "keyId",
             count(*)::int AS count
      FROM envelopes
      GROUP BY 1, 2
      ORDER BY 1, 2`;
    const counts: EnvelopeCounts = { appCredentials: {}, signingKeys: {}, loginUrls: {} };
    for (const row of rows) counts[row.kind][row.keyId] = row.count;
    return counts;
  }
}
