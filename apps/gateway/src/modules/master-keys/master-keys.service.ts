// Master keys: which one wraps each stored envelope, and rotation, the one way to re-wrap every
// long-lived envelope (TCCC app credentials, HS256 signing-key secrets) under the primary key so
// that older keys can be removed from SEATGATE_MASTER_KEYS. One-time login URLs are not re-wrapped:
// each is erased within 10 minutes (redeemed or expired), so the operator waits for them instead.
import { Injectable } from '@nestjs/common';
import type { MasterKeyRewrapKind, MasterKeyRotation, MasterKeyStatus } from '@seatgate/contracts';
import { DecryptionError, envelopeKeyId } from '@seatgate/crypto';
import type { RequestContext, RequestMeta } from '../../common/context/request-context';
import { assertPlatformAdmin } from '../../common/context/tenant-access';
import { AppConfig } from '../../config/app-config';
import { AppsRepository, type CredentialEnvelopes } from '../apps/apps.repository';
import { rewrapCredentials } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import type { AuditActor } from '../audit/audit.types';
import { KeysRepository, type HmacSecretEnvelope } from '../keys/keys.repository';
import { rewrapHmacSecret } from '../keys/keys.service';
import { auditActor } from '../tenants/tenants.service';
import { MasterKeysRepository } from './master-keys.repository';

/** The operator CLI: it holds the master keys already, so it needs no admin account. */
export interface SystemCaller extends RequestMeta {
  actor: AuditActor & { type: 'system' };
}

/** Platform admins over HTTP, or the operator CLI. */
export type MasterKeysCaller = RequestContext | SystemCaller;

const isSystem = (caller: MasterKeysCaller): caller is SystemCaller => caller.actor.type === 'system';

function assertMayManageMasterKeys(caller: MasterKeysCaller): void {
  if (!isSystem(caller)) assertPlatformAdmin(caller);
}

const BATCH_SIZE = 200;

type Failure = MasterKeyRotation['failed'][number];

/** One kind of row whose envelopes rotation re-wraps; each row is replaced on its own. */
interface EnvelopeRows<Row extends { id: string; tenantId: string }, Next> {
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

@Injectable()
export class MasterKeysService {
  constructor(
    private readonly masterKeys: MasterKeysRepository,
    private readonly apps: AppsRepository,
    private readonly keys: KeysRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async status(caller: MasterKeysCaller): Promise<MasterKeyStatus> {
    assertMayManageMasterKeys(caller);
    const keyring = this.config.keyring;
    const envelopes = await this.masterKeys.envelopeCounts();
    const underOlderKeys = (counts: Record<string, number>) =>
      Object.keys(counts).some((keyId) => keyId !== keyring.primaryId);
    return {
      primaryKeyId: keyring.primaryId,
      keyIds: keyring.ids(),
      envelopes,
      olderKeysInUse: underOlderKeys(envelopes.appCredentials) || underOlderKeys(envelopes.signingKeys),
    };
  }

  /**
   * Re-wraps every app credential and HS256 secret under the primary key, online: each row is
   * updated on its own, and only if its envelopes did not change meanwhile (then it is read again
   * and retried). Envelopes that cannot be decrypted are reported, not fatal. Audited, counts only.
   */
  async rotate(caller: MasterKeysCaller): Promise<MasterKeyRotation> {
    assertMayManageMasterKeys(caller);
    const keyring = this.config.keyring;
    const failed: Failure[] = [];
    const appCredentials = await this.rewrapEach<
      CredentialEnvelopes,
      Pick<CredentialEnvelopes, 'secretIdEnc' | 'secretKeyEnc'>
    >(
      {
        kind: 'app_credentials',
        batch: (afterId, take) => this.apps.allCredentialsBatch(afterId, take),
        reread: (id) => this.apps.findEnvelopes(id),
        envelopes: (app) => [app.secretIdEnc, app.secretKeyEnc],
        rewrap: (app) => rewrapCredentials(keyring, app),
        replace: (app, next) => this.apps.replaceEnvelopes(app, next),
      },
      failed,
    );
    const signingKeys = await this.rewrapEach<HmacSecretEnvelope, string>(
      {
        kind: 'signing_key',
        batch: (afterId, take) => this.keys.hmacSecretsBatch(afterId, take),
        reread: (id) => this.keys.findHmacSecret(id),
        envelopes: (key) => [key.secretEnc],
        rewrap: (key) => rewrapHmacSecret(keyring, key),
        replace: (key, next) => this.keys.replaceHmacSecret(key, next),
      },
      failed,
    );
    const { loginUrls } = await this.masterKeys.envelopeCounts();
    const loginUrlsUnderOlderKeys = Object.entries(loginUrls)
      .filter(([keyId]) => keyId !== keyring.primaryId)
      .reduce((sum, [, count]) => sum + count, 0);
    const report: MasterKeyRotation = {
      primaryKeyId: keyring.primaryId,
      appCredentials,
      signingKeys,
      failed,
      loginUrlsUnderOlderKeys,
    };
    await this.audit.record({
      tenantId: null,
      actor: isSystem(caller) ? caller.actor : auditActor(caller),
      action: 'platform.master_key.rotated',
      meta: caller,
      outcome: failed.length === 0 ? 'success' : 'failure',
      details: {
        primaryKeyId: keyring.primaryId,
        appCredentials,
        signingKeys,
        failed: {
          appCredentials: failed.filter((failure) => failure.kind === 'app_credentials').length,
          signingKeys: failed.filter((failure) => failure.kind === 'signing_key').length,
        },
        loginUrlsUnderOlderKeys,
      },
    });
    return report;
  }

  private async rewrapEach<Row extends { id: string; tenantId: string }, Next>(
    rows: EnvelopeRows<Row, Next>,
    failed: Failure[],
  ): Promise<{ total: number; rewrapped: number }> {
    let total = 0;
    let rewrapped = 0;
    let afterId: string | null = null;
    for (;;) {
      const batch = await rows.batch(afterId, BATCH_SIZE);
      for (const row of batch) {
        total += 1;
        if (await this.rewrapRow(rows, row, failed)) rewrapped += 1;
      }
      if (batch.length < BATCH_SIZE) break;
      afterId = batch[batch.length - 1]!.id;
    }
    return { total, rewrapped };
  }

  /** True when this call re-wrapped the row (false: nothing to do, changed meanwhile, or failed). */
  private async rewrapRow<Row extends { id: string; tenantId: string }, Next>(
    rows: EnvelopeRows<Row, Next>,
    row: Row,
    failed: Failure[],
  ): Promise<boolean> {
    let current: Row | null = row;
    while (current) {
      const snapshot: Row = current;
      if (rows.envelopes(snapshot).every((envelope) => this.underPrimaryKey(envelope))) return false;
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

  private underPrimaryKey(envelope: string): boolean {
    try {
      return envelopeKeyId(envelope) === this.config.keyring.primaryId;
    } catch (error) {
      // malformed: left to rewrap, which reports it
      if (error instanceof DecryptionError) return false;
      throw error;
    }
  }
}
