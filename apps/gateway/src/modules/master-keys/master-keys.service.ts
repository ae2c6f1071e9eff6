// Master keys: which one wraps each stored envelope, and rotation, the one way to re-wrap every
// long-lived envelope (TCCC app credentials, HS256 signing-key secrets) under the primary key so
// that older keys can be removed from SEATGATE_MASTER_KEYS. One-time login URLs are not re-wrapped:
// each is erased within 10 minutes (redeemed or expired), so the operator waits for them instead.
import { Injectable } from '@nestjs/common';
import type { MasterKeyRotation, MasterKeyStatus } from '@seatgate/contracts';
import { auditActor } from '../../common/context/audit-actor';
import type { RequestContext, RequestMeta } from '../../common/context/request-context';
import { assertPlatformAdmin } from '../../common/context/tenant-access';
import { AppConfig } from '../../config/app-config';
import { AppsService } from '../apps/apps.service';
import { AuditService } from '../audit/audit.service';
import type { AuditActor } from '../audit/audit.types';
import { KeysService } from '../keys/keys.service';
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

@Injectable()
export class MasterKeysService {
  constructor(
    private readonly masterKeys: MasterKeysRepository,
    private readonly apps: AppsService,
    private readonly keys: KeysService,
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
    const credentialsPass = await this.apps.rewrapAllCredentials();
    const secretsPass = await this.keys.rewrapAllSecrets();
    const appCredentials = { total: credentialsPass.total, rewrapped: credentialsPass.rewrapped };
    const signingKeys = { total: secretsPass.total, rewrapped: secretsPass.rewrapped };
    const failed = [...credentialsPass.failed, ...secretsPass.failed];
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
}
