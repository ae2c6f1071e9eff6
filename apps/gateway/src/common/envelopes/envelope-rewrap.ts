// Re-wrapping stored envelopes under the primary master key, online and row by row: the loop that
// master-key rotation runs over each kind of envelope (app credentials, HS256 secrets). The module
// that owns each table supplies the rows (AppsService.rewrapAllCredentials,
// KeysService.rewrapAllSecrets); modules/master-keys only adds the results up.
import type { MasterKeyRewrapKind, MasterKeyRotation } from '@seatgate/contracts';
import { DecryptionError, envelopeKeyId } from '@seatgate/crypto';

const BATCH_SIZE = 200;

export type RewrapFailure = MasterKeyRotation['failed'][number];

export interface RewrapOutcome {
  total: number;
  rewrapped: number;
  failed: RewrapFailure[];
}

/** One kind of row whose envelopes rotation re-wraps; each row is replaced on its own. */
export interface EnvelopeRows<Row extends { id: string; tenantId: string }, Next> {
  kind: MasterKeyRewrapKind;
  /** rows after `afterId` in id order */
  batch(afterId: string | null, take: number): Promise<Row[]>;
  /** the row as it is now; null once it holds no envelope any more (deleted, revoked) */
  reread(id: string): Promise<Row | null>;
  envelopes(row: Row): string[];
  /** throws DecryptionError when an envelope cannot be decrypted */
  rewrap(row: Row): Next;
  /** false when the row changed since it was read */
  replace(row: Row, next: Next): Promise<boolean>;
}

/**
 * Re-wraps every row not yet wholly under `primaryKeyId`. A row is replaced only if its envelopes
 * did not change meanwhile (then it is read again and retried). Envelopes that cannot be decrypted
 * are reported, not fatal.
 */
export async function rewrapAll<Row extends { id: string; tenantId: string }, Next>(
  rows: EnvelopeRows<Row, Next>,
  primaryKeyId: string,
): Promise<RewrapOutcome> {
  const outcome: RewrapOutcome = { total: 0, rewrapped: 0, failed: [] };
  let afterId: string | null = null;
  for (;;) {
    const batch = await rows.batch(afterId, BATCH_SIZE);
    for (const row of batch) {
      outcome.total += 1;
      if (await rewrapRow(rows, row, primaryKeyId, outcome.failed)) outcome.rewrapped += 1;
    }
    if (batch.length < BATCH_SIZE) break;
    afterId = batch[batch.length - 1]!.id;
  }
  return outcome;
}

/** True when this call re-wrapped the row (false: nothing to do, changed meanwhile, or failed). */
async function rewrapRow<Row extends { id: string; tenantId: string }, Next>(
  rows: EnvelopeRows<Row, Next>,
  row: Row,
  primaryKeyId: string,
  failed: RewrapFailure[],
): Promise<boolean> {
  let current: Row | null = row;
  while (current) {
    const snapshot: Row = current;
    if (rows.envelopes(snapshot).every((envelope) => underKey(envelope, primaryKeyId))) return false;
    let next: Next;
    try {
      next = rows.rewrap(snapshot);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      failed.push({ kind: rows.kind, id: snapshot.id, tenantId: snapshot.tenantId, reason: error.reason });
      return false;
    }
    if (await rows.replace(snapshot, next)) return true;
    // new credentials, revoked, or another rotation meanwhile: look again (it may be done already)
    current = await rows.reread(snapshot.id);
  }
  return false;
}

function underKey(envelope: string, keyId: string): boolean {
  try {
    return envelopeKeyId(envelope) === keyId;
  } catch (error) {
    // malformed: left to rewrap, which reports it
    if (error instanceof DecryptionError) return false;
    throw error;
  }
}
