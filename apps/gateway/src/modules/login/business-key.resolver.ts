// Finds the key a business token names, and so its tenant, and the one algorithm that key may
// verify. A usable key is kept per process with its tenant (modules/cache: any change to the key
// or the tenant drops it in every process); refusals are not kept, so a flood of unknown kids costs
// reads, never memory. JWKS documents are kept in the database as the copy last fetched, and
// refreshed when a token names a kid nobody publishes (each JWKS at most once per 30 s across all
// processes).
// A kid belongs to the key that registered it first: a refreshed JWKS that publishes a kid another
// tenant's JWKS already owns is stored without it, and the clash is audited in its own tenant's trail.
import { Injectable, Logger } from '@nestjs/common';
import type { TenantSettings } from '@seatgate/contracts';
import { decryptField } from '@seatgate/crypto';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Algorithm } from 'jsonwebtoken';
import { SYSTEM_META } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { AppConfig } from '../../config/app-config';
import type { SigningKeyType, Tenant } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import type { BoundedCache } from '../cache/bounded-cache';
import { CacheInvalidation } from '../cache/cache-invalidation.service';
import { JwksFetcher } from '../keys/jwks.fetcher';
import {
  cachedKids,
  HMAC_SECRET_FIELD,
  hmacKey,
  STORED_KEY_ALGORITHM,
  usableJwk,
  type PublishedJwk,
} from '../keys/key-material';
import { SigningKeyLookup, type SigningKeyWithTenant } from '../keys/signing-key-lookup';
import { tenantSettings } from '../tenants/tenant-settings';
import { denial, NO_SUBJECT as NO_KID, type BusinessAuthSubject } from './business-auth.errors';

export const JWKS_REFRESH_INTERVAL_MS = 30_000;
/** JWKS documents refreshed at most per unknown kid, oldest first. */
const MAX_REFRESHES_PER_ROUND = 20;

export interface ResolvedBusinessKey {
  keyId: string;
  kid: string;
  tenant: Tenant;
  /** the tenant's settings, parsed once with the key */
  settings: TenantSettings;
  algorithm: Algorithm;
  key: KeyObject;
}

function requireAlgorithm(alg: string, allowed: Algorithm, subject: BusinessAuthSubject): void {
  if (alg !== allowed)
    throw denial('algorithm_not_allowed', `this key verifies ${allowed} tokens only, not ${alg}`, subject);
}

const subjectOf = (kid: string, row: { tenantId: string; id: string }): BusinessAuthSubject => ({
  kid,
  tenantId: row.tenantId,
  keyId: row.id,
  businessUserId: null,
});

@Injectable()
export class BusinessKeyResolver {
  private readonly logger = new Logger('BusinessKeys');
  private refreshing: Promise<boolean> | null = null;
  /** kid → the key it resolved to, with its tenant (usable keys only) */
  private readonly resolved: BoundedCache<string, ResolvedBusinessKey>;

  constructor(
    private readonly keys: SigningKeyLookup,
    private readonly config: AppConfig,
    private readonly fetcher: JwksFetcher,
    private readonly audit: AuditService,
    invalidation: CacheInvalidation,
  ) {
    this.resolved = invalidation.create('business-keys');
  }

  /**
   * The key a token's header names (kid) for the algorithm it claims (alg), with its tenant. A
   * refusal carries what was learned before it (the key's tenant, for the audit of the refusal).
   */
  async resolve(kid: string, alg: string): Promise<ResolvedBusinessKey> {
    const cached = this.resolved.get(kid);
    if (cached) {
      requireAlgorithm(
        alg,
        cached.algorithm,
        subjectOf(kid, { tenantId: cached.tenant.id, id: cached.keyId }),
      );
      return cached;
    }
    const generation = this.resolved.generation;
    const stored = await this.keys.findByKid(kid);
    const resolved =
      stored && stored.type !== 'jwks'
        ? this.fromStoredKey(stored, stored.type, alg)
        : await this.fromJwks(kid, alg);
    this.resolved.set(kid, resolved, resolved.tenant.id, generation);
    return resolved;
  }

  private fromStoredKey(
    row: SigningKeyWithTenant,
    type: Exclude<SigningKeyType, 'jwks'>,
    alg: string,
  ): ResolvedBusinessKey {
    const subject = subjectOf(row.kid, row);
    if (row.revokedAt)
      throw denial('key_revoked', 'the key that signed this token has been revoked', subject);
    const algorithm = STORED_KEY_ALGORITHM[type];
    requireAlgorithm(alg, algorithm, subject);
    let key: KeyObject;
    if (type === 'hs256') {
      if (!row.secretEnc) throw new Error(`signing key ${row.id} has no secret`);
      const secret = decryptField(this.config.keyring, row.secretEnc, {
        tenantId: row.tenantId,
        recordId: row.id,
        field: HMAC_SECRET_FIELD,
      });
      key = hmacKey(secret.reveal());
    } else {
      if (!row.publicKeyPem) throw new Error(`signing key ${row.id} has no public key`);
      key = createPublicKey(row.publicKeyPem);
    }
    return {
      keyId: row.id,
      kid: row.kid,
      tenant: row.tenant,
      settings: tenantSettings(row.tenant),
      algorithm,
      key,
    };
  }

  private async fromJwks(kid: string, alg: string): Promise<ResolvedBusinessKey> {
    let rows = await this.keys.findJwksPublishing(kid);
    if (!rows.some((row) => !row.revokedAt) && (await this.refreshStaleJwks())) {
      rows = await this.keys.findJwksPublishing(kid);
    }
    // registration and refresh keep a kid with its first key; rows stored before that rule
    // (or written by a race) still go to the key registered first, never to a later publisher
    const active = rows.filter((row) => !row.revokedAt);
    const first = active.reduce<SigningKeyWithTenant | undefined>(
      (earliest, row) => (!earliest || row.createdAt < earliest.createdAt ? row : earliest),
      undefined,
    );
    // within the owning tenant, its newest registration (rows come newest first)
    const owner = first && active.find((row) => row.tenantId === first.tenantId);
    if (!owner) {
      const revoked = rows[0];
      if (revoked)
        throw denial(
          'key_revoked',
          'the key that signed this token has been revoked',
          subjectOf(kid, revoked),
        );
      throw denial('unknown_key', 'no signing key has this kid', { ...NO_KID, kid });
    }
    return this.fromJwksRow(owner, kid, alg);
  }

  private fromJwksRow(row: SigningKeyWithTenant, kid: string, alg: string): ResolvedBusinessKey {
    const subject = subjectOf(kid, row);
    const entries = (row.jwksCache as { keys?: unknown } | null)?.keys;
    const published = (Array.isArray(entries) ? entries : [])
      .filter((entry: unknown) => (entry as { kid?: unknown } | null)?.kid === kid)
      .map(usableJwk)
      .find((candidate) => candidate !== null);
    if (!published) throw denial('unknown_key', 'no signing key has this kid', subject);
    requireAlgorithm(alg, published.jwk.alg, subject);
    return {
      keyId: row.id,
      kid,
      tenant: row.tenant,
      settings: tenantSettings(row.tenant),
      algorithm: published.jwk.alg,
      key: published.key,
    };
  }

  /** One refresh round at a time in this process; true when some JWKS copy was renewed. */
  private refreshStaleJwks(): Promise<boolean> {
    this.refreshing ??= this.refreshRound().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshRound(): Promise<boolean> {
    const now = new Date();
    const staleBefore = new Date(now.getTime() - JWKS_REFRESH_INTERVAL_MS);
    const stale = await this.keys.staleJwksKeys(staleBefore, MAX_REFRESHES_PER_ROUND);
    const renewed = await Promise.all(
      stale.map(async ({ id, tenantId, jwksUrl }) => {
        if (!jwksUrl || !(await this.keys.claimJwksRefresh(id, staleBefore, now))) return false;
        try {
          const published = await this.fetcher.fetch(jwksUrl);
          const owned = await this.withoutForeignKids(id, tenantId, published);
          await this.keys.saveJwksCache(id, { keys: owned });
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // the copy last fetched stays in use; the admin sees the fetch time in the key list
          this.logger.warn({ keyId: id, reason: error.message }, 'JWKS refresh failed');
          return false;
        }
      }),
    );
    return renewed.some(Boolean);
  }

  /** The published keys minus kids another tenant's active JWKS owns; a clash is audited here. */
  private async withoutForeignKids(
    keyId: string,
    tenantId: string,
    published: PublishedJwk[],
  ): Promise<PublishedJwk[]> {
    const kids = published.map((jwk) => jwk.kid);
    const owners = await this.keys.jwksPublishingElsewhere(tenantId, kids);
    const taken = new Set(owners.flatMap((owner) => cachedKids(owner.jwksCache)));
    const clashing = kids.filter((kid) => taken.has(kid));
    if (clashing.length === 0) return published;
    // the offending tenant's trail only: the owner's id and keys are not its business
    await this.audit.record({
      tenantId,
      actor: { type: 'system', id: null, display: 'jwks-refresh' },
      action: 'key.jwks_kid_ignored',
      target: { type: 'signing_key', id: keyId },
      outcome: 'denied',
      meta: SYSTEM_META,
      details: { kids: clashing, reason: "another tenant's key registered these kids first" },
    });
    this.logger.warn({ keyId, kids: clashing }, 'JWKS publishes kids another tenant owns; ignored');
    return published.filter((jwk) => !taken.has(jwk.kid));
  }
}
