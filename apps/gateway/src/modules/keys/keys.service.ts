// A tenant's signing keys, managed by its admins. An HMAC secret is generated here, shown once in
// the creation response and otherwise kept only as an envelope bound to (tenant, key, field);
// public keys are stored normalised, JWKS documents as the copy last fetched.
import { Injectable } from '@nestjs/common';
import type {
  Page,
  SigningKeyCreate,
  SigningKeyCreated,
  SigningKeyListQuery,
  SigningKeyView,
} from '@seatgate/contracts';
import { encryptField, rewrapField, type Keyring } from '@seatgate/crypto';
import { randomUUID } from 'node:crypto';
import { adminEvent } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { rewrapAll, type RewrapOutcome } from '../../common/envelopes/envelope-rewrap';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { TenantsService } from '../tenants/tenants.service';
import { JwksFetcher } from './jwks.fetcher';
import {
  cachedKids,
  generateHmacSecret,
  generateKid,
  HMAC_SECRET_FIELD,
  parsePublicKeyPem,
  pemFingerprint,
} from './key-material';
import { keyErrors } from './keys.errors';
import {
  KeysRepository,
  type HmacSecretEnvelope,
  type SigningKey,
  type SigningKeyCreateData,
} from './keys.repository';

export function toSigningKeyView(key: SigningKey): SigningKeyView {
  return {
    kid: key.kid,
    tenantId: key.tenantId,
    type: key.type,
    label: key.label,
    fingerprint: key.publicKeyPem ? pemFingerprint(key.publicKeyPem) : null,
    jwksUrl: key.jwksUrl,
    jwksKids: key.type === 'jwks' ? cachedKids(key.jwksCache) : [],
    jwksFetchedAt: key.jwksFetchedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/**
 * The HS256 secret's envelope with its data key re-wrapped under the keyring's primary master key
 * (for master-key rotation, in modules/master-keys). Authenticated first; throws DecryptionError
 * when it cannot be decrypted.
 */
function rewrapHmacSecret(keyring: Keyring, key: HmacSecretEnvelope): string {
  return rewrapField(keyring, key.secretEnc, {
    tenantId: key.tenantId,
    recordId: key.id,
    field: HMAC_SECRET_FIELD,
  });
}

@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly tenants: TenantsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly jwks: JwksFetcher,
  ) {}

  async list(
    ctx: RequestContext,
    tenantId: string,
    query: SigningKeyListQuery,
  ): Promise<Page<SigningKeyView>> {
    await this.tenants.require(ctx, tenantId, 'read');
    const [items, total] = await this.keys.list(tenantId, (query.page - 1) * query.pageSize, query.pageSize);
    return { items: items.map(toSigningKeyView), total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: RequestContext, tenantId: string, kid: string): Promise<SigningKeyView> {
    await this.tenants.require(ctx, tenantId, 'read');
    const key = await this.keys.find(tenantId, kid);
    if (!key) throw keyErrors.notFound();
    return toSigningKeyView(key);
  }

  async create(ctx: RequestContext, tenantId: string, input: SigningKeyCreate): Promise<SigningKeyCreated> {
    await this.tenants.require(ctx, tenantId, 'write');
    const id = randomUUID();
    const data: SigningKeyCreateData = {
      id,
      tenantId,
      kid: generateKid(),
      type: input.type,
      label: input.label ?? null,
    };
    const details: Record<string, unknown> = { kid: data.kid, type: input.type, label: data.label };
    let secret: string | undefined;
    switch (input.type) {
      case 'hs256':
        secret = generateHmacSecret();
        data.secretEnc = encryptField(this.config.keyring, secret, {
          tenantId,
          recordId: id,
          field: HMAC_SECRET_FIELD,
        });
        details.secret = 'changed';
        break;
      case 'rs256':
      case 'es256': {
        const parsed = parsePublicKeyPem(input.type, input.publicKeyPem);
        data.publicKeyPem = parsed.publicKeyPem;
        details.fingerprint = parsed.fingerprint;
        break;
      }
      case 'jwks': {
        const keys = await this.jwks.fetch(input.jwksUrl);
        await this.refuseKidsOfOtherTenants(
          tenantId,
          keys.map((jwk) => jwk.kid),
        );
        data.jwksUrl = input.jwksUrl;
        data.jwksCache = { keys };
        data.jwksFetchedAt = new Date();
        details.jwksUrl = input.jwksUrl;
        details.jwksKids = keys.map((jwk) => jwk.kid);
        break;
      }
    }
    const key = await this.uow.run(async () => {
      await this.tenants.require(ctx, tenantId, 'write');
      const created = await this.keys.create(data);
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'key.created',
          target: { type: 'signing_key', id },
          details,
        }),
      );
      return created;
    });
    const view: SigningKeyCreated = toSigningKeyView(key);
    if (secret !== undefined) view.secret = secret;
    return view;
  }

  async revoke(ctx: RequestContext, tenantId: string, kid: string): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    await this.uow.run(async () => {
      const key = await this.keys.find(tenantId, kid);
      if (!key) throw keyErrors.notFound();
      // revoking twice changes nothing and is not recorded twice
      if (!(await this.keys.revoke(tenantId, kid, new Date()))) return;
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'key.revoked',
          target: { type: 'signing_key', id: key.id },
          details: {
            kid,
            type: key.type,
            label: key.label,
            ...(key.type === 'hs256' ? { secretDestroyed: true } : {}),
          },
        }),
      );
    });
  }

  /**
   * Master-key rotation's pass over every tenant's HS256 secrets (a platform operation: the
   * caller, modules/master-keys, has checked that its caller may run it).
   */
  rewrapAllSecrets(): Promise<RewrapOutcome> {
    const keyring = this.config.keyring;
    return rewrapAll<HmacSecretEnvelope, string>(
      {
        kind: 'signing_key',
        batch: (afterId, take) => this.keys.hmacSecretsBatch(afterId, take),
        reread: (id) => this.keys.findHmacSecret(id),
        envelopes: (key) => [key.secretEnc],
        rewrap: (key) => rewrapHmacSecret(keyring, key),
        replace: (key, next) => this.keys.replaceHmacSecret(key, next),
      },
      keyring.primaryId,
    );
  }

  /**
   * A JWKS kid must name one tenant: if another tenant's JWKS already publishes it, tokens could
   * not tell the two apart (verification refuses such tokens too, should a clash appear later).
   */
  private async refuseKidsOfOtherTenants(tenantId: string, kids: string[]): Promise<void> {
    const clashes = await this.keys.jwksPublishingElsewhere(tenantId, kids);
    if (clashes.length === 0) return;
    const taken = kids.filter((kid) => clashes.some((key) => cachedKids(key.jwksCache).includes(kid)));
    throw keyErrors.kidsOfOtherTenant(taken);
  }
}
